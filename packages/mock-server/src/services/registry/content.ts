// What the registry keeps in the server's store, beside the API's state (and in the same
// transactions): which blobs exist, which repositories hold them, and the manifests of each
// repository. Tags are the API's own `tags` collection (resources/images.ts): a manifest pushed
// under a tag is the tag ListRepoTag, GetRepoTag and the scans see, and DeleteRepoTag removes it
// from the registry too. Keys start with the RepoId, so content of a repository deleted through the
// API is unreachable (a repository made again under the same name gets a new RepoId).
import type { Store } from '../../store/store.js';

export const REGISTRY_COLLECTIONS = {
  /** <digest>: a blob whose verified content is in the blob store. */
  blobs: 'registry-blobs',
  /** <RepoId>/<digest>: the blob is in that repository (uploaded or mounted there). */
  links: 'registry-links',
  /** <RepoId>/<digest>: a manifest of that repository, its bytes as pushed. */
  manifests: 'registry-manifests',
  /** <upload id>: a chunked upload in progress (with a state file only; its bytes are a file beside the blobs). */
  uploads: 'registry-uploads',
} as const;

export interface BlobRecord {
  readonly digest: string;
  readonly size: number;
  /**
   * The bytes (Base64) of a small blob the server made itself (synthetic.ts), kept here rather
   * than in the blob content; absent for every blob a client uploaded.
   */
  readonly inline?: string;
}

/** A blob in a repository. */
export interface LinkRecord {
  readonly repoId: string;
  readonly digest: string;
  readonly size: number;
  /** When it was uploaded or mounted there (server clock): garbage collection spares recent links. */
  readonly linkedAt: number;
}

export interface ManifestRecord {
  readonly repoId: string;
  readonly digest: string;
  readonly mediaType: string;
  readonly size: number;
  /** The bytes as pushed, Base64 (the digest is of these exact bytes). */
  readonly content: string;
  /** The subject's digest (OCI 1.1), when the manifest names one. */
  readonly subject?: string;
  readonly pushedAt: number;
}

/**
 * An upload in progress, as a restarted server needs it to resume: whose it is and how many of its
 * bytes were acknowledged. Not its hash state (Node cannot serialize one): the bytes are hashed again
 * on the first request after a restart.
 */
export interface UploadRecord {
  readonly id: string;
  /** The repository (RepoId) it belongs to, and its name as the client wrote it. */
  readonly repoId: string;
  readonly name: string;
  /** Bytes acknowledged to the client (the file may hold more when the server died during a request). */
  readonly size: number;
  /** When it was started and when a request last touched it (server clock). */
  readonly startedAt: number;
  readonly touchedAt: number;
}

const keyOf = (repoId: string, digest: string): string => `${repoId}/${digest}`;

export function blobOf(store: Store, digest: string): BlobRecord | undefined {
  return store.get<BlobRecord>(REGISTRY_COLLECTIONS.blobs, digest);
}

/** The blob, when it is in the repository. */
export function linkedBlob(store: Store, repoId: string, digest: string): BlobRecord | undefined {
  return store.get<BlobRecord>(REGISTRY_COLLECTIONS.links, keyOf(repoId, digest)) === undefined ? undefined : blobOf(store, digest);
}

export function linkBlob(store: Store, repoId: string, blob: BlobRecord, now: number): void {
  // A blob's bytes are the same whoever links it: inline bytes stay when an upload or mount links it again.
  const inline = blob.inline ?? blobOf(store, blob.digest)?.inline;
  store.put<BlobRecord>(REGISTRY_COLLECTIONS.blobs, blob.digest, { digest: blob.digest, size: blob.size, ...(inline === undefined ? {} : { inline }) });
  store.put<LinkRecord>(REGISTRY_COLLECTIONS.links, keyOf(repoId, blob.digest), { repoId, digest: blob.digest, size: blob.size, linkedAt: now });
}

export function unlinkBlob(store: Store, repoId: string, digest: string): void {
  store.delete(REGISTRY_COLLECTIONS.links, keyOf(repoId, digest));
}

export function manifestsOf(store: Store, repoId: string): ManifestRecord[] {
  return store.list<ManifestRecord>(REGISTRY_COLLECTIONS.manifests, `${repoId}/`);
}

export function deleteManifest(store: Store, repoId: string, digest: string): void {
  store.delete(REGISTRY_COLLECTIONS.manifests, keyOf(repoId, digest));
}

export function manifestOf(store: Store, repoId: string, digest: string): ManifestRecord | undefined {
  return store.get<ManifestRecord>(REGISTRY_COLLECTIONS.manifests, keyOf(repoId, digest));
}

export function putManifest(store: Store, repoId: string, manifest: ManifestRecord): void {
  store.put(REGISTRY_COLLECTIONS.manifests, keyOf(repoId, manifest.digest), manifest);
}
