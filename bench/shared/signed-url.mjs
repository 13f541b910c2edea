// Signature v1 the plain way (node:crypto, no library), for the benchmarks' floors and load: the CPU
// benchmark signs one URL once, the cold-start benchmark's bare request in its own process, the mock
// server benchmark's load generator its many targets. Deliberately not @acr-ee/wire: a floor that
// loaded the code under test would not be a floor. Plain JavaScript (types in signed-url.d.mts): the
// cold-start processes run without tsx.
import { createHmac, randomUUID } from 'node:crypto';

/** RFC 3986 percent-encoding of the RPC signature (unreserved characters only; space as %20). */
export function encode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The parameters of a GetInstance call signed now, without Signature, by name. */
export function getInstanceParams(target, nonce, version = '2018-12-01') {
  return {
    AccessKeyId: target.accessKeyId,
    Action: 'GetInstance',
    Format: 'JSON',
    InstanceId: target.instanceId,
    RegionId: target.regionId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: version,
  };
}

/** The canonical query (sorted by name, each side percent-encoded) and the GET string-to-sign of it. */
export function canonicalGet(params) {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${encode(key)}=${encode(params[key])}`)
    .join('&');
  return { canonical, stringToSign: `GET&${encode('/')}&${encode(canonical)}` };
}

/** The base64 HMAC-SHA1 of a string-to-sign with the secret's signing key. */
export function hmacSha1(secret, stringToSign) {
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** A GetInstance URL signed once with signature v1, as a real client would send it. */
export function signedUrlOnce(target) {
  const { canonical, stringToSign } = canonicalGet(getInstanceParams(target, randomUUID()));
  return `http://127.0.0.1:${target.port}/?${canonical}&Signature=${encode(hmacSha1(target.accessKeySecret, stringToSign))}`;
}
