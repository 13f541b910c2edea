import { describe, expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.js';

describe('MemoryStore', () => {
  it('gets, puts, deletes, and hands out copies', () => {
    const store = new MemoryStore();
    expect(store.get('c', 'k')).toBeUndefined();
    store.put('c', 'k', { n: 1 });
    const value = store.get<{ n: number }>('c', 'k')!;
    value.n = 2;
    expect(store.get('c', 'k')).toEqual({ n: 1 });
    expect(store.delete('c', 'k')).toBe(true);
    expect(store.delete('c', 'k')).toBe(false);
    expect(store.delete('other', 'k')).toBe(false);
  });

  it('lists by key in code-unit order, under a prefix', () => {
    const store = new MemoryStore();
    for (const key of ['b/2', 'a/1', 'b/10', 'b/1', 'B/0', 'ba/1']) store.put('c', key, key);
    expect(store.list('c')).toEqual(['B/0', 'a/1', 'b/1', 'b/10', 'b/2', 'ba/1']);
    expect(store.list('c', 'b/')).toEqual(['b/1', 'b/10', 'b/2']);
    expect(store.list('missing')).toEqual([]);
  });

  it('rolls back every write of a transaction that throws', () => {
    const store = new MemoryStore();
    store.put('c', 'kept', 1);
    store.put('c', 'changed', 1);
    store.put('c', 'deleted', 1);
    expect(() =>
      store.transaction(() => {
        store.put('c', 'changed', 2);
        store.put('c', 'changed', 3);
        store.delete('c', 'deleted');
        store.put('c', 'added', 1);
        store.put('new-collection', 'k', 1);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(store.list('c')).toEqual([1, 1, 1]);
    expect(store.get('c', 'added')).toBeUndefined();
    expect(store.list('new-collection')).toEqual([]);
  });

  it('commits a transaction that returns, and rolls back only the inner one of nested transactions', () => {
    const store = new MemoryStore();
    const result = store.transaction(() => {
      store.put('c', 'outer', 1);
      expect(() => store.transaction(() => {
        store.put('c', 'inner', 1);
        store.put('c', 'outer', 2);
        throw new Error('inner');
      })).toThrow('inner');
      return 'done';
    });
    expect(result).toBe('done');
    expect(store.get('c', 'outer')).toBe(1);
    expect(store.get('c', 'inner')).toBeUndefined();
    expect(() => store.transaction(() => {
      store.transaction(() => store.put('c', 'inner', 1));
      throw new Error('outer');
    })).toThrow('outer');
    expect(store.get('c', 'inner')).toBeUndefined();
  });

  it('refuses values that are not JSON and use after close', () => {
    const store = new MemoryStore();
    expect(() => store.put('c', 'k', undefined)).toThrow(TypeError);
    store.close();
    expect(() => store.get('c', 'k')).toThrow(/closed/);
  });
});
