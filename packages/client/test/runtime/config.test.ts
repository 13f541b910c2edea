import { describe, expect, it } from 'vitest';
import { ConfigError, type ClientConfig } from '../../src/runtime/index.js';
import { clientFor, GetInstance, SECRET, TestClient } from './support/client.js';

const base: ClientConfig = { regionId: 'cn-hangzhou', endpoint: 'http://127.0.0.1:9', accessKeyId: 'LTAIx', accessKeySecret: SECRET };

describe('client config', () => {
  const cases: [given: unknown, want: string][] = [
    [undefined, 'the client needs a config object with at least regionId'],
    [{ ...base, regionId: undefined }, 'regionId is required (e.g. "cn-hangzhou")'],
    [{ ...base, regionId: '' }, 'regionId is required (e.g. "cn-hangzhou")'],
    [{ ...base, regionId: 'CN_Hangzhou' }, 'regionId must be lower-case letters, digits and dashes (e.g. "cn-hangzhou"), got "CN_Hangzhou"'],
    [{ ...base, regionId: 'evil.com/x' }, 'regionId must be lower-case letters, digits and dashes (e.g. "cn-hangzhou"), got "evil.com/x"'],
    [{ ...base, regionID: 'cn-hangzhou' }, 'client config: unknown option "regionID" (did you mean "regionId"?)'],
    [{ ...base, endpoint: 5 }, 'endpoint must be a string URL'],
    [{ ...base, endpoint: 'not a url' }, 'endpoint must be a valid http(s) URL, got "not a url"'],
    [{ ...base, endpoint: 'ftp://127.0.0.1' }, 'endpoint must use http or https, got "ftp:"'],
    [{ ...base, endpoint: 'http://127.0.0.1/api' }, 'endpoint must be scheme://host[:port] only (no credentials, path, query or fragment)'],
    [{ ...base, endpoint: 'http://u:p@127.0.0.1' }, 'endpoint must be scheme://host[:port] only (no credentials, path, query or fragment)'],
    [{ ...base, endpoint: 'http://127.0.0.1/?a=b' }, 'endpoint must be scheme://host[:port] only (no credentials, path, query or fragment)'],
    [{ ...base, timeoutMs: 0 }, 'timeoutMs must be a positive number of milliseconds (at most 2147483647), got 0'],
    [{ ...base, timeoutMs: -5 }, 'timeoutMs must be a positive number of milliseconds (at most 2147483647), got -5'],
    [{ ...base, timeoutMs: Number.NaN }, 'timeoutMs must be a positive number of milliseconds (at most 2147483647), got NaN'],
    [{ ...base, timeoutMs: '100' }, 'timeoutMs must be a positive number of milliseconds (at most 2147483647), got 100'],
    [{ ...base, timeoutMs: Infinity }, 'timeoutMs must be a positive number of milliseconds (at most 2147483647), got Infinity'],
    [{ ...base, method: 'get' }, 'method must be "GET" or "POST", got "get"'],
    [{ ...base, retry: 'yes' }, 'retry must be false or an object'],
    [{ ...base, retry: { maxAttempts: 0 } }, 'retry.maxAttempts must be an integer >= 1, got 0'],
    [{ ...base, retry: { maxAtempts: 2 } }, 'retry: unknown option "maxAtempts" (did you mean "maxAttempts"?)'],
    [{ ...base, retry: { baseDelayMs: -1 } }, 'retry.baseDelayMs must be a number of milliseconds >= 0, got -1'],
    [{ ...base, retry: { retryWrites: 'yes' } }, 'retry.retryWrites must be a boolean'],
    [{ ...base, transport: 'node' }, 'transport must be a function'],
    [{ ...base, accessKeyId: undefined, accessKeySecret: undefined, credentials: 'x' }, 'credentials must be a function returning credentials'],
    [{ ...base, resourceOwnerAccount: '' }, 'resourceOwnerAccount must be a non-empty string'],
    [{ ...base, userAgent: 7 }, 'userAgent must be a non-empty string'],
    [{ ...base, userAgent: 'x\r\nX-Injected: 1' }, 'userAgent must be printable ASCII'],
  ];
  it.each(cases)('%j -> %s', (given, want) => {
    let caught: unknown;
    try {
      new TestClient(given as ClientConfig);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as Error).message).toBe(want);
    expect((caught as Error).message).not.toContain(SECRET);
  });

  it('accepts the minimal and the full forms', () => {
    expect(new TestClient(base).endpoint).toBe('http://127.0.0.1:9');
    const full = new TestClient({
      ...base,
      endpoint: 'https://[::1]:8443',
      securityToken: 't',
      resourceOwnerAccount: 'owner',
      method: 'POST',
      timeoutMs: 1,
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0, maxElapsedMs: 0, retryWrites: true },
      userAgent: 'x/1',
    });
    expect(full.endpoint).toBe('https://[::1]:8443');
    full.close();
  });
});

describe('call options', () => {
  const cases: [given: unknown, want: RegExp][] = [
    [{ timeoutMs: -1 }, /^timeoutMs must be a positive number/],
    [{ method: 'PUT' }, /^method must be "GET" or "POST", got "PUT"$/],
    [{ timeout: 5 }, /^call options: unknown option "timeout" \(did you mean "timeoutMs"\?\)$/],
    [{ maxPages: 5 }, /^call options: unknown option "maxPages"$/],
    [{ signal: {} }, /^signal must be an AbortSignal$/],
    [{ retry: { maxAttempts: 1.5 } }, /^retry.maxAttempts must be an integer >= 1, got 1.5$/],
  ];
  it.each(cases)('%j is rejected (as a rejected promise, before sending)', async (given, want) => {
    const client = clientFor('http://127.0.0.1:9');
    await expect(client.call(GetInstance, { InstanceId: 'i' }, given as object)).rejects.toThrow(want);
    await expect(client.call(GetInstance, { InstanceId: 'i' }, given as object)).rejects.toBeInstanceOf(ConfigError);
  });
});
