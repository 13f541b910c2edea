// Signature checks. Version 1 (chapter 3; what @acr-ee/client, pop-core and openapi-client's RPC
// path send): HMAC-SHA1 over `METHOD&%2F&encode(canonical query of every parameter but Signature)`,
// keyed with `secret + "&"`, Base64. Version 3 (ACS3-HMAC-SHA256 in an `Authorization` header, what
// @alicloud/openapi-client's `callApi` / `doRequest` sends): see signature-v3.ts.
// Secrets live only inside AccessKey's HMAC closures (not as fields); nothing here logs or returns one.
import { percentEncode, preparedHmac } from '@acr-ee/client';
import type { WireParams } from './params.js';

export class AccessKey {
  readonly id: string;
  /** Base64 HMAC-SHA1 keyed with `secret&` (signature v1). */
  readonly signV1: (stringToSign: string) => string;
  /** Hex HMAC-SHA256 keyed with the secret (ACS3-HMAC-SHA256). */
  readonly signV3: (stringToSign: string) => string;

  constructor(id: string, secret: string) {
    this.id = id;
    this.signV1 = preparedHmac('sha1', `${secret}&`, 'base64');
    this.signV3 = preparedHmac('sha256', secret, 'hex');
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }
}

/** Equal strings, compared in time independent of where they differ (given equal lengths). */
export function sameSignature(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < given.length; i++) difference |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return difference === 0;
}

const PERCENT = /%/g;

/** Percent-encodes an already encoded string once more: only `%` changes (to `%25`). */
function again(encoded: string): string {
  return encoded.indexOf('%') === -1 ? encoded : encoded.replace(PERCENT, '%25');
}

/**
 * The version 1 string-to-sign of a request's parameters: every parameter but `signatureName`,
 * `encode(name)=encode(value)` sorted by encoded name, joined with `&`, the whole percent-encoded
 * again after `METHOD&%2F&`. Built in one pass: encoded pairs hold only unreserved characters and
 * `%`, so encoding them again only turns `%` into `%25` (and the joining `=` and `&` are `%3D`,
 * `%26`).
 */
export function v1StringToSign(method: string, params: WireParams, signatureName: string, sorted?: string): string {
  if (sorted !== undefined && isCanonical(sorted)) return `${method}&%2F&${encodeURIComponent(sorted)}`;
  const names: string[] = [];
  let plain = true;
  for (const name of params.keys()) {
    if (name === signatureName) continue;
    const encoded = percentEncode(name);
    if (encoded !== name) plain = false;
    names.push(encoded);
  }
  // Encoded names are ASCII: the default sort is byte order. Names that needed encoding are
  // looked up by their encoded form.
  names.sort();
  let byEncoded: Map<string, string> | undefined;
  if (!plain) {
    byEncoded = new Map();
    for (const name of params.keys()) byEncoded.set(percentEncode(name), name);
  }
  let out = `${method}&%2F&`;
  for (let i = 0; i < names.length; i++) {
    const encoded = names[i];
    const value = params.get(byEncoded === undefined ? encoded : (byEncoded.get(encoded) as string)) as string;
    out += `${i === 0 ? '' : '%26'}${again(encoded)}%3D${again(percentEncode(value))}`;
  }
  return out;
}

// Every segment `name=value`, both RFC 3986 encoded: unreserved characters and `%XX` only.
const SEGMENTS = /^[A-Za-z0-9\-_.~%]+=[A-Za-z0-9\-_.~%]*(?:&[A-Za-z0-9\-_.~%]+=[A-Za-z0-9\-_.~%]*)*$/;
// A `%` not followed by two upper-case hex digits, or an escaped unreserved character: encoded, but
// not as percentEncode would.
const NOT_CANONICAL = /%(?![0-9A-F]{2})|%(?:2[DE]|3[0-9]|4[1-9A-F]|5[0-9AF]|6[1-9A-F]|7[0-9AE])/;

/**
 * The fast path of the canonical query: clients that sign per chapter 3 send the canonical query
 * itself plus `&Signature=...`. Given that text without the signature, its names already in
 * order (parseParamsInto checks), it is the canonical query when every name and value is encoded
 * exactly as percentEncode encodes: then no decoding, encoding or sorting is needed.
 */
export function isCanonical(sorted: string): boolean {
  return sorted === '' || (SEGMENTS.test(sorted) && !NOT_CANONICAL.test(sorted));
}
