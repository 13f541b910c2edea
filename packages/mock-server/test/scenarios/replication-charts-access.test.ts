// End to end through the real client and server: synchronization rules and tasks progressing with
// the server's clock, chart namespaces, repositories and versions, endpoints and their access
// control, and access credentials.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, serviceError, startScenario, type Scenario } from './setup.js';

const I1 = 'cri-mock0000000001';
const I2 = 'cri-mock0000000002';
let s: Scenario;

// The server's clock runs with real time as well as with advance(), so each phase lasts a minute or
// more: a loaded machine can take seconds between two calls, and a phase of a second could end before
// the call that checks it. The advances add up to 3.5 minutes, well within the 15-minute Timestamp
// window the client's signatures (made with the real time) are checked against.
const SYNC_PENDING_MS = 30_000;
const SYNC_RUNNING_MS = 120_000;
const VPC_LINK_CREATING_MS = 60_000;

beforeAll(async () => {
  s = await startScenario({
    timings: { syncPendingMs: SYNC_PENDING_MS, syncRunningMs: SYNC_RUNNING_MS, vpcLinkCreatingMs: VPC_LINK_CREATING_MS },
    instances: [
      {
        namespaces: [{ name: 'prod', repositories: [{ name: 'api', tags: [{ tag: 'v1.0', layers: [{ size: 1_000 }, { size: 3_000 }] }, { tag: 'dev' }] }] }],
        chartNamespaces: [{ name: 'charts', repositories: [{ name: 'stable', releases: [
          { chart: 'api', release: '1.0.0', size: 2_826 }, { chart: 'api', release: '1.1.0' }, { chart: 'web', release: '0.1.0' },
        ] }] }],
      },
      { instanceName: 'dr', regionId: 'cn-shanghai' },
    ],
  });
});
afterAll(() => s?.stop());

describe('synchronization', () => {
  it('creates a rule, runs a task through PENDING, SYNCHRONIZING and SUCCESS, deletes the rule', async () => {
    const rule = {
      InstanceId: I1, NamespaceName: 'prod', RepoName: 'api', SyncRuleName: 'to-dr', SyncScope: 'REPO', SyncTrigger: 'PASSIVE', TagFilter: 'v.*',
      TargetInstanceId: I2, TargetNamespaceName: 'prod', TargetRegionId: 'cn-shanghai', TargetRepoName: 'api',
    } as const;
    const { SyncRuleId } = await s.client.createRepoSyncRule(rule);
    expect(await serviceError(s.client.createRepoSyncRule(rule))).toMatchObject({ status: 409, code: 'SYNC_RULE_ALREADY_EXIST' });
    const rules = await collect(s.client.listRepoSyncRuleAll({ InstanceId: I1 }));
    expect(rules).toEqual([expect.objectContaining({ SyncRuleId, LocalRepositoryName: 'api', TargetInstanceId: I2, SyncDirection: 'FROM' })]);
    const { RepoId } = await s.client.getRepository({ InstanceId: I1, RepoNamespaceName: 'prod', RepoName: 'api' });
    const outside = await serviceError(s.client.createRepoSyncTaskByRule({ InstanceId: I1, RepoId: RepoId as string, SyncRuleId: SyncRuleId as string, Tag: 'dev' }));
    expect(outside).toMatchObject({ status: 400, code: 'InvalidParameter' });
    const { SyncTaskId } = await s.client.createRepoSyncTaskByRule({ InstanceId: I1, RepoId: RepoId as string, SyncRuleId: SyncRuleId as string, Tag: 'v1.0' });
    const task = () => s.client.getRepoSyncTask({ InstanceId: I1, SyncTaskId: SyncTaskId as string });
    expect(await task()).toMatchObject({ TaskStatus: 'PENDING', Progress: 0, SyncedSize: 0 });
    await s.advance(SYNC_PENDING_MS + SYNC_RUNNING_MS / 2);
    const syncing = await task();
    // Half the copying time (and the real time the calls take) into copying 4,000 bytes.
    expect(syncing).toMatchObject({ TaskStatus: 'SYNCHRONIZING', Progress: 0 });
    expect(syncing.SyncedSize).toBeGreaterThanOrEqual(2_000);
    expect(syncing.SyncedSize).toBeLessThan(4_000);
    expect(syncing.LayerTasks?.map((l) => l.TaskStatus)).toEqual(['SUCCESS', 'SYNCHRONIZING']);
    await s.advance(SYNC_RUNNING_MS / 2);
    expect(await task()).toMatchObject({ TaskStatus: 'SUCCESS', Progress: 1, SyncedSize: 4_000, ImageTo: { InstanceId: I2, RegionId: 'cn-shanghai', ImageTag: 'v1.0' } });
    const tasks = await collect(s.client.listRepoSyncTaskAll({ InstanceId: I1 }));
    expect(tasks).toEqual([expect.objectContaining({ SyncTaskId, TaskStatus: 'SUCCESS', TaskTrigger: 'INITIATIVE' })]);
    await s.client.deleteRepoSyncRule({ InstanceId: I1, SyncRuleId: SyncRuleId as string });
    expect(await serviceError(s.client.deleteRepoSyncRule({ InstanceId: I1, SyncRuleId: SyncRuleId as string }))).toMatchObject({ status: 404, code: 'SYNC_RULE_NOT_EXIST' });
  });
});

describe('charts', () => {
  it('creates, reads, updates and deletes chart namespaces and repositories; lists and deletes versions', async () => {
    await s.client.createChartNamespace({ InstanceId: I1, NamespaceName: 'helm', AutoCreateRepo: false });
    expect(await serviceError(s.client.createChartNamespace({ InstanceId: I1, NamespaceName: 'helm' }))).toMatchObject({ status: 409, code: 'CHART_NAMESPACE_ALREADY_EXIST' });
    await s.client.updateChartNamespace({ InstanceId: I1, NamespaceName: 'helm', DefaultRepoType: 'PUBLIC' });
    expect(await s.client.getChartNamespace({ InstanceId: I1, NamespaceName: 'helm' })).toMatchObject({ AutoCreateRepo: false, DefaultRepoType: 'PUBLIC' });
    expect((await collect(s.client.listChartNamespaceAll({ InstanceId: I1 }))).map((n) => n.NamespaceName)).toEqual(['charts', 'helm']);
    const { RepoId } = await s.client.createChartRepository({ InstanceId: I1, RepoNamespaceName: 'helm', RepoName: 'incubator', RepoType: 'PRIVATE', Summary: 'new charts' });
    expect(RepoId).toMatch(/^crcr-[0-9a-z]{16}$/);
    await s.client.updateChartRepository({ InstanceId: I1, RepoNamespaceName: 'helm', RepoName: 'incubator', RepoType: 'PUBLIC' });
    expect(await s.client.getChartRepository({ InstanceId: I1, RepoNamespaceName: 'helm', RepoName: 'incubator' })).toMatchObject({ RepoId, RepoType: 'PUBLIC', Summary: 'new charts' });
    expect((await collect(s.client.listChartRepositoryAll({ InstanceId: I1, RepoStatus: 'ALL' }))).map((r) => `${r.RepoNamespaceName}/${r.RepoName}`)).toEqual(['charts/stable', 'helm/incubator']);
    const releases = await collect(s.client.listChartReleaseAll({ InstanceId: I1, RepoNamespaceName: 'charts', RepoName: 'stable', Chart: 'api', PageSize: 1 }));
    expect(releases.map((r) => [r.Chart, r.Release, r.Size])).toEqual([['api', '1.0.0', '2826'], ['api', '1.1.0', '2826']]);
    await s.client.deleteChartRelease({ InstanceId: I1, RepoNamespaceName: 'charts', RepoName: 'stable', Chart: 'api', Release: '1.0.0' });
    const again = await serviceError(s.client.deleteChartRelease({ InstanceId: I1, RepoNamespaceName: 'charts', RepoName: 'stable', Chart: 'api', Release: '1.0.0' }));
    expect(again).toMatchObject({ status: 404, code: 'CHART_RELEASE_NOT_EXIST' });
    await s.client.deleteChartRepository({ InstanceId: I1, RepoNamespaceName: 'helm', RepoName: 'incubator' });
    await s.client.deleteChartNamespace({ InstanceId: I1, NamespaceName: 'charts' });
    expect(await serviceError(s.client.getChartRepository({ InstanceId: I1, RepoNamespaceName: 'charts', RepoName: 'stable' }))).toMatchObject({ status: 404, code: 'CHART_NAMESPACE_NOT_EXIST' });
  });
});

describe('endpoints and access', () => {
  it('manages the Internet endpoint, its ACL and linked VPCs', async () => {
    await s.client.createInstanceEndpointAclPolicy({ InstanceId: I1, EndpointType: 'internet', Entry: '203.0.113.0/24', Comment: 'office' });
    expect(await s.client.getInstanceEndpoint({ InstanceId: I1, EndpointType: 'internet' })).toMatchObject({
      Enable: true, AclEnable: true, Status: 'RUNNING', AclEntries: [{ Entry: '203.0.113.0/24', Comment: 'office' }],
    });
    await s.client.updateInstanceEndpointStatus({ InstanceId: I1, EndpointType: 'internet', Enable: false });
    await s.client.createInstanceVpcEndpointLinkedVpc({ InstanceId: I1, VpcId: 'vpc-main', VswitchId: 'vsw-a' });
    expect((await s.client.getInstanceVpcEndpoint({ InstanceId: I1 })).LinkedVpcs).toEqual([{ VpcId: 'vpc-main', VswitchId: 'vsw-a', DefaultAccess: false, Status: 'CREATING' }]);
    await s.advance(VPC_LINK_CREATING_MS);
    expect((await s.client.getInstanceVpcEndpoint({ InstanceId: I1 })).LinkedVpcs?.[0]).toMatchObject({ Status: 'RUNNING', Ip: expect.any(String) });
    const { Endpoints } = await s.client.listInstanceEndpoint({ InstanceId: I1 });
    expect(Endpoints?.map((e) => [e.EndpointType, e.Enable])).toEqual([['internet', false], ['vpc', true]]);
    await s.client.deleteInstanceVpcEndpointLinkedVpc({ InstanceId: I1, VpcId: 'vpc-main', VswitchId: 'vsw-a' });
    await s.client.deleteInstanceEndpointAclPolicy({ InstanceId: I1, EndpointType: 'internet', Entry: '203.0.113.0/24' });
    const gone = await serviceError(s.client.deleteInstanceEndpointAclPolicy({ InstanceId: I1, EndpointType: 'internet', Entry: '203.0.113.0/24' }));
    expect(gone).toMatchObject({ status: 404, code: 'ACL_ENTRY_NOT_EXIST' });
  });

  it('issues a temporary logon valid for an hour and resets the password', async () => {
    const clock = (await (await fetch(`${s.server.url}/-/clock`)).json()) as { now: number };
    const token = await s.client.getAuthorizationToken({ InstanceId: I1 });
    expect(token.TempUsername).toBe('temp_user_cr');
    expect(token.AuthorizationToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect((token.ExpireTime as number) - clock.now).toBeGreaterThanOrEqual(3_600_000);
    expect((token.ExpireTime as number) - clock.now).toBeLessThan(3_600_000 + 10_000);
    await s.client.resetLoginPassword({ InstanceId: I1, Password: 'N3w-password' }, { method: 'POST' });
    expect(await serviceError(s.client.resetLoginPassword({ InstanceId: 'cri-unknown000000000', Password: 'x' }))).toMatchObject({ status: 404, code: 'INSTANCE_NOT_EXIST' });
  });

  it('lists the regions where instances can be created', async () => {
    const { Regions } = await s.client.listInstanceRegion({ Lang: 'en' });
    expect(Regions).toContainEqual({ RegionId: 'cn-hangzhou', LocalName: 'China (Hangzhou)' });
  });
});
