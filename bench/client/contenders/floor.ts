// The floor: what any Node.js client must spend at least. A bare `node:http` GET on a keep-alive
// agent to a URL computed once (signed once, so the request line is as long as a real one), the
// body read and JSON.parse'd. No signing, no validation, no retries, no timers per call.
import { createHmac, randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import type { CreateCall, Target } from './types.js';

/** RFC 3986 percent-encoding of the RPC signature (unreserved characters only). */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A GetInstance URL signed once with signature v1, as a real client would send it. */
export function signedUrlOnce(target: Target): string {
  const params: Record<string, string> = {
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

export const create: CreateCall = (target) => {
  const agent = new Agent({ keepAlive: true });
  const url = signedUrlOnce(target);
  return () =>
    new Promise((resolve, reject) => {
      const req = request(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          if (res.statusCode !== 200) {
            reject(new Error(`floor: HTTP ${res.statusCode}`));
            return;
          }
          try {
            resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { InstanceId?: unknown }).InstanceId);
          } catch (error) {
            reject(error);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
};
