// Builds one attempt's signed parameter string. Runs per attempt (never once per call), so every
// attempt carries a fresh SignatureNonce and Timestamp and the current credentials. The canonical
// query is built once, already in sorted order (see compile.ts), and is also what is sent: the URL's
// query (GET) or the form body (POST) is the canonical query plus `&Signature=...`.
import { randomUUID } from 'node:crypto';
import { encodeAgain, encodedTimestamp } from '@acr-ee/wire';
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
      twice = encodeAgain(value);
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

/** The encoded value of a common parameter the attempt fills (see ApiDescription.commonParams). */
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
