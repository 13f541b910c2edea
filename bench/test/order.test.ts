// The cold-start benchmark's run order: each run holds every contender once, and over a whole
// cycle of runs every contender runs right after every other equally often.
import { describe, expect, it } from 'vitest';
import { balancedOrder } from '../shared/order.js';

/** How often each contender runs right after each other, within runs, over `runs` runs. */
function followCounts(list: readonly string[], runs: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let run = 0; run < runs; run++) {
    const order = balancedOrder(list, run);
    for (let i = 1; i < order.length; i++) {
      const pair = `${order[i - 1]}>${order[i]}`;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  return counts;
}

describe('balancedOrder', () => {
  for (const n of [2, 3, 4, 5, 6]) {
    const list = Array.from({ length: n }, (_, i) => String.fromCharCode(65 + i));
    const cycle = n % 2 === 0 ? n : 2 * n;
    const times = n % 2 === 0 ? 1 : 2;

    it(`with ${n} contenders: every run is a permutation; over ${cycle} runs each follows each other ${times === 1 ? 'once' : 'twice'}`, () => {
      for (let run = 0; run < 3 * cycle; run++) expect([...balancedOrder(list, run)].sort()).toEqual(list);
      const counts = followCounts(list, cycle);
      const pairs = list.flatMap((a) => list.filter((b) => b !== a).map((b) => `${a}>${b}`));
      expect(counts.size).toBe(pairs.length);
      for (const pair of pairs) expect(counts.get(pair), pair).toBe(times);
    });
  }

  it('unlike a rotation, puts different contenders right before any one of them', () => {
    const list = ['acr-ee', 'bare', 'openapi-client', 'node'];
    const before = new Set<string>();
    for (let run = 0; run < 4; run++) {
      const order = balancedOrder(list, run);
      const at = order.indexOf('acr-ee');
      if (at > 0) before.add(order[at - 1]);
    }
    expect([...before].sort()).toEqual(['bare', 'node', 'openapi-client']);
  });
});
