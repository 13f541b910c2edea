import { describe, expect, it } from 'vitest';
import { compileOperation } from '../../src/runtime/compile.js';
import { api } from '@acr-ee/api';
import { ValidationError, type OperationMeta } from '../../src/runtime/index.js';
import { encodeRequest } from '../../src/runtime/validate.js';
import { clientFor, CreateNamespace, GetInstance } from './support/client.js';
import { json, startServer } from './support/server.js';

const Everything: OperationMeta = {
  action: 'DoEverything',
  readOnly: true,
  params: [
    { name: 'InstanceId', kind: 'string', required: true },
    { name: 'RegionId', kind: 'string', required: false, serverVariable: 'regionId' },
    { name: 'Name', kind: 'string', required: false, minLength: 2, maxLength: 4, pattern: '^[a-z🐳]+$' },
    { name: 'Type', kind: 'string', required: false, enum: ['PUBLIC', 'PRIVATE'] },
    { name: 'PageSize', kind: 'integer', required: false, minimum: 1, maximum: 100 },
    { name: 'Level', kind: 'integer', required: false, enum: [1, 2, 3] },
    { name: 'Ratio', kind: 'number', required: false, minimum: 0, maximum: 1 },
    { name: 'Enabled', kind: 'boolean', required: false },
    { name: 'Dashed', kind: 'string', required: false, pattern: '^[a-z\\-]+$' },
  ],
};

function encode(request: object | undefined): Record<string, string> {
  const compiled = compileOperation(Everything, api);
  const values = encodeRequest(compiled, request, { regionId: 'cn-hangzhou' });
  const out: Record<string, string> = {};
  values.forEach((value, i) => {
    if (value !== undefined) out[Everything.params[i].name] = value;
  });
  return out;
}

function issuesOf(request: unknown): string[] {
  try {
    encode(request as object);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).message).toMatch(/^DoEverything: invalid request: /);
    return (error as ValidationError).issues.map((issue) => `${issue.param}: ${issue.message}`);
  }
  throw new Error('expected a ValidationError');
}

describe('encoding of valid values', () => {
  it('sends booleans as true/false, numbers as decimals, strings percent-encoded, RegionId from config', () => {
    expect(encode({ InstanceId: 'cri 1', Enabled: false, PageSize: 30, Ratio: 0.5, Name: 'a🐳' })).toEqual({
      InstanceId: 'cri%201',
      RegionId: 'cn-hangzhou',
      Enabled: 'false',
      PageSize: '30',
      Ratio: '0.5',
      Name: 'a%F0%9F%90%B3',
    });
  });

  it('omits undefined values and lets the caller override a config-filled one', () => {
    expect(encode({ InstanceId: 'i', Type: undefined, RegionId: 'cn-beijing' })).toEqual({ InstanceId: 'i', RegionId: 'cn-beijing' });
  });

  it('counts lengths in code points (an emoji is one character)', () => {
    expect(encode({ InstanceId: 'i', Name: '🐳🐳🐳🐳' }).Name).toBeDefined();
  });

  it('accepts patterns the u flag rejects, with legacy syntax', () => {
    expect(encode({ InstanceId: 'i', Dashed: 'a-b' }).Dashed).toBe('a-b');
  });
});

describe('rejections, each naming the parameter', () => {
  const cases: [given: unknown, want: string[]][] = [
    [{}, ['InstanceId: is required']],
    [undefined, ['InstanceId: is required']],
    [{ InstanceId: 5 }, ['InstanceId: must be a string, got a number']],
    [{ InstanceId: null }, ['InstanceId: must be a string, got null']],
    [{ InstanceId: 'i', PageSize: '30' }, ['PageSize: must be a number, got a string of 2 characters']],
    [{ InstanceId: 'i', PageSize: Number.NaN }, ['PageSize: must be a finite number']],
    [{ InstanceId: 'i', PageSize: 1.5 }, ['PageSize: must be an integer (a safe one)']],
    [{ InstanceId: 'i', PageSize: 2 ** 60 }, ['PageSize: must be an integer (a safe one)']],
    [{ InstanceId: 'i', PageSize: 0 }, ['PageSize: must be >= 1']],
    [{ InstanceId: 'i', PageSize: 101 }, ['PageSize: must be <= 100']],
    [{ InstanceId: 'i', Ratio: Infinity }, ['Ratio: must be a finite number']],
    [{ InstanceId: 'i', Level: 4 }, ['Level: must be one of 1, 2, 3, got a number']],
    [{ InstanceId: 'i', Enabled: 'true' }, ['Enabled: must be a boolean, got a string of 4 characters']],
    [{ InstanceId: 'i', Enabled: 1 }, ['Enabled: must be a boolean, got a number']],
    [{ InstanceId: 'i', Type: 'public' }, ['Type: must be one of "PUBLIC", "PRIVATE", got a string of 6 characters']],
    [{ InstanceId: 'i', Name: 'a' }, ['Name: must be at least 2 characters long, got 1']],
    [{ InstanceId: 'i', Name: 'abcde' }, ['Name: must be at most 4 characters long, got 5']],
    [{ InstanceId: 'i', Name: 'AB' }, ['Name: must match /^[a-z🐳]+$/, got a string of 2 characters']],
    [{ InstanceId: 'i\ud800' }, ['InstanceId: is not well-formed Unicode (it holds a lone surrogate)']],
    [{ InstanceId: 'i', InstanceID: 'x' }, ['InstanceID: is not a parameter of DoEverything (did you mean "InstanceId"?)']],
    [{ InstanceId: 'i', PagSize: 3 }, ['PagSize: is not a parameter of DoEverything (did you mean "PageSize"?)']],
    [{ InstanceId: 'i', Zzzzzzzz: 3 }, ['Zzzzzzzz: is not a parameter of DoEverything']],
    [{ InstanceId: 'i', Signature: 'x' }, ['Signature: is set by the client and cannot be passed']],
    [{ InstanceId: 'i', AccessKeyId: 'x' }, ['AccessKeyId: is set by the client and cannot be passed']],
    [{ InstanceId: 'i', Items: [1] }, ['Items: is not a parameter of DoEverything']],
    [{ InstanceId: ['i'] }, ['InstanceId: must be a string, got an array']],
    [['InstanceId'], ['(request): must be an object, got an array']],
    [
      { PageSize: 'x', Enabled: 'no', Typo: 1 },
      ['Typo: is not a parameter of DoEverything (did you mean "Type"?)', 'InstanceId: is required', 'PageSize: must be a number, got a string of 1 character', 'Enabled: must be a boolean, got a string of 2 characters'],
    ],
  ];
  it.each(cases)('%j', (given, want) => {
    expect(issuesOf(given)).toEqual(want);
  });

  it('states a refused value by its kind and length, never by its text (it may be a secret)', () => {
    const text = issuesOf({ InstanceId: 'i', PageSize: 'sk-live-42', Type: 'sk-live-42', Name: 'sk-live-42' }).join('\n');
    expect(text).toContain('a string of 10 characters');
    expect(text).not.toContain('sk-live');
  });

  it('ignores an unknown name whose value is undefined (spread of optional fields)', () => {
    expect(encode({ InstanceId: 'i', Extra: undefined })).toEqual({ InstanceId: 'i', RegionId: 'cn-hangzhou' });
  });
});

describe('through the client', () => {
  it('rejects before any request is sent', async () => {
    const server = await startServer((_r, res) => json(res, 200, {}));
    const client = clientFor(server.url);
    try {
      await expect(client.call(CreateNamespace, { InstanceId: 'i', NamespaceName: 'UPPER' })).rejects.toThrow(
        /^CreateNamespace: invalid request: NamespaceName: must match/,
      );
      await expect(client.call(GetInstance, { InstanceId: 'i', instanceId: 'j' })).rejects.toBeInstanceOf(ValidationError);
      expect(server.received).toHaveLength(0);
    } finally {
      client.close();
      await server.close();
    }
  });

  it('rejects an operation listing a reserved name, as a generator bug', async () => {
    const client = clientFor('http://127.0.0.1:9');
    const bad: OperationMeta = { action: 'Bad', readOnly: true, params: [{ name: 'Timestamp', kind: 'string', required: false }] };
    await expect(client.call(bad, {})).rejects.toThrow(TypeError);
  });
});
