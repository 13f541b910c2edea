// Chunked uploads that survive a restart (with a state file), as distribution/distribution's do:
// each upload's record (id, repository, acknowledged size, times) is in the store, its bytes are
// a file beside the blobs (`<dir>/uploads/<id>`, blobs.ts), and a client resumes it after a
// restart or a kill -9 (GET its URL for the Range, PATCH on, PUT with the digest).
//
// The record's size is what the client was told (a 202 is sent after the record is written); a
// file holding more bytes (the server died during a request) is cut back to it, so no byte of an
// unacknowledged request counts. The hash state is not kept (Node cannot serialize one): the first
// request after a restart hashes the file again, streaming through a few reused buffers (send-file.ts).
//
// Uploads untouched for UPLOAD_EXPIRY_MS (server clock) are purged with their files: at start, with
// the garbage collection every minute, and when a request names one.
import { createHash, type Hash } from 'node:crypto';
import { readdirSync, rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { Store } from '../../store/store.js';
import type { Upload } from './blobs.js';
import { REGISTRY_COLLECTIONS, type UploadRecord } from './content.js';
import { sendFile } from './send-file.js';

/**
 * How long an upload no request touched is kept: 168 hours, the default age of distribution's
 * upload purging (which counts from the upload's start; here from its last request, so an upload
 * still being sent is never purged under its client).
 */
export const UPLOAD_EXPIRY_MS = 168 * 60 * 60 * 1000;

export class UploadJournal {
  readonly #dir: string;
  readonly #store: () => Store;

  /** `dir`: where the uploads' files are; `store`: the server's current store (it changes on reset). */
  constructor(dir: string, store: () => Store) {
    this.#dir = dir;
    this.#store = store;
  }

  #path(id: string): string {
    return join(this.#dir, id);
  }

  get(id: string): UploadRecord | undefined {
    return this.#store().get<UploadRecord>(REGISTRY_COLLECTIONS.uploads, id);
  }

  count(): number {
    return this.#store().list(REGISTRY_COLLECTIONS.uploads).length;
  }

  /** Records the upload as it is now (after its start and after each request that changed or read it). */
  record(upload: Upload, now: number): void {
    const record: UploadRecord = { id: upload.id, repoId: upload.repoId, name: upload.name, size: upload.size, startedAt: upload.startedAt, touchedAt: now };
    this.#store().transaction(() => this.#store().put(REGISTRY_COLLECTIONS.uploads, upload.id, record));
  }

  /** Forgets the record (finished or cancelled); call inside the transaction that finishes it. */
  forget(id: string): void {
    this.#store().delete(REGISTRY_COLLECTIONS.uploads, id);
  }

  /** Forgets the record in a transaction of its own (a cancel: the content discards the file). */
  drop(id: string): void {
    this.#store().transaction(() => this.forget(id));
  }

  /** Forgets the record and removes the file. */
  purge(id: string): void {
    this.drop(id);
    rmSync(this.#path(id), { force: true });
  }

  /**
   * At start: each file without a record goes (a monolithic upload cut off, a finished one whose
   * record went first), each expired upload goes, and each file is cut back to its record's size;
   * an upload whose file holds fewer bytes than it acknowledged cannot be resumed and goes too.
   */
  reconcile(now: number): void {
    const records = new Map(this.#store().list<UploadRecord>(REGISTRY_COLLECTIONS.uploads).map((r) => [r.id, r]));
    for (const file of readdirSync(this.#dir)) if (!records.has(file)) rmSync(this.#path(file), { force: true });
    for (const record of records.values()) {
      if (this.expired(record, now)) {
        this.purge(record.id);
        continue;
      }
      const held = sizeOf(this.#path(record.id));
      if (held < record.size) this.purge(record.id);
      else if (held > record.size) truncateSync(this.#path(record.id), record.size);
    }
  }

  expired(record: UploadRecord, now: number): boolean {
    return now - record.touchedAt >= UPLOAD_EXPIRY_MS;
  }

  /** Purges every expired upload but those `spare` names; answers their ids. */
  purgeExpired(now: number, spare: (id: string) => boolean): string[] {
    const gone = this.#store()
      .list<UploadRecord>(REGISTRY_COLLECTIONS.uploads)
      .filter((record) => this.expired(record, now) && !spare(record.id))
      .map((record) => record.id);
    for (const id of gone) this.purge(id);
    return gone;
  }

  /**
   * The upload of a record, its hash computed again from the file's first `size` bytes. Undefined
   * (and purged) when the file no longer holds them.
   */
  async resume(record: UploadRecord): Promise<Upload | undefined> {
    const path = this.#path(record.id);
    if (sizeOf(path) < record.size) {
      this.purge(record.id);
      return undefined;
    }
    const hash = await hashFile(path, record.size);
    return { id: record.id, repoId: record.repoId, name: record.name, size: record.size, hash, startedAt: record.startedAt, chunks: [], busy: false };
  }
}

/** The file's size, 0 when it does not exist (an upload that has no byte yet has no file). */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

/** SHA-256 of the first `length` bytes of a file, read as a pull reads a blob (send-file.ts: a few reused buffers). */
async function hashFile(path: string, length: number): Promise<Hash> {
  const hash = createHash('sha256');
  if (length === 0) return hash;
  // The hash is done with each chunk when update returns, so sendFile may read into its buffer again.
  const into = new Writable({
    write(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done();
    },
  });
  await sendFile(path, into, { start: 0, end: length - 1 });
  return hash;
}
