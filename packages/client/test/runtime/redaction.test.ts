// The access key secret (and the STS token) must never show: not in the client's inspection or
// JSON, not in any error's message, string, stack, inspection or JSON, and not on the console.
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SigningIdentity } from '../../src/runtime/credentials.js';
import { TestClient, GetInstance, SECRET, TOKEN, clientFor } from './support/client.js';
import { json, startServer, type TestServer } from './support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer((received, res, req) => {
    switch (received.params.InstanceId) {
      case 'reset':
        req.socket.destroy();
        return;
      case 'slow':
        return;
      case 'html':
        res.writeHead(502);
        res.end('<html>bad gateway</html>');
        return;
      default:
        json(res, 403, { Code: 'SignatureDoesNotMatch', Message: 'nope', RequestId: 'r', HostId: 'h' });
    }
  });
});
afterAll(() => server.close());

function leaks(text: string): string[] {
  return [SECRET, TOKEN].filter((secret) => text.includes(secret));
}

/** Every way an error (or the client) can be turned into text. */
function renderings(value: unknown): string {
  const parts = [inspect(value, { depth: 10, showHidden: true, getters: true }), JSON.stringify(value) ?? ''];
  if (value instanceof Error) parts.push(String(value), value.message, value.stack ?? '', inspect(value.cause, { depth: 10, showHidden: true }));
  return parts.join('\n');
}

describe('redaction', () => {
  const consoleSpies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((name) => vi.spyOn(console, name));

  it('the client shows where it sends, never its credentials', () => {
    const client = clientFor(server.url, { securityToken: TOKEN });
    const shown = renderings(client);
    expect(leaks(shown)).toEqual([]);
    expect(inspect(client, { breakLength: Infinity })).toBe(
      `TestClient { regionId: 'cn-hangzhou', endpoint: '${server.url}', credentials: 'static' }`,
    );
    expect(JSON.parse(JSON.stringify(client))).toEqual({ regionId: 'cn-hangzhou', endpoint: server.url, credentials: 'static' });
    expect(`${Object.keys(client)}`).not.toContain('ecret');
    client.close();
  });

  it('the signing identity hides its secret', () => {
    const identity = new SigningIdentity({ accessKeyId: 'LTAIx', accessKeySecret: SECRET, securityToken: TOKEN });
    expect(leaks(renderings(identity))).toEqual([]);
  });

  it.each([
    ['ServiceError', 'denied', {}],
    ['ServiceError with a non-JSON body', 'html', {}],
    ['ConnectionError', 'reset', {}],
    ['TimeoutError', 'slow', { timeoutMs: 50 }],
    ['AbortError', 'slow', { signal: AbortSignal.timeout(50) }],
    ['ValidationError', undefined, {}],
  ])('%s', async (_name, instance, options) => {
    const client = clientFor(server.url, { securityToken: TOKEN, retry: false });
    const error = await client.call(GetInstance, instance === undefined ? { Bad: SECRET } : { InstanceId: instance }, options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(leaks(renderings(error))).toEqual([]);
    client.close();
  });

  it('errors of construction and of providers', async () => {
    const construction = (() => {
      try {
        return new TestClient({ regionId: 'cn-hangzhou', accessKeySecret: SECRET, securityToken: TOKEN });
      } catch (e) {
        return e;
      }
    })();
    expect(construction).toBeInstanceOf(Error);
    expect(leaks(renderings(construction))).toEqual([]);
    const client = new TestClient({
      regionId: 'cn-hangzhou',
      endpoint: server.url,
      credentials: async () => ({ accessKeyId: '', accessKeySecret: SECRET, securityToken: TOKEN }),
    });
    const error = await client.call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e);
    expect(leaks(renderings(error))).toEqual([]);
    expect(leaks(renderings(client))).toEqual([]);
    client.close();
  });

  it('nothing was written to the console', () => {
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });
});
