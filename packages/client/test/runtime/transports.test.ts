// The fetch transport behaves like the node one; custom transports' failures are normalised.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortError, ConnectionError, createFetchTransport, TimeoutError, type Transport } from '../../src/runtime/index.js';
import { clientFor, CreateNamespace, GetInstance, SECRET } from './support/client.js';
import { json, signatureValid, startServer, type TestServer } from './support/server.js';

let server: TestServer;
let flaky = 0;
beforeAll(async () => {
  server = await startServer((received, res, req) => {
    switch (received.params.InstanceId) {
      case 'slow':
        return;
      case 'reset':
        req.socket.destroy();
        return;
      case 'flaky':
        if (flaky++ % 2 === 0) return json(res, 503, { Code: 'ServiceUnavailable', RequestId: 'r' });
        return json(res, 200, { RequestId: 'r', Retry: 'after' });
      default:
        json(res, signatureValid(received, SECRET) ? 200 : 403, { RequestId: 'r', Method: received.method });
    }
  });
});
afterAll(() => server.close());

describe('createFetchTransport', () => {
  const fetchClient = (config = {}) => clientFor(server.url, { transport: createFetchTransport(), ...config });

  it('sends signed GET and POST requests', async () => {
    await expect(fetchClient().call(GetInstance, { InstanceId: 'i' })).resolves.toMatchObject({ Method: 'GET' });
    await expect(fetchClient({ method: 'POST' }).call(CreateNamespace, { InstanceId: 'i', NamespaceName: 'ns' })).resolves.toMatchObject({ Method: 'POST' });
    const post = server.received[server.received.length - 1];
    expect(post.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(post.headers['user-agent']).toMatch(/^acr-ee-client\/0\.1\.0 node\//);
  });

  it('retries a 503 and surfaces a 200', async () => {
    await expect(fetchClient().call(GetInstance, { InstanceId: 'flaky' })).resolves.toMatchObject({ Retry: 'after' });
  });

  it('times out, aborts, and reports resets as retryable ConnectionErrors', async () => {
    const client = fetchClient({ retry: false });
    await expect(client.call(GetInstance, { InstanceId: 'slow' }, { timeoutMs: 50 })).rejects.toBeInstanceOf(TimeoutError);
    await expect(client.call(GetInstance, { InstanceId: 'slow' }, { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(AbortError);
    const reset = (await client.call(GetInstance, { InstanceId: 'reset' }).catch((e: unknown) => e)) as ConnectionError;
    expect(reset).toBeInstanceOf(ConnectionError);
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(reset.code);
  });

  it('uses the fetch it is given, with the full URL', async () => {
    const urls: string[] = [];
    const transport = createFetchTransport(async (input, init) => {
      urls.push(input);
      return fetch(input, init);
    });
    await clientFor(server.url, { transport }).call(GetInstance, { InstanceId: 'i' });
    expect(urls[0].startsWith(`${server.url}/?AccessKeyId=`)).toBe(true);
  });

  it('needs a fetch', () => {
    expect(() => createFetchTransport(undefined as unknown as typeof fetch)).not.toThrow(); // falls back to the global
    expect(() => createFetchTransport(5 as unknown as typeof fetch)).toThrow(TypeError);
  });
});

describe('custom transports', () => {
  it('a plain rejection becomes a (non-retryable) ConnectionError with the cause', async () => {
    let calls = 0;
    const cause = new Error('proxy said no');
    const transport: Transport = async () => {
      calls++;
      throw cause;
    };
    const error = (await clientFor(server.url, { transport }).call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toBe('GetInstance: request failed: proxy said no');
    expect(error.cause).toBe(cause);
    expect(calls).toBe(1);
  });

  it('close() leaves a transport it did not make alone', () => {
    let closed = false;
    const transport: Transport = Object.assign(async () => ({ status: 200, headers: {}, body: '{}' }), { close: () => (closed = true) });
    clientFor(server.url, { transport }).close();
    expect(closed).toBe(false);
  });
});
