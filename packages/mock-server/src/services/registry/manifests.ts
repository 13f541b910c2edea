// Manifests the registry accepts: OCI image manifests and indexes, Docker schema 2 manifests and
// manifest lists. Parsing checks the shape every client relies on (schemaVersion 2, descriptors
// with a media type, a digest and a size) and names the first thing wrong; whether the blobs and
// manifests a manifest refers to exist is checked by the service against the repository.
import { ANY_DIGEST } from './blobs.js';
import type { Store } from '../../store/store.js';
import { MEDIA_TYPES } from '../../resources/common/media-types.js';
import { manifestOf, type ManifestRecord } from './content.js';
import { manifestInvalid, RegistryError } from './errors.js';

const IMAGE_TYPES: ReadonlySet<string> = new Set([MEDIA_TYPES.ociManifest, MEDIA_TYPES.dockerManifest]);
const INDEX_TYPES: ReadonlySet<string> = new Set([MEDIA_TYPES.ociIndex, MEDIA_TYPES.dockerList]);
const SCHEMA1_TYPES: ReadonlySet<string> = new Set(['application/vnd.docker.distribution.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v1+prettyjws']);
/** Layers whose content lives elsewhere (`urls`): a manifest may name them without the registry holding them. */
const FOREIGN_LAYERS: ReadonlySet<string> = new Set([
  MEDIA_TYPES.dockerForeignLayer,
  'application/vnd.oci.image.layer.nondistributable.v1.tar',
  MEDIA_TYPES.ociForeignLayer,
  'application/vnd.oci.image.layer.nondistributable.v1.tar+zstd',
]);

/** Every manifest media type the registry stores. */
export const MANIFEST_TYPES: readonly string[] = [...IMAGE_TYPES, ...INDEX_TYPES];

export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: { readonly architecture?: string; readonly os?: string; readonly variant?: string };
  /** A layer whose content the registry need not hold (foreign / non-distributable). */
  readonly foreign: boolean;
}

export type ParsedManifest =
  | { readonly kind: 'image'; readonly mediaType: string; readonly config: Descriptor; readonly layers: readonly Descriptor[]; readonly subject?: Descriptor }
  | { readonly kind: 'index'; readonly mediaType: string; readonly manifests: readonly Descriptor[]; readonly subject?: Descriptor };

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function descriptorOf(value: unknown, where: string): Descriptor {
  if (!isObject(value)) throw manifestInvalid(`${where} must be a descriptor object`);
  const { mediaType, digest, size, platform, urls } = value;
  if (typeof mediaType !== 'string' || mediaType === '') throw manifestInvalid(`${where}.mediaType must be a non-empty string`);
  if (typeof digest !== 'string' || !ANY_DIGEST.test(digest)) throw manifestInvalid(`${where}.digest must be a digest (algorithm:encoded)`);
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw manifestInvalid(`${where}.size must be a non-negative integer`);
  let plat: Descriptor['platform'];
  if (platform !== undefined) {
    if (!isObject(platform) || typeof platform.architecture !== 'string' || typeof platform.os !== 'string') {
      throw manifestInvalid(`${where}.platform must have string architecture and os`);
    }
    plat = { architecture: platform.architecture, os: platform.os, ...(typeof platform.variant === 'string' ? { variant: platform.variant } : {}) };
  }
  const foreign = FOREIGN_LAYERS.has(mediaType) && Array.isArray(urls) && urls.length > 0;
  return { mediaType, digest, size, foreign, ...(plat === undefined ? {} : { platform: plat }) };
}

/**
 * The manifest in `bytes`, sent with `contentType` (a header value, or undefined). The media type
 * is the header's when it names a manifest type, else the body's `mediaType`, else (OCI allows
 * leaving it out) what the body's shape says; header and body must not disagree.
 */
export function parseManifest(bytes: Buffer, contentType: string | undefined): ParsedManifest {
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw manifestInvalid('the manifest is not valid JSON');
  }
  if (!isObject(body)) throw manifestInvalid('the manifest must be a JSON object');
  const header = contentType?.split(';')[0].trim().toLowerCase();
  const declared = typeof body.mediaType === 'string' ? body.mediaType : undefined;
  if (body.mediaType !== undefined && declared === undefined) throw manifestInvalid('mediaType must be a string');
  for (const type of [header, declared]) {
    if (type !== undefined && SCHEMA1_TYPES.has(type)) throw new RegistryError(415, 'UNSUPPORTED', 'Docker image manifest schema 1 is not supported: push schema 2 or OCI');
  }
  const headerNamesManifest = header !== undefined && (IMAGE_TYPES.has(header) || INDEX_TYPES.has(header));
  if (headerNamesManifest && declared !== undefined && declared !== header) throw manifestInvalid(`the body's mediaType (${declared}) is not the Content-Type (${header})`);
  const mediaType = headerNamesManifest ? header : (declared ?? (Array.isArray(body.manifests) ? MEDIA_TYPES.ociIndex : isObject(body.config) ? MEDIA_TYPES.ociManifest : undefined));
  if (mediaType === undefined || !(IMAGE_TYPES.has(mediaType) || INDEX_TYPES.has(mediaType))) {
    throw new RegistryError(415, 'UNSUPPORTED', `unsupported manifest media type; supported: ${MANIFEST_TYPES.join(', ')}`);
  }
  if (body.schemaVersion !== 2) throw manifestInvalid('schemaVersion must be 2');
  const subject = body.subject === undefined ? undefined : descriptorOf(body.subject, 'subject');
  if (IMAGE_TYPES.has(mediaType)) {
    if (!Array.isArray(body.layers)) throw manifestInvalid('an image manifest has a layers array');
    const config = descriptorOf(body.config, 'config');
    const layers = body.layers.map((layer, i) => descriptorOf(layer, `layers[${i}]`));
    return { kind: 'image', mediaType, config, layers, ...(subject === undefined ? {} : { subject }) };
  }
  if (!Array.isArray(body.manifests)) throw manifestInvalid('an index has a manifests array');
  const manifests = body.manifests.map((m, i) => descriptorOf(m, `manifests[${i}]`));
  return { kind: 'index', mediaType, manifests, ...(subject === undefined ? {} : { subject }) };
}

/** The platform an index's tag stands for in the API (linux/amd64 when there is one, else the first). */
export function primaryOf(manifests: readonly Descriptor[]): Descriptor | undefined {
  return manifests.find((m) => m.platform?.os === 'linux' && m.platform.architecture === 'amd64') ?? manifests.find((m) => m.platform !== undefined) ?? manifests[0];
}

export type ImageManifest = Extract<ParsedManifest, { kind: 'image' }>;

/**
 * The image manifest the registry holds under `digest` in a repository, as pushed; for an index,
 * the image it stands for in the API (primaryOf), down nested indexes. Undefined when the
 * repository holds no such manifest (an image that exists only in the API).
 */
export function imageManifestOf(store: Store, repoId: string, digest: string): ImageManifest | undefined {
  let current: string | undefined = digest;
  // Content addressing rules out cycles: an index cannot name itself or an index that names it.
  while (current !== undefined) {
    const record = manifestOf(store, repoId, current);
    if (record === undefined) return undefined;
    const parsed = parseManifest(Buffer.from(record.content, 'base64'), record.mediaType);
    if (parsed.kind === 'image') return parsed;
    current = primaryOf(parsed.manifests)?.digest;
  }
  return undefined;
}

export interface ImageFacts {
  readonly architecture: string;
  readonly os: string;
  readonly created: number | undefined;
  /** The Dockerfile instruction and command of each non-empty layer, oldest first, from the config's history. */
  readonly history: readonly { readonly instruction: string; readonly command: string }[];
}

/** What the API shows of an image, from its config blob (a config that is not an image config gives defaults). */
export function imageFactsOf(config: Buffer | undefined): ImageFacts {
  let body: unknown;
  try {
    body = config === undefined ? undefined : JSON.parse(config.toString('utf8'));
  } catch {
    body = undefined;
  }
  const facts = isObject(body) ? body : {};
  const created = typeof facts.created === 'string' ? Date.parse(facts.created) : NaN;
  const history = Array.isArray(facts.history) ? facts.history : [];
  return {
    architecture: typeof facts.architecture === 'string' ? facts.architecture : 'amd64',
    os: typeof facts.os === 'string' ? facts.os : 'linux',
    created: Number.isFinite(created) ? created : undefined,
    history: history
      .filter((entry): entry is Record<string, unknown> => isObject(entry) && entry.empty_layer !== true)
      .map((entry) => instructionOf(typeof entry.created_by === 'string' ? entry.created_by : '')),
  };
}

/** `/bin/sh -c #(nop) COPY file:ab in /app` -> COPY; `RUN /bin/sh -c make # buildkit` -> RUN; `/bin/sh -c make` -> RUN. */
function instructionOf(createdBy: string): { instruction: string; command: string } {
  const text = createdBy.trim();
  const nop = /^\/bin\/sh -c #\(nop\)\s+([A-Z]+)\s*(.*)$/s.exec(text);
  if (nop) return { instruction: nop[1], command: nop[2] };
  const word = /^([A-Z]+)\s+(.*)$/s.exec(text);
  if (word) return { instruction: word[1], command: word[2] };
  return { instruction: 'RUN', command: text };
}

export interface ReferrerDescriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly artifactType?: string;
  readonly annotations?: Readonly<Record<string, string>>;
}

/**
 * A manifest as the referrers API lists it: its artifactType is the manifest's own, else (an image
 * manifest) its config's media type; its annotations are copied.
 */
export function referrerOf(manifest: ManifestRecord): ReferrerDescriptor {
  const body = JSON.parse(Buffer.from(manifest.content, 'base64').toString('utf8')) as Record<string, unknown>;
  const config = isObject(body.config) ? body.config : undefined;
  const artifactType = typeof body.artifactType === 'string' ? body.artifactType : typeof config?.mediaType === 'string' ? config.mediaType : undefined;
  const annotations = isObject(body.annotations) ? (body.annotations as Record<string, string>) : undefined;
  return {
    mediaType: manifest.mediaType,
    digest: manifest.digest,
    size: manifest.size,
    ...(artifactType === undefined ? {} : { artifactType }),
    ...(annotations === undefined ? {} : { annotations }),
  };
}
