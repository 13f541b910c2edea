// Garbage collection of registry content: what nothing refers to any more goes, from the store and
// from the blob content. Per repository, a mark and sweep over its manifests:
//
// - kept (roots): manifests a tag points at, manifests pushed within the grace period (an
//   index's images and a tag's artifacts are pushed before what refers to them), and the sources
//   of artifact build tasks whose accelerated image is not pushed yet (it is made from them);
// - kept (marked): the manifests a kept index lists, and the referrers of a kept manifest (their
//   subject keeps them), to a fixed point;
// - swept: every other manifest; then the repository's blob links that no kept manifest names
//   (config, layers) and that were linked before the grace period;
// - repositories deleted through the API lose all their manifests and links.
//
// A blob no repository links any more loses its record and its content. The grace period is on the
// server's clock, so a test moves past it with `clock.advance`.
import type { Store } from '../../store/store.js';
import { COLLECTIONS, prefix } from '../../resources/common/collections.js';
import type { TagRecord } from '../../resources/images.js';
import { sourcesInBuild } from '../../resources/artifact-builds.js';
import { REGISTRY_COLLECTIONS, type BlobRecord, type LinkRecord, type ManifestRecord } from './content.js';
import { parseManifest } from './manifests.js';

export const GC_GRACE_MS = 60 * 60 * 1000;

export interface GcResult {
  readonly manifests: number;
  readonly links: number;
  /** Digests of blobs no repository holds any more: their content is to be removed. */
  readonly blobs: readonly string[];
}

const repoIdOfKey = (manifestOrLink: string): string => manifestOrLink.slice(0, manifestOrLink.indexOf('/'));

/** Sweeps the store (call inside a transaction); returns what went. */
export function collectGarbage(store: Store, now: number): GcResult {
  const manifestsByRepo = new Map<string, ManifestRecord[]>();
  for (const [key, manifest] of entries<ManifestRecord>(store, REGISTRY_COLLECTIONS.manifests)) {
    const repoId = repoIdOfKey(key);
    manifestsByRepo.set(repoId, [...(manifestsByRepo.get(repoId) ?? []), manifest]);
  }
  const linksByRepo = new Map<string, LinkRecord[]>();
  for (const [key, link] of entries<LinkRecord>(store, REGISTRY_COLLECTIONS.links)) {
    const repoId = repoIdOfKey(key);
    linksByRepo.set(repoId, [...(linksByRepo.get(repoId) ?? []), link]);
  }
  let manifestsSwept = 0;
  let linksSwept = 0;
  for (const repoId of new Set([...manifestsByRepo.keys(), ...linksByRepo.keys()])) {
    const exists = store.get<string>(COLLECTIONS.repositoryIds, repoId) !== undefined;
    const manifests = manifestsByRepo.get(repoId) ?? [];
    const kept = exists ? markManifests(store, repoId, manifests, now) : new Set<string>();
    const referenced = new Set<string>();
    for (const manifest of manifests) {
      if (!kept.has(manifest.digest)) {
        store.delete(REGISTRY_COLLECTIONS.manifests, `${repoId}/${manifest.digest}`);
        manifestsSwept++;
        continue;
      }
      const parsed = parsedOf(manifest);
      if (parsed?.kind === 'image') for (const d of [parsed.config, ...parsed.layers]) referenced.add(d.digest);
    }
    for (const link of linksByRepo.get(repoId) ?? []) {
      const recent = exists && now - (link.linkedAt ?? 0) < GC_GRACE_MS;
      if (referenced.has(link.digest) || recent) continue;
      store.delete(REGISTRY_COLLECTIONS.links, `${repoId}/${link.digest}`);
      linksSwept++;
    }
  }
  const linked = new Set(store.list<LinkRecord>(REGISTRY_COLLECTIONS.links).map((l) => l.digest));
  const blobs: string[] = [];
  for (const blob of store.list<BlobRecord>(REGISTRY_COLLECTIONS.blobs)) {
    if (linked.has(blob.digest)) continue;
    store.delete(REGISTRY_COLLECTIONS.blobs, blob.digest);
    blobs.push(blob.digest);
  }
  return { manifests: manifestsSwept, links: linksSwept, blobs };
}

function markManifests(store: Store, repoId: string, manifests: readonly ManifestRecord[], now: number): Set<string> {
  const kept = new Set<string>();
  for (const tag of store.list<TagRecord>(COLLECTIONS.tags, prefix(repoId))) kept.add(`sha256:${tag.Digest}`);
  for (const manifest of manifests) if (now - manifest.pushedAt < GC_GRACE_MS) kept.add(manifest.digest);
  for (const digest of sourcesInBuild(store, repoId)) kept.add(digest);
  for (let changed = true; changed; ) {
    changed = false;
    for (const manifest of manifests) {
      if (kept.has(manifest.digest)) {
        const parsed = parsedOf(manifest);
        if (parsed?.kind === 'index') {
          for (const child of parsed.manifests) {
            if (!kept.has(child.digest)) {
              kept.add(child.digest);
              changed = true;
            }
          }
        }
      } else if (manifest.subject !== undefined && kept.has(manifest.subject)) {
        kept.add(manifest.digest);
        changed = true;
      }
    }
  }
  return kept;
}

function parsedOf(manifest: ManifestRecord): ReturnType<typeof parseManifest> | undefined {
  try {
    return parseManifest(Buffer.from(manifest.content, 'base64'), manifest.mediaType);
  } catch {
    return undefined;
  }
}

/** Values with their keys: the store lists values only, so the key is rebuilt from the value. */
function entries<T extends { digest: string }>(store: Store, collection: string): [string, T][] {
  const out: [string, T][] = [];
  for (const value of store.list<T & { repoId?: string }>(collection)) {
    if (typeof value.repoId === 'string') out.push([`${value.repoId}/${value.digest}`, value]);
  }
  return out;
}
