// ACS3-HMAC-SHA256 (signature version 3), as @alicloud/openapi-client 0.4.x sends it from `callApi` /
// `doRequest`: the canonical request, string-to-sign and signature are @acr-ee/wire's (see its
// acs3.ts); this module reads them off a received request. The canonical query holds the query
// string's parameters (not the body's); the hashed payload is the `x-acs-content-sha256` header,
// which must equal hex(sha256(body)). Action, Version, the nonce, the date and the security token
// come from the `x-acs-*` headers of ACS3_HEADERS; whichever of those is sent must be signed.
import type { IncomingHttpHeaders } from 'node:http';
import { acs3CanonicalRequest, acs3StringToSign, ACS3_ALGORITHM, ACS3_HEADERS, canonicalQuery, EMPTY_PAYLOAD_SHA256, sha256Hex } from '@acr-ee/wire';
import type { WireParams } from '../http/params.js';
import { contentHashMismatch, incompleteSignature } from '../http/wire-errors.js';

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
  if (algorithm !== ACS3_ALGORITHM) throw incompleteSignature(`the signature algorithm must be ${ACS3_ALGORITHM}`);
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
  for (const name of Object.values(ACS3_HEADERS)) {
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
  const actual = body === undefined || body.length === 0 ? EMPTY_PAYLOAD_SHA256 : sha256Hex(body);
  const claimed = headers[ACS3_HEADERS.contentSha256];
  if (claimed !== undefined && String(claimed).toLowerCase() !== actual) {
    throw contentHashMismatch(ACS3_HEADERS.contentSha256);
  }
  return actual;
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
  const signedHeaders = auth.signedHeaders.map((name) => [name, headerValue(headers, name)] as const);
  const canonicalRequest = acs3CanonicalRequest({ method, path, canonicalQuery: canonicalQuery(query), signedHeaders, payloadHash });
  const stringToSign = acs3StringToSign(canonicalRequest);
  return { canonicalRequest, stringToSign };
}
