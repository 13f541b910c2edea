// Blob content and uploads in progress. Content is addressed by digest (sha256) and kept either in
// a directory beside the state file (`<dir>/sha256/<hex>`) or, without a state file, in memory.
// Which blobs exist, and in which repositories, is the store's business (content.ts); this module
// holds only bytes.
//
// An upload appends the bytes of each request to a temporary file (`<dir>/uploads/<id>`, or a list
// of chunks in memory) while hashing them. On disk the file outlives the process: uploads.ts keeps
// each upload's record in the store and resumes it after a restart. Finishing it compares the hash with the digest the
// client names; only a verified file is synced and renamed to its digest's name, so a blob visible
// under a digest is always whole and correct, even after a kill -9 (a half-written upload is a
// temporary file, never a blob). A request that fails half-way (the client hangs up, the digest
// does not match) is undone: the file is cut back to where it was and the hash restored, so the
// upload is as before the request.
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { open, readFile, rename, rm, stat, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { bodyBytesPassed } from '../../runtime/operate/young-gc.js';
import { sendFile } from './send-file.js';

/** `sha256:` and 64 lower-case hex digits: the only algorithm this registry computes. */
export const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;
/** Any digest the OCI specification allows (algorithm, then an encoded part). */
export const ANY_DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

export interface Upload {
  readonly id: string;
  /** The repository (RepoId) it belongs to, and its name as the client wrote it. */
  readonly repoId: string;
  readonly name: string;
  /** Bytes received so far. */
  size: number;
  hash: Hash;
  /** When it was started (server clock). */
  readonly startedAt: number;
  /** Memory only: the bytes received so far. */
  readonly chunks: Buffer[];
  /** A request is appending to it (requests on one upload are refused while one runs). */
  busy: boolean;
}

/** Where content lives; one per server, emptied on reset. */
export interface BlobContent {
  /** Writes a stored blob of `size` bytes, or its range (`start`/`end` inclusive, as HTTP ranges), to `out` and ends it. */
  send(digest: string, size: number, out: Writable, range?: { readonly start: number; readonly end: number }): Promise<void>;
  /** The whole of a small blob (configs), or undefined when it is not stored. */
  readSmall(digest: string, limit: number): Promise<Buffer | undefined>;
  /** Appends a body to an upload, hashing it; on failure the upload is as it was. */
  append(upload: Upload, body: Readable, maxBytes: number): Promise<void>;
  /** Verifies the upload's bytes against `digest`; if they match, makes them the blob `digest` (size returned). */
  commit(upload: Upload, digest: string): Promise<number>;
  /** Puts an upload back to `size` bytes and the hash it had then (a request that failed after appending). */
  rollback(upload: Upload, size: number, hash: Hash): Promise<void>;
  /** Removes a blob's content (garbage collection; a reader with the file open still reads it). */
  remove(digest: string): void;
  /** Forgets an upload's bytes. */
  discard(upload: Upload): Promise<void>;
  /** Removes everything (reset). */
  clear(): void;
}

export function newUpload(repoId: string, name: string, now: number): Upload {
  return { id: randomUUID(), repoId, name, size: 0, hash: createHash('sha256'), startedAt: now, chunks: [], busy: false };
}

/** Thrown when a body would take an upload past its limit. */
export class TooLarge extends Error {}

/** Counts and hashes what passes through, and stops past `maxBytes`. */
function hasher(upload: Upload, maxBytes: number, received: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      received.bytes += chunk.length;
      if (upload.size + received.bytes > maxBytes) return callback(new TooLarge(`the upload would exceed ${maxBytes} bytes`));
      upload.hash.update(chunk);
      bodyBytesPassed(chunk.length);
      callback(null, chunk);
    },
  });
}

const hexOf = (digest: string): string => digest.slice('sha256:'.length);

export class DiskContent implements BlobContent {
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
    // Files of uploads in progress stay: uploads.ts resumes those the store has a record of.
    mkdirSync(join(dir, 'uploads'), { recursive: true });
    mkdirSync(join(dir, 'sha256'), { recursive: true });
  }

  /** The directory of the uploads' files (each named by its upload's id). */
  get uploadsDir(): string {
    return join(this.#dir, 'uploads');
  }

  #blobPath(digest: string): string {
    return join(this.#dir, 'sha256', hexOf(digest));
  }

  #uploadPath(upload: Upload): string {
    return join(this.uploadsDir, upload.id);
  }

  send(digest: string, size: number, out: Writable, range?: { readonly start: number; readonly end: number }): Promise<void> {
    return sendFile(this.#blobPath(digest), out, range ?? { start: 0, end: size - 1 });
  }

  async readSmall(digest: string, limit: number): Promise<Buffer | undefined> {
    try {
      const info = await stat(this.#blobPath(digest));
      return info.size > limit ? undefined : await readFile(this.#blobPath(digest));
    } catch {
      return undefined;
    }
  }

  async append(upload: Upload, body: Readable, maxBytes: number): Promise<void> {
    const before = upload.hash.copy();
    const size = upload.size;
    const received = { bytes: 0 };
    try {
      await pipeline(body, hasher(upload, maxBytes, received), createWriteStream(this.#uploadPath(upload), { flags: 'a' }));
      upload.size = size + received.bytes;
    } catch (error) {
      upload.hash = before;
      await truncate(this.#uploadPath(upload), size).catch(() => undefined);
      throw error;
    }
  }

  async commit(upload: Upload, digest: string): Promise<number> {
    const path = this.#uploadPath(upload);
    if (upload.size === 0) {
      // An empty upload has no file yet.
      const handle = await open(path, 'a');
      await handle.close();
    }
    if (`sha256:${upload.hash.copy().digest('hex')}` !== digest) return -1;
    const handle = await open(path, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(path, this.#blobPath(digest));
    return upload.size;
  }

  async rollback(upload: Upload, size: number, hash: Hash): Promise<void> {
    await truncate(this.#uploadPath(upload), size).catch(() => undefined);
    upload.size = size;
    upload.hash = hash;
  }

  remove(digest: string): void {
    rmSync(this.#blobPath(digest), { force: true });
  }

  async discard(upload: Upload): Promise<void> {
    await rm(this.#uploadPath(upload), { force: true });
  }

  clear(): void {
    for (const sub of ['uploads', 'sha256']) {
      rmSync(join(this.#dir, sub), { recursive: true, force: true });
      mkdirSync(join(this.#dir, sub), { recursive: true });
    }
  }
}

export class MemoryContent implements BlobContent {
  readonly #blobs = new Map<string, Buffer>();

  async send(digest: string, _size: number, out: Writable, range?: { readonly start: number; readonly end: number }): Promise<void> {
    const blob = this.#blobs.get(digest) ?? Buffer.alloc(0);
    out.end(range === undefined ? blob : blob.subarray(range.start, range.end + 1));
  }

  async readSmall(digest: string, limit: number): Promise<Buffer | undefined> {
    const blob = this.#blobs.get(digest);
    return blob === undefined || blob.length > limit ? undefined : blob;
  }

  async append(upload: Upload, body: Readable, maxBytes: number): Promise<void> {
    const before = upload.hash.copy();
    const count = upload.chunks.length;
    const received = { bytes: 0 };
    const sink = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        upload.chunks.push(chunk);
        callback();
      },
    });
    try {
      await pipeline(body, hasher(upload, maxBytes, received), sink);
      upload.size += received.bytes;
    } catch (error) {
      upload.hash = before;
      upload.chunks.length = count;
      throw error;
    }
  }

  async commit(upload: Upload, digest: string): Promise<number> {
    if (`sha256:${upload.hash.copy().digest('hex')}` !== digest) return -1;
    if (!this.#blobs.has(digest)) this.#blobs.set(digest, Buffer.concat(upload.chunks, upload.size));
    upload.chunks.length = 0;
    return upload.size;
  }

  async rollback(upload: Upload, size: number, hash: Hash): Promise<void> {
    let total = 0;
    let kept = 0;
    while (kept < upload.chunks.length && total + upload.chunks[kept].length <= size) total += upload.chunks[kept++].length;
    if (total < size) {
      upload.chunks[kept] = upload.chunks[kept].subarray(0, size - total);
      kept++;
    }
    upload.chunks.length = kept;
    upload.size = size;
    upload.hash = hash;
  }

  remove(digest: string): void {
    this.#blobs.delete(digest);
  }

  async discard(upload: Upload): Promise<void> {
    upload.chunks.length = 0;
  }

  clear(): void {
    this.#blobs.clear();
  }
}
