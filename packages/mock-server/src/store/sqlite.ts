// The persistent store (`--state-file`): one SQLite table of JSON values by (collection, key), in
// WAL mode, on node:sqlite where Node has it and better-sqlite3 elsewhere (sqlite-driver.ts).
//
// Durability guarantee: once `transaction(fn)` (or a `put`/`delete` outside one) has returned, its
// writes survive the death of the server process, `kill -9` included. In WAL mode a COMMIT returns
// only after every frame of the transaction, the commit frame included, has been handed to the
// kernel with write(2) on the `-wal` file. From then on the data is in the operating system's page
// cache, which does not belong to the process and outlives it; the next connection that opens the
// file rebuilds its WAL index from the `-wal` file (frames checked by checksum and salt) and sees
// every committed transaction. That holds with `synchronous = NORMAL` (the default here), which
// only skips the fsync(2) at each commit: an operating-system crash or a power cut may then lose
// the last commits (never corrupt the file). `synchronous: 'FULL'` adds that fsync, and so survives
// power loss too, at about 1.5 ms per write transaction on this machine instead of about 55 µs.
// test/store/kill9.test.ts checks the guarantee against the real server.
//
// Keys are stored as UTF-16BE bytes (BLOB): SQLite compares BLOBs with memcmp, which on UTF-16BE is
// exactly JavaScript's code-unit order (what `Store.list` promises), any JavaScript string
// round-trips (lone surrogates included), and a prefix selects a contiguous byte range, so `list`
// with a prefix is one range scan of the primary key.
import { type SqlDatabase, type SqlStatement, openDatabase, pragma } from './sqlite-driver.js';
import type { Store } from './store.js';

export interface SqliteStoreOptions {
  /** `NORMAL` (default): survives the process's death. `FULL`: also survives power loss. */
  readonly synchronous?: 'NORMAL' | 'FULL';
}

/** Marks a file as this server's state (`PRAGMA application_id`; "ACRM"). */
const APPLICATION_ID = 0x4143524d;
/** The layout of the table; bumped when it changes. */
const SCHEMA_VERSION = 1;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS entries (
    collection TEXT NOT NULL,
    key BLOB NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (collection, key)
  ) WITHOUT ROWID`;

/** A key as the bytes SQLite compares: UTF-16BE, whose memcmp order is code-unit order. */
function keyBytes(key: string): Buffer {
  return Buffer.from(key, 'utf16le').swap16();
}

function keyString(bytes: Uint8Array): string {
  return Buffer.from(bytes).swap16().toString('utf16le');
}

/** The smallest byte string greater than every string that starts with `prefix`; null when none. */
function successor(prefix: Buffer): Buffer | null {
  for (let i = prefix.length - 1; i >= 0; i -= 1) {
    if (prefix[i] !== 0xff) {
      const next = Buffer.from(prefix.subarray(0, i + 1));
      next[i] += 1;
      return next;
    }
  }
  return null;
}

function serialize(collection: string, key: string, value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) {
    throw new TypeError(`store: the value of ${collection}/${key} is not JSON-serialisable (${typeof value})`);
  }
  return json;
}

function statements(db: SqlDatabase): Record<'get' | 'put' | 'delete' | 'all' | 'from' | 'range' | 'keys', SqlStatement> {
  return {
    get: db.prepare('SELECT value FROM entries WHERE collection = ? AND key = ?'),
    put: db.prepare(
      'INSERT INTO entries (collection, key, value) VALUES (?, ?, ?) ON CONFLICT (collection, key) DO UPDATE SET value = excluded.value',
    ),
    delete: db.prepare('DELETE FROM entries WHERE collection = ? AND key = ?'),
    all: db.prepare('SELECT value FROM entries WHERE collection = ? ORDER BY key'),
    from: db.prepare('SELECT value FROM entries WHERE collection = ? AND key >= ? ORDER BY key'),
    range: db.prepare('SELECT value FROM entries WHERE collection = ? AND key >= ? AND key < ? ORDER BY key'),
    keys: db.prepare('SELECT key FROM entries WHERE collection = ? ORDER BY key'),
  };
}

/** Sets the file up (new) or checks that it is one of ours (existing); throws naming the file. */
function initialise(db: SqlDatabase, file: string, synchronous: 'NORMAL' | 'FULL'): void {
  const fail = (why: string, cause?: unknown): never => {
    throw new Error(`state file ${file}: ${why}`, { cause });
  };
  try {
    // The first read of the header: a foreign or corrupted file fails here (SQLITE_NOTADB).
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
    const applicationId = Number(pragma(db, 'application_id'));
    if (tables.n > 0 && applicationId !== APPLICATION_ID) {
      fail('is an SQLite database, but not a state file of the ACR EE mock server (other tables, no application id)');
    }
    const version = Number(pragma(db, 'user_version'));
    if (tables.n > 0 && version !== SCHEMA_VERSION) {
      fail(`was written with state schema version ${version}; this server reads version ${SCHEMA_VERSION}`);
    }
    const problems = (db.prepare('PRAGMA quick_check(3)').all() as { quick_check: string }[])
      .flatMap((row) => row.quick_check.split('\n'))
      .filter((line) => line !== 'ok' && !line.startsWith('***'));
    if (problems.length > 0) fail(`is corrupted (quick_check: ${problems.slice(0, 3).join('; ')})`);
    if (String(pragma(db, 'journal_mode = WAL')).toLowerCase() !== 'wal') {
      fail('cannot be switched to WAL journal mode');
    }
    db.exec(`PRAGMA synchronous = ${synchronous}`);
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec('BEGIN IMMEDIATE');
    try {
      db.exec(SCHEMA);
      db.exec(`PRAGMA application_id = ${APPLICATION_ID}`);
      db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`state file ${file}:`)) throw error;
    const message = error instanceof Error ? error.message : String(error);
    fail(`cannot be used as a state file (${message})`, error);
  }
}

export class SqliteStore implements Store {
  readonly file: string;
  private readonly db: SqlDatabase;
  private readonly sql: ReturnType<typeof statements>;
  /** How many transactions are open: the outermost is BEGIN ... COMMIT, inner ones savepoints. */
  private depth = 0;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.file = file;
    try {
      this.db = openDatabase(file);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new Error(`state file ${file}: cannot be opened (${message})`, { cause: error });
    }
    try {
      initialise(this.db, file, options.synchronous ?? 'NORMAL');
      this.sql = statements(this.db);
    } catch (error) {
      this.db.close();
      throw error;
    }
  }

  /**
   * Runs `fn` in one transaction. Nested calls run as savepoints: when an inner `fn` throws, its
   * writes are undone and the error propagates; the outer transaction commits what remains if it
   * catches the error. A `fn` that returns a promise is rolled back and rejected with a TypeError.
   */
  transaction<T>(fn: () => T): T {
    const outer = this.depth === 0;
    const savepoint = `acr_${this.depth}`;
    this.db.exec(outer ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
    this.depth += 1;
    let result: T;
    try {
      result = fn();
      if (typeof (result as { then?: unknown } | null)?.then === 'function') {
        // Roll back: the writes after the first await would escape the transaction.
        throw new TypeError('store: a transaction function must be synchronous (it returned a promise)');
      }
      this.db.exec(outer ? 'COMMIT' : `RELEASE ${savepoint}`);
    } catch (error) {
      this.undo(outer, savepoint);
      throw error;
    } finally {
      this.depth -= 1;
    }
    return result;
  }

  private undo(outer: boolean, savepoint: string): void {
    try {
      this.db.exec(outer ? 'ROLLBACK' : `ROLLBACK TO ${savepoint}; RELEASE ${savepoint}`);
    } catch {
      // SQLite already rolled the transaction back (it does on some errors); nothing is left to undo.
    }
  }

  get<T>(collection: string, key: string): T | undefined {
    const row = this.sql.get.get(collection, keyBytes(key));
    return row === undefined ? undefined : (JSON.parse(row.value as string) as T);
  }

  put<T>(collection: string, key: string, value: T): void {
    this.sql.put.run(collection, keyBytes(key), serialize(collection, key, value));
  }

  delete(collection: string, key: string): boolean {
    return Number(this.sql.delete.run(collection, keyBytes(key)).changes) > 0;
  }

  list<T>(collection: string, prefix?: string): T[] {
    let rows: Record<string, unknown>[];
    if (prefix === undefined || prefix === '') {
      rows = this.sql.all.all(collection);
    } else {
      const low = keyBytes(prefix);
      const high = successor(low);
      rows = high === null ? this.sql.from.all(collection, low) : this.sql.range.all(collection, low, high);
    }
    return rows.map((row) => JSON.parse(row.value as string) as T);
  }

  /** The keys of a collection in order (for inspection and tests). */
  keys(collection: string): string[] {
    return this.sql.keys.all(collection).map((row) => keyString(row.key as Uint8Array));
  }

  close(): void {
    this.db.close();
  }
}
