// The behaviour every Store must have (src/store/store.ts), as one suite that each
// implementation's test file runs against its own store: memory.test.ts, sqlite.test.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';

export interface StoreFixture {
  readonly store: Store;
  /** Called after the store is closed (e.g. to remove its file). */
  readonly cleanup?: () => void;
}

/** Keys in code-unit order, chosen where orders differ: UTF-8 bytes and code points put U+E000 before
 *  U+1F600 (a surrogate pair, code units D83D DE00); JavaScript's `<` and Array#sort put it after. */
const ORDERED_KEYS = ['', 'A', 'Z', 'a', 'a/', 'a/b', 'ab', '\u00e9', '\u4e2d', '\ud83d\ude00', '\ue000', '\uffff'];

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

export function describeStoreContract(name: string, open: () => StoreFixture): void {
  describe(`${name}: the Store contract`, () => {
    let fixture: StoreFixture;
    let store: Store;

    beforeEach(() => {
      fixture = open();
      store = fixture.store;
    });

    afterEach(() => {
      store.close();
      fixture.cleanup?.();
    });

    describe('put, get, delete', () => {
      it('answers undefined for a key never written', () => {
        expect(store.get('namespaces', 'missing')).toBeUndefined();
      });

      it('gives back what was put, and put replaces', () => {
        store.put('namespaces', 'cri-1/ns1', { name: 'ns1', version: 1 });
        expect(store.get('namespaces', 'cri-1/ns1')).toEqual({ name: 'ns1', version: 1 });
        store.put('namespaces', 'cri-1/ns1', { name: 'ns1', version: 2 });
        expect(store.get('namespaces', 'cri-1/ns1')).toEqual({ name: 'ns1', version: 2 });
        expect(store.list('namespaces')).toHaveLength(1);
      });

      it('says whether delete found the key', () => {
        store.put('namespaces', 'k', 1);
        expect(store.delete('namespaces', 'k')).toBe(true);
        expect(store.get('namespaces', 'k')).toBeUndefined();
        expect(store.delete('namespaces', 'k')).toBe(false);
        expect(store.delete('never-used', 'k')).toBe(false);
      });

      it('keeps collections apart', () => {
        store.put('namespaces', 'same', 'a namespace');
        store.put('repositories', 'same', 'a repository');
        expect(store.get('namespaces', 'same')).toBe('a namespace');
        expect(store.get('repositories', 'same')).toBe('a repository');
        store.delete('namespaces', 'same');
        expect(store.get('repositories', 'same')).toBe('a repository');
        expect(store.list('namespaces')).toEqual([]);
      });

      it('accepts any string as a key', () => {
        const keys = ['', ' ', '/', 'a\u0000b', '%2F', '\u00e9', '\ud83d\ude00', 'x'.repeat(10_000)];
        keys.forEach((key, i) => store.put('odd', key, i));
        keys.forEach((key, i) => expect(store.get('odd', key)).toBe(i));
      });
    });

    describe('values', () => {
      const nested = {
        InstanceId: 'cri-xkx6vujuhay0tasd',
        Count: 0,
        Ratio: -1.5,
        Enabled: false,
        Missing: null,
        Text: 'line\nbreak "quoted" \u4e2d\u6587 \ud83d\ude00',
        Tags: ['latest', 'v1', ''],
        Deep: { Level1: { Level2: { Level3: [{ Digest: 'sha256:0' }, [1, [2, [3]]]] } } },
        Empty: { Object: {}, Array: [] },
      };

      it('round-trips nested JSON values', () => {
        store.put('values', 'nested', nested);
        expect(store.get('values', 'nested')).toEqual(nested);
        for (const scalar of [0, 1.25, -7, true, false, null, '', 'text']) {
          store.put('values', 'scalar', scalar);
          expect(store.get('values', 'scalar')).toEqual(scalar);
        }
      });

      it('stores a copy: later changes to the object put, or to one read, do not reach the store', () => {
        const value = structuredClone(nested);
        store.put('values', 'k', value);
        value.Deep.Level1.Level2.Level3.push({ Digest: 'changed' });
        value.Count = 99;
        const read = store.get<typeof nested>('values', 'k');
        expect(read).toEqual(nested);
        (read as { Count: number }).Count = 42;
        store.list<typeof nested>('values')[0].Tags.push('changed');
        expect(store.get('values', 'k')).toEqual(nested);
      });
    });

    describe('list', () => {
      it('answers [] for an empty or unknown collection', () => {
        expect(store.list('nothing')).toEqual([]);
        expect(store.list('nothing', 'a')).toEqual([]);
      });

      it('lists every value of a collection, sorted by key in code-unit order', () => {
        for (const key of shuffled(ORDERED_KEYS, 7)) store.put('sorted', key, { key });
        store.put('other', 'b', { key: 'other' });
        expect(store.list<{ key: string }>('sorted').map((v) => v.key)).toEqual(ORDERED_KEYS);
        expect([...ORDERED_KEYS].sort()).toEqual(ORDERED_KEYS);
      });

      it('selects the keys that start with a prefix, sorted', () => {
        const keys = ['cri-1/ns1', 'cri-1/ns1/repo1', 'cri-1/ns1/repo2', 'cri-1/ns10/repo1', 'cri-1/ns2/repo1', 'cri-10/ns1/repo1', 'cri-2/ns1/repo1'];
        for (const key of shuffled(keys, 3)) store.put('repos', key, key);
        expect(store.list('repos', 'cri-1/ns1/')).toEqual(['cri-1/ns1/repo1', 'cri-1/ns1/repo2']);
        expect(store.list('repos', 'cri-1/ns1')).toEqual(['cri-1/ns1', 'cri-1/ns1/repo1', 'cri-1/ns1/repo2', 'cri-1/ns10/repo1']);
        expect(store.list('repos', 'cri-1/')).toEqual(keys.slice(0, 5));
        expect(store.list('repos', 'cri-1/ns1/repo1')).toEqual(['cri-1/ns1/repo1']);
        expect(store.list('repos', 'cri-3')).toEqual([]);
        expect(store.list('repos', '')).toEqual(keys);
        expect(store.list('repos')).toEqual(keys);
      });

      it('handles prefixes at the edges of the code-unit range', () => {
        const keys = ['\uffff', '\uffff\uffff', '\uffffa', '\ud83d\ude00x', '\ud83d\ude01', '\ud83dz', 'a\u0000', 'a\u0000b', 'a'];
        for (const key of keys) store.put('edges', key, key);
        expect(store.list('edges', '\uffff')).toEqual(['\uffff', '\uffffa', '\uffff\uffff']);
        expect(store.list('edges', '\uffff\uffff')).toEqual(['\uffff\uffff']);
        expect(store.list('edges', '\ud83d')).toEqual(['\ud83dz', '\ud83d\ude00x', '\ud83d\ude01']);
        expect(store.list('edges', '\ud83d\ude00')).toEqual(['\ud83d\ude00x']);
        expect(store.list('edges', 'a\u0000')).toEqual(['a\u0000', 'a\u0000b']);
        expect(store.list('edges', 'a')).toEqual(['a', 'a\u0000', 'a\u0000b']);
      });
    });

    describe('transaction', () => {
      it("returns the function's value and applies its writes", () => {
        const result = store.transaction(() => {
          store.put('t', 'a', 1);
          store.put('t', 'b', 2);
          store.delete('t', 'a');
          return 'done';
        });
        expect(result).toBe('done');
        expect(store.list('t')).toEqual([2]);
      });

      it('sees its own writes before it returns', () => {
        store.transaction(() => {
          store.put('t', 'a', { n: 1 });
          expect(store.get('t', 'a')).toEqual({ n: 1 });
          expect(store.list('t')).toEqual([{ n: 1 }]);
          store.delete('t', 'a');
          expect(store.get('t', 'a')).toBeUndefined();
        });
      });

      it('applies none of its writes when the function throws, and rethrows the same error', () => {
        store.put('t', 'kept', { v: 'before' });
        store.put('t', 'removed', { v: 'before' });
        const failure = new Error('handler failed');
        let thrown: unknown;
        try {
          store.transaction(() => {
            store.put('t', 'kept', { v: 'after' });
            store.delete('t', 'removed');
            store.put('t', 'added', { v: 'after' });
            store.put('elsewhere', 'x', 1);
            throw failure;
          });
        } catch (error) {
          thrown = error;
        }
        expect(thrown).toBe(failure);
        expect(store.get('t', 'kept')).toEqual({ v: 'before' });
        expect(store.get('t', 'removed')).toEqual({ v: 'before' });
        expect(store.get('t', 'added')).toBeUndefined();
        expect(store.list('elsewhere')).toEqual([]);
        // And the store goes on working.
        store.transaction(() => store.put('t', 'added', { v: 'later' }));
        expect(store.get('t', 'added')).toEqual({ v: 'later' });
      });

      it('rolls back a value mutated in place after put', () => {
        const value = { list: [1] };
        store.put('t', 'k', value);
        expect(() =>
          store.transaction(() => {
            const read = store.get<{ list: number[] }>('t', 'k');
            read?.list.push(2);
            if (read) store.put('t', 'k', read);
            throw new Error('undo');
          }),
        ).toThrow('undo');
        expect(store.get('t', 'k')).toEqual({ list: [1] });
      });

      it('runs many transactions in a row, committed and rolled back alternately', () => {
        for (let i = 0; i < 200; i += 1) {
          const fail = i % 2 === 1;
          try {
            store.transaction(() => {
              store.put('many', String(i).padStart(3, '0'), i);
              if (fail) throw new Error(`roll back ${i}`);
            });
          } catch {
            // expected for odd i
          }
        }
        const values = store.list<number>('many');
        expect(values).toHaveLength(100);
        expect(values.every((v) => v % 2 === 0)).toBe(true);
      });

      it('supports nested calls: an inner failure undoes only the inner writes', () => {
        store.transaction(() => {
          store.put('n', 'outer', 1);
          expect(() =>
            store.transaction(() => {
              store.put('n', 'inner', 2);
              store.put('n', 'outer', 'overwritten');
              throw new Error('inner');
            }),
          ).toThrow('inner');
          expect(store.get('n', 'outer')).toBe(1);
          store.transaction(() => store.put('n', 'inner2', 3));
        });
        expect(store.list('n', '')).toEqual([3, 1]);
        expect(store.get('n', 'inner')).toBeUndefined();
      });

      it('undoes a committed inner call when the outer one throws', () => {
        expect(() =>
          store.transaction(() => {
            store.transaction(() => store.put('n', 'inner', 1));
            throw new Error('outer');
          }),
        ).toThrow('outer');
        expect(store.get('n', 'inner')).toBeUndefined();
      });
    });
  });
}
