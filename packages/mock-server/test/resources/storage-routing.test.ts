// Storage domain routing (CURATION.md M-140 to M-142) over HTTP with signature verification on:
// one rule per instance, routes that must name the instance's own registry domains (as
// GetInstanceEndpoint lists them) and http(s) storage addresses, replaced by Update, gone after
// Delete; and a user of @alicloud/pop-core sending `Routes` as the one JSON string the metadata's
// `style: json` means gets the answers this client's users get.
import RPCClient from '@alicloud/pop-core';
import { AcrClient } from '@acr-ee/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';

const CREDENTIALS = { accessKeyId: 'LTAIstorageRoutingKey', accessKeySecret: 'storage-routing-secret' };
const SEED = { instances: [{ instanceName: 'first' }, { instanceName: 'prod' }, { instanceName: 'other' }] };
const [PROD, OTHER] = ['cri-mock0000000002', 'cri-mock0000000003'];
const OSS = 'https://cri-mock0000000002-registry.oss-cn-hangzhou-internal.aliyuncs.com';

let server: MockServer;
let client: AcrClient;
let pop: RPCClient;

beforeAll(async () => {
  server = await startMockServer({ host: '127.0.0.1', port: 0, ...CREDENTIALS, verifySignature: true, seed: SEED });
  client = new AcrClient({ ...CREDENTIALS, regionId: 'cn-hangzhou', endpoint: server.url, retry: false });
  pop = new RPCClient({ ...CREDENTIALS, endpoint: server.url, apiVersion: '2018-12-01' });
});

afterAll(async () => {
  client?.close();
  await server?.close();
});

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  throw new Error('the call succeeded, but it should have failed');
}

async function domain(instanceId: string, type: 'internet' | 'vpc'): Promise<string> {
  const endpoint = await client.getInstanceEndpoint({ InstanceId: instanceId, EndpointType: type, ModuleName: 'Registry' });
  return String(endpoint.Domains?.[0]?.Domain);
}

describe('storage domain routing rules', () => {
  it('route the instance’s own domains, one rule per instance, replaced by Update and gone after Delete', async () => {
    const internet = await domain(PROD, 'internet');
    const vpc = await domain(PROD, 'vpc');
    expect([internet, vpc]).toEqual(['prod-registry.cn-hangzhou.cr.aliyuncs.com', 'prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com']);
    expect((await failure(client.getStorageDomainRoutingRule({ InstanceId: PROD }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');

    const routes = [{ InstanceDomain: vpc, StorageDomain: OSS, EndpointType: 'VPC' as const }];
    const created = await client.createStorageDomainRoutingRule({ InstanceId: PROD, Routes: routes });
    expect(created.Success).toBe(true);
    expect(created.RuleId).toMatch(/^crsdr-[0-9a-z]{16}$/);
    const createdAt = server.clock.now();
    const again = await failure(client.createStorageDomainRoutingRule({ InstanceId: PROD, Routes: routes }));
    expect(again.code).toBe('STORAGE_DOMAIN_ROUTING_RULE_ALREADY_EXIST');

    const got = await client.getStorageDomainRoutingRule({ InstanceId: PROD });
    expect(got).toMatchObject({ Success: true, RuleId: created.RuleId, Routes: routes });
    expect(got.CreateTime).toBe(got.ModifyTime);
    expect(Math.abs(Number(got.CreateTime) - createdAt)).toBeLessThan(5_000);

    server.clock.advance(60_000);
    const both = [...routes, { InstanceDomain: internet.toUpperCase(), StorageDomain: OSS.replace('-internal', ''), EndpointType: 'Internet' as const }];
    await client.updateStorageDomainRoutingRule({ InstanceId: PROD, RuleId: String(created.RuleId), Routes: both });
    const updated = await client.getStorageDomainRoutingRule({ InstanceId: PROD, RuleId: String(created.RuleId) });
    expect(updated.Routes).toEqual([routes[0], { ...both[1], InstanceDomain: internet }]);
    expect(Number(updated.ModifyTime) - Number(updated.CreateTime)).toBeGreaterThanOrEqual(60_000);

    expect((await failure(client.getStorageDomainRoutingRule({ InstanceId: OTHER, RuleId: String(created.RuleId) }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');
    expect((await failure(client.deleteStorageDomainRoutingRule({ InstanceId: PROD, RuleId: 'crsdr-0000000000000000' }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');
    await client.deleteStorageDomainRoutingRule({ InstanceId: PROD, RuleId: String(created.RuleId) });
    expect((await failure(client.getStorageDomainRoutingRule({ InstanceId: PROD }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');
    const recreated = await client.createStorageDomainRoutingRule({ InstanceId: PROD, Routes: routes });
    expect(recreated.RuleId).not.toBe(created.RuleId);
  });

  it('refuses routes of another instance’s domains, storage that is not an http(s) address, and a route given twice, changing nothing', async () => {
    const foreign = await domain(PROD, 'vpc');
    const own = await domain(OTHER, 'vpc');
    const refused = await failure(client.createStorageDomainRoutingRule({ InstanceId: OTHER, Routes: [{ InstanceDomain: foreign, StorageDomain: OSS, EndpointType: 'VPC' }] }));
    expect(refused).toMatchObject({ code: 'InvalidParameter' });
    expect(refused.message).toContain('Routes[0].InstanceDomain');
    const bad = await failure(client.createStorageDomainRoutingRule({ InstanceId: OTHER, Routes: [{ InstanceDomain: own, StorageDomain: 'ftp://bucket.example', EndpointType: 'VPC' }] }));
    expect(bad.message).toContain('Routes[0].StorageDomain');
    const twice = { InstanceDomain: own, StorageDomain: OSS, EndpointType: 'VPC' as const };
    expect((await failure(client.createStorageDomainRoutingRule({ InstanceId: OTHER, Routes: [twice, twice] }))).message).toContain('Routes[1].InstanceDomain');
    expect((await failure(client.getStorageDomainRoutingRule({ InstanceId: OTHER }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');
  });

  it('reads Routes from the one JSON string a pop-core user sends, with the answers this client gets', async () => {
    const own = await domain(OTHER, 'internet');
    const routes = [{ InstanceDomain: own, StorageDomain: OSS, EndpointType: 'Internet' }];
    const created = (await pop.request('CreateStorageDomainRoutingRule', { RegionId: 'cn-hangzhou', InstanceId: OTHER, Routes: JSON.stringify(routes) }, { method: 'POST' })) as Record<string, unknown>;
    expect(created).toMatchObject({ Success: true, Code: 'success' });
    const viaPop = (await pop.request('GetStorageDomainRoutingRule', { RegionId: 'cn-hangzhou', InstanceId: OTHER }, { method: 'POST' })) as Record<string, unknown>;
    const viaClient = await client.getStorageDomainRoutingRule({ InstanceId: OTHER });
    const { RequestId: _a, ...popRest } = viaPop;
    const { RequestId: _b, ...ourRest } = viaClient;
    expect(popRest).toEqual(ourRest);
    expect(popRest).toMatchObject({ RuleId: created.RuleId, Routes: routes });
    const broken = await failure(pop.request('UpdateStorageDomainRoutingRule', { RegionId: 'cn-hangzhou', InstanceId: OTHER, RuleId: String(created.RuleId), Routes: '[{"InstanceDomain":1}]' }, { method: 'POST' }));
    expect(broken.message).toMatch(/Routes\[0\]/);
  });
});
