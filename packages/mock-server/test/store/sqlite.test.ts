// SqliteStore: the shared Store contract, then what only a file-backed store has (persistence across
// connections, WAL, clear errors on files that are not its own). The durability of acknowledged
// writes against `kill -9` of the real server is tested in kill9.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../src/store/sqlite.js';
import { openDatabase, pragma } from '../../src/store/sqlite-driver.js';
import { describeStoreContract } from './store-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'acr-sqlite-store-'));
let serial = 0;
const freshFile = (): string => join(dir, `state-${++serial}.db`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStoreContract('SqliteStore', () => ({ store: new SqliteStore(freshFile()) }));
describeStoreContract('SqliteStore (synchronous FULL)', () => ({ store: new SqliteStore(freshFile(), { synchronous: 'FULL' }) }));

describe('SqliteStore: the file', () => {
  it('keeps committed state across close and reopen', () => {
    const file = freshFile();
    const first = new SqliteStore(file);
    first.transaction(() => {
      first.put('namespaces', 'cri-1/ns1', { NamespaceName: 'ns1' });
      first.put('namespaces', 'cri-1/ns2', { NamespaceName: 'ns2' });
    });
    first.delete('namespaces', 'cri-1/ns2');
    first.close();
    const second = new SqliteStore(file);
    expect(second.list('namespaces')).toEqual([{ NamespaceName: 'ns1' }]);
    expect(second.keys('namespaces')).toEqual(['cri-1/ns1']);
    second.close();
  });

  it('is in WAL mode, and a commit is visible to another connection as soon as it returns', () => {
    const file = freshFile();
    const store = new SqliteStore(file);
    const reader = openDatabase(file, { readonly: true });
    try {
      expect(pragma(reader, 'journal_mode')).toBe('wal');
      const count = reader.prepare('SELECT count(*) AS n FROM entries');
      store.transaction(() => store.put('c', 'k', 1));
      expect({ ...count.get() }).toEqual({ n: 1 });
      expect(() =>
        store.transaction(() => {
          store.put('c', 'k2', 2);
          throw new Error('no');
        }),
      ).toThrow('no');
      expect({ ...count.get() }).toEqual({ n: 1 });
    } finally {
      reader.close();
      store.close();
    }
  });

  it('round-trips keys that are not valid UTF-16 (lone surrogates)', () => {
    const store = new SqliteStore(freshFile());
    const keys = ['\ud800', '\udfff', 'a\ud800b', '\ud83d\ude00'];
    keys.forEach((key, i) => store.put('c', key, i));
    expect(store.keys('c')).toEqual([...keys].sort());
    keys.forEach((key, i) => expect(store.get('c', key)).toBe(i));
    store.close();
  });

  it('rejects a value that is not JSON, naming the key, and a transaction function that returns a promise', () => {
    const store = new SqliteStore(freshFile());
    expect(() => store.put('c', 'k', undefined)).toThrow(/c\/k is not JSON-serialisable/);
    expect(() => store.put('c', 'k', () => 1)).toThrow(/not JSON-serialisable/);
    expect(() =>
      store.transaction(() => {
        store.put('c', 'async', 1);
        return Promise.resolve();
      }),
    ).toThrow(/must be synchronous/);
    expect(store.get('c', 'async')).toBeUndefined();
    store.close();
  });

  it('close is idempotent', () => {
    const store = new SqliteStore(freshFile());
    store.close();
    expect(() => store.close()).not.toThrow();
  });
});

describe('SqliteStore: files that are not state files', () => {
  const openError = (file: string): Error => {
    try {
      new SqliteStore(file).close();
    } catch (error) {
      return error as Error;
    }
    throw new Error(`opening ${file} succeeded`);
  };

  it('names the file and says why for a file of random bytes', () => {
    const file = join(dir, 'random.db');
    writeFileSync(file, Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 7919 + 13) % 256)));
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/cannot be used as a state file \(file is not a database\)/);
  });

  it('names the file for a text file', () => {
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'these are not the tables you are looking for\n'.repeat(200));
    expect(openError(file).message).toMatch(new RegExp(`^state file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
  });

  it('refuses an SQLite database of another application, and leaves it untouched', () => {
    const file = join(dir, 'foreign.db');
    const foreign = openDatabase(file);
    foreign.exec("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO users (name) VALUES ('ann')");
    foreign.close();
    const before = readFileSync(file);
    expect(openError(file).message).toMatch(/foreign\.db: is an SQLite database, but not a state file of the ACR EE mock server/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('refuses a state file whose pages are damaged', () => {
    const file = freshFile();
    const store = new SqliteStore(file);
    store.transaction(() => {
      for (let i = 0; i < 500; i += 1) store.put('c', `key-${i}`, { i, padding: 'x'.repeat(200) });
    });
    store.close();
    const bytes = readFileSync(file);
    const pageSize = bytes.readUInt16BE(16);
    // Page 2 onward hold the table's b-tree: overwrite the second page with garbage.
    for (let i = pageSize; i < 2 * pageSize; i += 1) bytes[i] = (i * 31) % 251;
    writeFileSync(file, bytes);
    const error = openError(file);
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/is corrupted|cannot be used as a state file/);
  });

  it('names the file when its folder does not exist', () => {
    const file = join(dir, 'no-such-folder', 'state.db');
    expect(openError(file).message).toMatch(/no-such-folder\/state\.db: cannot be opened/);
  });
});
