// Signed GetInstance request targets (`/?Action=GetInstance&...&Signature=...`), signature version
// 1.0 as the spec's security scheme describes it, each with its own SignatureNonce. The load
// generator makes all it needs before the timed phase, so that signing costs the timed phase
// nothing and a server that refuses replayed nonces sees each nonce once.
import { randomBytes } from 'node:crypto';
import { canonicalGet, encode, getInstanceParams, hmacSha1, type SigningTarget } from '../shared/signed-url.mjs';

export type Identity = SigningTarget;

/**
 * Makes `count` request targets signed now, with distinct nonces (a random run id and a counter).
 * Only the nonce differs between them, and it is made of unreserved characters, so the canonical
 * query and the string-to-sign are built once around it and each target costs one HMAC.
 */
export function signedTargets(identity: Identity, count: number, version: string): string[] {
  const MARK = 'NONCEMARK';
  const { canonical, stringToSign } = canonicalGet(getInstanceParams(identity, MARK, version));
  const [queryBefore, queryAfter] = canonical.split(MARK);
  const [signBefore, signAfter] = stringToSign.split(MARK);
  const run = randomBytes(8).toString('hex');
  const targets = new Array<string>(count);
  for (let i = 0; i < count; i += 1) {
    const nonce = `${run}-${i}`;
    const signature = hmacSha1(identity.accessKeySecret, signBefore + nonce + signAfter);
    targets[i] = `/?${queryBefore}${nonce}${queryAfter}&Signature=${encode(signature)}`;
  }
  return targets;
}
