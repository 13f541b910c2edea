// Signature version 1 (chapter 3): the right signature passes, and each way of getting it wrong has
// its code; timestamps outside 15 minutes and replayed nonces are refused; verification can be
// turned off; STS tokens. The secret never appears in an answer.
import { AcrClient, percentEncode, ServiceError, signatureOf } from '@acr-ee/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { exampleHandlers, exampleParams } from './support/stand-in.js';
import { call, encodeParams, http, json, KEY, signed, type SignOptions } from './support/wire.js';

let server: MockServer;
const MINUTE = 60_000;
const getInstance = exampleParams('GetInstance');

beforeAll(async () => {
  server = await startMockServer({ ...KEY, handlers: exampleHandlers() });
});

afterAll(() => server?.stop());

async function refused(params: Record<string, string>, options: SignOptions, status: number, code: string): Promise<string> {
  const reply = await call(server.url, params, options);
  expect(reply.text).not.toContain(KEY.accessKeySecret);
  expect(reply.status).toBe(status);
  const body = json(reply);
  expect(body.Code).toBe(code);
  return body.Message as string;
}

describe('signature version 1', () => {
  it.each(['GET', 'POST'] as const)('accepts what AcrClient signs (%s)', async (method) => {
    const client = new AcrClient({ ...KEY, regionId: 'cn-shanghai', endpoint: server.url, method });
    try {
      const result = await client.getInstance({ InstanceId: 'cri-xkx6vujuhay0tasd' });
      expect(result).toMatchObject({ IsSuccess: true, Code: 'success', InstanceId: 'cri-xkx6vujuhay0tasd' });
    } finally {
      client.close();
    }
  });

  it.each(['GET', 'POST'] as const)('accepts values that need encoding (%s)', async (method) => {
    const params = { Action: 'ListInstance', RegionId: 'cn-hangzhou', InstanceName: "a b*c+d/é~'()!镜像🐳" };
    expect((await call(server.url, params, { method })).status).toBe(200);
  });

  it('accepts the canonical order as sent, any other order, and other encodings of the same values', async () => {
    const params = signed({ Action: 'ListInstance', RegionId: 'cn-hangzhou', InstanceName: 'a b:c' });
    const names = Object.keys(params).filter((n) => n !== 'Signature').sort();
    const sorted = `${names.map((n) => `${n}=${percentEncode(params[n])}`).join('&')}&Signature=${percentEncode(params.Signature)}`;
    expect((await http(server.url, 'GET', `/?${sorted}`)).status).toBe(200);
    const reversed: Record<string, string> = { ...params, SignatureNonce: `${params.SignatureNonce}-2` };
    reversed.Signature = signatureOf('GET', Object.fromEntries(Object.entries(reversed).filter(([n]) => n !== 'Signature')), KEY.accessKeySecret);
    const lowerCase = encodeParams(reversed).replace(/%3A/g, '%3a').split('&').reverse().join('&');
    expect((await http(server.url, 'GET', `/?${lowerCase}`)).status).toBe(200);
  });

  it('refuses a wrong signature with the string-to-sign, never the secret', async () => {
    const message = await refused(getInstance, { secret: 'another-secret' }, 403, 'SignatureDoesNotMatch');
    expect(message).toContain('server string to sign is:GET&%2F&AccessKeyId%3Dtest-key-id');
  });

  it('refuses a signature made for another method', async () => {
    const query = encodeParams(signed(getInstance, { method: 'POST' }));
    const reply = await http(server.url, 'GET', `/?${query}`);
    expect([reply.status, json(reply).Code]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it('refuses an unknown AccessKeyId', async () => {
    await refused(getInstance, { accessKeyId: 'someone-else' }, 403, 'InvalidAccessKeyId.NotFound');
  });

  it.each([
    ['16 minutes old', -16 * MINUTE],
    ['16 minutes ahead', 16 * MINUTE],
  ])('refuses a Timestamp %s', async (_name, offset) => {
    await refused(getInstance, { timestamp: Date.now() + offset }, 403, 'InvalidTimeStamp.Expired');
  });

  it('accepts a Timestamp 14 minutes old', async () => {
    expect((await call(server.url, getInstance, { timestamp: Date.now() - 14 * MINUTE })).status).toBe(200);
  });

  it('refuses a Timestamp of the wrong shape', async () => {
    const params = signed({ ...getInstance, Timestamp: '2026-01-01 00:00:00' });
    const reply = await http(server.url, 'GET', `/?${encodeParams(params)}`);
    expect([reply.status, json(reply).Code]).toEqual([400, 'InvalidTimeStamp.Format']);
  });

  it('refuses a replayed SignatureNonce, even re-signed', async () => {
    const nonce = `nonce-${Math.random()}`;
    expect((await call(server.url, getInstance, { nonce })).status).toBe(200);
    await refused(getInstance, { nonce }, 403, 'SignatureNonceUsed');
    await refused({ ...getInstance, InstanceId: 'cri-2' }, { nonce, method: 'POST' }, 403, 'SignatureNonceUsed');
  });

  it('does not spend a nonce on a request whose signature is wrong', async () => {
    const nonce = `nonce-${Math.random()}`;
    await refused(getInstance, { nonce, secret: 'wrong' }, 403, 'SignatureDoesNotMatch');
    expect((await call(server.url, getInstance, { nonce })).status).toBe(200);
  });

  it.each([
    ['Signature', 'MissingParameter'],
    ['SignatureNonce', 'MissingParameter'],
    ['AccessKeyId', 'MissingParameter'],
    ['Timestamp', 'MissingParameter'],
  ])('refuses a request without %s', async (name, code) => {
    const params = signed(getInstance);
    delete params[name];
    const reply = await http(server.url, 'GET', `/?${encodeParams(params)}`);
    expect([reply.status, json(reply).Code]).toEqual([400, code]);
    expect(json(reply).Message).toContain(`"${name}"`);
  });

  it('refuses another SignatureMethod', async () => {
    const reply = await http(server.url, 'GET', `/?${encodeParams(signed({ ...getInstance, SignatureMethod: 'HMAC-SHA256' }))}`);
    expect([reply.status, json(reply).Code]).toEqual([400, 'InvalidParameter']);
  });

  it('surfaces in AcrClient as a ServiceError with the code', async () => {
    const client = new AcrClient({ accessKeyId: KEY.accessKeyId, accessKeySecret: 'wrong', regionId: 'cn-shanghai', endpoint: server.url });
    try {
      const error = await client.getInstance({ InstanceId: 'cri-1' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toBe('SignatureDoesNotMatch');
      expect((error as ServiceError).status).toBe(403);
    } finally {
      client.close();
    }
  });
});

describe('with verification off', () => {
  let open: MockServer;
  beforeAll(async () => {
    open = await startMockServer({ verifySignature: false, handlers: exampleHandlers() });
  });
  afterAll(() => open?.stop());

  it('needs no common parameter but Version', async () => {
    const reply = await http(open.url, 'GET', `/?${encodeParams({ ...getInstance, Version: '2018-12-01', Format: 'JSON' })}`);
    expect(reply.status).toBe(200);
    expect(json(reply).InstanceId).toBe(getInstance.InstanceId);
  });

  it('ignores a wrong signature, and still checks Version and parameters', async () => {
    expect((await call(open.url, getInstance, { secret: 'wrong', accessKeyId: 'nobody' })).status).toBe(200);
    expect(json(await call(open.url, getInstance, { version: '2000-01-01' })).Code).toBe('InvalidVersion');
    expect(json(await call(open.url, { Action: 'GetInstance', RegionId: 'r' })).Code).toBe('MissingParameter');
  });
});

describe('STS security tokens', () => {
  it('are accepted, any of them, by default', async () => {
    expect((await call(server.url, { ...getInstance, SecurityToken: 'CAIS-anything' })).status).toBe(200);
  });

  it('must be the configured one when the server has one', async () => {
    const sts = await startMockServer({ ...KEY, securityToken: 'CAIS-token-1', handlers: exampleHandlers() });
    try {
      expect((await call(sts.url, { ...getInstance, SecurityToken: 'CAIS-token-1' })).status).toBe(200);
      for (const token of [undefined, 'CAIS-token-2']) {
        const params = token === undefined ? getInstance : { ...getInstance, SecurityToken: token };
        const reply = await call(sts.url, params);
        expect([reply.status, json(reply).Code]).toEqual([403, 'InvalidSecurityToken.MismatchWithAccessKey']);
      }
    } finally {
      await sts.stop();
    }
  });
});

describe('the clock', () => {
  it('checks timestamps against the server clock, which tests can move', async () => {
    const moved = await startMockServer({ ...KEY, handlers: exampleHandlers(), clockOffsetMs: 60 * MINUTE });
    try {
      expect(json(await call(moved.url, getInstance)).Code).toBe('InvalidTimeStamp.Expired');
      expect((await call(moved.url, getInstance, { timestamp: moved.clock.now() })).status).toBe(200);
    } finally {
      await moved.stop();
    }
  });
});
