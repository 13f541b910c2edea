// Fault injection: throttling, server errors, dropped connections and latency, per action or for all,
// deterministic with a seed, changeable at run time. No timing assertions: latency is only shown
// not to break anything.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { checkFaultConfig, FaultConfigError, FaultInjector, type FaultConfig } from '../../src/runtime/policy/faults.js';
import { ACTIONS } from '../../src/runtime/operate/state.js';
import { exampleHandlers, exampleParams } from './support/stand-in.js';
import { call, http, json, KEY } from './support/wire.js';

let server: MockServer;

beforeAll(async () => {
  server = await startMockServer({ ...KEY, handlers: exampleHandlers() });
});
afterAll(() => server?.stop());
beforeEach(() => server.setFaults(undefined));

const getInstance = exampleParams('GetInstance');
const listInstance = { Action: 'ListInstance', RegionId: 'cn-hangzhou' };

/** Sends the requests one after another; the status of each (0: connection dropped). */
async function statuses(params: Record<string, string>, count: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    try {
      out.push((await call(server.url, params)).status);
    } catch {
      out.push(0);
    }
  }
  return out;
}

describe('the injector', () => {
  it('draws the same outcomes from the same seed', () => {
    const config: FaultConfig = { seed: 42, global: { throttleRate: 0.3, serverErrorRate: 0.3, dropRate: 0.1 } };
    const run = () => {
      const injector = new FaultInjector(config);
      return Array.from({ length: 200 }, () => injector.decide('GetInstance')?.outcome);
    };
    const first = run();
    expect(run()).toEqual(first);
    expect(new Set(first)).toEqual(new Set(['drop', 'throttle', 503, undefined]));
    const other = new FaultInjector({ ...config, seed: 43 });
    expect(Array.from({ length: 200 }, () => other.decide('GetInstance')?.outcome)).not.toEqual(first);
  });

  it('has nothing to decide for an action without faults', () => {
    const injector = new FaultInjector({ actions: { GetInstance: { throttleRate: 1 } } });
    expect(injector.decide('ListInstance')).toBeUndefined();
    expect(injector.decide('GetInstance')).toEqual({ latencyMs: 0, outcome: 'throttle', retryAfterMs: 1000 });
  });

  it.each([
    ['a rate above 1', { global: { throttleRate: 1.5 } }, 'global.throttleRate must be a number from 0 to 1'],
    ['a negative latency', { global: { latencyMs: -1 } }, 'global.latencyMs must be a whole number'],
    ['a fractional retry-after', { actions: { GetInstance: { retryAfterMs: 1.5 } } }, 'actions.GetInstance.retryAfterMs must be a whole number from 0 to 600000'],
    ['another status', { global: { serverErrorStatus: 502 } }, 'global.serverErrorStatus must be 500 or 503'],
    ['an unknown fault', { global: { slowness: 1 } }, 'global.slowness is not a fault'],
    ['an unknown Action', { actions: { GetEverything: { dropRate: 1 } } }, 'actions.GetEverything is not an Action of this API'],
    ['a bad seed', { seed: -1 }, 'seed must be an integer'],
    ['an unknown key', { everything: true }, 'everything is not supported'],
  ])('refuses %s, saying where', (_name, config, message) => {
    expect(() => checkFaultConfig(config, ACTIONS)).toThrow(FaultConfigError);
    expect(() => checkFaultConfig(config, ACTIONS)).toThrow(message);
  });
});

describe('the server with faults', () => {
  it('throttles with 429 Throttling.User, saying when to come back (x-acs-retry-after in ms, Retry-After in s)', async () => {
    server.setFaults({ global: { throttleRate: 1 } });
    const reply = await call(server.url, getInstance);
    expect([reply.status, json(reply).Code]).toEqual([429, 'Throttling.User']);
    expect([reply.headers['x-acs-retry-after'], reply.headers['retry-after']]).toEqual(['1000', '1']);
    server.setFaults({ actions: { GetInstance: { throttleRate: 1, retryAfterMs: 2500 } } });
    const later = await call(server.url, getInstance);
    expect([later.headers['x-acs-retry-after'], later.headers['retry-after']]).toEqual(['2500', '3']);
  });

  it.each([
    [503, 'ServiceUnavailable'],
    [500, 'InternalError'],
  ] as const)('answers injected %d %s, not counted as a bug', async (status, code) => {
    const before = server.stats.internalErrors;
    server.setFaults({ actions: { GetInstance: { serverErrorRate: 1, serverErrorStatus: status } } });
    const reply = await call(server.url, getInstance);
    expect([reply.status, json(reply).Code]).toEqual([status, code]);
    expect(server.stats.internalErrors).toBe(before);
  });

  it('drops connections without an answer, and keeps serving', async () => {
    server.setFaults({ actions: { GetInstance: { dropRate: 1 } } });
    await expect(call(server.url, getInstance)).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect((await call(server.url, listInstance)).status).toBe(200);
  });

  it('lays per-action faults over global ones', async () => {
    server.setFaults({ global: { throttleRate: 1 }, actions: { GetInstance: { throttleRate: 0 } } });
    expect((await call(server.url, getInstance)).status).toBe(200);
    expect((await call(server.url, listInstance)).status).toBe(429);
  });

  it('adds latency and still answers', async () => {
    server.setFaults({ global: { latencyMs: 20 } });
    expect((await call(server.url, getInstance)).status).toBe(200);
    server.setFaults({ global: { latencyMs: 20, throttleRate: 1 } });
    expect((await call(server.url, getInstance)).status).toBe(429);
  });

  it('repeats the same sequence for the same seed (re-seeded when set)', async () => {
    const config: FaultConfig = { seed: 7, actions: { GetInstance: { throttleRate: 0.4, serverErrorRate: 0.3, dropRate: 0.1 } } };
    server.setFaults(config);
    const first = await statuses(getInstance, 30);
    server.setFaults(config);
    expect(await statuses(getInstance, 30)).toEqual(first);
    expect(new Set(first)).toEqual(new Set([0, 200, 429, 503]));
  });

  it('checks validation and signatures before faults', async () => {
    server.setFaults({ global: { throttleRate: 1 } });
    expect(json(await call(server.url, { Action: 'GetInstance', RegionId: 'r' })).Code).toBe('MissingParameter');
    expect(json(await call(server.url, getInstance, { secret: 'wrong' })).Code).toBe('SignatureDoesNotMatch');
  });

  it('stops promptly with a request waiting out its latency', async () => {
    const slow = await startMockServer({ ...KEY, handlers: exampleHandlers(), faults: { global: { latencyMs: 600_000 } } });
    const pending = call(slow.url, getInstance).catch((error: Error) => error);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await slow.stop();
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe('/-/faults', () => {
  it('reads, replaces and clears the configuration', async () => {
    const config = { seed: 1, actions: { ListInstance: { throttleRate: 1 } } };
    const put = await http(server.url, 'PUT', '/-/faults', JSON.stringify(config));
    expect([put.status, json(put)]).toEqual([200, config]);
    expect(json(await http(server.url, 'GET', '/-/faults'))).toEqual(config);
    expect((await call(server.url, listInstance)).status).toBe(429);
    expect(json(await http(server.url, 'DELETE', '/-/faults'))).toEqual({});
    expect((await call(server.url, listInstance)).status).toBe(200);
  });

  it('refuses a bad configuration with 400 naming the field, and keeps the old one', async () => {
    server.setFaults({ global: { throttleRate: 1 } });
    const reply = await http(server.url, 'PUT', '/-/faults', JSON.stringify({ global: { dropRate: 2 } }));
    expect([reply.status, json(reply).Code]).toEqual([400, 'InvalidParameter']);
    expect(json(reply).Message).toContain('global.dropRate');
    expect(server.faults).toEqual({ global: { throttleRate: 1 } });
  });
});
