// RFC 3986 percent-encoding and the canonical query, as every Alibaba Cloud signature (v1 and
// ACS3-HMAC-SHA256) defines them: the client encodes with them, the mock server verifies with them,
// and the docs compute their worked examples with them.

// RFC 3986 unreserved characters are the only ones left as they are.
const UNRESERVED = /^[A-Za-z0-9\-_.~]*$/;
// encodeURIComponent also leaves these five unencoded; RFC 3986 (and the signature) wants them
// encoded.
const SUB_DELIMS_LEFT_BY_ENCODE_URI = /[!'()*]/g;
const PERCENT = /%/g;

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

/**
 * Percent-encodes an already encoded text once more. Encoded text holds only unreserved
 * characters and `%`, so only `%` changes (to `%25`): no UTF-8 work, no regex over other characters.
 */
export function encodeAgain(encoded: string): string {
  return encoded.indexOf('%') === -1 ? encoded : encoded.replace(PERCENT, '%25');
}

/** Orders encoded names by their bytes. They are ASCII, so UTF-16 comparison is byte order. */
export function compareEncoded(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Parameters by name: a plain record or a Map (a Map keeps `__proto__` an ordinary name). */
export type ParamSource = Readonly<Record<string, string>> | ReadonlyMap<string, string>;

function entriesOf(params: ParamSource): Iterable<readonly [string, string]> {
  return params instanceof Map ? params.entries() : Object.entries(params as Readonly<Record<string, string>>);
}

/**
 * The canonicalized query string: every parameter as `encode(name)=encode(value)`, sorted by
 * encoded name, joined with `&`. Pass the parameters without the signature.
 */
export function canonicalQuery(params: ParamSource): string {
  const pairs: [string, string][] = [];
  for (const [name, value] of entriesOf(params)) pairs.push([percentEncode(name), percentEncode(value)]);
  pairs.sort((x, y) => compareEncoded(x[0], y[0]));
  let out = '';
  for (const [name, value] of pairs) out += out === '' ? `${name}=${value}` : `&${name}=${value}`;
  return out;
}
