import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, CredentialsError, type Credentials } from '../../src/runtime/index.js';
import { clientFor, GetInstance, SECRET, TestClient, TOKEN } from './support/client.js';
import { json, signatureValid, startServer, type TestServer } from './support/server.js';

// The server accepts any of these key pairs, and fails the first request when asked to.
const secrets = new Map<string, string>([['LTAItestkeyid', SECRET], ['LTAIenv', 'env-secret-never-leak']]);
let failNext = false;
let server: TestServer;
beforeAll(async () => {
  server = await startServer((received, res) => {
    const secret = secrets.get(received.params.AccessKeyId);
    if (secret === undefined || !signatureValid(received, secret)) return json(res, 403, { Code: 'SignatureDoesNotMatch', RequestId: 'r' });
    if (failNext) {
      failNext = false;
      return json(res, 503, { Code: 'ServiceUnavailable', RequestId: 'r' });
    }
    json(res, 200, { RequestId: 'r' });
  });
});
const clients: TestClient[] = [];
afterEach(() => {
  server.received.length = 0;
  vi.unstubAllEnvs();
  for (const client of clients.splice(0)) client.close();
});
afterAll(() => server.close());

function make(config: Parameters<typeof clientFor>[1]): TestClient {
  const client = clientFor(server.url, config);
  clients.push(client);
  return client;
}

function noKeys(): Parameters<typeof clientFor>[1] {
  return { accessKeyId: undefined, accessKeySecret: undefined };
}

/** A provider handing out a new key pair (registered with the server) on every call. */
function rotating(expiration?: () => Credentials['expiration']) {
  let n = 0;
  const provider = vi.fn(async (): Promise<Credentials> => {
    n++;
    secrets.set(`LTAIsts${n}`, `sts-secret-${n}-never-leak`);
    return { accessKeyId: `LTAIsts${n}`, accessKeySecret: `sts-secret-${n}-never-leak`, securityToken: `token-${n}`, expiration: expiration?.() };
  });
  return provider;
}

describe('environment', () => {
  it('reads ALIBABA_CLOUD_ACCESS_KEY_ID, _SECRET and _SECURITY_TOKEN', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAIenv');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'env-secret-never-leak');
    vi.stubEnv('ALIBABA_CLOUD_SECURITY_TOKEN', 'env-token');
    const client = make(noKeys());
    await expect(client.call(GetInstance, { InstanceId: 'i' })).resolves.toEqual({ RequestId: 'r' });
    expect(server.received[0].params).toMatchObject({ AccessKeyId: 'LTAIenv', SecurityToken: 'env-token' });
    expect(client.toJSON().credentials).toBe('environment');
  });

  it('is ignored when keys are passed', async () => {
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', 'LTAIenv');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'env-secret-never-leak');
    await make({}).call(GetInstance, { InstanceId: 'i' });
    expect(server.received[0].params.AccessKeyId).toBe('LTAItestkeyid');
  });

  it.each([
    [{}, 'environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set; ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set'],
    [{ ALIBABA_CLOUD_ACCESS_KEY_ID: 'LTAIenv' }, 'environment: ALIBABA_CLOUD_ACCESS_KEY_SECRET is not set'],
    [{ ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'env-secret-never-leak' }, 'environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set'],
  ])('missing or half set (%j): the default chain, whose error at the call names what each provider missed', async (env, first) => {
    // Nothing for the other providers either: an empty home, the metadata service switched off.
    const home = mkdtempSync(join(tmpdir(), 'acr-creds-'));
    try {
      vi.stubEnv('HOME', home);
      vi.stubEnv('ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'true');
      for (const name of ['ALIBABA_CLOUD_ACCESS_KEY_ID', 'ALIBABA_CLOUD_ACCESS_KEY_SECRET', 'ALIBABA_CLOUD_ROLE_ARN', 'ALIBABA_CLOUD_CREDENTIALS_URI', 'ALIBABA_CLOUD_CREDENTIALS_FILE', 'ALIBABA_CLOUD_PROFILE']) vi.stubEnv(name, '');
      for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
      const client = make(noKeys());
      expect(client.toJSON().credentials).toBe('default chain');
      const error = (await client.call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(CredentialsError);
      expect(error.message).toBe(
        `GetInstance: default credentials chain: no provider yielded credentials. ${first}; ` +
          'oidc role: ALIBABA_CLOUD_ROLE_ARN is not set; ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not set; ALIBABA_CLOUD_OIDC_TOKEN_FILE is not set; ' +
          `cli profile: ${join(home, '.aliyun', 'config.json')} does not exist; ini profile: ${join(home, '.alibabacloud', 'credentials')} does not exist; ` +
          'ecs ram role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true; credentials uri: ALIBABA_CLOUD_CREDENTIALS_URI is not set',
      );
      expect(error.message).not.toContain('env-secret-never-leak');
      expect(server.received).toHaveLength(0);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('explicit keys', () => {
  it.each([
    [{ accessKeyId: 'LTAIx', accessKeySecret: undefined }, 'accessKeySecret is missing or empty'],
    [{ accessKeyId: undefined, accessKeySecret: SECRET }, 'accessKeyId is missing or empty'],
    [{ accessKeySecret: '' }, 'accessKeySecret must be a non-empty string'],
    [{ ...noKeys(), securityToken: TOKEN }, 'securityToken was given without accessKeyId and accessKeySecret'],
    [{ credentials: async () => ({ accessKeyId: 'a', accessKeySecret: 'b' }) }, 'pass either credentials (a provider) or accessKeyId/accessKeySecret, not both'],
  ])('%j -> %s', (config, message) => {
    const error = (() => {
      try {
        make(config);
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain(SECRET);
  });
});

describe('provider', () => {
  it('without expiration: asked for every attempt, so rotation shows on the wire (retries included)', async () => {
    const provider = rotating();
    const client = make({ ...noKeys(), credentials: provider });
    await client.call(GetInstance, { InstanceId: 'i' });
    failNext = true;
    await client.call(GetInstance, { InstanceId: 'i' });
    expect(server.received.map((r) => [r.params.AccessKeyId, r.params.SecurityToken, r.params.Signature !== undefined])).toEqual([
      ['LTAIsts1', 'token-1', true],
      ['LTAIsts2', 'token-2', true],
      ['LTAIsts3', 'token-3', true],
    ]);
    expect(provider).toHaveBeenCalledTimes(3);
    expect(client.toJSON().credentials).toBe('provider');
  });

  it('with a distant expiration: cached, and concurrent calls share one provider call', async () => {
    const provider = rotating(() => new Date(Date.now() + 3_600_000));
    const client = make({ ...noKeys(), credentials: provider });
    await Promise.all([1, 2, 3].map(() => client.call(GetInstance, { InstanceId: 'i' })));
    await client.call(GetInstance, { InstanceId: 'i' });
    expect(provider).toHaveBeenCalledTimes(1);
    expect(new Set(server.received.map((r) => r.params.AccessKeyId))).toEqual(new Set(['LTAIsts1']));
  });

  it('with an expiration within a minute (ISO string or epoch ms): asked again', async () => {
    for (const expiration of [() => new Date(Date.now() + 30_000).toISOString(), () => Date.now() + 30_000]) {
      const provider = rotating(expiration);
      const client = make({ ...noKeys(), credentials: provider });
      await client.call(GetInstance, { InstanceId: 'i' });
      await client.call(GetInstance, { InstanceId: 'i' });
      expect(provider).toHaveBeenCalledTimes(2);
    }
  });

  it('one object changed in place by its provider: the new key signs', async () => {
    const shared = { accessKeyId: 'LTAItestkeyid', accessKeySecret: SECRET };
    const client = make({ ...noKeys(), credentials: () => shared });
    await client.call(GetInstance, { InstanceId: 'i' });
    secrets.set('LTAIrotated', 'rotated-secret-never-leak');
    Object.assign(shared, { accessKeyId: 'LTAIrotated', accessKeySecret: 'rotated-secret-never-leak' });
    await expect(client.call(GetInstance, { InstanceId: 'i' })).resolves.toEqual({ RequestId: 'r' });
    expect(server.received.map((r) => r.params.AccessKeyId)).toEqual(['LTAItestkeyid', 'LTAIrotated']);
  });

  it('a failed renewal while the credentials are still valid does not fail the call, and is not retried at once', async () => {
    let fail = false;
    // Within the one-minute margin: every call renews.
    const provider = vi.fn(async (): Promise<Credentials> => {
      if (fail) throw new Error('STS unreachable');
      return { accessKeyId: 'LTAItestkeyid', accessKeySecret: SECRET, expiration: Date.now() + 30_000 };
    });
    const client = make({ ...noKeys(), credentials: provider });
    await client.call(GetInstance, { InstanceId: 'i' });
    fail = true;
    await expect(client.call(GetInstance, { InstanceId: 'i' })).resolves.toEqual({ RequestId: 'r' });
    await expect(client.call(GetInstance, { InstanceId: 'i' })).resolves.toEqual({ RequestId: 'r' });
    expect(provider).toHaveBeenCalledTimes(2);
    expect(server.received.map((r) => r.params.AccessKeyId)).toEqual(['LTAItestkeyid', 'LTAItestkeyid', 'LTAItestkeyid']);
  });

  it('a failed renewal once the credentials have expired fails the call', async () => {
    let fail = false;
    const provider = vi.fn(async (): Promise<Credentials> => {
      if (fail) throw new Error('STS unreachable');
      return { accessKeyId: 'LTAItestkeyid', accessKeySecret: SECRET, expiration: Date.now() - 1 };
    });
    const client = make({ ...noKeys(), credentials: provider });
    await client.call(GetInstance, { InstanceId: 'i' });
    fail = true;
    const error = await client.call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toBe('GetInstance: the credentials provider failed: STS unreachable');
  });

  it.each([
    [async () => Promise.reject(new Error('STS unreachable')), 'the credentials provider failed: STS unreachable'],
    [async () => ({ accessKeyId: 'LTAIx' }), 'the credentials provider returned no accessKeySecret'],
    [async () => ({ accessKeyId: '', accessKeySecret: 'x' }), 'the credentials provider returned no accessKeyId'],
    [async () => null, 'the credentials provider returned no credentials object'],
    [async () => ({ accessKeyId: 'a', accessKeySecret: 'b', expiration: 'someday' }), 'the credentials provider returned an expiration that is not a valid date'],
  ])('a failing or invalid provider: CredentialsError, nothing sent (%#)', async (provider, message) => {
    const client = make({ ...noKeys(), credentials: provider as () => Promise<Credentials> });
    const error = await client.call(GetInstance, { InstanceId: 'i' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CredentialsError);
    expect((error as Error).message).toBe(`GetInstance: ${message}`);
    expect(server.received).toHaveLength(0);
  });
});

it('a client made with a provider never reads the environment', () => {
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', '');
  vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', '');
  expect(() => new TestClient({ regionId: 'cn-hangzhou', endpoint: server.url, credentials: async () => ({ accessKeyId: 'a', accessKeySecret: 'b' }) })).not.toThrow();
});
