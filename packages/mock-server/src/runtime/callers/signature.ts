// Signature checks. Version 1 (chapter 3; what @acr-ee/client, pop-core and openapi-client's RPC
// path send) and version 3 (ACS3-HMAC-SHA256 in an `Authorization` header, see signature-v3.ts) are
// defined once, in @acr-ee/wire; this module holds the keys a request is checked with and the fast
// path that recognises a query already in canonical form.
// Secrets live only inside AccessKey's HMAC closures (not as fields); nothing here logs or returns one.
import { canonicalQuery, preparedHmac, stringToSign, v1Key, V1_HMAC } from '@acr-ee/wire';
import type { WireParams } from '../http/params.js';
import { securityTokenMismatch } from '../http/wire-errors.js';
import type { CompiledPolicy } from '../policy/ram.js';

export class AccessKey {
  readonly id: string;
  /** Base64 HMAC-SHA1 keyed with `secret&` (signature v1). */
  readonly signV1: (stringToSign: string) => string;
  /** Hex HMAC-SHA256 keyed with the secret (ACS3-HMAC-SHA256). */
  readonly signV3: (stringToSign: string) => string;

  constructor(id: string, secret: string) {
    this.id = id;
    this.signV1 = preparedHmac(V1_HMAC, v1Key(secret), 'base64');
    this.signV3 = preparedHmac('sha256', secret, 'hex');
  }

  /**
   * Throws when the SecurityToken sent does not go with this key. The configured key pair takes
   * any token (or none) unless the server requires `configured`; keys a service issues (STS
   * sessions) override this with their own token and expiry.
   */
  checkToken(token: string | undefined, _now: number, configured: string | undefined): void {
    if (configured !== undefined && token !== configured) throw securityTokenMismatch();
  }

  /** The policies a request signed with this key must pass, every one; undefined: all allowed. */
  policies(serverPolicy: CompiledPolicy | undefined): readonly CompiledPolicy[] | undefined {
    return serverPolicies(serverPolicy);
  }

  /** Until when (server clock, ms) the key is good: the configured pair always; issued keys override this. */
  validUntil(): number {
    return Infinity;
  }

  toJSON(): { id: string } {
    return { id: this.id };
  }
}

function serverPolicies(serverPolicy: CompiledPolicy | undefined): readonly CompiledPolicy[] | undefined {
  return serverPolicy === undefined ? undefined : [serverPolicy];
}

/**
 * The policies a request must pass, every one (undefined: all allowed): the signing key's (a
 * session STS issued has its role's), or the server's when nothing was verified.
 */
export function policiesFor(key: AccessKey | undefined, serverPolicy: CompiledPolicy | undefined): readonly CompiledPolicy[] | undefined {
  return key === undefined ? serverPolicies(serverPolicy) : key.policies(serverPolicy);
}

/** Equal strings, compared in time independent of where they differ (given equal lengths). */
export function sameSignature(given: string, expected: string): boolean {
  if (given.length !== expected.length) return false;
  let difference = 0;
  for (let i = 0; i < given.length; i++) difference |= given.charCodeAt(i) ^ expected.charCodeAt(i);
  return difference === 0;
}

/**
 * The version 1 string-to-sign of a request's parameters (every one but `signatureName`).
 * `sorted`: the text they all came from without the signature, when its names were in canonical
 * order (see parseParamsInto); when it is also encoded as the signature encodes, it is the
 * canonical query itself and nothing is decoded, encoded or sorted again.
 */
export function v1StringToSign(method: string, params: WireParams, signatureName: string, sorted?: string): string {
  if (sorted !== undefined && isCanonical(sorted)) return stringToSign(method, sorted);
  const signed = new Map(params);
  signed.delete(signatureName);
  return stringToSign(method, canonicalQuery(signed));
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
