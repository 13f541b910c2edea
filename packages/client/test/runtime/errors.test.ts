import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcrError, InvalidResponseError, ServiceError } from '../../src/runtime/index.js';
import { clientFor, GetInstance, type TestClient } from './support/client.js';
import { startServer, type TestServer } from './support/server.js';

// One server; the InstanceId picks the answer.
const answers: Record<string, { status: number; body: string; type?: string }> = {
  notFound: {
    status: 404,
    body: JSON.stringify({
      RequestId: 'req-404',
      HostId: 'cr.cn-hangzhou.aliyuncs.com',
      Code: 'InstanceNotExist',
      Message: 'The specified instance does not exist.',
      Recommend: 'https://error-center.aliyun.com/status/search?Keyword=InstanceNotExist',
    }),
  },
  notSuccess: { status: 200, body: JSON.stringify({ RequestId: 'req-200', Code: 'NAMESPACE_NOT_EXIST', IsSuccess: false, Message: 'no such namespace' }) },
  html502: { status: 502, body: `<html><body><h1>502 Bad Gateway</h1>${'x'.repeat(1000)}</body></html>`, type: 'text/html' },
  empty500: { status: 500, body: '' },
  garbled200: { status: 200, body: '{"RequestId": "r", ' },
  array200: { status: 200, body: '[1,2]' },
  success: { status: 200, body: JSON.stringify({ RequestId: 'r', IsSuccess: true, Code: 'success', Value: 1 }) },
};

let server: TestServer;
let client: TestClient;
beforeAll(async () => {
  server = await startServer((received, res) => {
    const answer = answers[received.params.InstanceId];
    res.writeHead(answer.status, { 'content-type': answer.type ?? 'application/json' });
    res.end(answer.body);
  });
  client = clientFor(server.url, { retry: false });
});
afterAll(async () => {
  client.close();
  await server.close();
});

function fail(instance: string): Promise<unknown> {
  return client.call(GetInstance, { InstanceId: instance }).then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
}

describe('ServiceError', () => {
  it('carries the fields of a JSON error body', async () => {
    const error = (await fail('notFound')) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toBeInstanceOf(AcrError);
    expect(error.name).toBe('ServiceError');
    expect(error).toMatchObject({
      action: 'GetInstance',
      status: 404,
      code: 'InstanceNotExist',
      serviceMessage: 'The specified instance does not exist.',
      requestId: 'req-404',
      hostId: 'cr.cn-hangzhou.aliyuncs.com',
      recommend: 'https://error-center.aliyun.com/status/search?Keyword=InstanceNotExist',
      bodyExcerpt: undefined,
    });
    expect(error.message).toBe('GetInstance: InstanceNotExist: The specified instance does not exist. (HTTP 404, RequestId req-404)');
    expect(String(error)).toBe(`ServiceError: ${error.message}`);
  });

  it('is raised for a 200 that says IsSuccess: false', async () => {
    const error = (await fail('notSuccess')) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ status: 200, code: 'NAMESPACE_NOT_EXIST', requestId: 'req-200', serviceMessage: 'no such namespace' });
  });

  it('keeps a truncated excerpt of a body that is not JSON', async () => {
    const error = (await fail('html502')) as ServiceError;
    expect(error).toBeInstanceOf(ServiceError);
    expect(error.status).toBe(502);
    expect(error.code).toBeUndefined();
    expect(error.bodyExcerpt?.startsWith('<html><body><h1>502 Bad Gateway</h1>')).toBe(true);
    expect(error.bodyExcerpt?.length).toBe(203);
    expect(error.message).toMatch(/^GetInstance: request failed \(HTTP 502\); body: "<html>/);
  });

  it('handles an empty error body', async () => {
    const error = (await fail('empty500')) as ServiceError;
    expect(error).toMatchObject({ status: 500, bodyExcerpt: '' });
  });
});

describe('InvalidResponseError', () => {
  it.each(['garbled200', 'array200'])('for a 2xx that is not a JSON object (%s)', async (instance) => {
    const error = (await fail(instance)) as InvalidResponseError;
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/^GetInstance: HTTP 200 response is not a JSON object; body: /);
  });
});

it('resolves a successful body as it is', async () => {
  await expect(client.call(GetInstance, { InstanceId: 'success' })).resolves.toEqual({ RequestId: 'r', IsSuccess: true, Code: 'success', Value: 1 });
});
