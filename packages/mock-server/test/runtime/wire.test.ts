// The RPC wire of the HTTP core: GET and POST, JSON and XML (XML by default), the success and error
// bodies, parameter validation from the spec, and requests no client should send.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { MockError, type RequestContext } from '../../src/resources/context.js';
import { exampleHandlers, exampleParams, exampleResult } from './support/stand-in.js';
import { call, encodeParams, http, json, KEY, raw, rawJson, signed, UUID_UPPER, type Reply } from './support/wire.js';

let server: MockServer;
const internalErrors: unknown[] = [];
const echo = (context: RequestContext) => ({ Echo: context.params });

beforeAll(async () => {
  server = await startMockServer({
    ...KEY,
    handlers: exampleHandlers({
      CreateNamespace: () => {
        throw new MockError(409, 'NAMESPACE_ALREADY_EXIST', 'The namespace already exists.');
      },
      DeleteNamespace: () => {
        throw new TypeError('a deliberate bug');
      },
      GetNamespace: () => ({
        RequestId: 'spoofed',
        IsSuccess: false,
        Code: 'spoofed',
        NamespaceName: 'a<b>&c',
        Tags: ['x', 'y'],
        Nested: { A: [{ B: 1 }, { B: 2 }] },
        Nothing: null,
        'Bad Name': 'v',
      }),
      ListInstance: echo,
      UpdateInstanceEndpointStatus: echo,
      CreateRepoSyncRule: echo,
      ListInstanceEndpoint: echo,
    }),
    onInternalError: (error) => internalErrors.push(error),
  });
});

afterAll(() => server?.stop());

const getInstance = exampleParams('GetInstance');

function expectErrorShape(reply: Reply, status: number, code: string): Record<string, unknown> {
  expect(reply.status).toBe(status);
  expect(reply.headers['content-type']).toBe('application/json;charset=utf-8');
  const body = json(reply);
  expect(Object.keys(body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
  expect(body.Code).toBe(code);
  expect(body.RequestId).toMatch(UUID_UPPER);
  expect(body.RequestId).toBe(reply.headers['x-acs-request-id']);
  expect(body.Recommend).toBe(`https://error-center.aliyun.com/status/search?Keyword=${encodeURIComponent(code)}&source=PopGw`);
  expect(typeof body.HostId).toBe('string');
  return body;
}

describe('success', () => {
  it.each(['GET', 'POST'] as const)('%s answers RequestId, IsSuccess, Code and the handler fields as JSON', async (method) => {
    const reply = await call(server.url, getInstance, { method });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/json;charset=utf-8');
    const body = json(reply);
    expect(body).toEqual({ RequestId: reply.headers['x-acs-request-id'], IsSuccess: true, Code: 'success', ...exampleResult('GetInstance') });
    expect(Object.keys(body).slice(0, 3)).toEqual(['RequestId', 'IsSuccess', 'Code']);
    expect(body.RequestId).toMatch(UUID_UPPER);
  });

  it('answers XML when Format is absent (the API default)', async () => {
    const reply = await call(server.url, exampleParams('ListInstance'), { format: null });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(reply.text.startsWith('<?xml version="1.0" encoding="UTF-8"?><ListInstanceResponse><RequestId>')).toBe(true);
    expect(reply.text).toContain('<IsSuccess>true</IsSuccess><Code>success</Code>');
    expect(reply.text.endsWith('</ListInstanceResponse>')).toBe(true);
  });

  it('writes arrays as repeated elements, objects nested, text escaped, null empty, odd names fixed (XML)', async () => {
    const reply = await call(server.url, exampleParams('GetNamespace'), { format: 'XML' });
    expect(reply.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><GetNamespaceResponse>' +
        `<RequestId>${reply.headers['x-acs-request-id']}</RequestId><IsSuccess>true</IsSuccess><Code>success</Code>` +
        '<NamespaceName>a&lt;b&gt;&amp;c</NamespaceName><Tags>x</Tags><Tags>y</Tags>' +
        '<Nested><A><B>1</B></A><A><B>2</B></A></Nested><Nothing></Nothing><Bad_Name>v</Bad_Name></GetNamespaceResponse>',
    );
  });

  it('never lets a handler override RequestId, IsSuccess or Code', async () => {
    const body = json(await call(server.url, exampleParams('GetNamespace')));
    expect(body.RequestId).toMatch(UUID_UPPER);
    expect(body.IsSuccess).toBe(true);
    expect(body.Code).toBe('success');
  });

  it('accepts Format in any case (openapi-client sends "json")', async () => {
    const reply = await call(server.url, getInstance, { format: 'json' });
    expect(reply.headers['content-type']).toBe('application/json;charset=utf-8');
    const xml = await call(server.url, getInstance, { format: 'xml' });
    expect(xml.headers['content-type']).toBe('text/xml;charset=utf-8');
  });

  it('coerces parameters to their kinds and ignores parameters the operation does not have', async () => {
    const listed = json(await call(server.url, { Action: 'ListInstance', RegionId: 'cn-hangzhou', PageNo: '2', PageSize: '10', Unknown: 'x' }));
    expect(listed.Echo).toEqual({ RegionId: 'cn-hangzhou', PageNo: 2, PageSize: 10 });
    const params = { ...exampleParams('UpdateInstanceEndpointStatus'), Enable: 'TRUE' };
    expect((json(await call(server.url, params)).Echo as Record<string, unknown>).Enable).toBe(true);
  });

  it('hands the handler the spec\'s default of a parameter the request does not send, and the sent value otherwise', async () => {
    const { SyncTrigger, ...rule } = exampleParams('CreateRepoSyncRule');
    expect(SyncTrigger).toBeDefined();
    expect((json(await call(server.url, rule)).Echo as Record<string, unknown>).SyncTrigger).toBe('PASSIVE');
    expect((json(await call(server.url, { ...rule, SyncTrigger: 'INITIATIVE' })).Echo as Record<string, unknown>).SyncTrigger).toBe('INITIATIVE');
    const { Summary, ...endpoints } = exampleParams('ListInstanceEndpoint');
    expect(Summary).toBeDefined();
    expect((json(await call(server.url, endpoints)).Echo as Record<string, unknown>).Summary).toBe(false);
    expect((json(await call(server.url, { ...endpoints, Summary: 'true' })).Echo as Record<string, unknown>).Summary).toBe(true);
  });

  it('reads parameters from the query string and the form body of one POST', async () => {
    const all = signed(getInstance, { method: 'POST' });
    const { Action, Version, ...rest } = all;
    const reply = await http(server.url, 'POST', `/?${encodeParams({ Action, Version })}`, encodeParams(rest), { 'content-type': 'application/x-www-form-urlencoded' });
    expect(reply.status).toBe(200);
  });

  it('takes a POST body without a content type as a form', async () => {
    const reply = await http(server.url, 'POST', '/', encodeParams(signed(getInstance, { method: 'POST' })));
    expect(reply.status).toBe(200);
  });
});

describe('errors from validation, as the spec shapes them', () => {
  const cases: [name: string, params: Record<string, string>, status: number, code: string, mentions: string][] = [
    ['a missing required parameter', { Action: 'GetInstance', RegionId: 'cn-hangzhou' }, 400, 'MissingParameter', '"InstanceId"'],
    ['an empty required parameter', { ...getInstance, InstanceId: '' }, 400, 'InvalidParameter', '"InstanceId"'],
    ['a value outside the enum', { Action: 'ListInstance', RegionId: 'r', InstanceStatus: 'WRONG' }, 400, 'InvalidParameter', '"InstanceStatus"'],
    ['an integer that is not one', { Action: 'ListInstance', RegionId: 'r', PageNo: '1.5' }, 400, 'InvalidParameter', '"PageNo"'],
    ['an integer below its minimum', { Action: 'ListInstance', RegionId: 'r', PageSize: '0' }, 400, 'InvalidParameter', '"PageSize"'],
    ['a boolean that is not one', { ...exampleParams('UpdateInstanceEndpointStatus'), Enable: 'yes' }, 400, 'InvalidParameter', '"Enable"'],
    ['an unknown Action', { ...getInstance, Action: 'DescribeEverything' }, 400, 'InvalidAction.NotFound', '"DescribeEverything"'],
    ['no Action', { RegionId: 'r' }, 400, 'MissingParameter', '"Action"'],
  ];
  it.each(cases)('%s', async (_name, params, status, code, mentions) => {
    const body = expectErrorShape(await call(server.url, params), status, code);
    expect(body.Message).toContain(mentions);
  });

  it('rejects another Version with InvalidVersion', async () => {
    const body = expectErrorShape(await call(server.url, getInstance, { version: '2014-05-26' }), 400, 'InvalidVersion');
    expect(body.Message).toContain('2018-12-01');
  });

  it('rejects an unknown Format in JSON', async () => {
    const body = expectErrorShape(await call(server.url, getInstance, { format: 'YAML' }), 400, 'InvalidParameter');
    expect(body.Message).toContain('"Format"');
  });

  it('rejects a parameter given twice, naming it', async () => {
    const reply = await http(server.url, 'GET', `/?${encodeParams(signed(getInstance))}&InstanceId=cri-other`);
    expect(expectErrorShape(reply, 400, 'InvalidParameter').Message).toContain('"InstanceId" is given more than once');
  });

  it('answers errors in XML when Format is absent', async () => {
    const reply = await call(server.url, { Action: 'GetInstance', RegionId: 'r' }, { format: null });
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toBe('text/xml;charset=utf-8');
    expect(reply.text).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?><Error><RequestId>[0-9A-F-]{36}<\/RequestId><HostId>[^<]+<\/HostId><Code>MissingParameter<\/Code><Message>[^<]*InstanceId[^<]*<\/Message><Recommend>https:\/\/error-center.aliyun.com\/status\/search\?Keyword=MissingParameter&amp;source=PopGw<\/Recommend><\/Error>$/,
    );
  });
});

describe('errors from handlers', () => {
  it('answers a MockError with its status, code and message', async () => {
    const body = expectErrorShape(await call(server.url, exampleParams('CreateNamespace')), 409, 'NAMESPACE_ALREADY_EXIST');
    expect(body.Message).toBe('The namespace already exists.');
  });

  it('answers anything else as 500 InternalError, reports it, and tells the client nothing of it', async () => {
    const before = internalErrors.length;
    const body = expectErrorShape(await call(server.url, exampleParams('DeleteNamespace')), 500, 'InternalError');
    expect(body.Message).not.toContain('deliberate');
    expect(internalErrors.length).toBe(before + 1);
    expect(String(internalErrors.at(-1))).toContain('a deliberate bug');
  });
});

describe('requests no client should send', () => {
  it('answers 404 with the error shape for another path', async () => {
    expectErrorShape(await http(server.url, 'GET', `/api?${encodeParams(signed(getInstance))}`), 404, 'InvalidPath.NotFound');
  });

  it.each(['PUT', 'DELETE', 'PATCH', 'OPTIONS'])('answers 405 to %s', async (method) => {
    expectErrorShape(await http(server.url, method, '/?Format=JSON'), 405, 'UnsupportedHTTPMethod');
  });

  it('answers 405 to CONNECT, with the error shape, instead of closing the socket', async () => {
    const response = await raw(server.url, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n');
    expect(response.startsWith('HTTP/1.1 405 ')).toBe(true);
    expect(rawJson(response)).toMatchObject({ Code: 'UnsupportedHTTPMethod', HostId: 'example.com:443' });
  });

  it('answers 413 to a query string over 64 KiB', async () => {
    expectErrorShape(await http(server.url, 'GET', `/?Format=JSON&Pad=${'a'.repeat(70 * 1024)}`), 413, 'RequestTooLarge');
  });

  it('answers 413 to a body over 64 KiB, and the connection stays usable', async () => {
    expectErrorShape(await http(server.url, 'POST', '/?Format=JSON', `Pad=${'a'.repeat(70 * 1024)}`), 413, 'RequestTooLarge');
  });

  it('answers 413 to headers far over the limit, with the error shape', async () => {
    const response = await raw(server.url, `GET /?Format=JSON HTTP/1.1\r\nHost: x\r\nX-Big: ${'b'.repeat(200 * 1024)}\r\nConnection: close\r\n\r\n`);
    expect(response.startsWith('HTTP/1.1 413 ')).toBe(true);
    expect(rawJson(response).Code).toBe('RequestTooLarge');
  });

  it.each([
    ['%zz', 'InstanceId=%zz'],
    ['a lone %', 'InstanceId=abc%'],
    ['bytes that are not UTF-8', 'InstanceId=%C3%28'],
    ['a broken name', 'Inst%ZZ=1'],
  ])('answers 400 InvalidParameter to %s', async (_name, param) => {
    const reply = await http(server.url, 'GET', `/?Format=JSON&${param}`);
    expectErrorShape(reply, 400, 'InvalidParameter');
  });

  it('answers 400 to a body that is not UTF-8', async () => {
    const body = Buffer.concat([Buffer.from('Format=JSON&InstanceId='), Buffer.from([0xff, 0xfe])]);
    expectErrorShape(await http(server.url, 'POST', '/?Format=JSON', body, { 'content-type': 'application/x-www-form-urlencoded' }), 400, 'InvalidParameter');
  });

  it('answers 415 to a body that is not a form', async () => {
    const reply = await http(server.url, 'POST', '/?Format=JSON', '{"Action":"GetInstance"}', { 'content-type': 'application/json' });
    expectErrorShape(reply, 415, 'UnsupportedMediaType');
  });

  it('answers 400 BadRequest (JSON) to what is not HTTP', async () => {
    const response = await raw(server.url, 'HELLO THERE\r\n\r\n');
    expect(response.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(rawJson(response).Code).toBe('BadRequest');
  });

  it('answers 400 BadRequest (JSON) to an HTTP/1.1 request without Host', async () => {
    const response = await raw(server.url, 'GET /?Format=JSON HTTP/1.1\r\nConnection: close\r\n\r\n');
    expect(response.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(rawJson(response).Code).toBe('BadRequest');
  });

  it('survives truncated bodies and clients that leave mid-request', async () => {
    await raw(server.url, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=Get', 200);
    await raw(server.url, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nActio', 200);
    expect((await call(server.url, getInstance)).status).toBe(200);
  });

  it('answered none of the above with an unplanned 5xx', () => {
    expect(server.stats.internalErrors).toBe(1);
  });
});
