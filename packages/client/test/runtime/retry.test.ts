import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConnectionError, ServiceError, TimeoutError, ValidationError, AbortError, ConfigError } from '../../src/runtime/index.js';
import { DEFAULT_RETRY, isTransient, parseRetryAfter, retryDelay } from '../../src/runtime/retry.js';
import { clientFor, CreateNamespace, GetInstance, SECRET, type TestClient } from './support/client.js';
import { json, signatureValid, startServer, type Handler, type TestServer } from './support/server.js';

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  vi.restoreAllMocks();
});

/** A server answering the n-th request (0-based) with `script[n]` (the last entry repeats). */
async function scripted(script: Handler[], config: Parameters<typeof clientFor>[1] = {}): Promise<[TestClient, TestServer]> {
  let n = 0;
  const server = await startServer((received, res, req) => script[Math.min(n++, script.length - 1)](received, res, req));
  const client = clientFor(server.url, config);
  cleanup.push(() => server.close(), () => client.close());
  return [client, server];
}

const ok: Handler = (_r, res) => json(res, 200, { RequestId: 'ok' });
const status = (code: number, body: object = { Code: 'ServiceUnavailable', Message: 'busy', RequestId: 'r' }, headers = {}): Handler =>
  (_r, res) => json(res, code, body, headers);
const reset: Handler = (_r, _res, req) => {
  req.socket.destroy();
};
const namespace = { InstanceId: 'i', NamespaceName: 'team' };

describe('retried (reads, by default)', () => {
  it('503 then 200: succeeds on the second attempt, re-signed with a fresh nonce', async () => {
    const [client, server] = await scripted([status(503), ok]);
    await expect(client.call(GetInstance, { InstanceId: 'i' })).resolves.toEqual({ RequestId: 'ok' });
    expect(server.received).toHaveLength(2);
    const [first, second] = server.received;
    expect(first.params.SignatureNonce).not.toBe(second.params.SignatureNonce);
    expect(signatureValid(first, SECRET) && signatureValid(second, SECRET)).toBe(true);
  });

  it.each([
    ['Throttling.User with 400', status(400, { Code: 'Throttling.User', Message: 'slow down', RequestId: 'r' })],
    ['Throttling in a 200 IsSuccess:false body', status(200, { Code: 'Throttling', IsSuccess: false, RequestId: 'r' })],
    ['429', status(429, { Code: 'TooMany', RequestId: 'r' })],
    ['500', status(500, { Code: 'InternalError', RequestId: 'r' })],
    ['a reset connection', reset],
  ])('%s', async (_name, failure) => {
    const [client, server] = await scripted([failure, ok]);
    await expect(client.call(GetInstance, { InstanceId: 'i' })).resolves.toEqual({ RequestId: 'ok' });
    expect(server.received).toHaveLength(2);
  });

  it('gives up after maxAttempts (default 3) with the last error', async () => {
    const [client, server] = await scripted([status(503)]);
    const error = await client.call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 503, code: 'ServiceUnavailable', action: 'GetInstance' });
    expect(server.received).toHaveLength(3);
  });

  it('reports resets as ConnectionError with the cause when attempts run out', async () => {
    const [client, server] = await scripted([reset], { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    const error = (await client.call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe('ECONNRESET');
    expect(error.cause).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^GetInstance: connection failed: socket hang up/);
    expect(server.received).toHaveLength(2);
  });

  it('retries a refused connection', async () => {
    const server = await startServer(ok);
    const url = server.url;
    await server.close(); // the port is now (almost certainly) closed
    const client = clientFor(url, { retry: { maxAttempts: 2, baseDelayMs: 1 } });
    cleanup.push(() => client.close());
    const error = (await client.call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.code).toBe('ECONNREFUSED');
  });

  it('honours Retry-After', async () => {
    const waits: number[] = [];
    const [client, server] = await scripted([status(503, undefined, { 'retry-after': '1' }), ok], {
      retry: { baseDelayMs: 5, maxDelayMs: 20, onRetry: (event) => waits.push(event.delayMs) },
    });
    await client.call(GetInstance, { InstanceId: 'i' });
    // The wait chosen, as the hook sees it: the server's second, not the 20 ms backoff bound.
    expect(waits).toEqual([1000]);
    expect(server.received).toHaveLength(2);
  });

  it('gives up at once when Retry-After lies beyond the time budget', async () => {
    const [client, server] = await scripted([status(503, undefined, { 'retry-after': '60' }), ok]);
    const error = (await client.call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e)) as ServiceError;
    expect(error.retryAfterMs).toBe(60_000);
    expect(server.received).toHaveLength(1);
  });

  it('stops when the next wait would pass maxElapsedMs', async () => {
    const [client, server] = await scripted([status(503)], { retry: { baseDelayMs: 10_000, maxDelayMs: 10_000, maxElapsedMs: 1 } });
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    await expect(client.call(GetInstance, { InstanceId: 'i' })).rejects.toBeInstanceOf(ServiceError);
    expect(server.received).toHaveLength(1);
  });
});

describe('not retried', () => {
  it('writes, unless the caller opts in', async () => {
    const [client, server] = await scripted([status(503), ok]);
    await expect(client.call(CreateNamespace, namespace)).rejects.toBeInstanceOf(ServiceError);
    expect(server.received).toHaveLength(1);
    await expect(client.call(CreateNamespace, namespace, { retry: { retryWrites: true } })).resolves.toEqual({ RequestId: 'ok' });
  });

  it('writes, opted in per client', async () => {
    const [client, server] = await scripted([reset, ok], { retry: { retryWrites: true, baseDelayMs: 1 } });
    await expect(client.call(CreateNamespace, namespace)).resolves.toEqual({ RequestId: 'ok' });
    expect(server.received).toHaveLength(2);
  });

  it('anything, with retry: false per call or per client', async () => {
    const [client, server] = await scripted([status(503), status(503), ok]);
    await expect(client.call(GetInstance, { InstanceId: 'i' }, { retry: false })).rejects.toBeInstanceOf(ServiceError);
    expect(server.received).toHaveLength(1);
    const noRetry = clientFor(server.url, { retry: false });
    cleanup.push(() => noRetry.close());
    await expect(noRetry.call(GetInstance, { InstanceId: 'i' })).rejects.toBeInstanceOf(ServiceError);
    expect(server.received).toHaveLength(2);
    // A call can switch retries back on for a client that has them off.
    await expect(noRetry.call(GetInstance, { InstanceId: 'i' }, { retry: { maxAttempts: 2 } })).resolves.toEqual({ RequestId: 'ok' });
  });

  it.each([
    ['400 InvalidParameter', status(400, { Code: 'InvalidParameter', RequestId: 'r' })],
    ['403 SignatureDoesNotMatch', status(403, { Code: 'SignatureDoesNotMatch', RequestId: 'r' })],
    ['404', status(404, { Code: 'InstanceNotExist', RequestId: 'r' })],
    ['IsSuccess:false with another code', status(200, { Code: 'NAMESPACE_NOT_EXIST', IsSuccess: false, RequestId: 'r' })],
  ])('%s', async (_name, failure) => {
    const [client, server] = await scripted([failure, ok]);
    await expect(client.call(GetInstance, { InstanceId: 'i' })).rejects.toBeInstanceOf(ServiceError);
    expect(server.received).toHaveLength(1);
  });

  it('a validation error (nothing is sent)', async () => {
    const [client, server] = await scripted([ok]);
    await expect(client.call(GetInstance, {})).rejects.toBeInstanceOf(ValidationError);
    expect(server.received).toHaveLength(0);
  });
});

describe('retry policy pieces', () => {
  it('classifies errors', () => {
    const service = (status: number, code?: string) => new ServiceError({ action: 'A', status, code });
    expect(isTransient(service(503))).toBe(true);
    expect(isTransient(service(502))).toBe(true);
    expect(isTransient(service(429))).toBe(true);
    expect(isTransient(service(400, 'Throttling.Api'))).toBe(true);
    expect(isTransient(service(400, 'InvalidParameter'))).toBe(false);
    expect(isTransient(service(404))).toBe(false);
    expect(isTransient(new TimeoutError(5))).toBe(true);
    expect(isTransient(new ConnectionError('x', { cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }) }))).toBe(true);
    expect(isTransient(new ConnectionError('x', { cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) }))).toBe(false);
    expect(isTransient(new ConnectionError('x', { cause: new TypeError('fetch failed', { cause: { code: 'UND_ERR_SOCKET' } }) }))).toBe(true);
    expect(isTransient(new AbortError())).toBe(false);
    expect(isTransient(new ValidationError('A', []))).toBe(false);
    expect(isTransient(new ConfigError('x'))).toBe(false);
  });

  it('draws full-jitter delays under a doubling, capped bound', () => {
    const error = new ServiceError({ action: 'A', status: 503 });
    const policy = { ...DEFAULT_RETRY, maxAttempts: 10 };
    vi.spyOn(Math, 'random').mockReturnValue(0.999999);
    expect(retryDelay(policy, error, 1, 0)).toBeCloseTo(200, 0);
    expect(retryDelay(policy, error, 2, 0)).toBeCloseTo(400, 0);
    expect(retryDelay(policy, error, 6, 0)).toBeCloseTo(5_000, 0);
    vi.spyOn(Math, 'random').mockReturnValue(0);
    expect(retryDelay(policy, error, 3, 0)).toBe(0);
    expect(retryDelay(policy, error, 10, 0)).toBeUndefined();
    expect(retryDelay(policy, error, 1, 20_001)).toBeUndefined();
    const later = new ServiceError({ action: 'A', status: 503, retryAfterMs: 3_000 });
    expect(retryDelay(policy, later, 1, 0)).toBe(3_000);
  });

  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter(['0.5'], now)).toBe(500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('throttling as the vendor signals it (issue 14)', () => {
  it('treats any code containing Throttling, and ServiceUnavailable, as transient', () => {
    const err = (code: string, s = 400) => new ServiceError({ action: 'A', status: s, code });
    for (const code of ['Throttling', 'Throttling.User', 'Rejected.Throttling', 'Throttling.Api']) expect(isTransient(err(code)), code).toBe(true);
    expect(isTransient(err('ServiceUnavailable', 400))).toBe(true);
    expect(isTransient(err('InvalidParameter'))).toBe(false);
  });

  it('reads x-acs-retry-after (milliseconds) before Retry-After (seconds)', async () => {
    const throttled = status(400, { Code: 'Rejected.Throttling', RequestId: 'r' }, { 'x-acs-retry-after': '1500', 'retry-after': '9' });
    const [client, server] = await scripted([throttled, ok], { retry: { maxElapsedMs: 1_000 } });
    // 1,500 ms is past maxElapsedMs, so the call ends with the throttling error, carrying the wait.
    const error = (await client.call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e)) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.retryAfterMs).toBe(1500);
    expect(server.received).toHaveLength(1);
    const [client2, server2] = await scripted([status(400, { Code: 'Rejected.Throttling', RequestId: 'r' }, { 'x-acs-retry-after': '5' }), ok]);
    await expect(client2.call(GetInstance, { InstanceId: 'i' })).resolves.toEqual({ RequestId: 'ok' });
    expect(server2.received).toHaveLength(2);
  });
});

describe('retrying named codes, writes included (issue 14)', () => {
  const notYet = status(404, { Code: 'NAMESPACE_NOT_EXIST', Message: 'namespace not found', RequestId: 'r' });

  it('retries a write refused with a named code until it succeeds', async () => {
    const events: { action: string; attempt: number; code: string | undefined }[] = [];
    const [client, server] = await scripted([notYet, notYet, ok], {
      retry: { baseDelayMs: 1, maxDelayMs: 2, retryCodes: ['NAMESPACE_NOT_EXIST'], onRetry: (e) => events.push({ action: e.action, attempt: e.attempt, code: (e.error as ServiceError).code }) },
    });
    await expect(client.call(CreateNamespace, namespace)).resolves.toEqual({ RequestId: 'ok' });
    expect(server.received).toHaveLength(3);
    expect(events).toEqual([
      { action: 'CreateNamespace', attempt: 1, code: 'NAMESPACE_NOT_EXIST' },
      { action: 'CreateNamespace', attempt: 2, code: 'NAMESPACE_NOT_EXIST' },
    ]);
    // Each attempt is signed afresh.
    expect(new Set(server.received.map((r) => r.params.SignatureNonce)).size).toBe(3);
  });

  it('still does not retry a write on other transient errors unless retryWrites is set', async () => {
    const [client, server] = await scripted([status(503), ok], { retry: { baseDelayMs: 1, retryCodes: ['NAMESPACE_NOT_EXIST'] } });
    await expect(client.call(CreateNamespace, namespace)).rejects.toMatchObject({ code: 'ServiceUnavailable' });
    expect(server.received).toHaveLength(1);
  });

  it('applies to reads too, and gives up after maxAttempts with the named error', async () => {
    const [client, server] = await scripted([notYet], { retry: { baseDelayMs: 1, maxAttempts: 2, retryCodes: ['NAMESPACE_NOT_EXIST'] } });
    await expect(client.call(GetInstance, { InstanceId: 'i' })).rejects.toMatchObject({ status: 404, code: 'NAMESPACE_NOT_EXIST' });
    expect(server.received).toHaveLength(2);
  });

  it('per call, over a client without named codes', async () => {
    const [client, server] = await scripted([notYet, ok], { retry: { baseDelayMs: 1 } });
    await expect(client.call(CreateNamespace, namespace, { retry: { retryCodes: ['NAMESPACE_NOT_EXIST'] } })).resolves.toEqual({ RequestId: 'ok' });
    expect(server.received).toHaveLength(2);
  });

  it('a throwing onRetry hook changes nothing', async () => {
    const [client, server] = await scripted([status(503), ok], { retry: { baseDelayMs: 1, onRetry: () => { throw new Error('observer bug'); } } });
    await expect(client.call(GetInstance, { InstanceId: 'i' })).resolves.toEqual({ RequestId: 'ok' });
    expect(server.received).toHaveLength(2);
  });

  it('rejects malformed options, naming them', () => {
    expect(() => clientFor('http://127.0.0.1:1', { retry: { retryCodes: 'Throttling' as never } })).toThrow(/retry\.retryCodes must be an array/);
    expect(() => clientFor('http://127.0.0.1:1', { retry: { retryCodes: [''] } })).toThrow(/retry\.retryCodes/);
    expect(() => clientFor('http://127.0.0.1:1', { retry: { onRetry: 1 as never } })).toThrow(/retry\.onRetry must be a function/);
    expect(() => clientFor('http://127.0.0.1:1', { retry: { retryCode: [] } as never })).toThrow(/did you mean "retryCodes"/);
  });
});
