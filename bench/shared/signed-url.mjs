// A GetInstance URL signed with signature v1 the plain way (node:crypto, no library), for the
// benchmarks' floors: the CPU benchmark signs it once, the cold-start benchmark's bare request in its
// own process. Plain JavaScript (types in signed-url.d.mts): the cold-start processes run without tsx.
import { createHmac, randomUUID } from 'node:crypto';

/** RFC 3986 percent-encoding of the RPC signature (unreserved characters only). */
function encode(value) {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A GetInstance URL signed once with signature v1, as a real client would send it. */
export function signedUrlOnce(target) {
  const params = {
    AccessKeyId: target.accessKeyId,
    Action: 'GetInstance',
    Format: 'JSON',
    InstanceId: target.instanceId,
    RegionId: target.regionId,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: randomUUID(),
    SignatureVersion: '1.0',
    Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2018-12-01',
  };
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${encode(key)}=${encode(params[key])}`)
    .join('&');
  const signature = createHmac('sha1', `${target.accessKeySecret}&`)
    .update(`GET&${encode('/')}&${encode(canonical)}`)
    .digest('base64');
  return `http://127.0.0.1:${target.port}/?${canonical}&Signature=${encode(signature)}`;
}
