// Signature version 1 of Alibaba Cloud RPC APIs (chapter 3 of the source document), as small pure
// functions: HMAC-SHA1 over `METHOD&%2F&encode(canonical query)`, keyed with `secret + "&"`,
// Base64. The spec states the same scheme in its `x-acs-signature` extension; the generated tables
// carry its parameter names and fixed values.
import { createHmac } from 'node:crypto';
import { canonicalQuery, type ParamSource } from './percent-encoding.js';

/** What the access key secret is followed by to make the HMAC key. */
export const V1_KEY_SUFFIX = '&';
/** The HMAC of signature v1, as node:crypto names it. */
export const V1_HMAC = 'sha1';
/** The same as the `SignatureMethod` value names it: a spec's scheme must say this for wire to sign it. */
export const V1_SIGNATURE_METHOD = 'HMAC-SHA1';

/** `METHOD&%2F&` followed by the percent-encoded canonical query. */
export function stringToSign(method: string, canonical: string): string {
  // The canonical query holds only unreserved characters, `%`, `=` and `&`, for which
  // encodeURIComponent is exactly RFC 3986.
  return `${method}&%2F&${encodeURIComponent(canonical)}`;
}

/** The HMAC key of signature v1 for a secret. */
export function v1Key(accessKeySecret: string): string {
  return `${accessKeySecret}${V1_KEY_SUFFIX}`;
}

/**
 * Base64 of HMAC-SHA1(key = accessKeySecret + "&", stringToSign), by node:crypto: the reference
 * (hot paths use preparedHmac, the same HMAC with the key prepared once).
 */
export function computeSignature(toSign: string, accessKeySecret: string): string {
  return createHmac(V1_HMAC, v1Key(accessKeySecret)).update(toSign, 'utf8').digest('base64');
}

/** The signature of a full parameter set (everything but `Signature`) for the given method. */
export function signatureOf(method: string, params: ParamSource, accessKeySecret: string): string {
  return computeSignature(stringToSign(method, canonicalQuery(params)), accessKeySecret);
}

/** `YYYY-MM-DDThh:mm:ssZ` in UTC, without milliseconds, as the Timestamp parameter wants. */
export function formatTimestamp(date: Date | number): string {
  const iso = new Date(date).toISOString(); // 2016-02-23T12:46:24.000Z
  return `${iso.slice(0, 19)}Z`;
}

// The Timestamp changes once a second; calls within the same second share the formatted string.
let stampSecond = -1;
let stamp = '';

/** The UTC time as `YYYY-MM-DDThh%3Amm%3AssZ` (the Timestamp, already percent-encoded). */
export function encodedTimestamp(now = Date.now()): string {
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    const iso = new Date(second * 1000).toISOString();
    stamp = `${iso.slice(0, 13)}%3A${iso.slice(14, 16)}%3A${iso.slice(17, 19)}Z`;
    stampSecond = second;
  }
  return stamp;
}
