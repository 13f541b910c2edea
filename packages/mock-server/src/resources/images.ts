// Chapters 12 and 13: the images (tags) of a repository, their layers and manifests, and security
// scans. Tags come from pushes (the seed's fixtures, finished builds: push.ts). ListRepoTag lists
// the most recently updated first (ImageUpdate descending, then Tag). GetRepoTagManifest answers
// schema 2 by default and schema 1 (with FsLayers, History and a signature) when asked.
import { createHash } from 'node:crypto';
import type { Manifest, ManifestDescriptor, ManifestFsLayer, ManifestHistory } from '../generated/index.js';
import type { Handlers, ItemOf, RequestContext, Result } from './context.js';
import { settleBuilds } from './build-records.js';
import { readSettings } from './common/config.js';
import { requireInstance, requireRepo, requireTag, type InstanceRequest } from './common/lookup.js';
import { page, sortBy } from './common/paging.js';
import { COLLECTIONS, key, prefix } from './common/collections.js';
import type { RepositoryRecord } from './repositories.js';
import { invalidParameter } from './common/errors.js';
import { MEDIA_TYPE } from './push.js';

export interface BlobRecord {
  mediaType: string;
  digest: string; // sha256:<64 hex>
  size: number;
}

export interface LayerRecord extends BlobRecord {
  instruction: string;
  command: string;
}

export interface TagRecord {
  RepoId: string;
  Tag: string;
  Digest: string; // manifest digest, 64 hex without `sha256:` (as ListRepoTag returns it)
  ImageId: string; // config digest, 64 hex
  Status: string;
  ImageSize: number;
  ImageCreate: number;
  ImageUpdate: number;
  architecture: string;
  os: string;
  config: BlobRecord;
  layers: LayerRecord[];
}

export interface ScanRecord {
  RepoId: string;
  Tag: string;
  digest: string;
  createTime: number;
  scanMs: number;
}

/** The repository of the request, with the images of its finished builds pushed. */
function repoOf(context: InstanceRequest & RequestContext<{ readonly RepoId: string }>): RepositoryRecord {
  const repo = requireRepo(context, requireInstance(context).InstanceId);
  settleBuilds(context, repo);
  return repo;
}

function tagItem(tag: TagRecord): ItemOf<'ListRepoTag', 'Images'> {
  const { Tag, Digest, ImageId, Status, ImageSize, ImageCreate, ImageUpdate } = tag;
  return { Tag, Digest, ImageId, Status, ImageSize, ImageCreate, ImageUpdate };
}

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

function descriptor(blob: BlobRecord): ManifestDescriptor {
  return { MediaType: blob.mediaType, Size: blob.size, Digest: blob.digest };
}

function manifestV2(tag: TagRecord): Manifest {
  return { SchemaVersion: 2, MediaType: MEDIA_TYPE.manifest, Config: descriptor(tag.config), Layers: tag.layers.map(descriptor) };
}

// Schema 1 lists layers newest first, with one history entry per layer and a JWS signature; the
// signature here is a stable stand-in, not a verifiable one.
function manifestV1(repo: RepositoryRecord, tag: TagRecord): Manifest {
  const newestFirst = [...tag.layers].reverse();
  const ids = newestFirst.map((l) => createHash('sha256').update(`v1:${l.digest}`).digest('hex'));
  const created = new Date(tag.ImageCreate).toISOString();
  const History = newestFirst.map((layer, i): ManifestHistory => ({
    V1Compatibility: {
      id: ids[i],
      ...(i + 1 < ids.length ? { parent: ids[i + 1] } : {}),
      created,
      ...(i === 0 ? { architecture: tag.architecture, os: tag.os } : {}),
      container_config: { Cmd: ['/bin/sh', '-c', `#(nop) ${layer.instruction} ${layer.command}`] },
    },
  }));
  const payload = createHash('sha256').update(`${repo.RepoId}:${tag.Tag}:${tag.Digest}`).digest();
  return {
    SchemaVersion: 1,
    Name: `${repo.RepoNamespaceName}/${repo.RepoName}`,
    Tag: tag.Tag,
    Architecture: tag.architecture,
    FsLayers: newestFirst.map((l): ManifestFsLayer => ({ BlobSum: l.digest })),
    History,
    Signatures: [
      {
        Header: { jwk: { crv: 'P-256', kid: payload.subarray(0, 12).toString('hex').toUpperCase(), kty: 'EC' }, alg: 'ES256' },
        Signature: payload.toString('base64url'),
        Protected: base64url(JSON.stringify({ formatLength: 0, formatTail: 'fQ', time: created })),
      },
    ],
  };
}

export const imageHandlers: Pick<Handlers, 'ListRepoTag' | 'DeleteRepoTag' | 'GetRepoTagLayers' | 'GetRepoTagManifest' | 'CreateRepoTagScanTask'> = {
  ListRepoTag(context): Result<'ListRepoTag'> {
    const repo = repoOf(context);
    const tags = context.store.list<TagRecord>(COLLECTIONS.tags, prefix(repo.RepoId));
    const { paging, items } = page(context, sortBy(tags, (t) => [-t.ImageUpdate, t.Tag]));
    return { ...paging, Images: items.map(tagItem) };
  },

  DeleteRepoTag(context): Result<'DeleteRepoTag'> {
    const repo = repoOf(context);
    const tag = requireTag(context, repo, context.params.Tag);
    context.store.delete(COLLECTIONS.tags, key(repo.RepoId, tag.Tag));
    context.store.delete(COLLECTIONS.scans, key(repo.RepoId, tag.Tag));
    return {};
  },

  // LayerIndex counts from 0, the base layer.
  GetRepoTagLayers(context): Result<'GetRepoTagLayers'> {
    const repo = repoOf(context);
    const tag = requireTag(context, repo, context.params.Tag);
    return {
      Layers: tag.layers.map((layer, index): ItemOf<'GetRepoTagLayers', 'Layers'> => ({
        BlobDigest: layer.digest,
        BlobSize: layer.size,
        LayerInstruction: layer.instruction,
        LayerCMD: layer.command,
        LayerIndex: index,
      })),
    };
  },

  GetRepoTagManifest(context): Result<'GetRepoTagManifest'> {
    const repo = repoOf(context);
    const tag = requireTag(context, repo, context.params.Tag);
    const version = context.params.SchemaVersion ?? 2;
    if (version !== 1 && version !== 2) throw invalidParameter('SchemaVersion', 'valid values: 1, 2');
    return { Tag: tag.Tag, Manifest: version === 1 ? manifestV1(repo, tag) : manifestV2(tag) };
  },

  // A scan of the tag's current image. Asking again while the same image is being scanned does not
  // start another; a new image (or a finished scan) starts a new one.
  CreateRepoTagScanTask(context): Result<'CreateRepoTagScanTask'> {
    const repo = repoOf(context);
    const tag = requireTag(context, repo, context.params.Tag);
    const scanKey = key(repo.RepoId, tag.Tag);
    const current = context.store.get<ScanRecord>(COLLECTIONS.scans, scanKey);
    const running = current !== undefined && current.digest === tag.Digest && context.now < current.createTime + current.scanMs;
    if (!running) {
      const scan: ScanRecord = { RepoId: repo.RepoId, Tag: tag.Tag, digest: tag.Digest, createTime: context.now, scanMs: readSettings(context.store).timings.scanMs };
      context.store.put(COLLECTIONS.scans, scanKey, scan);
    }
    return {};
  },
};
