// ACS3-HMAC-SHA256 (signature version 3), as @alicloud/openapi-client 0.4.x sends it from `callApi` /
// `doRequest` (see openapi-util's `getAuthorization`):
//
//   Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<a;b;c>,Signature=<hex>
//   canonical request = METHOD \n canonical URI \n canonical query \n canonical headers \n
//                       signed headers \n hashed payload
//   string-to-sign    = "ACS3-HMAC-SHA256" \n hex(sha256(canonical request))
//   signature         = hex(HMAC-SHA256(secret, string-to-sign))
//
// canonical query: the query string's parameters (not the body's) as `encode(name)=encode(value)`,
// sorted by encoded name, joined with `&` (RFC 3986 encoding). canonical headers: each signed
// header as `name:trimmed value\n` in the order SignedHeaders lists them. hashed payload: the
// `x-acs-content-sha256` header, which must equal hex(sha256(body)). Action, Version, the nonce,
// the date and the security token come from `x-acs-action`, `x-acs-version`,
// `x-acs-signature-nonce`, `x-acs-date` and `x-acs-security-token`; whichever of those is sent must
// be signed.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { percentEncode } from '@acr-ee/client';
import type { WireParams } from './params.js';
import { contentHashMismatch, incompleteSignature } from './wire-errors.js';

export const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
const EMPTY_SHA256 = createHash('sha256').update('').digest('hex');

/** The headers that carry what v1 carries in parameters; signed whenever they are sent. */
export const V3_HEADERS = {
  action: 'x-acs-action',
  version: 'x-acs-version',
  nonce: 'x-acs-signature-nonce',
  date: 'x-acs-date',
  securityToken: 'x-acs-security-token',
  contentSha256: 'x-acs-content-sha256',
} as const;

export interface V3Authorization {
  readonly algorithm: string;
  readonly accessKeyId: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

/** Whether the request is signed with version 3 (an ACS3 Authorization header). */
export function isV3(headers: IncomingHttpHeaders): boolean {
  const auth = headers.authorization;
  return auth !== undefined && auth.startsWith('ACS3-');
}

/** Parses `ALGORITHM Credential=..,SignedHeaders=..,Signature=..`; throws IncompleteSignature. */
export function parseAuthorization(header: string): V3Authorization {
  const space = header.indexOf(' ');
  const algorithm = space === -1 ? header : header.slice(0, space);
  if (algorithm !== V3_ALGORITHM) throw incompleteSignature(`the signature algorithm must be ${V3_ALGORITHM}`);
  const fields = new Map<string, string>();
  for (const part of header.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq !== -1) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKeyId = fields.get('Credential');
  const signedHeaders = fields.get('SignedHeaders');
  const signature = fields.get('Signature');
  if (accessKeyId === undefined || accessKeyId === '') throw incompleteSignature('the Authorization header has no Credential');
  if (signedHeaders === undefined || signedHeaders === '') throw incompleteSignature('the Authorization header has no SignedHeaders');
  if (signature === undefined || signature === '') throw incompleteSignature('the Authorization header has no Signature');
  return { algorithm, accessKeyId, signedHeaders: signedHeaders.toLowerCase().split(';'), signature };
}

/** Throws IncompleteSignature when an x-acs header the server relies on was sent but not signed. */
export function checkSignedHeaders(auth: V3Authorization, headers: IncomingHttpHeaders): void {
  for (const name of Object.values(V3_HEADERS)) {
    if (headers[name] !== undefined && !auth.signedHeaders.includes(name)) {
      throw incompleteSignature(`the header ${name} is sent but not in SignedHeaders`);
    }
  }
}

function headerValue(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  if (value === undefined) return '';
  return (Array.isArray(value) ? value.join(',') : value).trim();
}

/** hex(sha256(body)), checked against `x-acs-content-sha256` when the client sent it. */
export function hashedPayload(headers: IncomingHttpHeaders, body: Buffer | undefined): string {
  const actual = body === undefined || body.length === 0 ? EMPTY_SHA256 : createHash('sha256').update(body).digest('hex');
  const claimed = headers[V3_HEADERS.contentSha256];
  if (claimed !== undefined && String(claimed).toLowerCase() !== actual) {
    throw contentHashMismatch(V3_HEADERS.contentSha256);
  }
  return actual;
}

function canonicalQuery(query: WireParams): string {
  const pairs: string[] = [];
  for (const [name, value] of query) pairs.push(`${percentEncode(name)}\0${percentEncode(value)}`);
  pairs.sort();
  let out = '';
  for (let i = 0; i < pairs.length; i++) out += (i === 0 ? '' : '&') + pairs[i].replace('\0', '=');
  return out;
}

/** The canonical request and string-to-sign the server computes for a version 3 request. */
export function v3StringToSign(
  method: string,
  path: string,
  query: WireParams,
  headers: IncomingHttpHeaders,
  auth: V3Authorization,
  payloadHash: string,
): { readonly canonicalRequest: string; readonly stringToSign: string } {
  let canonicalHeaders = '';
  for (const name of auth.signedHeaders) canonicalHeaders += `${name}:${headerValue(headers, name)}\n`;
  const canonicalRequest = `${method}\n${path}\n${canonicalQuery(query)}\n${canonicalHeaders}\n${auth.signedHeaders.join(';')}\n${payloadHash}`;
  const stringToSign = `${V3_ALGORITHM}\n${createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')}`;
  return { canonicalRequest, stringToSign };
}
