import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { compileOperation } from '../../src/runtime/compile.js';
import { SigningIdentity } from '../../src/runtime/credentials.js';
import { encodedTimestamp, signedParams } from '../../src/runtime/sign-request.js';
import {
  canonicalQuery,
  computeSignature,
  formatTimestamp,
  percentEncode,
  signatureOf,
  stringToSign,
} from '../../src/runtime/signer.js';
import { parseParams } from './support/server.js';

describe('the worked example of chapter 3', () => {
  // The document signs this request with AccessKeySecret "testsecret".
  const query =
    'Timestamp=2016-02-23T12:46:24Z&Format=XML&AccessKeyId=testid&Action=DescribeRegions&SignatureMethod=HMAC-SHA1' +
    '&SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&Version=2014-05-26&SignatureVersion=1.0';
  const params = parseParams(query);
  const documentStringToSign =
    'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
    '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
    '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26';

  it('gives the string-to-sign the document prints', () => {
    expect(stringToSign('GET', canonicalQuery(params))).toBe(documentStringToSign);
  });

  it('gives the true HMAC of that string, which the document misprints', () => {
    // The PDF prints `0LeaidS1JvxuMvnyHOwuJ+uX5qY=`, with the digit zero first. Both strings are
    // valid Base64 of 20 bytes, so the shape cannot tell them apart; recomputing HMAC-SHA1 with
    // node:crypto, independently of the signer, gives a capital letter O. The PDF's font renders the
    // two alike; the capital O is the signature the service computes.
    const independent = createHmac('sha1', 'testsecret&').update(documentStringToSign).digest('base64');
    expect(independent).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    expect(computeSignature(documentStringToSign, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    expect(signatureOf('GET', params, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    expect(signatureOf('GET', params, 'testsecret')).not.toBe('0LeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });
});

describe('percentEncode', () => {
  const cases: [given: string, want: string][] = [
    ['AZaz09-_.~', 'AZaz09-_.~'],
    [' ', '%20'],
    ['*', '%2A'],
    ['+', '%2B'],
    ['/', '%2F'],
    ['=', '%3D'],
    ['&', '%26'],
    ['%', '%25'],
    ["!'()", '%21%27%28%29'],
    ['é', '%C3%A9'],
    ['镜像', '%E9%95%9C%E5%83%8F'],
    ['🐳', '%F0%9F%90%B3'],
    ['', ''],
  ];
  it.each(cases)('%j -> %j', (given, want) => {
    expect(percentEncode(given)).toBe(want);
  });

  it('rejects a lone surrogate (it has no UTF-8 form)', () => {
    expect(() => percentEncode('\ud83d')).toThrow(URIError);
  });
});

describe('canonicalQuery', () => {
  it('sorts by encoded name in byte order, not locale order', () => {
    expect(canonicalQuery({ b: '1', B: '2', a: '3', A_: '4', 'a.b': '5' })).toBe('A_=4&B=2&a=3&a.b=5&b=1');
  });

  it('encodes names and values', () => {
    expect(canonicalQuery({ 'Tag Key': 'v 1*', Empty: '' })).toBe('Empty=&Tag%20Key=v%201%2A');
  });
});

describe('timestamps', () => {
  it('formats UTC without milliseconds', () => {
    expect(formatTimestamp(Date.UTC(2016, 1, 23, 12, 46, 24, 987))).toBe('2016-02-23T12:46:24Z');
  });

  it('gives the encoded form for the hot path', () => {
    const now = Date.UTC(2016, 1, 23, 12, 46, 24, 987);
    expect(encodedTimestamp(now)).toBe(percentEncode(formatTimestamp(now)));
    expect(encodedTimestamp(now + 1000)).toBe('2016-02-23T12%3A46%3A25Z');
  });
});

describe('signedParams (the per-attempt builder)', () => {
  const op = {
    action: 'Do Thing',
    readOnly: true,
    params: [
      { name: 'Zeta', kind: 'string', required: false },
      { name: 'alpha', kind: 'string', required: false },
      { name: 'Name With Space', kind: 'string', required: false },
    ],
  } as const;

  it('sends the canonical query plus a Signature the public signer agrees with', () => {
    const compiled = compileOperation(op);
    const identity = new SigningIdentity({ accessKeyId: 'id+/=', accessKeySecret: 'secret', securityToken: 'tok en' });
    const context = { method: 'POST', encodedVersion: '2018-12-01', encodedResourceOwnerAccount: 'owner%40x' } as const;
    const sent = signedParams(compiled, ['z%20z', undefined, 'n'], identity, context);
    const { Signature, ...rest } = parseParams(sent);
    expect(sent.slice(0, sent.indexOf('&Signature='))).toBe(canonicalQuery(rest));
    expect(Signature).toBe(signatureOf('POST', rest, 'secret'));
    expect(rest).toMatchObject({
      Action: 'Do Thing',
      AccessKeyId: 'id+/=',
      SecurityToken: 'tok en',
      ResourceOwnerAccount: 'owner@x',
      Zeta: 'z z',
      'Name With Space': 'n',
      Format: 'JSON',
      Version: '2018-12-01',
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
    });
    expect(rest).not.toHaveProperty('alpha');
    expect(rest.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(rest.SignatureNonce).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses a fresh nonce each time', () => {
    const compiled = compileOperation(op);
    const identity = new SigningIdentity({ accessKeyId: 'id', accessKeySecret: 'secret' });
    const context = { method: 'GET', encodedVersion: '2018-12-01', encodedResourceOwnerAccount: undefined } as const;
    const nonces = new Set(Array.from({ length: 50 }, () => parseParams(signedParams(compiled, [], identity, context)).SignatureNonce));
    expect(nonces.size).toBe(50);
  });
});
