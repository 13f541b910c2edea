// Chapters 12 and 13: the images (tags) of a repository, their layers and manifests, copies of a
// tag, and the start of security scans (scans.ts reads them). Tags come from pushes (the seed's
// fixtures, finished builds: push.ts) and copies (CreateRepoTag). ListRepoTag lists
// the most recently updated first (ImageUpdate descending, then Tag). GetRepoTagManifest answers
// schema 2 by default (the manifest the registry holds, as pushed) and schema 1 (with FsLayers,
// History and a signature) when asked.
import { createHash } from 'node:crypto';
import type { Manifest, ManifestDescriptor, ManifestFsLayer, ManifestHistory } from '../generated/index.js';
import type { Handlers, ItemOf, RequestContext, Result } from './context.js';
import { settleRepository } from './settle.js';
import { findRepoByName, requireInstance, requireNamespace, requireRepo, requireTag, type InstanceRequest } from './common/lookup.js';
import { checkTag } from './common/names.js';
import { page, sortBy } from './common/paging.js';
import { COLLECTIONS, key, prefix } from './common/collections.js';
import { tagsImmutable, type RepositoryRecord } from './repositories.js';
import { conflict, invalidParameter, notFound } from './common/errors.js';
import { storeTag } from './push.js';
import { digestHex, startScan } from './scans.js';
import { nonEmpty } from './common/params.js';
import { imageManifestOf } from '../services/registry/manifests.js';
import { MEDIA_TYPES } from './common/media-types.js';

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

/** The repository of the request, with the images of its finished builds pushed. */
function repoOf(context: InstanceRequest & RequestContext<{ readonly RepoId: string }>): RepositoryRecord {
  const repo = requireRepo(context, requireInstance(context).InstanceId);
  settleRepository(context, repo);
  return repo;
}

function tagItem(tag: TagRecord): ItemOf<'ListRepoTag', 'Images'> {
  const { Tag, Digest, ImageId, Status, ImageSize, ImageCreate, ImageUpdate } = tag;
  return { Tag, Digest, ImageId, Status, ImageSize, ImageCreate, ImageUpdate };
}

const base64url = (text: string): string => Buffer.from(text).toString('base64url');

/** A config or layer in the API's shape: a blob of the tag's record, or of the manifest the registry holds. */
function descriptor(blob: { readonly mediaType: string; readonly size: number; readonly digest: string }): ManifestDescriptor {
  return { MediaType: blob.mediaType, Size: blob.size, Digest: blob.digest };
}

// Schema 2 is the manifest the registry holds for the tag, as pushed: its own media type, and its
// config and layers with theirs. The response has no field for an index's manifests (README,
// Decisions), so an index's tag answers the image it stands for in the API. A tag the registry
// holds nothing for (an image that exists only in the API) is described from its record, in the
// family of its config's media type.
function manifestV2(context: RequestContext, repo: RepositoryRecord, tag: TagRecord): Manifest {
  const held = imageManifestOf(context.store, repo.RepoId, `sha256:${tag.Digest}`);
  if (held !== undefined) return { SchemaVersion: 2, MediaType: held.mediaType, Config: descriptor(held.config), Layers: held.layers.map(descriptor) };
  const mediaType = tag.config.mediaType.startsWith('application/vnd.oci.') ? MEDIA_TYPES.ociManifest : MEDIA_TYPES.dockerManifest;
  return { SchemaVersion: 2, MediaType: mediaType, Config: descriptor(tag.config), Layers: tag.layers.map(descriptor) };
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

export const imageHandlers = {
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

  // LayerIndex counts from 0, the base layer. Digest, when given, must be the image the tag names
  // (CURATION L-22), so a caller never reads the layers of an image it did not mean.
  GetRepoTagLayers(context): Result<'GetRepoTagLayers'> {
    const repo = repoOf(context);
    const tag = requireTag(context, repo, context.params.Tag);
    const digest = nonEmpty(context.params.Digest);
    if (digest !== undefined && digestHex('Digest', digest) !== tag.Digest) {
      throw invalidParameter('Digest', `tag ${tag.Tag} names another image (sha256:${tag.Digest})`);
    }
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
    return { Tag: tag.Tag, Manifest: version === 1 ? manifestV1(repo, tag) : manifestV2(context, repo, tag) };
  },

  CreateRepoTagScanTask(context): Result<'CreateRepoTagScanTask'> {
    const repo = repoOf(context);
    startScan(context, repo, requireTag(context, repo, context.params.Tag), { digest: context.params.Digest, service: context.params.ScanService });
    return {};
  },

  GetRepoTag(context): Result<'GetRepoTag'> {
    const repo = repoOf(context);
    return tagItem(requireTag(context, repo, context.params.Tag));
  },

  // The repository is named by namespace and name. The copy is a push of the same image under
  // ToTag: an existing ToTag moves to it (unless the repository's tags are immutable and it names
  // another image), ImageUpdate is now, and automatic sync rules see it.
  CreateRepoTag(context): Result<'CreateRepoTag'> {
    const instance = requireInstance(context);
    const { NamespaceName: namespace, RepoName: name } = context.params;
    requireNamespace(context, instance.InstanceId, namespace);
    const repo = findRepoByName(context, instance.InstanceId, namespace, name);
    if (!repo) throw notFound('REPO', `repository ${namespace}/${name}`);
    settleRepository(context, repo);
    const from = requireTag(context, repo, context.params.FromTag);
    const to = checkTag('ToTag', context.params.ToTag);
    const existing = context.store.get<TagRecord>(COLLECTIONS.tags, key(repo.RepoId, to));
    if (tagsImmutable(repo) && existing !== undefined && existing.Digest !== from.Digest) {
      throw conflict('TAG_IMMUTABLE', `the tags of repository ${namespace}/${name} are immutable: tag ${to} already names another image`);
    }
    storeTag(context, repo, { ...from, Tag: to, ImageUpdate: context.now });
    return {};
  },
} satisfies Partial<Handlers>;
