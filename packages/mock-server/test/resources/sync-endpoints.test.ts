// Synchronization rules and tasks; instance endpoints, ACL entries and linked VPCs.
import { describe, expect, it } from 'vitest';
import { Harness, type Params } from './harness.js';

const I1 = 'cri-mock0000000001';
const I2 = 'cri-mock0000000002';

function setup() {
  const h = new Harness({
    timings: { syncPendingMs: 100, syncRunningMs: 1_000, vpcLinkCreatingMs: 500, buildPendingMs: 0, buildRunningMs: 10 },
    instances: [
      { namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1' }, { tag: 'dev' }] }, { name: 'web' }] }] },
      { regionId: 'cn-shanghai' },
    ],
  });
  const call = (action: Parameters<Harness['call']>[0], params: Params = {}) => h.call(action, { InstanceId: I1, ...params });
  const repoId = call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId as string;
  return { h, call, repoId };
}

const repoRule = {
  NamespaceName: 'team', RepoName: 'api', SyncRuleName: 'r1', SyncScope: 'REPO', SyncTrigger: 'PASSIVE', TagFilter: 'v.*',
  TargetInstanceId: I2, TargetNamespaceName: 'mirror', TargetRegionId: 'cn-shanghai', TargetRepoName: 'api-copy',
};

describe('synchronization', () => {
  it('creates, lists, filters and deletes rules', () => {
    const { h, call } = setup();
    const { SyncRuleId } = call('CreateRepoSyncRule', repoRule);
    expect(SyncRuleId).toMatch(/^crsr-[0-9a-z]{16}$/);
    const ns = { ...repoRule, SyncRuleName: 'r2', SyncScope: 'NAMESPACE', RepoName: undefined, TargetRepoName: undefined, SyncTrigger: 'INITIATIVE' };
    call('CreateRepoSyncRule', ns);
    const rules = call('ListRepoSyncRule').SyncRules as Record<string, unknown>[];
    expect(rules.map((r) => r.SyncRuleName)).toEqual(['r1', 'r2']);
    expect(rules[0]).toMatchObject({ LocalRepositoryName: 'api', TargetRepositoryName: 'api-copy', SyncDirection: 'FROM', LocalRegionId: 'cn-hangzhou' });
    // The metadata's names of the same two values, and one account: never cross-user (CURATION L-20).
    expect(rules[0]).toMatchObject({ LocalRepoName: 'api', TargetRepoName: 'api-copy', CrossUser: false });
    expect(rules[1]).not.toHaveProperty('LocalRepositoryName');
    expect(rules[1]).not.toHaveProperty('LocalRepoName');
    expect(call('ListRepoSyncRule', { RepoName: 'api' }).TotalCount).toBe(1);
    expect(call('ListRepoSyncRule', { TargetRegionId: 'cn-beijing' }).TotalCount).toBe(0);
    call('DeleteRepoSyncRule', { SyncRuleId: SyncRuleId as string });
    expect(h.fail('DeleteRepoSyncRule', { InstanceId: I1, SyncRuleId: SyncRuleId as string })).toMatchObject({ status: 404, code: 'SYNC_RULE_NOT_EXIST' });
  });

  it('refuses invalid rules', () => {
    const { h, call } = setup();
    const fail = (params: Record<string, string | undefined>) => h.fail('CreateRepoSyncRule', { InstanceId: I1, ...repoRule, ...params });
    expect(fail({ RepoName: undefined })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(fail({ SyncScope: 'NAMESPACE' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(fail({ TagFilter: '(' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(fail({ TargetInstanceId: I1, TargetRegionId: 'cn-hangzhou' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(fail({ TargetRegionId: 'cn-hangzhou' })).toMatchObject({ status: 404, code: 'INSTANCE_NOT_EXIST' });
    expect(fail({ NamespaceName: 'nope' })).toMatchObject({ status: 404, code: 'NAMESPACE_NOT_EXIST' });
    expect(fail({ RepoName: 'nope' })).toMatchObject({ status: 404, code: 'REPO_NOT_EXIST' });
    call('CreateRepoSyncRule', repoRule);
    expect(fail({})).toMatchObject({ status: 409, code: 'SYNC_RULE_ALREADY_EXIST' });
  });

  it('runs a task by rule through PENDING, SYNCHRONIZING and SUCCESS', () => {
    const { h, call, repoId } = setup();
    const { SyncRuleId } = call('CreateRepoSyncRule', repoRule);
    const { SyncTaskId } = call('CreateRepoSyncTaskByRule', { RepoId: repoId, SyncRuleId: SyncRuleId as string, Tag: 'v1' });
    const get = () => call('GetRepoSyncTask', { SyncTaskId: SyncTaskId as string });
    expect(get()).toMatchObject({ TaskStatus: 'PENDING', Progress: 0, SyncedSize: 0, TaskTrigger: 'INITIATIVE', ImageTo: { InstanceId: I2, RegionId: 'cn-shanghai', RepoNamespaceName: 'mirror', RepoName: 'api-copy', ImageTag: 'v1' } });
    h.advance(600);
    const mid = get();
    expect(mid.TaskStatus).toBe('SYNCHRONIZING');
    expect(mid.SyncedSize).toBeGreaterThan(0);
    h.advance(500);
    const done = get();
    expect(done).toMatchObject({ TaskStatus: 'SUCCESS', Progress: 1 });
    expect((done.LayerTasks as { TaskStatus: string }[]).every((l) => l.TaskStatus === 'SUCCESS')).toBe(true);
    const [item] = call('ListRepoSyncTask').SyncTasks as Record<string, unknown>[];
    expect(item).toMatchObject({ SyncTaskId, TaskStatus: 'SUCCESS', ModifiedTime: item.ModifedTime, CrossUser: false, SyncTransAccelerate: false, CustomLink: false });
    // Each layer's task names the image (its manifest digest) it belongs to (CURATION L-20).
    const image = (call('ListRepoTag', { RepoId: repoId }).Images as { Tag: string; Digest: string }[]).find((i) => i.Tag === 'v1');
    expect(done).toMatchObject({ CrossUser: false, SyncTransAccelerate: false });
    expect((done.LayerTasks as { ArtifactDigest: string }[]).map((l) => l.ArtifactDigest)).toEqual((done.LayerTasks as unknown[]).map(() => `sha256:${image?.Digest}`));
    expect(call('ListRepoSyncTask', { SyncRecordId: done.SyncBatchTaskId as string }).TotalCount).toBe(1);
    expect(call('ListRepoSyncTask', { SyncRecordId: 'other' }).TotalCount).toBe(0);
  });

  it('refuses a task outside the rule', () => {
    const { h, call, repoId } = setup();
    const { SyncRuleId } = call('CreateRepoSyncRule', repoRule);
    const web = call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'web' }).RepoId as string;
    const task = (params: Record<string, string>) => h.fail('CreateRepoSyncTaskByRule', { InstanceId: I1, SyncRuleId: SyncRuleId as string, ...params });
    expect(task({ RepoId: repoId, Tag: 'dev' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(task({ RepoId: repoId, Tag: 'v9' })).toMatchObject({ status: 404, code: 'TAG_NOT_EXIST' });
    expect(task({ RepoId: web, Tag: 'v1' })).toMatchObject({ status: 404, code: 'TAG_NOT_EXIST' });
    expect(h.fail('GetRepoSyncTask', { InstanceId: I1, SyncTaskId: 'rst-nope' })).toMatchObject({ status: 404, code: 'SYNC_TASK_NOT_EXIST' });
  });

  it('starts PASSIVE (automatic) tasks on pushes the rule covers (a finished build), and none for an INITIATIVE (manual) rule', () => {
    const { h, call, repoId } = setup();
    call('CreateRepoSyncRule', { ...repoRule, SyncRuleName: 'auto', SyncScope: 'NAMESPACE', RepoName: undefined, TargetRepoName: undefined, SyncTrigger: 'PASSIVE', TagFilter: 'release-.*' });
    call('CreateRepoSyncRule', { ...repoRule, SyncRuleName: 'manual', SyncScope: 'NAMESPACE', RepoName: undefined, TargetRepoName: undefined, SyncTrigger: 'INITIATIVE', TagFilter: '.*' });
    const build = { RepoId: repoId, DockerfileLocation: '/', DockerfileName: 'Dockerfile', PushName: 'main', PushType: 'GIT_BRANCH' };
    const ignored = call('CreateRepoBuildRule', { ...build, ImageTag: 'dev2' }).BuildRuleId as string;
    const covered = call('CreateRepoBuildRule', { ...build, ImageTag: 'release-1' }).BuildRuleId as string;
    call('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: ignored });
    call('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: covered });
    h.advance(20);
    call('ListRepoTag', { RepoId: repoId });
    const tasks = call('ListRepoSyncTask').SyncTasks as Record<string, unknown>[];
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ TaskTrigger: 'PASSIVE', ImageFrom: { ImageTag: 'release-1', RepoName: 'api' }, ImageTo: { RepoName: 'api' } });
  });

  it('defaults a rule to PASSIVE, narrows a NAMESPACE rule with RepoNameFilter, and filters tasks by source image', () => {
    const { h, call, repoId } = setup();
    const nsRule = { ...repoRule, SyncScope: 'NAMESPACE', RepoName: undefined, TargetRepoName: undefined, SyncTrigger: undefined, TagFilter: 'release-.*' };
    const { SyncRuleId } = call('CreateRepoSyncRule', { ...nsRule, SyncRuleName: 'web-only', RepoNameFilter: 'w.b' });
    expect((call('ListRepoSyncRule').SyncRules as Record<string, unknown>[])[0]).toMatchObject({ SyncRuleId, SyncTrigger: 'PASSIVE' });
    expect((call('ListRepoSyncRule').SyncRules as Record<string, unknown>[])[0]).not.toHaveProperty('repoNameFilter');
    const webId = call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'web' }).RepoId as string;
    const build = { DockerfileLocation: '/', DockerfileName: 'Dockerfile', PushName: 'main', PushType: 'GIT_BRANCH', ImageTag: 'release-2' };
    for (const id of [repoId, webId]) {
      const rule = call('CreateRepoBuildRule', { ...build, RepoId: id }).BuildRuleId as string;
      call('CreateBuildRecordByRule', { RepoId: id, BuildRuleId: rule });
    }
    h.advance(20);
    call('ListRepoTag', { RepoId: repoId });
    call('ListRepoTag', { RepoId: webId });
    expect((call('ListRepoSyncTask').SyncTasks as Record<string, unknown>[]).map((t) => t.ImageFrom)).toEqual([expect.objectContaining({ RepoName: 'web', ImageTag: 'release-2' })]);
    call('CreateRepoSyncTask', { RepoId: repoId, Tag: 'v1', TargetRegionId: 'cn-shanghai', TargetInstanceId: I2, TargetNamespace: 'mirror', TargetRepoName: 'api', TargetTag: 'v1' });
    expect(call('ListRepoSyncTask', { RepoName: 'api' }).SyncTasks).toEqual([expect.objectContaining({ TaskTrigger: 'INITIATIVE', ImageFrom: expect.objectContaining({ RepoName: 'api', ImageTag: 'v1' }) })]);
    expect(call('ListRepoSyncTask', { RepoNamespaceName: 'team', Tag: 'release-2' }).TotalCount).toBe(1);
    expect(call('ListRepoSyncTask', { RepoNamespaceName: 'other' }).TotalCount).toBe(0);
    const fail = (params: Record<string, string | undefined>) => h.fail('CreateRepoSyncRule', { InstanceId: I1, ...repoRule, SyncRuleName: 'bad', ...params });
    expect(fail({ RepoNameFilter: 'api' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(fail({ ...nsRule, SyncRuleName: 'bad', RepoNameFilter: '(' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(fail({ TargetUserId: '999999' }).code).toBe('INSTANCE_NOT_EXIST');
  });
});

describe('endpoints', () => {
  it('keeps ACL entries of the Internet endpoint', () => {
    const { h, call } = setup();
    call('CreateInstanceEndpointAclPolicy', { EndpointType: 'internet', Entry: '10.0.0.0/8', Comment: 'vpn' });
    expect(h.fail('CreateInstanceEndpointAclPolicy', { InstanceId: I1, EndpointType: 'internet', Entry: '10.0.0.0/8' })).toMatchObject({ status: 409, code: 'ACL_ENTRY_ALREADY_EXIST' });
    expect(h.fail('CreateInstanceEndpointAclPolicy', { InstanceId: I1, EndpointType: 'internet', Entry: '300.0.0.1' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(call('GetInstanceEndpoint', { EndpointType: 'internet' })).toMatchObject({
      Enable: true, AclEnable: true, Status: 'RUNNING', AclEntries: [{ Entry: '10.0.0.0/8', Comment: 'vpn' }],
      Domains: [{ Domain: 'mock-instance-1-registry.cn-hangzhou.cr.aliyuncs.com', Type: 'SYSTEM' }],
    });
    expect(call('GetInstanceEndpoint', { EndpointType: 'internet', ModuleName: 'Chart' }).AclEntries).toEqual([]);
    call('UpdateInstanceEndpointStatus', { EndpointType: 'internet', Enable: false });
    expect(call('GetInstanceEndpoint', { EndpointType: 'internet' })).toMatchObject({ Enable: false, Status: 'STOPPED' });
    call('DeleteInstanceEndpointAclPolicy', { EndpointType: 'internet', Entry: '10.0.0.0/8' });
    expect(h.fail('DeleteInstanceEndpointAclPolicy', { InstanceId: I1, EndpointType: 'internet', Entry: '10.0.0.0/8' })).toMatchObject({ status: 404, code: 'ACL_ENTRY_NOT_EXIST' });
  });

  it('links up to three VPCs, CREATING then RUNNING', () => {
    const { h, call } = setup();
    expect(call('GetInstanceVpcEndpoint')).toMatchObject({ Enable: false, LinkedVpcs: [] });
    for (const n of [1, 2, 3]) call('CreateInstanceVpcEndpointLinkedVpc', { VpcId: `vpc-${n}`, VswitchId: `vsw-${n}` });
    expect(h.fail('CreateInstanceVpcEndpointLinkedVpc', { InstanceId: I1, VpcId: 'vpc-1', VswitchId: 'vsw-9' })).toMatchObject({ status: 409, code: 'LINKED_VPC_ALREADY_EXIST' });
    expect(h.fail('CreateInstanceVpcEndpointLinkedVpc', { InstanceId: I1, VpcId: 'vpc-4', VswitchId: 'vsw-4' })).toMatchObject({ status: 400, code: 'LINKED_VPC_QUOTA_EXCEEDED' });
    const creating = call('GetInstanceVpcEndpoint').LinkedVpcs as Record<string, unknown>[];
    expect(creating[0]).toEqual({ VpcId: 'vpc-1', VswitchId: 'vsw-1', DefaultAccess: false, Status: 'CREATING' });
    h.advance(500);
    const running = call('GetInstanceVpcEndpoint').LinkedVpcs as Record<string, unknown>[];
    expect(running[0]).toMatchObject({ Status: 'RUNNING', Ip: expect.stringMatching(/^172\.16\.\d+\.\d+$/) });
    const endpoints = call('ListInstanceEndpoint').Endpoints as Record<string, unknown>[];
    expect(endpoints.map((e) => e.EndpointType)).toEqual(['internet', 'vpc']);
    expect(endpoints[1]).toMatchObject({ Enable: true, LinkedVpcs: [{ VpcId: 'vpc-1' }, { VpcId: 'vpc-2' }, { VpcId: 'vpc-3' }] });
    call('DeleteInstanceVpcEndpointLinkedVpc', { VpcId: 'vpc-1', VswitchId: 'vsw-1' });
    expect(h.fail('DeleteInstanceVpcEndpointLinkedVpc', { InstanceId: I1, VpcId: 'vpc-1', VswitchId: 'vsw-1' })).toMatchObject({ status: 404, code: 'LINKED_VPC_NOT_EXIST' });
  });
});
