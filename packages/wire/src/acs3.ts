// ACS3-HMAC-SHA256 (signature version 3), the default of the vendor's runtime
// (@alicloud/openapi-client): the request is signed in an `Authorization` header.
//
//   canonical request = METHOD \n canonical URI \n canonical query \n canonical headers \n
//                       signed headers \n hashed payload
//   string-to-sign    = "ACS3-HMAC-SHA256" \n hex(sha256(canonical request))
//   signature         = hex(HMAC-SHA256(secret, string-to-sign))
//   Authorization     = ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<a;b>,Signature=<hex>
//
// The canonical query is the query string's parameters (never the body's) exactly as signature v1
// canonicalizes them; canonical headers are `name:trimmed value\n` for each signed header, in the
// order SignedHeaders lists them (a signer lists them sorted). The signer signs `host`,
// `content-type` and every `x-acs-*` header; the hashed payload is hex(sha256(body)), sent as
// `x-acs-content-sha256`.
import { createHash, createHmac } from 'node:crypto';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

/** The headers that carry what signature v1 carries in parameters; signed whenever they are sent. */
export const ACS3_HEADERS = {
  action: 'x-acs-action',
  version: 'x-acs-version',
  nonce: 'x-acs-signature-nonce',
  date: 'x-acs-date',
  securityToken: 'x-acs-security-token',
  contentSha256: 'x-acs-content-sha256',
} as const;

/** hex(sha256(data)), the hashed payload and the digest of the canonical request. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The hashed payload of a request without a body: hex(sha256('')), written out because computing
 * it at import would make every process that loads the wire core (v1 signers too) set up SHA-256
 * at start; a test checks it against the hash.
 */
export const EMPTY_PAYLOAD_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** Whether a header takes part in the signature when a signer sends it. */
export function isAcs3SignedHeader(lowerCaseName: string): boolean {
  return lowerCaseName.startsWith('x-acs-') || lowerCaseName === 'host' || lowerCaseName === 'content-type';
}

export interface Acs3CanonicalInput {
  readonly method: string;
  /** The request path as sent (`/`). */
  readonly path: string;
  /** The canonical query of the query string's parameters (see canonicalQuery). */
  readonly canonicalQuery: string;
  /** The signed headers, lower-case names with their values, in SignedHeaders order. */
  readonly signedHeaders: readonly (readonly [name: string, value: string])[];
  /** hex(sha256(body)). */
  readonly payloadHash: string;
}

/** The canonical request of ACS3-HMAC-SHA256. */
export function acs3CanonicalRequest(input: Acs3CanonicalInput): string {
  let headers = '';
  let names = '';
  for (const [name, value] of input.signedHeaders) {
    headers += `${name}:${value.trim()}\n`;
    names += names === '' ? name : `;${name}`;
  }
  return `${input.method}\n${input.path}\n${input.canonicalQuery}\n${headers}\n${names}\n${input.payloadHash}`;
}

/** `ACS3-HMAC-SHA256\n` followed by hex(sha256(canonical request)). */
export function acs3StringToSign(canonicalRequest: string): string {
  return `${ACS3_ALGORITHM}\n${sha256Hex(Buffer.from(canonicalRequest, 'utf8'))}`;
}

/**
 * hex(HMAC-SHA256(secret, stringToSign)) by node:crypto: the reference (hot paths use
 * preparedHmac('sha256', secret, 'hex'), the same HMAC with the key prepared once).
 */
export function acs3Signature(stringToSign: string, accessKeySecret: string): string {
  return createHmac('sha256', accessKeySecret).update(stringToSign, 'utf8').digest('hex');
}

/** The `Authorization` header's value. */
export function acs3Authorization(accessKeyId: string, signedHeaderNames: readonly string[], signature: string): string {
  return `${ACS3_ALGORITHM} Credential=${accessKeyId},SignedHeaders=${signedHeaderNames.join(';')},Signature=${signature}`;
}
