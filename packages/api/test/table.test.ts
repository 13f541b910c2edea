// The generated table holds what both runtimes rely on without checking it themselves: each entry is
// filed under its own Action, no operation repeats a parameter or takes a reserved one, a common
// parameter's fixed value passes its own check, and every operation has a chapter and a RAM rule.
import { checkedParam, valueProblem } from '@acr-ee/wire';
import { describe, expect, it } from 'vitest';
import { api, operations, type Operation } from '../src/index.js';

const all = Object.entries(operations) as [string, Operation][];

describe('the API table', () => {
  it('describes operations, each under its own Action', () => {
    expect(all.length).toBeGreaterThan(0);
    for (const [name, op] of all) expect(op.action).toBe(name);
  });

  it('gives no operation a parameter twice, nor one of the reserved names (Action, Signature, the common parameters)', () => {
    const reserved = new Set([api.actionParameter, api.signatureParameter, ...api.commonParameters.map((p) => p.name)]);
    for (const [name, op] of all) {
      const names = op.params.map((p) => p.name);
      expect(new Set(names).size, name).toBe(names.length);
      expect(names.filter((n) => reserved.has(n)), name).toEqual([]);
    }
  });

  it('gives each common parameter a fixed value its own check accepts', () => {
    const fixed = api.commonParameters.filter((p) => p.value !== undefined);
    expect(fixed.length).toBeGreaterThan(0);
    for (const p of fixed) expect(valueProblem(checkedParam(p), p.value), p.name).toBeUndefined();
  });

  it('names a chapter and a RAM action for every operation, and the public endpoint', () => {
    for (const [name, op] of all) {
      expect(op.group, name).not.toBe('');
      expect(op.ram.action, name).toMatch(/^\w+:\w+$/);
    }
    expect(api.endpoints.public.urlTemplate).toMatch(/^https:\/\//);
  });
});
