// The admin endpoints that change the server (/-/clock, /-/faults, /-/policy, /-/reset) need the
// admin token when the server listens off loopback (generated) or when one is given; on loopback
// without one they stay open. Every connection here goes to 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { isLoopback } from '../../src/runtime/operate/state.js';
import { http, json, KEY } from './support/wire.js';

const POLICY = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Deny', Action: 'cr:*', Resource: '*' }] });
const GUARDED: [string, string, string?][] = [
  ['DELETE', '/-/policy'],
  ['PUT', '/-/policy', POLICY],
  ['GET', '/-/policy'],
  ['DELETE', '/-/faults'],
  ['POST', '/-/clock', '{"advanceMs":1000}'],
  ['GET', '/-/clock'],
  ['POST', '/-/reset'],
];

describe('listening on every interface', () => {
  let server: MockServer;
  let local: string;
  beforeAll(async () => {
    server = await startMockServer({ ...KEY, host: '0.0.0.0', policy: JSON.parse(POLICY) });
    local = `http://127.0.0.1:${server.port}`;
  });
  afterAll(() => server?.stop());

  it('makes an admin token', () => {
    expect(server.adminToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it.each(GUARDED)('refuses %s %s without the token, and changes nothing', async (method, path, body) => {
    const attempts: Record<string, string>[] = [{}, { authorization: 'Bearer wrong' }, { authorization: server.adminToken as string }];
    for (const headers of attempts) {
      const reply = await http(local, method, path, body, headers);
      expect([reply.status, json(reply).Code]).toEqual([401, 'InvalidAdminToken']);
      expect(reply.text).not.toContain(server.adminToken);
    }
    expect(server.clock.offsetMs).toBe(0);
  });

  it('still enforces the policy it started with', async () => {
    const reply = await http(local, 'GET', '/-/policy', undefined, { authorization: `Bearer ${server.adminToken}` });
    expect(json(reply).policy).toEqual(JSON.parse(POLICY));
  });

  it('serves every admin endpoint with the token, and health and stats without', async () => {
    const auth = { authorization: `Bearer ${server.adminToken}` };
    expect((await http(local, 'DELETE', '/-/policy', undefined, auth)).status).toBe(200);
    expect(json(await http(local, 'POST', '/-/clock', '{"advanceMs":1000}', auth)).offsetMs).toBe(1000);
    expect((await http(local, 'POST', '/-/reset', undefined, auth)).status).toBe(200);
    expect((await http(local, 'GET', '/-/health')).status).toBe(200);
    expect((await http(local, 'GET', '/-/stats')).status).toBe(200);
  });
});

describe('on loopback', () => {
  it('leaves the admin endpoints open without a token', async () => {
    const server = await startMockServer({ ...KEY });
    try {
      expect(server.adminToken).toBeUndefined();
      expect((await http(server.url, 'DELETE', '/-/policy')).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('requires a token that is given', async () => {
    const server = await startMockServer({ ...KEY, adminToken: 'given-admin-token' });
    try {
      expect((await http(server.url, 'POST', '/-/reset')).status).toBe(401);
      expect((await http(server.url, 'POST', '/-/reset', undefined, { authorization: 'Bearer given-admin-token' })).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('knows loopback hosts', () => {
    expect(['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '192.168.1.2', 'example.com'].some(isLoopback)).toBe(false);
  });
});
