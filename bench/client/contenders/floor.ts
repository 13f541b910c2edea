// The floor: what any Node.js client must spend at least. A bare `node:http` GET on a keep-alive
// agent to a URL computed once (signed once, so the request line is as long as a real one), the
// body read and JSON.parse'd. No signing, no validation, no retries, no timers per call.
import { Agent, request } from 'node:http';
import type { CreateCall } from './types.js';
import { signedUrlOnce } from '../../shared/signed-url.mjs';

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
