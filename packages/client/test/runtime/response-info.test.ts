// Response metadata on request (issue 14): the onResponse hook sees status, headers and RequestId of
// every response, per client or per call, while what a call returns stays the body alone.
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, ServiceError, type ResponseInfo } from '../../src/runtime/index.js';
import { clientFor, GetInstance } from './support/client.js';
import { json, startServer, type Handler } from './support/server.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function serve(script: Handler[], config: Parameters<typeof clientFor>[1] = {}) {
  let n = 0;
  const server = await startServer((received, res, req) => script[Math.min(n++, script.length - 1)](received, res, req));
  const client = clientFor(server.url, config);
  cleanup.push(() => server.close(), () => client.close());
  return client;
}

const ok: Handler = (_r, res) => json(res, 200, { RequestId: 'body-id', Status: 'RUNNING' }, { 'x-acs-request-id': 'header-id', 'x-custom': 'v' });
const busy: Handler = (_r, res) => json(res, 503, { Code: 'ServiceUnavailable', RequestId: 'busy-id' });
const notJson: Handler = (_r, res) => {
  res.writeHead(502, { 'content-type': 'text/html', 'x-acs-request-id': 'gateway-id' });
  res.end('<html>bad gateway</html>');
};

describe('onResponse', () => {
  it('sees every attempt, with status, headers and RequestId, while the call returns the body only', async () => {
    const seen: ResponseInfo[] = [];
    const client = await serve([busy, ok], { onResponse: (info) => seen.push(info) });
    await expect(client.call(GetInstance, { InstanceId: 'i' })).resolves.toEqual({ RequestId: 'body-id', Status: 'RUNNING' });
    expect(seen.map(({ action, attempt, status, requestId }) => ({ action, attempt, status, requestId }))).toEqual([
      { action: 'GetInstance', attempt: 1, status: 503, requestId: 'busy-id' },
      { action: 'GetInstance', attempt: 2, status: 200, requestId: 'body-id' },
    ]);
    expect(seen[1].headers['x-custom']).toBe('v');
  });

  it("falls back to the x-acs-request-id header when the body has none, and keeps the call's error", async () => {
    const seen: ResponseInfo[] = [];
    const client = await serve([notJson], { retry: false });
    const error = await client.call(GetInstance, { InstanceId: 'i' }, { onResponse: (info) => seen.push(info) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(seen).toHaveLength(1);
    expect([seen[0].status, seen[0].requestId]).toEqual([502, 'gateway-id']);
  });

  it('per call overrides the client; a throwing hook changes nothing', async () => {
    const perClient: ResponseInfo[] = [];
    const client = await serve([ok], { onResponse: (info) => perClient.push(info) });
    await expect(client.call(GetInstance, { InstanceId: 'i' }, { onResponse: () => { throw new Error('observer bug'); } })).resolves.toMatchObject({ RequestId: 'body-id' });
    expect(perClient).toHaveLength(0);
    await client.call(GetInstance, { InstanceId: 'i' });
    expect(perClient).toHaveLength(1);
  });

  it('must be a function', async () => {
    expect(() => clientFor('http://127.0.0.1:9', { onResponse: 'log' as never })).toThrow(ConfigError);
    const client = clientFor('http://127.0.0.1:9');
    cleanup.push(() => client.close());
    await expect(client.call(GetInstance, { InstanceId: 'i' }, { onResponse: 1 as never })).rejects.toThrow(/onResponse must be a function/);
  });
});
