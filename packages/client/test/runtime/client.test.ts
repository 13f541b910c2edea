// The wire: what a call puts on a real (loopback) connection, GET and POST, and what it returns.
import { readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_VERSION, ConfigError, RpcClient, type TransportRequest } from '../../src/runtime/index.js';
import { ACCESS_KEY_ID, clientFor, CreateNamespace, GetInstance, SECRET, TEST_API, TestClient, TOKEN } from './support/client.js';
import { json, signatureValid, startServer, type TestServer } from './support/server.js';

let server: TestServer;
const clients: TestClient[] = [];
beforeAll(async () => {
  server = await startServer((received, res) => {
    json(res, signatureValid(received, SECRET) ? 200 : 403, { RequestId: 'req-1', Echo: received.params.InstanceId ?? null });
  });
});
afterEach(() => {
  server.received.length = 0;
  for (const client of clients.splice(0)) client.close();
});
afterAll(() => server.close());

function client(config: Parameters<typeof clientFor>[1] = {}): TestClient {
  const made = clientFor(server.url, config);
  clients.push(made);
  return made;
}

describe('GET (the default)', () => {
  it('sends every common parameter, signed, in the query of /', async () => {
    const before = Date.now();
    const result = await client().call(GetInstance, { InstanceId: 'cri-123' });
    expect(result).toEqual({ RequestId: 'req-1', Echo: 'cri-123' });
    const [got] = server.received;
    expect(got.method).toBe('GET');
    expect(got.url.startsWith('/?')).toBe(true);
    expect(signatureValid(got, SECRET)).toBe(true);
    expect(got.params).toMatchObject({
      Action: 'GetInstance',
      InstanceId: 'cri-123',
      RegionId: 'cn-hangzhou',
      Format: 'JSON',
      Version: '2018-12-01',
      AccessKeyId: ACCESS_KEY_ID,
      SignatureMethod: 'HMAC-SHA1',
      SignatureVersion: '1.0',
    });
    expect(got.params).not.toHaveProperty('SecurityToken');
    expect(got.params).not.toHaveProperty('ResourceOwnerAccount');
    expect(got.params.SignatureNonce).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(got.params.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const stamp = Date.parse(got.params.Timestamp);
    expect(stamp).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(stamp).toBeLessThanOrEqual(Date.now());
  });

  it('identifies itself in User-Agent, with the caller suffix', async () => {
    await client().call(GetInstance, { InstanceId: 'i' });
    await client({ userAgent: 'my-pipeline/2' }).call(GetInstance, { InstanceId: 'i' });
    const [plain, suffixed] = server.received;
    expect(plain.headers['user-agent']).toBe(`acr-ee-client/0.1.0 node/${process.versions.node}`);
    expect(suffixed.headers['user-agent']).toBe(`acr-ee-client/0.1.0 node/${process.versions.node} my-pipeline/2`);
  });

  it('sends a fresh nonce on every call', async () => {
    const c = client();
    for (let i = 0; i < 5; i++) await c.call(GetInstance, { InstanceId: 'i' });
    expect(new Set(server.received.map((r) => r.params.SignatureNonce)).size).toBe(5);
  });

  it('adds SecurityToken and ResourceOwnerAccount when configured', async () => {
    await client({ securityToken: TOKEN, resourceOwnerAccount: 'owner@example.com' }).call(GetInstance, { InstanceId: 'i' });
    const [got] = server.received;
    expect(got.params).toMatchObject({ SecurityToken: TOKEN, ResourceOwnerAccount: 'owner@example.com' });
    expect(signatureValid(got, SECRET)).toBe(true);
  });
});

describe('POST', () => {
  it('sends the same signed parameters as a form body when the client says so', async () => {
    const result = await client({ method: 'POST' }).call(CreateNamespace, {
      InstanceId: 'cri 1',
      NamespaceName: 'team-a',
      AutoCreateRepo: true,
      DefaultRepoType: 'PRIVATE',
    });
    expect(result).toEqual({ RequestId: 'req-1', Echo: 'cri 1' });
    const [got] = server.received;
    expect(got.method).toBe('POST');
    expect(got.url).toBe('/');
    expect(got.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(got.headers['content-length']).toBe(String(Buffer.byteLength(got.raw)));
    expect(got.headers['transfer-encoding']).toBeUndefined();
    expect(got.params).toMatchObject({ Action: 'CreateNamespace', InstanceId: 'cri 1', AutoCreateRepo: 'true', DefaultRepoType: 'PRIVATE' });
    expect(signatureValid(got, SECRET)).toBe(true);
  });

  it('is chosen per call, either way', async () => {
    const getClient = client();
    const postClient = client({ method: 'POST' });
    await getClient.call(GetInstance, { InstanceId: 'i' }, { method: 'POST' });
    await postClient.call(GetInstance, { InstanceId: 'i' }, { method: 'GET' });
    expect(server.received.map((r) => r.method)).toEqual(['POST', 'GET']);
    expect(server.received.every((r) => signatureValid(r, SECRET))).toBe(true);
  });
});

describe('endpoint', () => {
  it('defaults to https://cr.{regionId}.aliyuncs.com, path /', async () => {
    // A capturing transport: nothing leaves the process.
    const seen: TransportRequest[] = [];
    const c = new TestClient({
      regionId: 'ap-southeast-1',
      accessKeyId: ACCESS_KEY_ID,
      accessKeySecret: SECRET,
      transport: async (request) => {
        seen.push(request);
        return { status: 200, headers: {}, body: '{"RequestId":"r"}' };
      },
    });
    expect(c.endpoint).toBe('https://cr.ap-southeast-1.aliyuncs.com');
    expect(c.regionId).toBe('ap-southeast-1');
    await c.call(GetInstance, { InstanceId: 'i' });
    expect(seen[0].origin).toBe('https://cr.ap-southeast-1.aliyuncs.com');
    expect(seen[0].path).toMatch(/^\/\?AccessKeyId=/);
    expect(seen[0].path).toContain('&RegionId=ap-southeast-1&');
  });

  it('normalises an override to its origin', () => {
    expect(client({ endpoint: `${server.url}/` }).endpoint).toBe(server.url);
  });
});

describe('network and region (issue 14, endpoints)', () => {
  const keys = { accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET };
  const table = TEST_API.endpoints;

  it("network: 'vpc' sends to cr-vpc.{region}.aliyuncs.com", async () => {
    const seen: TransportRequest[] = [];
    const c = new TestClient({
      regionId: 'cn-shanghai',
      network: 'vpc',
      ...keys,
      transport: async (request) => {
        seen.push(request);
        return { status: 200, headers: {}, body: '{"RequestId":"r"}' };
      },
    });
    expect(c.endpoint).toBe('https://cr-vpc.cn-shanghai.aliyuncs.com');
    await c.call(GetInstance, { InstanceId: 'i' });
    expect(seen[0].origin).toBe('https://cr-vpc.cn-shanghai.aliyuncs.com');
    expect(new TestClient({ regionId: 'cn-shanghai', network: 'public', ...keys }).endpoint).toBe('https://cr.cn-shanghai.aliyuncs.com');
  });

  it('every region of the generated table has both endpoints', () => {
    expect(table.public.regions!.length).toBeGreaterThan(30);
    for (const regionId of table.public.regions!) {
      expect(new TestClient({ regionId, ...keys }).endpoint).toBe(`https://cr.${regionId}.aliyuncs.com`);
      expect(new TestClient({ regionId, network: 'vpc', ...keys }).endpoint).toBe(`https://cr-vpc.${regionId}.aliyuncs.com`);
    }
  });

  it('an unknown region is a configuration error naming the closest known one', () => {
    expect(() => new TestClient({ regionId: 'cn-hangzou', ...keys })).toThrow(ConfigError);
    expect(() => new TestClient({ regionId: 'cn-hangzou', ...keys })).toThrow(/unknown region "cn-hangzou" \(did you mean "cn-hangzhou"\?\)/);
    expect(() => new TestClient({ regionId: 'xx-nowhere-9', network: 'vpc', ...keys })).toThrow(/unknown region "xx-nowhere-9"/);
  });

  it('a region without an endpoint on the chosen network is a configuration error', () => {
    // The real table serves every region on both networks; a table without a VPC host for one shows the rule.
    const vpcless = { ...TEST_API, endpoints: { ...table, vpc: { ...table.vpc, regions: table.vpc.regions!.filter((r) => r !== 'cn-qingdao') } } };
    class VpclessClient extends RpcClient {}
    expect(new VpclessClient({ regionId: 'cn-qingdao', ...keys }, vpcless).endpoint).toBe('https://cr.cn-qingdao.aliyuncs.com');
    expect(() => new VpclessClient({ regionId: 'cn-qingdao', network: 'vpc', ...keys }, vpcless)).toThrow(/region "cn-qingdao" has no vpc endpoint/);
  });

  it('an endpoint override serves any well-formed region (a mock server, a new region)', () => {
    expect(new TestClient({ regionId: 'xx-nowhere-9', endpoint: server.url, ...keys }).endpoint).toBe(server.url);
  });

  it('an unknown network is a configuration error', () => {
    expect(() => new TestClient({ regionId: 'cn-hangzhou', network: 'VPC' as never, ...keys })).toThrow(/network must be one of "public", "vpc", got "VPC" \(did you mean "vpc"\?\)/);
    expect(() => new TestClient({ regionId: 'cn-hangzhou', network: 1 as never, ...keys })).toThrow(/network must be one of/);
  });
});

it('CLIENT_VERSION is the package version', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(CLIENT_VERSION).toBe(pkg.version);
});
