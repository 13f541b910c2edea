// Connection bounds: at most maxConnections sockets held at once, and headersTimeoutMs for a
// request line and headers (an idle or trickling socket gets 408 and is closed). Behaviour only:
// nothing here asserts how long anything took.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { http, json, KEY, raw, rawJson } from './support/wire.js';

function open(url: string): Promise<Socket> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.on('error', reject);
  });
}

describe('headersTimeoutMs', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ ...KEY, headersTimeoutMs: 300 });
  });
  afterAll(() => server?.stop());

  it('answers 408 and closes a connection that sends nothing', async () => {
    const response = await raw(server.url, '', 10_000);
    expect(response.startsWith('HTTP/1.1 408 ')).toBe(true);
    expect(rawJson(response).Code).toBe('BadRequest');
  });

  it('answers 408 and closes a connection whose headers never end', async () => {
    const response = await raw(server.url, 'GET /-/health HTTP/1.1\r\nHost: x\r\nX-Slow: 1', 10_000);
    expect(response.startsWith('HTTP/1.1 408 ')).toBe(true);
  });

  it('serves requests that arrive whole, and leaves idle keep-alive connections to the keep-alive timeout', async () => {
    expect((await http(server.url, 'GET', '/-/health')).status).toBe(200);
    const socket = await open(server.url);
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const answers = (n: number): Promise<void> =>
      new Promise((resolve) => {
        const check = (): void => {
          if ((received.match(/HTTP\/1\.1 /g) ?? []).length >= n) resolve();
          else setTimeout(check, 10);
        };
        check();
      });
    socket.write('GET /-/health HTTP/1.1\r\nHost: x\r\n\r\n');
    await answers(1);
    // Idle for several header timeouts between two requests: the second is still served.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    socket.write('GET /-/health HTTP/1.1\r\nHost: x\r\n\r\n');
    await answers(2);
    socket.destroy();
    expect(received.match(/HTTP\/1\.1 [0-9]+/g)).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
  });
});

describe('maxConnections', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ ...KEY, maxConnections: 2 });
  });
  afterAll(() => server?.stop());

  it('closes connections beyond the cap unanswered, and serves again once one is gone', async () => {
    const held = [await open(server.url), await open(server.url)];
    // The two held sockets are counted once the server has accepted them: a health check on a
    // third is refused from then on.
    const refused = await raw(server.url, 'GET /-/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 10_000);
    expect(refused).toBe('');
    for (const socket of held) socket.destroy();
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 200; attempt++) {
      status = await http(server.url, 'GET', '/-/health').then(
        (reply) => reply.status,
        () => 0,
      );
    }
    expect(status).toBe(200);
  });

  it('refuses options out of range, naming them', async () => {
    await expect(startMockServer({ maxConnections: 0 })).rejects.toThrow(/maxConnections/);
    await expect(startMockServer({ headersTimeoutMs: 600_001 })).rejects.toThrow(/headersTimeoutMs/);
    expect(json(await http(server.url, 'GET', '/-/health')).status).toBe('ok');
  });
});
