// ACS3-HMAC-SHA256 (signature version 3) as @alicloud/openapi-client sends it from callApi (the
// official SDK's path), and its v1 path (doRPCRequest). The requests are made by the library
// itself; the tampered ones are signed by openapi-util's getAuthorization and then altered.
import { createHash, randomUUID } from 'node:crypto';
import OpenApiModule, * as $OpenApi from '@alicloud/openapi-client';
import OpenApiUtilModule from '@alicloud/openapi-util';
import * as $Util from '@alicloud/tea-util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import type { RequestContext } from '../../src/resources/context.js';
import { exampleHandlers } from './support/stand-in.js';
import { http, json, KEY } from './support/wire.js';

// CommonJS packages with `exports.default`: Vite's interop gives the namespace or the class.
const cjs = <T>(module: T | { default: T }): T => (module as { default?: T }).default ?? (module as T);
const OpenApi = cjs(OpenApiModule);
const OpenApiUtil = cjs(OpenApiUtilModule);

let server: MockServer;
let host: string;
const seen: RequestContext['params'][] = [];

beforeAll(async () => {
  server = await startMockServer({
    ...KEY,
    handlers: exampleHandlers({
      GetInstance: (context) => {
        seen.push(context.params);
        return { InstanceId: context.params.InstanceId };
      },
    }),
  });
  host = new URL(server.url).host;
});

afterAll(() => server?.stop());

function client(secret: string = KEY.accessKeySecret, accessKeyId: string = KEY.accessKeyId): InstanceType<typeof OpenApi> {
  return new OpenApi(new $OpenApi.Config({ accessKeyId, accessKeySecret: secret, endpoint: host, protocol: 'http', regionId: 'cn-hangzhou' }));
}

function params(method: 'GET' | 'POST'): $OpenApi.Params {
  return new $OpenApi.Params({
    action: 'GetInstance',
    version: '2018-12-01',
    protocol: 'HTTP',
    pathname: '/',
    method,
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
}

const runtime = (): $Util.RuntimeOptions => new $Util.RuntimeOptions({ autoretry: false });

async function failure(promise: Promise<unknown>): Promise<{ code?: string; statusCode?: number; data?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; statusCode?: number };
  }
  throw new Error('the call succeeded, but it should have failed');
}

describe('openapi-client callApi (ACS3-HMAC-SHA256)', () => {
  it('GET with the parameters in the query', async () => {
    const request = new $OpenApi.OpenApiRequest({ query: { RegionId: 'cn-hangzhou', InstanceId: 'cri-v3-get' } });
    const response = (await client().callApi(params('GET'), request, runtime())) as { statusCode: number; body: Record<string, unknown> };
    expect(response.statusCode).toBe(200);
    expect(response.body).toMatchObject({ IsSuccess: true, Code: 'success', InstanceId: 'cri-v3-get' });
  });

  it('POST with the parameters in a form body, and no RegionId (the endpoint region is used)', async () => {
    const request = new $OpenApi.OpenApiRequest({ body: { InstanceId: 'cri-v3-post', Extra: 'a b&c=d*é' } });
    const response = (await client().callApi(params('POST'), request, runtime())) as { body: Record<string, unknown> };
    expect(response.body).toMatchObject({ IsSuccess: true, InstanceId: 'cri-v3-post' });
    expect(seen.at(-1)).toEqual({ RegionId: 'cn-hangzhou', InstanceId: 'cri-v3-post' });
  });

  it('POST with the parameters in the query, as the generated SDK sends them', async () => {
    const request = new $OpenApi.OpenApiRequest({ query: OpenApiUtil.query({ InstanceId: 'cri-v3-sdk', RegionId: 'cn-hangzhou' }) });
    const response = (await client().callApi(params('POST'), request, runtime())) as { body: Record<string, unknown> };
    expect(response.body.InstanceId).toBe('cri-v3-sdk');
  });

  it('refuses the wrong secret with SignatureDoesNotMatch, and an unknown key', async () => {
    const request = new $OpenApi.OpenApiRequest({ query: { RegionId: 'cn-hangzhou', InstanceId: 'cri-1' } });
    const wrong = await failure(client('not-the-secret').callApi(params('GET'), request, runtime()));
    expect(wrong.code).toBe('SignatureDoesNotMatch');
    expect(wrong.data?.statusCode).toBe(403);
    const unknown = await failure(client(KEY.accessKeySecret, 'nobody').callApi(params('GET'), request, runtime()));
    expect(unknown.code).toBe('InvalidAccessKeyId.NotFound');
  });
});

describe('openapi-client doRPCRequest (signature v1, form body, Format "json")', () => {
  it('is accepted, and a wrong secret is not', async () => {
    const body = { RegionId: 'cn-hangzhou', InstanceId: 'cri-v1-rpc' };
    const ok = (await client().doRPCRequest('GetInstance', '2018-12-01', 'HTTP', 'POST', 'AK', 'json', new $OpenApi.OpenApiRequest({ body }), runtime())) as {
      body: Record<string, unknown>;
    };
    expect(ok.body.InstanceId).toBe('cri-v1-rpc');
    const wrong = await failure(client('nope').doRPCRequest('GetInstance', '2018-12-01', 'HTTP', 'POST', 'AK', 'json', new $OpenApi.OpenApiRequest({ body }), runtime()));
    expect(wrong.code).toBe('SignatureDoesNotMatch');
  });
});

/** A v3 request signed by openapi-util's getAuthorization, as openapi-client builds it. */
function v3Request(options: { body?: string; date?: Date; nonce?: string; signed?: string[] } = {}) {
  const body = options.body ?? 'InstanceId=cri-manual&RegionId=cn-hangzhou';
  const headers: Record<string, string> = {
    host,
    'x-acs-version': '2018-12-01',
    'x-acs-action': 'GetInstance',
    'x-acs-date': (options.date ?? new Date()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': options.nonce ?? randomUUID(),
    'content-type': 'application/x-www-form-urlencoded',
    'x-acs-content-sha256': createHash('sha256').update(body).digest('hex'),
  };
  const signedHeaders = options.signed === undefined ? headers : Object.fromEntries(Object.entries(headers).filter(([name]) => options.signed?.includes(name)));
  const payload = headers['x-acs-content-sha256'];
  headers.authorization = OpenApiUtil.getAuthorization(
    { pathname: '/', method: 'POST', query: {}, headers: signedHeaders } as never,
    'ACS3-HMAC-SHA256',
    payload,
    KEY.accessKeyId,
    KEY.accessKeySecret,
  );
  return { headers, body };
}

describe('v3 checks, on requests signed by openapi-util', () => {
  const send = (r: { headers: Record<string, string>; body: string }) => http(server.url, 'POST', '/', r.body, r.headers);

  it('accepts the request as signed', async () => {
    const reply = await send(v3Request());
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json;charset=utf-8');
  });

  it('refuses a body that is not the one hashed', async () => {
    const request = v3Request();
    const reply = await send({ ...request, body: 'InstanceId=cri-other&RegionId=cn-hangzhou' });
    expect([reply.status, json(reply).Code]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it('refuses a changed signed header', async () => {
    const request = v3Request();
    const reply = await send({ ...request, headers: { ...request.headers, 'x-acs-action': 'ListInstance' } });
    expect([reply.status, json(reply).Code]).toEqual([403, 'SignatureDoesNotMatch']);
  });

  it('refuses an x-acs-date 20 minutes old, and a replayed nonce', async () => {
    const old = await send(v3Request({ date: new Date(Date.now() - 20 * 60_000) }));
    expect([old.status, json(old).Code]).toEqual([403, 'InvalidTimeStamp.Expired']);
    const request = v3Request();
    expect((await send(request)).status).toBe(200);
    const again = await send(request);
    expect([again.status, json(again).Code]).toEqual([403, 'SignatureNonceUsed']);
  });

  it('refuses a nonce that is sent but not signed', async () => {
    const request = v3Request({ signed: ['host', 'x-acs-version', 'x-acs-action', 'x-acs-date', 'x-acs-content-sha256', 'content-type'] });
    const reply = await send(request);
    expect([reply.status, json(reply).Code]).toEqual([400, 'IncompleteSignature']);
  });

  it.each([
    ['another algorithm', 'ACS3-HMAC-SM3 Credential=x,SignedHeaders=host,Signature=ab'],
    ['no Signature', 'ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host'],
    ['no Credential', 'ACS3-HMAC-SHA256 SignedHeaders=host,Signature=ab'],
  ])('refuses an Authorization header with %s', async (_name, authorization) => {
    const request = v3Request();
    const reply = await send({ ...request, headers: { ...request.headers, authorization } });
    expect([reply.status, json(reply).Code]).toEqual([400, 'IncompleteSignature']);
  });
});
