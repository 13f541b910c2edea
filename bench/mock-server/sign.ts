// Signed GetInstance request targets (`/?Action=GetInstance&...&Signature=...`), signature version
// 1.0 as the spec's security scheme describes it, each with its own SignatureNonce. The load
// generator makes all it needs before the timed phase, so that signing costs the timed phase
// nothing and a server that refuses replayed nonces sees each nonce once.
import { createHmac, randomBytes } from 'node:crypto';

export interface Identity {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly regionId: string;
  readonly instanceId: string;
}

/** RFC 3986 percent-encoding (unreserved characters only; space as %20). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Makes `count` request targets signed now, with distinct nonces (a random run id and a counter).
 * Only the nonce differs between them, and it is made of unreserved characters, so the canonical
 * query and the string-to-sign are built once around it and each target costs one HMAC.
 */
export function signedTargets(identity: Identity, count: number, version: string): string[] {
  const MARK = 'NONCEMARK';
  const params: Record<string, string> = {
    AccessKeyId: identity.accessKeyId,
    Action: 'GetInstance',
    Format: 'JSON',
    InstanceId: identity.instanceId,
    RegionId: identity.regionId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: MARK,
    SignatureVersion: '1.0',
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: version,
  };
  const canonical = Object.keys(params)
    .sort()
    .map((name) => `${encode(name)}=${encode(params[name])}`)
    .join('&');
  const [queryBefore, queryAfter] = canonical.split(MARK);
  const [signBefore, signAfter] = `GET&${encode('/')}&${encode(canonical)}`.split(MARK);
  const key = `${identity.accessKeySecret}&`;
  const run = randomBytes(8).toString('hex');
  const targets = new Array<string>(count);
  for (let i = 0; i < count; i += 1) {
    const nonce = `${run}-${i}`;
    const signature = createHmac('sha1', key).update(signBefore + nonce + signAfter).digest('base64');
    targets[i] = `/?${queryBefore}${nonce}${queryAfter}&Signature=${encode(signature)}`;
  }
  return targets;
}
