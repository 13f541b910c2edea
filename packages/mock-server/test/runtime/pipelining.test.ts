// Pipelined requests in one write, the last malformed: every request before it took effect and is
// answered, in order, before the 400 for the malformed one. Real handlers over a raw socket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { call, encodeParams, json, KEY, raw, signed } from './support/wire.js';

const INSTANCE = 'cri-mock0000000001';

const createNamespace = (name: string): string =>
  `GET /?${encodeParams(signed({ Action: 'CreateNamespace', InstanceId: INSTANCE, NamespaceName: name }))} HTTP/1.1\r\nHost: x\r\n\r\n`;

describe('pipelined requests before a malformed one', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ ...KEY });
  });
  afterAll(() => server?.stop());

  it('answers every request that took effect, in order, then the 400', async () => {
    const response = await raw(server.url, createNamespace('piped-one') + createNamespace('piped-two') + 'GARBAGE\r\n\r\n', 10_000);
    const statuses = [...response.matchAll(/HTTP\/1\.1 ([0-9]{3}) /g)].map((m) => m[1]);
    expect(statuses).toEqual(['200', '200', '400']);
    expect(response.slice(response.lastIndexOf('HTTP/1.1 '))).toContain('"Code":"BadRequest"');
    for (const name of ['piped-one', 'piped-two']) {
      const reply = await call(server.url, { Action: 'GetNamespace', InstanceId: INSTANCE, NamespaceName: name });
      expect([reply.status, json(reply).NamespaceName]).toEqual([200, name]);
    }
  });

  it('waits for answers that are still being made (a fault delays them)', async () => {
    server.setFaults({ actions: { CreateNamespace: { latencyMs: 50 } } });
    try {
      const response = await raw(server.url, createNamespace('slow-one') + createNamespace('slow-two') + 'GARBAGE\r\n\r\n', 10_000);
      expect([...response.matchAll(/HTTP\/1\.1 ([0-9]{3}) /g)].map((m) => m[1])).toEqual(['200', '200', '400']);
    } finally {
      server.setFaults(undefined);
    }
  });

  it('answers a malformed request alone with a 400', async () => {
    const response = await raw(server.url, 'GARBAGE\r\n\r\n', 10_000);
    expect([...response.matchAll(/HTTP\/1\.1 ([0-9]{3}) /g)].map((m) => m[1])).toEqual(['400']);
  });
});
