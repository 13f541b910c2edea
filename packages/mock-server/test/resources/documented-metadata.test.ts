// What the vendor's API metadata adds to the documented instance and endpoint operations (CURATION
// L-19): the instance's resource group and tags, chart quotas and usage, endpoints in brief, and the
// VPC endpoint's module and domains; and the resource group of namespaces and repositories (L-21).
import { describe, expect, it } from 'vitest';
import { Harness, type Params } from './harness.js';

const I1 = 'cri-mock0000000001';
const call = (h: Harness, action: Parameters<Harness['call']>[0], params: Params = {}) => h.call(action, { InstanceId: I1, ...params });

describe('instances', () => {
  it('answer the resource group ChangeResourceGroup put them in and the tags TagResources gave them', () => {
    const h = new Harness();
    expect(call(h, 'GetInstance')).toMatchObject({ Tags: [] });
    expect(call(h, 'GetInstance')).not.toHaveProperty('ResourceGroupId');
    expect(call(h, 'GetInstance')).not.toHaveProperty('InstanceIssue');
    h.call('ChangeResourceGroup', { ResourceId: I1, ResourceRegionId: 'cn-hangzhou', ResourceGroupId: 'rg-aek2aq7t4mkqhxa' });
    h.call('TagResources', { ResourceType: 'Instance', ResourceId: [I1], Tag: [{ Key: 'team', Value: 'platform' }, { Key: 'env', Value: 'prod' }] });
    const tags = [
      { TagKey: 'env', TagValue: 'prod' },
      { TagKey: 'team', TagValue: 'platform' },
    ];
    expect(call(h, 'GetInstance')).toMatchObject({ ResourceGroupId: 'rg-aek2aq7t4mkqhxa', Tags: tags });
    expect((h.call('ListInstance').Instances as unknown[])[0]).toMatchObject({ InstanceId: I1, ResourceGroupId: 'rg-aek2aq7t4mkqhxa', Tags: tags });
    h.call('UntagResources', { ResourceType: 'Instance', ResourceId: [I1], All: true });
    expect(call(h, 'GetInstance').Tags).toEqual([]);
  });

  it('count chart namespaces and repositories against their quotas, which creations keep to', () => {
    const h = new Harness({ instances: [{ chartNamespaceQuota: 1, chartRepoQuota: 2 }] });
    expect(call(h, 'GetInstanceUsage')).toMatchObject({ ChartNamespaceQuota: 1, ChartNamespaceUsage: 0, ChartRepoQuota: 2, ChartRepoUsage: 0 });
    call(h, 'CreateChartNamespace', { NamespaceName: 'charts' });
    expect(h.fail('CreateChartNamespace', { InstanceId: I1, NamespaceName: 'more' })).toMatchObject({ status: 400, code: 'CHART_NAMESPACE_QUOTA_EXCEEDED' });
    for (const name of ['a', 'b']) call(h, 'CreateChartRepository', { RepoNamespaceName: 'charts', RepoName: name, RepoType: 'PRIVATE' });
    expect(h.fail('CreateChartRepository', { InstanceId: I1, RepoNamespaceName: 'charts', RepoName: 'c', RepoType: 'PRIVATE' }).code).toBe('CHART_REPO_QUOTA_EXCEEDED');
    expect(call(h, 'GetInstanceUsage')).toMatchObject({ ChartNamespaceUsage: 1, ChartRepoUsage: 2, NamespaceUsage: 0, RepoUsage: 0 });
    // The defaults: the quotas of the specification.
    expect(call(new Harness(), 'GetInstanceUsage')).toMatchObject({ ChartNamespaceQuota: 50, ChartRepoQuota: 5000 });
  });
});

describe('endpoints', () => {
  it('leave out access control when ListInstanceEndpoint is asked for a summary', () => {
    const h = new Harness();
    call(h, 'CreateInstanceEndpointAclPolicy', { Entry: '10.0.0.0/8' });
    const [full] = call(h, 'ListInstanceEndpoint').Endpoints as Record<string, unknown>[];
    expect(full).toMatchObject({ EndpointType: 'internet', AclEnable: true, AclEntries: [{ Entry: '10.0.0.0/8' }] });
    const [brief, vpc] = call(h, 'ListInstanceEndpoint', { Summary: true }).Endpoints as Record<string, unknown>[];
    expect(brief).toMatchObject({ EndpointType: 'internet', Enable: true, Status: 'RUNNING', Domains: full.Domains });
    expect(brief).not.toHaveProperty('AclEnable');
    expect(brief).not.toHaveProperty('AclEntries');
    expect(vpc).toMatchObject({ EndpointType: 'vpc' });
    expect(call(h, 'ListInstanceEndpoint', { Summary: false }).Endpoints).toEqual(call(h, 'ListInstanceEndpoint').Endpoints);
  });

  it('answer the VPC endpoint with its module and domains, and take EnableCreateDNSRecordInPvzt', () => {
    const h = new Harness();
    call(h, 'CreateInstanceVpcEndpointLinkedVpc', { VpcId: 'vpc-a', VswitchId: 'vsw-a', EnableCreateDNSRecordInPvzt: true });
    expect(call(h, 'GetInstanceVpcEndpoint')).toMatchObject({
      Enable: true,
      ModuleName: 'Registry',
      Domains: ['mock-instance-1-registry-vpc.cn-hangzhou.cr.aliyuncs.com'],
      LinkedVpcs: [{ VpcId: 'vpc-a', VswitchId: 'vsw-a' }],
    });
    expect(call(h, 'GetInstanceVpcEndpoint', { ModuleName: 'Chart' })).toMatchObject({
      Enable: false,
      ModuleName: 'Chart',
      Domains: ['mock-instance-1-chart-vpc.cn-hangzhou.cr.aliyuncs.com'],
      LinkedVpcs: [],
    });
    // The VPC domain is the one GetInstanceEndpoint gives for the module's VPC endpoint.
    expect((call(h, 'GetInstanceEndpoint', { EndpointType: 'vpc' }).Domains as { Domain: string }[]).map((d) => d.Domain)).toEqual(
      call(h, 'GetInstanceVpcEndpoint').Domains,
    );
  });
});

describe('namespaces and repositories', () => {
  it('are in the resource group of their instance, image and chart alike', () => {
    const h = new Harness({
      instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api' }] }], chartNamespaces: [{ name: 'charts', repositories: [{ name: 'app' }] }] }],
    });
    const reads = (): Record<string, unknown>[] => [
      call(h, 'GetNamespace', { NamespaceName: 'team' }),
      ...(call(h, 'ListNamespace').Namespaces as Record<string, unknown>[]),
      call(h, 'GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }),
      ...(call(h, 'ListRepository').Repositories as Record<string, unknown>[]),
      call(h, 'GetChartNamespace', { NamespaceName: 'charts' }),
      ...(call(h, 'ListChartNamespace').Namespaces as Record<string, unknown>[]),
      call(h, 'GetChartRepository', { RepoNamespaceName: 'charts', RepoName: 'app' }),
      ...(call(h, 'ListChartRepository').Repositories as Record<string, unknown>[]),
    ];
    expect(reads().filter((r) => 'ResourceGroupId' in r)).toEqual([]);
    h.call('ChangeResourceGroup', { ResourceId: I1, ResourceRegionId: 'cn-hangzhou', ResourceGroupId: 'rg-aek2aq7t4mkqhxa' });
    const after = reads();
    expect(after).toHaveLength(8);
    expect(after.map((r) => r.ResourceGroupId)).toEqual(after.map(() => 'rg-aek2aq7t4mkqhxa'));
  });
});
