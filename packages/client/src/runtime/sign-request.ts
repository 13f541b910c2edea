// Builds one attempt's signed parameter string. Runs per attempt (never once per call), so every
// attempt carries a fresh SignatureNonce and Timestamp and the current credentials. The canonical
// query is built once, already in sorted order (see compile.ts), and is also what is sent: the URL's
// query (GET) or the form body (POST) is the canonical query plus `&Signature=...`.
import { randomUUID } from 'node:crypto';
import {
  acs3Authorization,
  acs3CanonicalRequest,
  acs3StringToSign,
  ACS3_HEADERS,
  EMPTY_PAYLOAD_SHA256,
  encodeAgain,
  encodedTimestamp,
  formatTimestamp,
  percentEncode,
  sha256Hex,
} from '@acr-ee/wire';
import type { CompiledOperation } from './compile.js';
import type { SigningIdentity } from './credentials.js';
import type { RequestSource } from './operation.js';

export interface AttemptContext {
  readonly method: 'GET' | 'POST';
  /** ResourceOwnerAccount, encoded, when configured. */
  readonly encodedResourceOwnerAccount: string | undefined;
  /** The signature parameter's name and `=` (`&Signature=`), appended after the canonical query. */
  readonly signatureKey: string;
}

/** `canonical query&Signature=...`, ready to send as the query string or the form body. */
export function signedParams(
  compiled: CompiledOperation,
  encodedParams: readonly (string | undefined)[],
  identity: SigningIdentity,
  context: AttemptContext,
): string {
  // The canonical query and its percent-encoded form (for the string-to-sign) are built side by
  // side: encoding the finished query again would scan it a second time. Encoded values hold only
  // unreserved characters and `%`, so encoding them again only turns `%` into `%25`.
  let canonical = '';
  let encoded = '';
  for (const slot of compiled.slots) {
    let value: string | undefined;
    let twice: string;
    if (slot.constant !== undefined) {
      value = slot.constant;
      twice = slot.constantTwice;
    } else {
      value = slot.index === -1 ? attemptValue(slot.source!, identity, context) : encodedParams[slot.index];
      if (value === undefined) continue;
      // A repeatList run holds `&` and `=` besides encoded text: all three are encoded again.
      twice = slot.pairs ? percentEncode(value) : encodeAgain(value);
    }
    if (canonical === '') {
      canonical = slot.key + value;
      encoded = slot.encodedKey + twice;
    } else {
      canonical = `${canonical}&${slot.key}${value}`;
      encoded = `${encoded}%26${slot.encodedKey}${twice}`;
    }
  }
  // Equal to stringToSign(method, canonical) from @acr-ee/wire (the tests hold them to it).
  const signature = identity.sign(`${context.method}&%2F&${encoded}`);
  // Base64 holds only `+`, `/` and `=` beyond unreserved characters; encodeURIComponent alone
  // encodes those exactly as RFC 3986 wants.
  return `${canonical}${context.signatureKey}${encodeURIComponent(signature)}`;
}

/** What ACS3 signing needs beyond AttemptContext: constant for a client. */
export interface Acs3Context {
  /** The endpoint's `host[:port]`, as the transport sends it in the Host header. */
  readonly host: string;
  /** The API version, sent as x-acs-version. */
  readonly version: string;
}

/** One ACS3-signed attempt: the parameters (query for GET, form body for POST) and the headers to add. */
export interface Acs3Attempt {
  readonly params: string;
  readonly headers: Record<string, string>;
}

/**
 * Signs with ACS3-HMAC-SHA256: the parameters go in the query (GET) or the form body (POST),
 * Action, version, nonce, date and token in `x-acs-*` headers, the signature in Authorization.
 * The signed headers are listed in sorted order, as the vendor's runtime lists them.
 */
export function acs3Signed(
  compiled: CompiledOperation,
  encodedParams: readonly (string | undefined)[],
  identity: SigningIdentity,
  context: AttemptContext,
  acs3: Acs3Context,
  contentType: string | undefined,
): Acs3Attempt {
  let params = '';
  for (const slot of compiled.acs3Slots) {
    const value = slot.constant ?? (slot.index === -1 ? attemptValue(slot.source!, identity, context) : encodedParams[slot.index]);
    if (value === undefined) continue;
    params = params === '' ? slot.key + value : `${params}&${slot.key}${value}`;
  }
  const get = context.method === 'GET';
  const payloadHash = get ? EMPTY_PAYLOAD_SHA256 : sha256Hex(params);
  const signed: [string, string][] = [];
  if (contentType !== undefined) signed.push(['content-type', contentType]);
  signed.push(
    ['host', acs3.host],
    [ACS3_HEADERS.action, compiled.op.action],
    [ACS3_HEADERS.contentSha256, payloadHash],
    [ACS3_HEADERS.date, formatTimestamp(Date.now())],
  );
  if (identity.securityToken !== undefined) signed.push([ACS3_HEADERS.securityToken, identity.securityToken]);
  signed.push([ACS3_HEADERS.nonce, randomUUID()], [ACS3_HEADERS.version, acs3.version]);
  const canonical = acs3CanonicalRequest({ method: context.method, path: '/', canonicalQuery: get ? params : '', signedHeaders: signed, payloadHash });
  const signature = identity.signAcs3(acs3StringToSign(canonical));
  const headers: Record<string, string> = {};
  // Host is the transport's to send (it matches: the endpoint's host and non-default port).
  for (const [name, value] of signed) if (name !== 'host' && name !== 'content-type') headers[name] = value;
  headers.authorization = acs3Authorization(identity.accessKeyId, signed.map(([name]) => name), signature);
  return { params, headers };
}

/** The encoded value of a common parameter the attempt fills (see ApiDescription.commonParameters). */
function attemptValue(source: RequestSource, identity: SigningIdentity, context: AttemptContext): string | undefined {
  switch (source) {
    case 'accessKeyId':
      return identity.encodedAccessKeyId;
    case 'securityToken':
      return identity.encodedSecurityToken;
    case 'signatureNonce':
      // A UUID holds only hex digits and `-`: nothing to encode.
      return randomUUID();
    case 'timestamp':
      return encodedTimestamp();
    case 'resourceOwnerAccount':
      return context.encodedResourceOwnerAccount;
  }
}
