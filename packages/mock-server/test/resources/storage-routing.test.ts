// Storage domain routing (CURATION.md M-140 to M-142) over HTTP with signature verification on:
// one rule per instance, routes that must name the instance's own registry domains (as
// GetInstanceEndpoint lists them) and http(s) storage addresses, replaced by Update, gone after
// Delete; and a user of @alicloud/pop-core sending `Routes` as the one JSON string the metadata's
// `style: json` means gets the answers this client's users get.
import { describe, expect, it } from 'vitest';
import { failure, signedClients } from '../support/signed-clients.js';

const CREDENTIALS = { accessKeyId: 'LTAIstorageRoutingKey', accessKeySecret: 'storage-routing-secret' };
const SEED = { instances: [{ instanceName: 'first' }, { instanceName: 'prod' }, { instanceName: 'other' }] };
const [PROD, OTHER] = ['cri-mock0000000002', 'cri-mock0000000003'];
const OSS = 'https://cri-mock0000000002-registry.oss-cn-hangzhou-internal.aliyuncs.com';

const clients = signedClients(CREDENTIALS, SEED);

async function domain(instanceId: string, type: 'internet' | 'vpc'): Promise<string> {
  const endpoint = await clients.client.getInstanceEndpoint({ InstanceId: instanceId, EndpointType: type, ModuleName: 'Registry' });
  return String(endpoint.Domains?.[0]?.Domain);
}

describe('storage domain routing rules', () => {
  it('route the instance’s own domains, one rule per instance, replaced by Update and gone after Delete', async () => {
    const internet = await domain(PROD, 'internet');
    const vpc = await domain(PROD, 'vpc');
    expect([internet, vpc]).toEqual(['prod-registry.cn-hangzhou.cr.aliyuncs.com', 'prod-registry-vpc.cn-hangzhou.cr.aliyuncs.com']);
    expect((await failure(clients.client.getStorageDomainRoutingRule({ InstanceId: PROD }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');

    const routes = [{ InstanceDomain: vpc, StorageDomain: OSS, EndpointType: 'VPC' as const }];
    const created = await clients.client.createStorageDomainRoutingRule({ InstanceId: PROD, Routes: routes });
    expect(created.Success).toBe(true);
    expect(created.RuleId).toMatch(/^crsdr-[0-9a-z]{16}$/);
    const createdAt = clients.server.clock.now();
    const again = await failure(clients.client.createStorageDomainRoutingRule({ InstanceId: PROD, Routes: routes }));
    expect(again.code).toBe('STORAGE_DOMAIN_ROUTING_RULE_ALREADY_EXIST');

    const got = await clients.client.getStorageDomainRoutingRule({ InstanceId: PROD });
    expect(got).toMatchObject({ Success: true, RuleId: created.RuleId, Routes: routes });
    expect(got.CreateTime).toBe(got.ModifyTime);
    expect(Math.abs(Number(got.CreateTime) - createdAt)).toBeLessThan(5_000);

    clients.server.clock.advance(60_000);
    const both = [...routes, { InstanceDomain: internet.toUpperCase(), StorageDomain: OSS.replace('-internal', ''), EndpointType: 'Internet' as const }];
    await clients.client.updateStorageDomainRoutingRule({ InstanceId: PROD, RuleId: String(created.RuleId), Routes: both });
    const updated = await clients.client.getStorageDomainRoutingRule({ InstanceId: PROD, RuleId: String(created.RuleId) });
    expect(updated.Routes).toEqual([routes[0], { ...both[1], InstanceDomain: internet }]);
    expect(Number(updated.ModifyTime) - Number(updated.CreateTime)).toBeGreaterThanOrEqual(60_000);

    expect((await failure(clients.client.getStorageDomainRoutingRule({ InstanceId: OTHER, RuleId: String(created.RuleId) }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');
    expect((await failure(clients.client.deleteStorageDomainRoutingRule({ InstanceId: PROD, RuleId: 'crsdr-0000000000000000' }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');
    await clients.client.deleteStorageDomainRoutingRule({ InstanceId: PROD, RuleId: String(created.RuleId) });
    expect((await failure(clients.client.getStorageDomainRoutingRule({ InstanceId: PROD }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');
    const recreated = await clients.client.createStorageDomainRoutingRule({ InstanceId: PROD, Routes: routes });
    expect(recreated.RuleId).not.toBe(created.RuleId);
  });

  it('refuses routes of another instance’s domains, storage that is not an http(s) address, and a route given twice, changing nothing', async () => {
    const foreign = await domain(PROD, 'vpc');
    const own = await domain(OTHER, 'vpc');
    const refused = await failure(clients.client.createStorageDomainRoutingRule({ InstanceId: OTHER, Routes: [{ InstanceDomain: foreign, StorageDomain: OSS, EndpointType: 'VPC' }] }));
    expect(refused).toMatchObject({ code: 'InvalidParameter' });
    expect(refused.message).toContain('Routes[0].InstanceDomain');
    const bad = await failure(clients.client.createStorageDomainRoutingRule({ InstanceId: OTHER, Routes: [{ InstanceDomain: own, StorageDomain: 'ftp://bucket.example', EndpointType: 'VPC' }] }));
    expect(bad.message).toContain('Routes[0].StorageDomain');
    const twice = { InstanceDomain: own, StorageDomain: OSS, EndpointType: 'VPC' as const };
    expect((await failure(clients.client.createStorageDomainRoutingRule({ InstanceId: OTHER, Routes: [twice, twice] }))).message).toContain('Routes[1].InstanceDomain');
    expect((await failure(clients.client.getStorageDomainRoutingRule({ InstanceId: OTHER }))).code).toBe('STORAGE_DOMAIN_ROUTING_RULE_NOT_EXIST');
  });

  it('reads Routes from the one JSON string a pop-core user sends, with the answers this client gets', async () => {
    const own = await domain(OTHER, 'internet');
    const routes = [{ InstanceDomain: own, StorageDomain: OSS, EndpointType: 'Internet' }];
    const created = (await clients.pop.request('CreateStorageDomainRoutingRule', { RegionId: 'cn-hangzhou', InstanceId: OTHER, Routes: JSON.stringify(routes) }, { method: 'POST' })) as Record<string, unknown>;
    expect(created).toMatchObject({ Success: true, Code: 'success' });
    const viaPop = (await clients.pop.request('GetStorageDomainRoutingRule', { RegionId: 'cn-hangzhou', InstanceId: OTHER }, { method: 'POST' })) as Record<string, unknown>;
    const viaClient = await clients.client.getStorageDomainRoutingRule({ InstanceId: OTHER });
    const { RequestId: _a, ...popRest } = viaPop;
    const { RequestId: _b, ...ourRest } = viaClient;
    expect(popRest).toEqual(ourRest);
    expect(popRest).toMatchObject({ RuleId: created.RuleId, Routes: routes });
    const broken = await failure(clients.pop.request('UpdateStorageDomainRoutingRule', { RegionId: 'cn-hangzhou', InstanceId: OTHER, RuleId: String(created.RuleId), Routes: '[{"InstanceDomain":1}]' }, { method: 'POST' }));
    expect(broken.message).toMatch(/Routes\[0\]/);
  });
});
