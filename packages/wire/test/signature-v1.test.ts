import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  canonicalQuery,
  computeSignature,
  encodeAgain,
  encodedTimestamp,
  formatTimestamp,
  percentEncode,
  signatureOf,
  stringToSign,
} from '../src/index.js';

describe('the worked example of chapter 3', () => {
  // The document signs this request with AccessKeySecret "testsecret".
  const params = {
    Timestamp: '2016-02-23T12:46:24Z',
    Format: 'XML',
    AccessKeyId: 'testid',
    Action: 'DescribeRegions',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
    Version: '2014-05-26',
    SignatureVersion: '1.0',
  };
  const documentStringToSign =
    'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
    '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
    '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26';

  it('gives the string-to-sign the document prints', () => {
    expect(stringToSign('GET', canonicalQuery(params))).toBe(documentStringToSign);
    expect(stringToSign('GET', canonicalQuery(new Map(Object.entries(params))))).toBe(documentStringToSign);
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

  it('encodes an encoded text again by escaping only its %', () => {
    for (const [given] of cases) expect(encodeAgain(percentEncode(given))).toBe(percentEncode(percentEncode(given)));
  });
});

describe('canonicalQuery', () => {
  it('sorts by encoded name in byte order, not locale order', () => {
    expect(canonicalQuery({ b: '1', B: '2', a: '3', A_: '4', 'a.b': '5' })).toBe('A_=4&B=2&a=3&a.b=5&b=1');
  });

  it('encodes names and values', () => {
    expect(canonicalQuery({ 'Tag Key': 'v 1*', Empty: '' })).toBe('Empty=&Tag%20Key=v%201%2A');
  });

  it('takes a Map, where __proto__ is an ordinary name', () => {
    expect(canonicalQuery(new Map([['__proto__', 'x'], ['A', '1']]))).toBe('A=1&__proto__=x');
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
