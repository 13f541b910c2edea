// The accelerated image an artifact build task (resources/artifact-builds.ts) pushes, as registry
// content derived from its source manifest. No source says what the service's accelerated images
// hold (resources README, artifact building): the mock's is an OCI image manifest with the source's
// config and layer blobs, relabelled with their OCI media types (the bytes are the same, so no
// blob is made or copied), and an annotation naming the source manifest's digest. An index becomes
// an OCI index of its images' accelerated manifests. Everything is derived from the source's bytes
// alone, so the same source gives the same digest in every repository and every run.
import { createHash } from 'node:crypto';
import type { Store } from '../../store/store.js';
import { manifestOf, putManifest } from './content.js';
import { MEDIA_TYPES, relabelled } from '../../resources/common/media-types.js';
import { parseManifest } from './manifests.js';

/** The annotation that names the manifest (`sha256:<hex>`) an accelerated manifest was made from. */
export const ACCELERATED_SOURCE_ANNOTATION = 'dev.acr-ee.mock.accelerated.source-digest';

export interface AcceleratedManifest {
  /** `sha256:<hex>` of the accelerated manifest. */
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
}

type Json = Record<string, unknown>;
/** A descriptor of the source's body as pushed (parseManifest checked its mediaType), with every field it has. */
type JsonDescriptor = Json & { readonly mediaType: string };

/**
 * Stores in repository `repoId` the accelerated manifest of its manifest `sourceDigest` (and of
 * the images an index lists) and returns it; undefined when the repository does not hold the
 * source (an image in the API only). Call inside a transaction.
 */
export function storeAccelerated(store: Store, repoId: string, sourceDigest: string, now: number): AcceleratedManifest | undefined {
  const source = manifestOf(store, repoId, sourceDigest);
  if (source === undefined) return undefined;
  const bytes = Buffer.from(source.content, 'base64');
  const parsed = parseManifest(bytes, source.mediaType);
  const body = JSON.parse(bytes.toString('utf8')) as Json;
  const annotations = { ...(body.annotations as Json | undefined), [ACCELERATED_SOURCE_ANNOTATION]: sourceDigest };
  let accelerated: Json;
  if (parsed.kind === 'image') {
    accelerated = { ...body, mediaType: MEDIA_TYPES.ociManifest, config: relabelled(body.config as JsonDescriptor), layers: (body.layers as JsonDescriptor[]).map(relabelled), annotations };
  } else {
    // A child the repository does not hold (none: an index is accepted only with its children) stays as listed.
    const manifests = (body.manifests as Json[]).map((child) => {
      const made = storeAccelerated(store, repoId, String(child.digest), now);
      return made === undefined ? child : { ...child, mediaType: made.mediaType, digest: made.digest, size: made.size };
    });
    accelerated = { ...body, mediaType: MEDIA_TYPES.ociIndex, manifests, annotations };
  }
  const content = Buffer.from(JSON.stringify(accelerated));
  const digest = `sha256:${createHash('sha256').update(content).digest('hex')}`;
  const mediaType = String(accelerated.mediaType);
  if (manifestOf(store, repoId, digest) === undefined) {
    const subject = parsed.subject === undefined ? {} : { subject: parsed.subject.digest };
    putManifest(store, repoId, { repoId, digest, mediaType, size: content.length, content: content.toString('base64'), ...subject, pushedAt: now });
  }
  return { digest, mediaType, size: content.length };
}
