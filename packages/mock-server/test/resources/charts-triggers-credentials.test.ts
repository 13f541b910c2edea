// Chart namespaces, repositories and versions; triggers; access credentials.
import { describe, expect, it } from 'vitest';
import { Harness } from './harness.js';

const I1 = 'cri-mock0000000001';

function charts() {
  const h = new Harness({
    instances: [{ chartNamespaces: [{ name: 'charts', defaultRepoType: 'PUBLIC', repositories: [{ name: 'app', releases: [
      { chart: 'app', release: '0.2.0' }, { chart: 'app', release: '0.1.0', size: 100 }, { chart: 'lib', release: '1.0.0' },
    ] }] }] }],
  });
  const call = (action: Parameters<Harness['call']>[0], params: Record<string, string | number | boolean> = {}) => h.call(action, { InstanceId: I1, ...params });
  return { h, call };
}

describe('charts', () => {
  it('lists chart versions by chart and version, filtered by a chart prefix', () => {
    const { call } = charts();
    const list = call('ListChartRelease', { RepoNamespaceName: 'charts', RepoName: 'app' });
    expect((list.ChartReleases as { Chart: string; Release: string }[]).map((r) => `${r.Chart}@${r.Release}`)).toEqual(['app@0.1.0', 'app@0.2.0', 'lib@1.0.0']);
    expect((list.ChartReleases as { Size: string }[])[0].Size).toBe('100');
    expect(call('ListChartRelease', { RepoNamespaceName: 'charts', RepoName: 'app', Chart: 'li' }).TotalCount).toBe(1);
    call('DeleteChartRelease', { RepoNamespaceName: 'charts', RepoName: 'app', Chart: 'lib', Release: '1.0.0' });
    expect(call('ListChartRelease', { RepoNamespaceName: 'charts', RepoName: 'app' }).TotalCount).toBe(2);
  });

  it('answers the chart errors and cascades deletes', () => {
    const { h, call } = charts();
    const fail = (action: Parameters<Harness['fail']>[0], params: Record<string, string>) => h.fail(action, { InstanceId: I1, ...params });
    expect(fail('CreateChartNamespace', { NamespaceName: 'charts' })).toMatchObject({ status: 409, code: 'CHART_NAMESPACE_ALREADY_EXIST' });
    expect(fail('GetChartNamespace', { NamespaceName: 'nope' })).toMatchObject({ status: 404, code: 'CHART_NAMESPACE_NOT_EXIST' });
    expect(fail('CreateChartRepository', { RepoNamespaceName: 'charts', RepoName: 'app', RepoType: 'PUBLIC' })).toMatchObject({ status: 409, code: 'CHART_REPO_ALREADY_EXIST' });
    expect(fail('GetChartRepository', { RepoNamespaceName: 'charts', RepoName: 'nope' })).toMatchObject({ status: 404, code: 'CHART_REPO_NOT_EXIST' });
    expect(fail('DeleteChartRelease', { RepoNamespaceName: 'charts', RepoName: 'app', Chart: 'app', Release: '9' })).toMatchObject({ status: 404, code: 'CHART_RELEASE_NOT_EXIST' });
    const repo = call('GetChartRepository', { RepoNamespaceName: 'charts', RepoName: 'app' });
    expect(repo).toMatchObject({ RepoType: 'PUBLIC', RepoStatus: 'NORMAL', RepoId: expect.stringMatching(/^crcr-[0-9a-z]{16}$/) });
    call('UpdateChartRepository', { RepoNamespaceName: 'charts', RepoName: 'app', RepoType: 'PRIVATE', Summary: 'x' });
    expect(call('ListChartRepository', { RepoNamespaceName: 'charts' }).Repositories).toMatchObject([{ RepoType: 'PRIVATE', Summary: 'x' }]);
    call('DeleteChartNamespace', { NamespaceName: 'charts' });
    expect(call('ListChartRepository').TotalCount).toBe(0);
    expect(h.store.list('chart-releases')).toEqual([]);
  });

  it("takes the chart namespace's default type when CreateChartRepository has no RepoType, and keeps the type when UpdateChartRepository has none", () => {
    const { call } = charts();
    call('CreateChartRepository', { RepoNamespaceName: 'charts', RepoName: 'plain' });
    expect(call('GetChartRepository', { RepoNamespaceName: 'charts', RepoName: 'plain' })).toMatchObject({ RepoType: 'PUBLIC' });
    call('UpdateChartRepository', { RepoNamespaceName: 'charts', RepoName: 'plain', Summary: 'only the summary' });
    expect(call('GetChartRepository', { RepoNamespaceName: 'charts', RepoName: 'plain' })).toMatchObject({ RepoType: 'PUBLIC', Summary: 'only the summary' });
  });
});

describe('triggers', () => {
  it('creates, updates, lists and deletes, with the tag rules of each type', () => {
    const h = new Harness({ instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api' }] }] }] });
    const repoId = h.call('GetRepository', { InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'api' }).RepoId as string;
    const call = (action: Parameters<Harness['call']>[0], params: Record<string, string> = {}) => h.call(action, { InstanceId: I1, RepoId: repoId, ...params });
    const fail = (action: Parameters<Harness['fail']>[0], params: Record<string, string>) => h.fail(action, { InstanceId: I1, RepoId: repoId, ...params });
    const base = { TriggerName: 't', TriggerTag: '*', TriggerType: 'ALL', TriggerUrl: 'http://hooks.local/x' };
    const { TriggerId } = call('CreateRepoTrigger', base);
    expect(TriggerId).toMatch(/^crw-[0-9a-z]{16}$/);
    expect(fail('CreateRepoTrigger', base)).toMatchObject({ status: 409, code: 'TRIGGER_ALREADY_EXIST' });
    expect(fail('CreateRepoTrigger', { ...base, TriggerName: 'u', TriggerUrl: 'ftp://x' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(fail('CreateRepoTrigger', { ...base, TriggerName: 'u', TriggerType: 'TAG_REG_EXP', TriggerTag: '[' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(fail('CreateRepoTrigger', { ...base, TriggerName: 'u', TriggerType: 'TAG_LIST', TriggerTag: '' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    call('CreateRepoTrigger', { ...base, TriggerName: 'u', TriggerType: 'TAG_REG_EXP', TriggerTag: 'v.*' });
    call('UpdateRepoTrigger', { TriggerId: TriggerId as string, TriggerName: 't2', TriggerType: 'TAG_LIST', TriggerTag: 'v1' });
    expect(call('ListRepoTrigger').Triggers).toEqual([
      { TriggerId, TriggerName: 't2', TriggerUrl: 'http://hooks.local/x', RepoEvent: 'BUILD_SUCCESS', TriggerType: 'TAG_LIST', TriggerTag: 'v1' },
      expect.objectContaining({ TriggerName: 'u', TriggerTag: 'v.*' }),
    ]);
    call('DeleteRepoTrigger', { TriggerId: TriggerId as string });
    expect(fail('DeleteRepoTrigger', { TriggerId: TriggerId as string })).toMatchObject({ status: 404, code: 'TRIGGER_NOT_EXIST' });
  });

  it('creates an ALL trigger without TriggerTag and updates a trigger without TriggerName, keeping its name', () => {
    const h = new Harness({ instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api' }] }] }] });
    const repoId = h.call('GetRepository', { InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'api' }).RepoId as string;
    const call = (action: Parameters<Harness['call']>[0], params: Record<string, string> = {}) => h.call(action, { InstanceId: I1, RepoId: repoId, ...params });
    const { TriggerId } = call('CreateRepoTrigger', { TriggerName: 'every-tag', TriggerType: 'ALL', TriggerUrl: 'http://hooks.local/all' });
    call('UpdateRepoTrigger', { TriggerId: TriggerId as string, TriggerUrl: 'http://hooks.local/moved' });
    expect(call('ListRepoTrigger').Triggers).toEqual([
      { TriggerId, TriggerName: 'every-tag', TriggerUrl: 'http://hooks.local/moved', RepoEvent: 'BUILD_SUCCESS', TriggerType: 'ALL', TriggerTag: '' },
    ]);
    expect(h.fail('CreateRepoTrigger', { InstanceId: I1, RepoId: repoId, TriggerName: 'listed', TriggerType: 'TAG_LIST', TriggerUrl: 'http://hooks.local/x' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
  });
});

describe('credentials', () => {
  it('issues a one-hour token for temp_user_cr and stores only hashes', () => {
    const h = new Harness();
    const token = h.call('GetAuthorizationToken', { InstanceId: I1 });
    expect(token).toMatchObject({ TempUsername: 'temp_user_cr', ExpireTime: h.now + 3_600_000 });
    expect(token.AuthorizationToken).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(h.call('GetAuthorizationToken', { InstanceId: I1 }).AuthorizationToken).not.toBe(token.AuthorizationToken);
    h.call('ResetLoginPassword', { InstanceId: I1, Password: 'Secret-123' });
    const stored = JSON.stringify([h.store.list('credentials'), h.store.list('logins')]);
    expect(h.store.list('logins')).toHaveLength(2);
    expect(stored).not.toContain('Secret-123');
    expect(stored).not.toContain(token.AuthorizationToken as string);
    expect(h.fail('ResetLoginPassword', { InstanceId: 'cri-nope', Password: 'x' })).toMatchObject({ status: 404, code: 'INSTANCE_NOT_EXIST' });
  });
});
