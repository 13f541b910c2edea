// The admin endpoints under /-/: health, the clock handlers see, reset, stats; never signed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AcrClient } from '@acr-ee/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { operations } from '@acr-ee/api';
import { exampleHandlers, exampleParams } from './support/stand-in.js';
import { call, http, json, KEY } from './support/wire.js';

const HOUR = 3_600_000;

describe('with the stand-in handlers', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ ...KEY, handlers: exampleHandlers({ GetInstance: (context) => ({ Now: context.now }) }) });
  });
  afterAll(() => server?.stop());

  const handlerNow = async (): Promise<number> => {
    const reply = await call(server.url, exampleParams('GetInstance'), { timestamp: server.clock.now() });
    expect(reply.status).toBe(200);
    return json(reply).Now as number;
  };

  it('reports health without a signature', async () => {
    const reply = await http(server.url, 'GET', '/-/health');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json;charset=utf-8');
    expect(json(reply)).toMatchObject({ status: 'ok', apiVersion: '2018-12-01', operations: Object.keys(operations).length, verifySignature: true });
  });

  it('moves the clock handlers see forward (JSON body or query)', async () => {
    const before = await handlerNow();
    const moved = await http(server.url, 'POST', '/-/clock', JSON.stringify({ advanceMs: HOUR }));
    expect(moved.status).toBe(200);
    expect(json(moved).offsetMs).toBe(HOUR);
    expect((await handlerNow()) - before).toBeGreaterThanOrEqual(HOUR);
    await http(server.url, 'POST', '/-/clock?advanceMs=1000');
    expect(json(await http(server.url, 'GET', '/-/clock')).offsetMs).toBe(HOUR + 1000);
    expect(json(await http(server.url, 'PUT', '/-/clock', JSON.stringify({ offsetMs: 0 }))).offsetMs).toBe(0);
  });

  it('refuses a clock move it cannot make, with 400', async () => {
    for (const body of [{ advanceMs: -1 }, { advanceMs: 1.5 }, {}, { advanceMs: 1, offsetMs: 1 }, { advanceMs: 'soon' }]) {
      const reply = await http(server.url, 'POST', '/-/clock', JSON.stringify(body));
      expect([reply.status, json(reply).Code]).toEqual([400, 'InvalidParameter']);
    }
    const notJson = await http(server.url, 'POST', '/-/clock', '{advanceMs');
    expect([notJson.status, json(notJson).Code]).toEqual([400, 'InvalidParameter']);
  });

  it('refuses an offset that takes the clock outside valid dates, and changes nothing', async () => {
    const before = json(await http(server.url, 'GET', '/-/clock')).offsetMs;
    for (const body of [{ offsetMs: Number.MAX_SAFE_INTEGER }, { offsetMs: -Number.MAX_SAFE_INTEGER }, { offsetMs: 8_640_000_000_000_000 }]) {
      const reply = await http(server.url, 'POST', '/-/clock', JSON.stringify(body));
      expect([reply.status, json(reply).Code]).toEqual([400, 'InvalidParameter']);
      expect(json(reply).Message).toContain('"offsetMs"');
    }
    const far = await http(server.url, 'POST', '/-/clock', JSON.stringify({ advanceMs: Number.MAX_SAFE_INTEGER - 1 }));
    expect([far.status, json(far).Message]).toEqual([400, expect.stringContaining('"advanceMs"')]);
    const clock = await http(server.url, 'GET', '/-/clock');
    expect(clock.status).toBe(200);
    expect(json(clock).offsetMs).toBe(before);
    expect(() => server.clock.advance(Number.MAX_SAFE_INTEGER - 1)).toThrow(RangeError);
    await expect(startMockServer({ clockOffsetMs: Number.MAX_SAFE_INTEGER })).rejects.toThrow(/clockOffsetMs/);
  });

  it('counts requests', async () => {
    const before = json(await http(server.url, 'GET', '/-/stats'));
    await call(server.url, exampleParams('GetInstance'));
    const after = json(await http(server.url, 'GET', '/-/stats'));
    expect(after.requests).toBe((before.requests as number) + 2);
    expect(after.internalErrors).toBe(0);
  });

  it('answers 404 and 405 with the error shape', async () => {
    const missing = await http(server.url, 'GET', '/-/nothing');
    expect([missing.status, json(missing).Code]).toEqual([404, 'InvalidPath.NotFound']);
    const wrong = await http(server.url, 'GET', '/-/reset');
    expect([wrong.status, json(wrong).Code]).toEqual([405, 'UnsupportedHTTPMethod']);
  });
});

describe('with the real handlers', () => {
  let server: MockServer;
  let client: AcrClient;
  beforeAll(async () => {
    server = await startMockServer({ ...KEY, seed: { instances: [{ instanceId: 'cri-admin000000001' }] } });
    client = new AcrClient({ ...KEY, regionId: 'cn-hangzhou', endpoint: server.url });
  });
  afterAll(async () => {
    client?.close();
    await server?.stop();
  });

  it('resets the state to the seed, and the clock to where it started', async () => {
    const InstanceId = 'cri-admin000000001';
    await client.createNamespace({ InstanceId, NamespaceName: 'before-reset' });
    expect((await client.getNamespace({ InstanceId, NamespaceName: 'before-reset' })).NamespaceName).toBe('before-reset');
    server.clock.advance(HOUR);
    const reply = await http(server.url, 'POST', '/-/reset');
    expect([reply.status, json(reply).reset]).toEqual([200, true]);
    expect(server.clock.offsetMs).toBe(0);
    const error = await client.getNamespace({ InstanceId, NamespaceName: 'before-reset' }).catch((e: { status?: number }) => e);
    expect((error as { status?: number }).status).toBe(404);
    expect((await client.getInstance({ InstanceId })).InstanceId).toBe(InstanceId);
  });
});

describe('with a state file', () => {
  it('empties and re-seeds the file on reset', async () => {
    const stateFile = join(mkdtempSync(join(tmpdir(), 'acr-mock-admin-')), 'state.db');
    const server = await startMockServer({ ...KEY, stateFile });
    const client = new AcrClient({ ...KEY, regionId: 'cn-hangzhou', endpoint: server.url });
    try {
      const InstanceId = 'cri-mock0000000001';
      await client.createNamespace({ InstanceId, NamespaceName: 'in-the-file' });
      expect((await http(server.url, 'POST', '/-/reset')).status).toBe(200);
      const error = await client.getNamespace({ InstanceId, NamespaceName: 'in-the-file' }).catch((e: { status?: number }) => e);
      expect((error as { status?: number }).status).toBe(404);
      expect((await client.getInstance({ InstanceId })).InstanceId).toBe(InstanceId);
    } finally {
      client.close();
      await server.stop();
    }
  });
});
