// Every operation of the spec, made to succeed in-process by a scenario that builds the state it
// needs through other operations, and every answer validated against the spec's 200 response
// schema with the spec's strict validator (undeclared fields are errors). The operations come from
// the generated table, so an operation added to the spec fails here until the scenario covers it.
import { beforeAll, describe, expect, it } from 'vitest';
import { listOperations, loadDereferenced, successContent } from '@acr-ee/spec';
import { validateExample } from '../../../../spec/src/schema-validator.js';
import { operations, type OperationName } from '../../src/generated/index.js';
import { Harness, type Params } from './harness.js';

const SEED = {
  timings: { buildPendingMs: 1_000, buildRunningMs: 2_000, syncPendingMs: 1_000, syncRunningMs: 2_000, vpcLinkCreatingMs: 1_000, scanMs: 1_000 },
  instances: [
    {
      namespaces: [{ name: 'team', repositories: [{ name: 'api', detail: 'the API', tags: [{ tag: 'v1', layers: [{ size: 100 }, { size: 200 }, { size: 300 }] }, { tag: 'v2' }] }] }],
      chartNamespaces: [{ name: 'charts', repositories: [{ name: 'app', releases: [{ chart: 'app', release: '0.1.0' }, { chart: 'app', release: '0.2.0', size: 4096 }] }] }],
    },
    { instanceName: 'replica', regionId: 'cn-shanghai' },
  ],
};
const I1 = 'cri-mock0000000001';
const I2 = 'cri-mock0000000002';

const results = new Map<string, Record<string, unknown>[]>();
let h: Harness;

function run(action: OperationName, params: Params = {}): Record<string, unknown> {
  const response = h.call(action, { InstanceId: I1, ...params });
  results.set(action, [...(results.get(action) ?? []), response]);
  return response;
}

function instances(): void {
  run('GetInstance');
  run('GetInstanceUsage');
  run('ListInstanceRegion');
  run('ListInstanceRegion', { Lang: 'zh-CN' });
  run('ListInstance', { PageNo: 1, PageSize: 10 });
}

function endpoints(): void {
  run('CreateInstanceEndpointAclPolicy', { EndpointType: 'internet', Entry: '192.168.1.0/24', Comment: 'office' });
  run('CreateInstanceEndpointAclPolicy', { EndpointType: 'internet', Entry: '10.0.0.1', ModuleName: 'Chart' });
  run('GetInstanceEndpoint', { EndpointType: 'internet' });
  run('CreateInstanceVpcEndpointLinkedVpc', { VpcId: 'vpc-a', VswitchId: 'vsw-a' });
  run('GetInstanceVpcEndpoint');
  h.advance(1_000);
  run('GetInstanceVpcEndpoint');
  run('GetInstanceEndpoint', { EndpointType: 'vpc' });
  run('ListInstanceEndpoint');
  run('ListInstanceEndpoint', { ModuleName: 'Chart' });
  run('UpdateInstanceEndpointStatus', { EndpointType: 'internet', Enable: false });
  run('GetInstanceEndpoint', { EndpointType: 'internet' });
  run('DeleteInstanceEndpointAclPolicy', { EndpointType: 'internet', Entry: '192.168.1.0/24' });
  run('DeleteInstanceVpcEndpointLinkedVpc', { VpcId: 'vpc-a', VswitchId: 'vsw-a' });
}

function namespacesAndRepositories(): string {
  run('CreateNamespace', { NamespaceName: 'ns2', AutoCreateRepo: false, DefaultRepoType: 'PUBLIC' });
  run('GetNamespace', { NamespaceName: 'ns2' });
  run('ListNamespace', { NamespaceStatus: 'NORMAL' });
  run('UpdateNamespace', { NamespaceName: 'ns2', AutoCreateRepo: true });
  const { RepoId } = run('CreateRepository', { RepoNamespaceName: 'ns2', RepoName: 'repo1', RepoType: 'PRIVATE', Summary: 's', Detail: 'd' });
  run('GetRepository', { RepoId: RepoId as string });
  run('ListRepository', { RepoStatus: 'ALL' });
  run('UpdateRepository', { RepoId: RepoId as string, RepoType: 'PUBLIC', Summary: 'new' });
  return run('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId as string;
}

function images(repoId: string): void {
  run('ListRepoTag', { RepoId: repoId });
  run('GetRepoTagLayers', { RepoId: repoId, Tag: 'v1' });
  run('GetRepoTagManifest', { RepoId: repoId, Tag: 'v1' });
  run('GetRepoTagManifest', { RepoId: repoId, Tag: 'v1', SchemaVersion: 1 });
  run('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'v1' });
  run('DeleteRepoTag', { RepoId: repoId, Tag: 'v2' });
}

function builds(repoId: string): void {
  const rule = { RepoId: repoId, DockerfileLocation: '/', DockerfileName: 'Dockerfile', ImageTag: 'built', PushName: 'main', PushType: 'GIT_BRANCH' };
  const { BuildRuleId } = run('CreateRepoBuildRule', rule);
  run('UpdateRepoBuildRule', { RepoId: repoId, BuildRuleId: BuildRuleId as string, DockerfileName: 'Dockerfile.prod' });
  run('ListRepoBuildRule', { RepoId: repoId });
  const { BuildRecordId } = run('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: BuildRuleId as string });
  run('GetRepoBuildRecordStatus', { RepoId: repoId, BuildRecordId: BuildRecordId as string });
  run('GetRepoBuildRecord', { BuildRecordId: BuildRecordId as string });
  const second = run('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: BuildRuleId as string });
  run('CancelRepoBuildRecord', { RepoId: repoId, BuildRecordId: second.BuildRecordId as string });
  run('ListRepoBuildRecord', { RepoId: repoId });
  h.advance(3_000);
  run('GetRepoBuildRecord', { BuildRecordId: BuildRecordId as string });
  run('ListRepoBuildRecord', { RepoId: repoId });
  run('ListRepoTag', { RepoId: repoId });
  run('DeleteRepoBuildRule', { RepoId: repoId, BuildRuleId: BuildRuleId as string });
}

function sync(repoId: string): void {
  const { SyncRuleId } = run('CreateRepoSyncRule', {
    NamespaceName: 'team', RepoName: 'api', SyncRuleName: 'to-replica', SyncScope: 'REPO', SyncTrigger: 'PASSIVE', TagFilter: 'v.*',
    TargetInstanceId: I2, TargetNamespaceName: 'team', TargetRegionId: 'cn-shanghai', TargetRepoName: 'api',
  });
  run('CreateRepoSyncRule', {
    NamespaceName: 'team', SyncRuleName: 'all', SyncScope: 'NAMESPACE', SyncTrigger: 'INITIATIVE', TagFilter: '.*',
    TargetInstanceId: I2, TargetNamespaceName: 'mirror', TargetRegionId: 'cn-shanghai',
  });
  run('ListRepoSyncRule');
  const { SyncTaskId } = run('CreateRepoSyncTaskByRule', { RepoId: repoId, SyncRuleId: SyncRuleId as string, Tag: 'v1' });
  run('GetRepoSyncTask', { SyncTaskId: SyncTaskId as string });
  h.advance(1_500);
  run('GetRepoSyncTask', { SyncTaskId: SyncTaskId as string });
  run('ListRepoSyncTask');
  h.advance(2_000);
  run('GetRepoSyncTask', { SyncTaskId: SyncTaskId as string });
  run('ListRepoSyncTask', { SyncRecordId: SyncRuleId as string });
  run('DeleteRepoSyncRule', { SyncRuleId: SyncRuleId as string });
}

function triggers(repoId: string): void {
  const { TriggerId } = run('CreateRepoTrigger', { RepoId: repoId, TriggerName: 'hook', TriggerTag: '', TriggerType: 'ALL', TriggerUrl: 'https://example.com/hook' });
  run('UpdateRepoTrigger', { RepoId: repoId, TriggerId: TriggerId as string, TriggerName: 'hook2', TriggerType: 'TAG_LIST', TriggerTag: 'v1,v2' });
  run('ListRepoTrigger', { RepoId: repoId });
  run('DeleteRepoTrigger', { RepoId: repoId, TriggerId: TriggerId as string });
}

function charts(): void {
  run('CreateChartNamespace', { NamespaceName: 'helm', DefaultRepoType: 'PUBLIC' });
  run('GetChartNamespace', { NamespaceName: 'helm' });
  run('ListChartNamespace');
  run('UpdateChartNamespace', { NamespaceName: 'helm', AutoCreateRepo: false });
  run('CreateChartRepository', { RepoNamespaceName: 'helm', RepoName: 'stable', RepoType: 'PRIVATE', Summary: 'charts' });
  run('GetChartRepository', { RepoNamespaceName: 'helm', RepoName: 'stable' });
  run('ListChartRepository', { RepoStatus: 'ALL' });
  run('UpdateChartRepository', { RepoNamespaceName: 'helm', RepoName: 'stable', RepoType: 'PUBLIC' });
  run('ListChartRelease', { RepoNamespaceName: 'charts', RepoName: 'app', Chart: 'ap' });
  run('DeleteChartRelease', { RepoNamespaceName: 'charts', RepoName: 'app', Chart: 'app', Release: '0.1.0' });
  run('DeleteChartRepository', { RepoNamespaceName: 'helm', RepoName: 'stable' });
  run('DeleteChartNamespace', { NamespaceName: 'helm' });
}

function credentialsAndDeletes(repoId: string): void {
  run('GetAuthorizationToken');
  run('ResetLoginPassword', { Password: 'Secret-123' });
  run('DeleteRepository', { RepoId: repoId });
  run('DeleteNamespace', { NamespaceName: 'ns2' });
}

const schemas = new Map<string, unknown>();

beforeAll(async () => {
  const doc = await loadDereferenced();
  for (const entry of listOperations(doc)) schemas.set(entry.operationId, successContent(entry)?.schema);
  h = new Harness(SEED);
  instances();
  endpoints();
  const repoId = namespacesAndRepositories();
  images(repoId);
  builds(repoId);
  sync(repoId);
  triggers(repoId);
  charts();
  credentialsAndDeletes(repoId);
});

describe('every operation answers its 200 schema', () => {
  const names = Object.keys(operations).sort() as OperationName[];

  it('covers every operation of the generated table', () => {
    const missing = names.filter((name) => !results.has(name));
    expect(missing).toEqual([]);
  });

  it.each(names)('%s', (name) => {
    const responses = results.get(name) ?? [];
    expect(responses.length, `${name} was not exercised`).toBeGreaterThan(0);
    const schema = schemas.get(name);
    expect(schema, `no 200 schema for ${name}`).toBeDefined();
    for (const response of responses) expect(validateExample(schema, response), JSON.stringify(response)).toEqual([]);
  });
});
