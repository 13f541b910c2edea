// How the generated chapters become AcrClient's methods, and how the common parameters of the
// generated table become slots: what the generated code relies on, checked on small inputs.
import { describe, expect, it } from 'vitest';
import { compileOperation } from '../../src/runtime/compile.js';
import { installMethods } from '../../src/runtime/methods.js';
import type { ApiDescription, OperationMeta } from '../../src/runtime/index.js';
import { AcrClient } from '../../src/generated/client.js';
import { api, operations } from '@acr-ee/api';

describe('installMethods', () => {
  it('puts every operation of every chapter on AcrClient’s prototype, as class methods are (not enumerable)', () => {
    const names = Object.values(operations).flatMap((op) => {
      const name = op.action[0].toLowerCase() + op.action.slice(1);
      return op.pagination ? [name, `${name}All`] : [name];
    });
    for (const name of names) {
      const descriptor = Object.getOwnPropertyDescriptor(AcrClient.prototype, name);
      expect(descriptor?.value, name).toBeTypeOf('function');
      expect(descriptor?.enumerable, name).toBe(false);
    }
    const client = new AcrClient({ regionId: 'cn-hangzhou', accessKeyId: 'id', accessKeySecret: 'secret' });
    try {
      expect(Object.keys(client)).not.toContain('getInstance');
    } finally {
      client.close();
    }
  });

  it('refuses a name the class already has, a runtime method or another chapter’s, naming it', () => {
    class Base {
      close(): void {}
    }
    class Target extends Base {}
    expect(() => installMethods(Target, { close() {} })).toThrow('Target: the method close is defined twice');
    class Other {}
    expect(() => installMethods(Other, { a() {} }, { a() {} })).toThrow('Other: the method a is defined twice');
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
