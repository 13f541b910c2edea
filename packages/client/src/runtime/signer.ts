// Signature version 1 of Alibaba Cloud RPC APIs (chapter 3 of the source document), as small pure
// functions: the client's request builder uses them, and a mock server can use the same ones to
// verify what it receives. HMAC-SHA1 over `METHOD&%2F&encode(canonical query)`, keyed with
// `secret + "&"`, Base64.
import { createHmac } from 'node:crypto';

// RFC 3986 unreserved characters are the only ones left as they are.
const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
// encodeURIComponent also leaves these five unencoded; RFC 3986 (and the signature) wants them
// encoded.
const SUB_DELIMS_LEFT_BY_ENCODE_URI = /[!'()*]/g;

/**
 * RFC 3986 percent-encoding of a parameter name or value: unreserved `A-Za-z0-9-_.~` kept, every
 * other character as the `%XX` of its UTF-8 bytes (space as `%20`, never `+`; `*` as `%2A`).
 * Throws a URIError on a string that is not well-formed UTF-16 (a lone surrogate).
 */
export function percentEncode(value: string): string {
  // Most names and values (ids, enums, numbers, nonces) need no encoding: skip the allocations.
  if (UNRESERVED.test(value)) return value;
  return encodeURIComponent(value).replace(SUB_DELIMS_LEFT_BY_ENCODE_URI, hexEscape);
}

function hexEscape(char: string): string {
  return `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
}

/** Orders encoded names by their bytes. They are ASCII, so UTF-16 comparison is byte order. */
export function compareEncoded(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The canonicalized query string: every parameter as `encode(name)=encode(value)`, sorted by
 * encoded name, joined with `&`. `Signature` must not be among the parameters.
 */
export function canonicalQuery(params: Readonly<Record<string, string>>): string {
  const pairs: [string, string][] = [];
  for (const name of Object.keys(params)) pairs.push([percentEncode(name), percentEncode(params[name])]);
  pairs.sort((x, y) => compareEncoded(x[0], y[0]));
  let out = '';
  for (const [name, value] of pairs) out += out === '' ? `${name}=${value}` : `&${name}=${value}`;
  return out;
}

/** `METHOD&%2F&` followed by the percent-encoded canonical query. */
export function stringToSign(method: string, canonical: string): string {
  // The canonical query holds only unreserved characters, `%`, `=` and `&`, for which
  // encodeURIComponent is exactly RFC 3986; percentEncode would do the same work with a regex.
  return `${method}&%2F&${encodeURIComponent(canonical)}`;
}

/**
 * Base64 of HMAC-SHA1(key = accessKeySecret + "&", stringToSign), by node:crypto: the reference
 * (the client's hot path uses hmac.ts, the same HMAC with the key prepared once).
 */
export function computeSignature(toSign: string, accessKeySecret: string): string {
  return createHmac('sha1', `${accessKeySecret}&`).update(toSign, 'utf8').digest('base64');
}

/** The signature of a full parameter set (everything but `Signature`) for the given method. */
export function signatureOf(method: string, params: Readonly<Record<string, string>>, accessKeySecret: string): string {
  return computeSignature(stringToSign(method, canonicalQuery(params)), accessKeySecret);
}

/** `YYYY-MM-DDThh:mm:ssZ` in UTC, without milliseconds, as the Timestamp parameter wants. */
export function formatTimestamp(date: Date | number): string {
  const iso = new Date(date).toISOString(); // 2016-02-23T12:46:24.000Z
  return `${iso.slice(0, 19)}Z`;
}
