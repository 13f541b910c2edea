// The default store: collections of JSON values in Maps, nothing on disk. Values are kept as JSON
// text, so what a caller gets back is always a fresh copy (as from SQLite): mutating a value read
// from the store changes nothing until it is `put` back.
//
// Transactions keep a journal of undo entries (the previous text of every key written, or
// `undefined` when the key did not exist). When the function throws, the journal is replayed
// backwards to the mark taken when the transaction began, so nested transactions roll back only
// their own writes (and an outer one rolls back everything).
import type { Store } from './store.js';

interface UndoEntry {
  readonly collection: string;
  readonly key: string;
  readonly previous: string | undefined;
}

export class MemoryStore implements Store {
  private readonly collections = new Map<string, Map<string, string>>();
  private journal: UndoEntry[] = [];
  private depth = 0;
  private closed = false;

  transaction<T>(fn: () => T): T {
    this.assertOpen();
    const mark = this.journal.length;
    this.depth++;
    try {
      const result = fn();
      if (result instanceof Promise) throw new TypeError('a store transaction must be synchronous');
      return result;
    } catch (error) {
      this.rollbackTo(mark);
      throw error;
    } finally {
      this.depth--;
      // Outside any transaction nothing can roll back, so the journal is dropped.
      if (this.depth === 0) this.journal = [];
    }
  }

  get<T>(collection: string, key: string): T | undefined {
    this.assertOpen();
    const text = this.collections.get(collection)?.get(key);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  }

  put<T>(collection: string, key: string, value: T): void {
    this.assertOpen();
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`value for ${collection}/${key} is not JSON-serialisable`);
    const map = this.mapOf(collection);
    this.remember(collection, key, map.get(key));
    map.set(key, text);
  }

  delete(collection: string, key: string): boolean {
    this.assertOpen();
    const map = this.collections.get(collection);
    const previous = map?.get(key);
    if (!map || previous === undefined) return false;
    this.remember(collection, key, previous);
    map.delete(key);
    return true;
  }

  list<T>(collection: string, prefix = ''): T[] {
    this.assertOpen();
    const map = this.collections.get(collection);
    if (!map) return [];
    const keys: string[] = [];
    for (const key of map.keys()) if (key.startsWith(prefix)) keys.push(key);
    // Default sort compares UTF-16 code units, which is the order the interface promises.
    keys.sort();
    return keys.map((key) => JSON.parse(map.get(key) as string) as T);
  }

  close(): void {
    this.closed = true;
    this.collections.clear();
    this.journal = [];
  }

  private mapOf(collection: string): Map<string, string> {
    let map = this.collections.get(collection);
    if (!map) {
      map = new Map();
      this.collections.set(collection, map);
    }
    return map;
  }

  private remember(collection: string, key: string, previous: string | undefined): void {
    if (this.depth > 0) this.journal.push({ collection, key, previous });
  }

  private rollbackTo(mark: number): void {
    for (let i = this.journal.length - 1; i >= mark; i--) {
      const { collection, key, previous } = this.journal[i];
      const map = this.mapOf(collection);
      if (previous === undefined) map.delete(key);
      else map.set(key, previous);
    }
    this.journal.length = mark;
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('the store is closed');
  }
}
