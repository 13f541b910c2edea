// Pushing an image: what `docker push` would do to the state, for the seed's fixtures and for
// images that builds produce. The namespace must exist; a repository that does not is created when
// the namespace has AutoCreateRepo on (with the namespace's default type and configuration), and refused with
// REPO_NOT_EXIST otherwise. Pushing an existing tag replaces its image. Every PASSIVE
// (automatic) synchronization rule that covers the image starts a task, every delivery chain a run,
// an AUTO scan rule a scan, an artifact build rule of the repository the build of its accelerated
// image.
//
// A fixture that pins no digest, no size and no layer media type is real content: the image it
// describes (one small layer per fixture layer, services/registry/synthetic.ts) is stored in the
// repository's registry in the same transaction as the tag, and the tag's digests and sizes are
// that content's, so the registry serves it. A fixture that pins a digest (manifest, config or
// layer), a size (config or layer) or a layer's media type describes an image no small content
// has: its tag is in the API only, and the registry answers MANIFEST_UNKNOWN for it.
import { described, invalidParameter, notFound } from './common/errors.js';
import { hex64 } from './common/ids.js';
import { MEDIA_TYPES } from './common/media-types.js';
import { findRepoByName, requireNamespace } from './common/lookup.js';
import { checkName, checkTag } from './common/names.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import type { BlobRecord, LayerRecord, TagRecord } from './images.js';
import type { InstanceRecord } from './instances.js';
import type { RepositoryRecord } from './repositories.js';
import type { SyncRuleRecord } from './sync.js';
import { createRepository, pushedRepository } from './repositories.js';
import { createSyncTask, ruleCovers } from './sync-engine.js';
import { scanOnPush } from './scan-rules.js';
import { buildArtifactOnPush } from './artifact-builds.js';
import { startChainRuns } from './chains.js';
import { storeImage, type ImageRecipe } from '../services/registry/synthetic.js';

/** One layer of an image fixture. Every field is optional. */
export interface LayerFixture {
  /**
   * Compressed size in bytes. Giving it (or any digest) makes the image metadata only (see the
   * header), and then every layer must give it.
   */
  readonly size?: number;
  /** `sha256:<64 hex>` (or the 64 hex digits); derived from the image and position when absent. */
  readonly digest?: string;
  readonly mediaType?: string;
  /** The Dockerfile instruction that made the layer (`COPY`); default `ADD` for the first, `RUN` after. */
  readonly instruction?: string;
  /** The command of that instruction; a plausible one by default. */
  readonly command?: string;
}

/** An image pushed under a tag. Only `tag` is required: everything else has a stable default. */
export interface ImageFixture {
  readonly tag: string;
  /** Default: two layers (`ADD`, then `RUN`). */
  readonly layers?: readonly LayerFixture[];
  /** The image config blob; its digest is the image ID. */
  readonly config?: { readonly size?: number; readonly digest?: string };
  /** The manifest digest; by default the SHA-256 of the (schema 2) manifest the fixture describes. */
  readonly digest?: string;
  readonly architecture?: string;
  readonly os?: string;
  /** When the image was built (ms); default the time of the push. */
  readonly createdAt?: number;
  /** Default `NORMAL`. */
  readonly status?: string;
}

export interface Push {
  readonly instance: InstanceRecord;
  readonly namespace: string;
  readonly repository: string;
  readonly image: ImageFixture;
}

function digestOf(param: string, value: string | undefined, fallback: string): string {
  if (value === undefined) return `sha256:${fallback}`;
  const hex = value.startsWith('sha256:') ? value.slice(7) : value;
  if (!/^[0-9a-f]{64}$/.test(hex)) throw invalidParameter(param, `it must be a sha256 digest (64 lower-case hex digits, optionally after 'sha256:'); ${described(value)}`);
  return `sha256:${hex}`;
}

/** The command of a fixture layer after the first that names none (the first adds the image's file). */
const runCommand = (index: number) => `/bin/sh -c make layer-${index} # buildkit`;

function layersOf(image: ImageFixture, origin: string): LayerRecord[] {
  // A fixture that pins only a digest keeps the layers fixtures had before they could be real content.
  return (image.layers ?? [{ size: 2_814_446 }, { size: 1_207_563 }]).map((layer, index) => {
    if (layer.size === undefined || !Number.isSafeInteger(layer.size) || layer.size < 0) {
      throw invalidParameter('layers.size', `a layer size is a non-negative integer, and every layer of an image that gives ${pinnedBy(image)} gives its size`);
    }
    const instruction = layer.instruction ?? (index === 0 ? 'ADD' : 'RUN');
    const digest = digestOf('layers.digest', layer.digest, hex64(`layer:${origin}:${index}`));
    const command = layer.command ?? (index === 0 ? `file:${digest.slice(7, 23)} in /` : runCommand(index));
    return { mediaType: layer.mediaType ?? MEDIA_TYPES.dockerLayer, digest, size: layer.size, instruction, command };
  });
}

/** What a fixture pins that real content would decide (the first such field), if anything. */
export function pinnedBy(image: ImageFixture): string | undefined {
  if (image.digest !== undefined) return 'digest';
  if (image.config?.digest !== undefined) return 'config.digest';
  if (image.config?.size !== undefined) return 'config.size';
  for (const [index, layer] of (image.layers ?? []).entries()) {
    const field = (['size', 'digest', 'mediaType'] as const).find((f) => layer[f] !== undefined);
    if (field !== undefined) return `layers[${index}].${field}`;
  }
  return undefined;
}

/** What a pushed image's content says it comes from. */
export function originOf(instanceId: string, namespace: string, repository: string, tag: string): string {
  return `${instanceId}/${namespace}/${repository}:${tag}`;
}

/** The image a fixture that pins nothing describes (synthetic.ts makes its bytes). */
export function recipeOf(origin: string, image: ImageFixture): ImageRecipe {
  // Unless the fixture says otherwise, the first layer adds the image's file, the others run a command.
  const layers = (image.layers ?? [{}, {}]).map((layer, index) => ({
    instruction: layer.instruction ?? (index === 0 ? undefined : 'RUN'),
    command: layer.command ?? (index === 0 ? undefined : runCommand(index)),
  }));
  const platform = `${image.os ?? 'linux'}/${image.architecture ?? 'amd64'}`;
  return { origin, platform, ...(image.createdAt === undefined ? {} : { created: image.createdAt }), layers };
}

/**
 * Stores the image a fixture that pins nothing describes in repository `repoId` (call inside a
 * transaction) and returns its tag record, which describes that content.
 */
function realTagRecordOf(context: StateContext, repoId: string, origin: string, image: ImageFixture): TagRecord {
  const architecture = image.architecture ?? 'amd64';
  const os = image.os ?? 'linux';
  const stored = storeImage(context.store, repoId, recipeOf(origin, image), context.now);
  const layers: LayerRecord[] = stored.layers.map((layer, index) => ({ ...layer, ...stored.history[index] }));
  return {
    RepoId: repoId,
    Tag: image.tag,
    Digest: stored.digest.slice(7),
    ImageId: stored.config.digest.slice(7),
    Status: image.status ?? 'NORMAL',
    ImageSize: stored.config.size + layers.reduce((sum, l) => sum + l.size, 0),
    ImageCreate: image.createdAt ?? context.now,
    ImageUpdate: context.now,
    architecture,
    os,
    config: stored.config,
    layers,
  };
}

/** The tag record a fixture that pins a digest or a size describes (digests derived when absent); nothing is stored. */
export function tagRecordOf(repoId: string, origin: string, image: ImageFixture, now: number): TagRecord {
  const layers = layersOf(image, origin);
  const architecture = image.architecture ?? 'amd64';
  const os = image.os ?? 'linux';
  const configDefault = hex64(JSON.stringify({ architecture, os, rootfs: layers.map((l) => l.digest) }));
  const config: BlobRecord = {
    mediaType: MEDIA_TYPES.dockerConfig,
    digest: digestOf('config.digest', image.config?.digest, configDefault),
    size: image.config?.size ?? 1_469 + 64 * layers.length,
  };
  const manifest = { schemaVersion: 2, mediaType: MEDIA_TYPES.dockerManifest, config, layers: layers.map(({ mediaType, size, digest }) => ({ mediaType, size, digest })) };
  return {
    RepoId: repoId,
    Tag: image.tag,
    Digest: digestOf('digest', image.digest, hex64(JSON.stringify(manifest))).slice(7),
    ImageId: config.digest.slice(7),
    Status: image.status ?? 'NORMAL',
    ImageSize: config.size + layers.reduce((sum, l) => sum + l.size, 0),
    ImageCreate: image.createdAt ?? now,
    ImageUpdate: now,
    architecture,
    os,
    config,
    layers,
  };
}

/** Pushes an image (see the header); returns the tag as stored. */
export function pushImage(context: StateContext, push: Push): TagRecord {
  const { instance } = push;
  const namespace = requireNamespace(context, instance.InstanceId, push.namespace);
  checkTag('Tag', push.image.tag);
  checkName('RepoName', push.repository);
  let repo = findRepoByName(context, instance.InstanceId, push.namespace, push.repository);
  if (!repo) {
    if (!namespace.AutoCreateRepo) throw notFound('REPO', `repository ${push.namespace}/${push.repository}`);
    repo = createRepository(context, pushedRepository(instance, namespace, push.repository));
  }
  const origin = originOf(instance.InstanceId, push.namespace, push.repository, push.image.tag);
  const tag = pinnedBy(push.image) === undefined ? realTagRecordOf(context, repo.RepoId, origin, push.image) : tagRecordOf(repo.RepoId, origin, push.image, context.now);
  storeTag(context, repo, tag);
  return tag;
}

/**
 * Stores a pushed (or copied) tag, starts a task for every PASSIVE (automatic) sync rule that covers
 * it, a scan when an AUTO scan rule covers it, a run of every delivery chain that covers it, and the
 * build of its accelerated image when the repository has an artifact build rule.
 */
export function storeTag(context: StateContext, repo: RepositoryRecord, tag: TagRecord): void {
  context.store.put(COLLECTIONS.tags, key(repo.RepoId, tag.Tag), tag);
  scanOnPush(context, repo, tag);
  buildArtifactOnPush(context, repo, tag);
  for (const rule of context.store.list<SyncRuleRecord>(COLLECTIONS.syncRules, prefix(repo.InstanceId))) {
    if (rule.SyncTrigger === 'PASSIVE' && ruleCovers(rule, repo, tag.Tag)) createSyncTask(context, rule, repo, tag, 'PASSIVE');
  }
  startChainRuns(context, repo, tag);
}
