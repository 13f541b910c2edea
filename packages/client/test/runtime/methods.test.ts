// How the generated chapters become AcrClient's methods, and how the common parameters of the
// generated table become slots: what the generated code relies on, checked on small inputs.
import { describe, expect, it } from 'vitest';
import { compileOperation } from '../../src/runtime/compile.js';
import { RpcClient, type ApiDescription, type OperationMeta } from '../../src/runtime/index.js';
import { AcrClient } from '../../src/generated/client.js';
import { waiters } from '../../src/generated/waiters.js';
import { api, operations } from '@acr-ee/api';

describe("the chapters' classes", () => {
  const names = [
    ...Object.values(operations).flatMap((op) => {
      const name = op.action[0].toLowerCase() + op.action.slice(1);
      return op.pagination ? [name, `${name}All`] : [name];
    }),
    ...Object.keys(waiters).map((name) => `waitUntil${name}`),
  ];
  /** The prototypes between AcrClient (included) and RpcClient (excluded): AcrClient's and each chapter's. */
  const chain: object[] = [];
  for (let p: object = AcrClient.prototype; p !== RpcClient.prototype; p = Object.getPrototypeOf(p)) chain.push(p);
  const holders = (name: string) => chain.filter((p) => Object.hasOwn(p, name));

  it('give AcrClient every operation of every chapter as a class method (not enumerable), each defined once', () => {
    for (const name of names) {
      expect(holders(name), name).toHaveLength(1);
      const descriptor = Object.getOwnPropertyDescriptor(holders(name)[0], name);
      expect(descriptor?.value, name).toBeTypeOf('function');
      expect(descriptor?.enumerable, name).toBe(false);
      expect(AcrClient.prototype[name as keyof AcrClient], name).toBe(descriptor?.value);
    }
    const client = new AcrClient({ regionId: 'cn-hangzhou', accessKeyId: 'id', accessKeySecret: 'secret' });
    try {
      expect(Object.keys(client)).not.toContain('getInstance');
      expect(client).toBeInstanceOf(RpcClient);
    } finally {
      client.close();
    }
  });

  it('shadow nothing: no chapter method has the name of a runtime method, and each chapter has only its own', () => {
    const runtime = new Set<string>();
    for (let p: object | null = RpcClient.prototype; p !== null; p = Object.getPrototypeOf(p)) Object.getOwnPropertyNames(p).forEach((n) => runtime.add(n));
    const chapterMethods = chain.slice(1).flatMap((p) => Object.getOwnPropertyNames(p).filter((n) => n !== 'constructor'));
    expect(chapterMethods.filter((n) => runtime.has(n))).toEqual([]);
    expect(new Set(chapterMethods).size).toBe(chapterMethods.length);
    expect(chapterMethods.sort()).toEqual([...names].sort());
    expect(Object.getOwnPropertyNames(AcrClient.prototype)).toEqual(['constructor']);
  });
});

describe('compileOperation and the common parameters', () => {
  const op: OperationMeta = { action: 'Do', readOnly: true, params: [{ name: 'Zed', kind: 'string', required: false }] };
  const withUnsent: ApiDescription = {
    ...api,
    commonParameters: [...api.commonParameters, { name: 'Channel' }],
  };

  it('makes a slot for the Action, each sent common parameter and each own parameter, sorted by encoded name', () => {
    const compiled = compileOperation(op, api);
    const names = compiled.slots.map((slot) => slot.key.slice(0, -1));
    expect(names).toEqual([...names].sort());
    expect(names).toEqual(expect.arrayContaining(['Action', 'Zed', ...api.commonParameters.map((p) => p.name)]));
    const action = compiled.slots.find((slot) => slot.key === 'Action=')!;
    expect(action).toMatchObject({ index: -1, constant: 'Do' });
  });

  it('reserves a common parameter the client does not send, and makes no slot for it', () => {
    const compiled = compileOperation({ ...op }, withUnsent);
    expect(compiled.reserved.has('Channel')).toBe(true);
    expect(compiled.slots.some((slot) => slot.key === 'Channel=')).toBe(false);
  });

  it('refuses an operation parameter named like a common one (a generator bug)', () => {
    expect(() => compileOperation({ ...op, params: [{ name: 'Format', kind: 'string', required: false }] }, api)).toThrow(
      'Do: parameter Format is reserved or listed twice',
    );
  });
});
