// The pure pieces of the core, table-driven: parameter parsing, validators compiled from the spec,
// XML, timestamps, the nonce memory, the v1 string-to-sign.
import { canonicalQuery, computeSignature, stringToSign } from '@acr-ee/client';
import { describe, expect, it } from 'vitest';
import { api } from '../../src/runtime/api.js';
import { parseTimestamp } from '../../src/runtime/callers/clock.js';
import { NonceCache } from '../../src/runtime/callers/nonces.js';
import { emptyParams, parseParamsInto, textOf } from '../../src/runtime/http/params.js';
import { successJson, xmlField, xmlName, xmlText } from '../../src/runtime/http/serialize.js';
import { AccessKey, isCanonical, v1StringToSign } from '../../src/runtime/callers/signature.js';
import { compileParam } from '../../src/runtime/http/validate.js';
import type { ParamSpec } from '../../src/runtime/operation.js';

function parsed(text: string): Record<string, string> {
  const params = emptyParams();
  parseParamsInto(params, text, 'query string');
  return Object.fromEntries(params);
}

describe('parameter parsing', () => {
  const cases: [given: string, want: Record<string, string>][] = [
    ['', {}],
    ['a=1&b=2', { a: '1', b: '2' }],
    ['a=%20x%2B', { a: ' x+' }],
    ['a=x+y', { a: 'x y' }],
    ['a', { a: '' }],
    ['a=&b', { a: '', b: '' }],
    ['&&a=1&', { a: '1' }],
    ['=nameless&a=1', { a: '1' }],
    ['a=b=c', { a: 'b=c' }],
    ['%E9%95%9C=%F0%9F%90%B3', { 镜: '🐳' }],
  ];
  it.each(cases)('%j', (given, want) => {
    const got = parsed(given);
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const key of Object.keys(want)) expect(got[key]).toBe(want[key]);
  });

  it('keeps names like __proto__ as plain parameters', () => {
    const params = emptyParams();
    parseParamsInto(params, '__proto__=1&constructor=2&toString=3', 'query string');
    expect([...params]).toEqual([['__proto__', '1'], ['constructor', '2'], ['toString', '3']]);
  });

  it.each(['a=%zz', 'a=%', 'a=%E9%95', 'a=%C3%28', '%ZZ=1', 'a=1&a=2'])('refuses %j with 400 InvalidParameter', (given) => {
    expect(() => parsed(given)).toThrow(expect.objectContaining({ status: 400, code: 'InvalidParameter' }));
  });

  it('accepts raw UTF-8 and refuses raw bytes that are not', () => {
    expect(textOf(Buffer.from('a=é'), 'form body')).toBe('a=é');
    expect(() => textOf(Buffer.from([0x61, 0x3d, 0xff]), 'form body')).toThrow(expect.objectContaining({ code: 'InvalidParameter' }));
  });
});

describe('the canonical query as sent (the signature fast path)', () => {
  const sorted = (text: string): string | undefined => parseParamsInto(emptyParams(), text, 'query string', 'Signature');
  it.each([
    ['A=1&B=2&Signature=s', 'A=1&B=2'],
    ['A=1&Signature=s&T=2', 'A=1&T=2'],
    ['Signature=s&A=1', 'A=1'],
    ['Signature=s', ''],
    ['A=1&B=%3A', 'A=1&B=%3A'],
    ['B=1&A=2&Signature=s', undefined],
    ['A=1&A1=2&AB=3', 'A=1&A1=2&AB=3'],
    ['A%2E=1&B=2', undefined],
    ['a+b=1', undefined],
  ])('%j -> %j', (text, want) => {
    expect(sorted(text)).toBe(want);
  });

  it.each([
    ['A=1&B=x%3Ay', true],
    ['', true],
    ['A=1&B=x%3ay', false],
    ['A=%41', false],
    ['A=x+y', false],
    ['A=1&B', false],
    ['A=1&&B=2', false],
    ['A=%', false],
    ['A=%E9%95%9C', true],
  ])('%j is canonical: %j', (text, want) => {
    expect(isCanonical(text)).toBe(want);
  });

  it('gives the same string-to-sign as the general path', () => {
    const text = 'AccessKeyId=id&Action=GetInstance&Name=a%20b%2A%E9%95%9C&Timestamp=2026-01-02T03%3A04%3A05Z';
    const wire = emptyParams();
    const fast = parseParamsInto(wire, `${text}&Signature=abc%3D`, 'query string', 'Signature');
    expect(fast).toBe(text);
    expect(v1StringToSign('GET', wire, 'Signature', fast)).toBe(v1StringToSign('GET', wire, 'Signature'));
    expect(v1StringToSign('GET', wire, 'Signature')).toBe(stringToSign('GET', canonicalQuery(Object.fromEntries([...wire].filter(([n]) => n !== 'Signature')))));
  });
});

describe('validators compiled from ParamSpecs', () => {
  const spec = (extra: Partial<ParamSpec>): ParamSpec => ({ name: 'P', kind: 'string', required: false, ...extra });
  const cases: [ParamSpec, string, unknown][] = [
    [spec({ kind: 'integer' }), '42', 42],
    [spec({ kind: 'integer' }), '-7', -7],
    [spec({ kind: 'integer' }), '4.2', 'error'],
    [spec({ kind: 'integer' }), '99999999999999999999', 'error'],
    [spec({ kind: 'integer' }), '', 'error'],
    [spec({ kind: 'number' }), '4.5e1', 45],
    [spec({ kind: 'number' }), 'NaN', 'error'],
    [spec({ kind: 'boolean' }), 'False', false],
    [spec({ kind: 'boolean' }), '1', 'error'],
    [spec({ enum: ['A', 'B'] }), 'B', 'B'],
    [spec({ enum: ['A', 'B'] }), 'a', 'error'],
    [spec({ minLength: 2 }), '镜像', '镜像'],
    [spec({ minLength: 2 }), '🐳', 'error'],
    [spec({ maxLength: 1 }), '🐳', '🐳'],
    [spec({ maxLength: 1 }), 'ab', 'error'],
    [spec({ pattern: '^[a-z]+$' }), 'abc', 'abc'],
    [spec({ pattern: '^[a-z]+$' }), 'aBc', 'error'],
    [spec({ kind: 'integer', minimum: 1, maximum: 100 }), '100', 100],
    [spec({ kind: 'integer', minimum: 1, maximum: 100 }), '0', 'error'],
    [spec({ kind: 'integer', minimum: 1, maximum: 100 }), '101', 'error'],
    // A lone surrogate has no UTF-8 form: refused as the client refuses it (@acr-ee/wire), with or
    // without constraints.
    [spec({}), 'a\ud800b', 'error'],
    [spec({ maxLength: 3 }), '\udc00', 'error'],
  ];
  it.each(cases)('%j: %j -> %j', (param, raw, want) => {
    const { coerce } = compileParam(param);
    if (want === 'error') expect(() => coerce(raw)).toThrow(expect.objectContaining({ code: 'InvalidParameter', message: expect.stringContaining('"P"') }));
    else expect(coerce(raw)).toBe(want);
  });

  it('compiles every common parameter of the spec', () => {
    for (const param of api.commonParameters) expect(() => compileParam(param)).not.toThrow();
  });
});

describe('serialisation', () => {
  it.each([
    ['plain', 'plain'],
    ['a<b>&c"\'', 'a&lt;b&gt;&amp;c"\''],
    ['tab\tnl\ncr\r', 'tab\tnl\ncr\r'],
    ['nul\u0000bel\u0007', 'nul\ufffdbel\ufffd'],
    ['lone \ud800 surrogate', 'lone \ufffd surrogate'],
    ['pair 🐳', 'pair 🐳'],
    ['\ufffe\uffff', '\ufffd\ufffd'],
  ])('XML text %j -> %j', (given, want) => {
    expect(xmlText(given)).toBe(want);
  });

  it.each([
    ['Repositories', 'Repositories'],
    ['with space', 'with_space'],
    ['1st', '_1st'],
    ['a:b', 'a_b'],
  ])('XML name %j -> %j', (given, want) => {
    expect(xmlName(given)).toBe(want);
  });

  it('writes arrays as repeated elements, nested arrays inside their own element, and skips undefined', () => {
    expect(xmlField('L', [1, { A: true }, [2, 3], undefined])).toBe('<L>1</L><L><A>true</A></L><L><L>2</L><L>3</L></L>');
    expect(xmlField('E', [])).toBe('');
    expect(xmlField('U', undefined)).toBe('');
  });

  it('writes JSON with the three fields first, even for an empty result or spoofed fields', () => {
    expect(JSON.parse(successJson('ID', {}))).toEqual({ RequestId: 'ID', IsSuccess: true, Code: 'success' });
    expect(JSON.parse(successJson('ID', { Code: 'x', IsSuccess: false, A: 1 }))).toEqual({ RequestId: 'ID', IsSuccess: true, Code: 'success', A: 1 });
    expect(JSON.parse(successJson('ID', { __proto__: null, X: 'y' } as Record<string, unknown>))).toEqual({ RequestId: 'ID', IsSuccess: true, Code: 'success', X: 'y' });
  });
});

describe('timestamps', () => {
  it.each([
    ['2026-01-02T03:04:05Z', Date.UTC(2026, 0, 2, 3, 4, 5)],
    ['2024-02-29T23:59:59Z', Date.UTC(2024, 1, 29, 23, 59, 59)],
    ['2023-02-29T00:00:00Z', NaN],
    ['2026-01-02T24:00:00Z', NaN],
    ['2026-01-02T03:04:05.000Z', NaN],
    ['2026-01-02 03:04:05', NaN],
  ])('%j -> %d', (given, want) => {
    expect(parseTimestamp(given)).toBe(want);
  });
});

describe('the nonce memory', () => {
  it('refuses a nonce again within the window, per key, and forgets it after', () => {
    const nonces = new NonceCache(1000, 10);
    expect(nonces.use('k1', 'n', 0)).toBe(true);
    expect(nonces.use('k1', 'n', 999)).toBe(false);
    expect(nonces.use('k2', 'n', 999)).toBe(true);
    expect(nonces.use('k1', 'n', 1000)).toBe(true);
    expect(nonces.use('k1', 'n', 1500)).toBe(false);
  });

  it('agrees with a plain model over thousands of random uses (expiry, capacity, reuse)', () => {
    let seed = 12345;
    const random = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const windowMs = 50;
    const capacity = 64;
    const nonces = new NonceCache(windowMs, capacity);
    const model: { key: string; expiry: number }[] = [];
    let now = 0;
    for (let i = 0; i < 20_000; i++) {
      now += Math.floor(random() * 3);
      while (model.length > 0 && model[0].expiry <= now) model.shift();
      const key = `k${Math.floor(random() * 2)}\n${Math.floor(random() * 150)}`;
      const [id, nonce] = key.split('\n');
      const seen = model.some((entry) => entry.key === key);
      expect(nonces.use(id, nonce, now)).toBe(!seen);
      if (!seen) {
        if (model.length === capacity) model.shift();
        model.push({ key, expiry: now + windowMs });
      }
      expect(nonces.size).toBe(model.length);
    }
  });

  it('stays within its capacity, forgetting the oldest first', () => {
    const nonces = new NonceCache(60_000, 3);
    for (const n of ['a', 'b', 'c', 'd']) expect(nonces.use('k', n, 0)).toBe(true);
    expect(nonces.size).toBe(3);
    expect(nonces.use('k', 'd', 1)).toBe(false);
    expect(nonces.use('k', 'a', 1)).toBe(true);
  });
});

describe('the v1 string-to-sign', () => {
  it('equals the client signer on the worked example of chapter 3', () => {
    const params: Record<string, string> = {
      Timestamp: '2016-02-23T12:46:24Z',
      Format: 'XML',
      AccessKeyId: 'testid',
      Action: 'DescribeRegions',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
      Version: '2014-05-26',
      SignatureVersion: '1.0',
    };
    const wire = new Map(Object.entries({ ...params, Signature: 'ignored' }));
    const toSign = v1StringToSign('GET', wire, 'Signature');
    expect(toSign).toBe(stringToSign('GET', canonicalQuery(params)));
    expect(new AccessKey('testid', 'testsecret').signV1(toSign)).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('orders names by their encoded bytes, like the client (prefixes, digits, dots)', () => {
    const params: Record<string, string> = { A: '1', 'A.1': '2', A1: '3', AB: '4', a: '5', 'Tag.1.Key': 'x y', 'Tag.10.Key': '*' };
    const wire = new Map(Object.entries(params));
    expect(v1StringToSign('POST', wire, 'Signature')).toBe(stringToSign('POST', canonicalQuery(params)));
  });

  it('gives the same HMAC as node:crypto for keys of any length', () => {
    for (const secret of ['s', 'x'.repeat(64), 'y'.repeat(200), '镜像密钥']) {
      expect(new AccessKey('id', secret).signV1('GET&%2F&a')).toBe(computeSignature('GET&%2F&a', secret));
    }
  });
});
