// Namespaces and repositories: create/get/list/update/delete agree, errors, pagination, cascade.
import { describe, expect, it } from 'vitest';
import { Harness, type Params } from './harness.js';

const I1 = 'cri-mock0000000001';
const call = (h: Harness, action: Parameters<Harness['call']>[0], params: Params = {}) =>
  h.call(action, { InstanceId: I1, ...params });

function withRepos(count: number): Harness {
  const h = new Harness();
  call(h, 'CreateNamespace', { NamespaceName: 'b-ns' });
  call(h, 'CreateNamespace', { NamespaceName: 'a' });
  for (let i = 0; i < count; i++) {
    call(h, 'CreateRepository', { RepoNamespaceName: i % 2 ? 'a' : 'b-ns', RepoName: `repo-${String(i).padStart(2, '0')}`, RepoType: 'PRIVATE', Summary: 's' });
  }
  return h;
}

describe('namespaces', () => {
  it('gets by NamespaceName or by NamespaceId, refusing neither or a mismatch', () => {
    const h = withRepos(0);
    const byName = call(h, 'GetNamespace', { NamespaceName: 'a' });
    expect(call(h, 'GetNamespace', { NamespaceId: byName.NamespaceId as string })).toMatchObject({ NamespaceName: 'a', NamespaceId: byName.NamespaceId });
    expect(h.fail('GetNamespace', { InstanceId: I1 })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(h.fail('GetNamespace', { InstanceId: I1, NamespaceName: 'b-ns', NamespaceId: byName.NamespaceId as string }).code).toBe('NAMESPACE_NOT_EXIST');
    expect(h.fail('GetNamespace', { InstanceId: I1, NamespaceId: 'crn-unknown' }).code).toBe('NAMESPACE_NOT_EXIST');
  });

  it('creates with defaults, gets, lists, updates', () => {
    const h = new Harness();
    call(h, 'CreateNamespace', { NamespaceName: 'team' });
    const ns = call(h, 'GetNamespace', { NamespaceName: 'team' });
    expect(ns).toMatchObject({ NamespaceName: 'team', NamespaceStatus: 'NORMAL', AutoCreateRepo: true, DefaultRepoType: 'PRIVATE', InstanceId: I1 });
    call(h, 'UpdateNamespace', { NamespaceName: 'team', DefaultRepoType: 'PUBLIC' });
    const { RequestId: _r, IsSuccess: _i, Code: _c, ...fields } = ns;
    expect(call(h, 'ListNamespace').Namespaces).toEqual([
      { ...fields, DefaultRepoType: 'PUBLIC', DefaultRepoConfiguration: { RepoType: 'PUBLIC', TagImmutability: false } },
    ]);
    expect(call(h, 'GetNamespace', { NamespaceName: 'team', NamespaceId: ns.NamespaceId as string }).NamespaceName).toBe('team');
    expect(h.fail('GetNamespace', { InstanceId: I1, NamespaceName: 'team', NamespaceId: 'crn-other' }).code).toBe('NAMESPACE_NOT_EXIST');
  });

  it('gives new repositories the settings of DefaultRepoConfiguration when their creation does not (CURATION L-18)', () => {
    const h = new Harness();
    call(h, 'CreateNamespace', { NamespaceName: 'team', DefaultRepoConfiguration: { RepoType: 'PUBLIC', TagImmutability: true } });
    expect(call(h, 'GetNamespace', { NamespaceName: 'team' })).toMatchObject({
      DefaultRepoType: 'PUBLIC',
      DefaultRepoConfiguration: { RepoType: 'PUBLIC', TagImmutability: true },
    });
    // CreateRepository names its type; without TagImmutability it takes the namespace's.
    const repo = (name: string) => call(h, 'GetRepository', { RepoNamespaceName: 'team', RepoName: name });
    call(h, 'CreateRepository', { RepoNamespaceName: 'team', RepoName: 'kept', RepoType: 'PRIVATE', Summary: 's' });
    call(h, 'CreateRepository', { RepoNamespaceName: 'team', RepoName: 'mutable', RepoType: 'PRIVATE', Summary: 's', TagImmutability: false });
    expect(repo('kept')).toMatchObject({ RepoType: 'PRIVATE', TagImmutability: true });
    expect(repo('mutable').TagImmutability).toBe(false);

    // An update replaces the whole configuration; DefaultRepoType alone changes its RepoType; an
    // update without either keeps it.
    call(h, 'UpdateNamespace', { NamespaceName: 'team', DefaultRepoConfiguration: { RepoType: 'PRIVATE', TagImmutability: false, ArtifactBuildRuleParameters: { ImageIndexOnly: true } } });
    expect(call(h, 'GetNamespace', { NamespaceName: 'team' }).DefaultRepoConfiguration).toEqual({ RepoType: 'PRIVATE', TagImmutability: false, ArtifactBuildRuleParameters: { ImageIndexOnly: true } });
    call(h, 'UpdateNamespace', { NamespaceName: 'team', DefaultRepoType: 'PUBLIC', AutoCreateRepo: false });
    expect(call(h, 'ListNamespace').Namespaces).toMatchObject([
      { DefaultRepoType: 'PUBLIC', DefaultRepoConfiguration: { RepoType: 'PUBLIC', TagImmutability: false, ArtifactBuildRuleParameters: { ImageIndexOnly: true } } },
    ]);
    call(h, 'UpdateNamespace', { NamespaceName: 'team', DefaultRepoConfiguration: { RepoType: 'PUBLIC', TagImmutability: true } });
    expect(call(h, 'GetNamespace', { NamespaceName: 'team' }).DefaultRepoConfiguration).toEqual({ RepoType: 'PUBLIC', TagImmutability: true });
  });

  it('refuses a DefaultRepoType that differs from DefaultRepoConfiguration.RepoType, and changes nothing', () => {
    const h = new Harness();
    const both = { InstanceId: I1, NamespaceName: 'team', DefaultRepoType: 'PUBLIC', DefaultRepoConfiguration: { RepoType: 'PRIVATE', TagImmutability: false } };
    expect(h.fail('CreateNamespace', both)).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(call(h, 'ListNamespace').Namespaces).toEqual([]);
    call(h, 'CreateNamespace', { NamespaceName: 'team', DefaultRepoType: 'PRIVATE', DefaultRepoConfiguration: { RepoType: 'PRIVATE', TagImmutability: true } });
    expect(h.fail('UpdateNamespace', { ...both, AutoCreateRepo: false }).code).toBe('InvalidParameter');
    expect(call(h, 'GetNamespace', { NamespaceName: 'team' })).toMatchObject({
      AutoCreateRepo: true,
      DefaultRepoType: 'PRIVATE',
      DefaultRepoConfiguration: { RepoType: 'PRIVATE', TagImmutability: true },
    });
  });

  it('answers the vendor-style errors', () => {
    const h = new Harness();
    call(h, 'CreateNamespace', { NamespaceName: 'team' });
    expect(h.fail('CreateNamespace', { InstanceId: I1, NamespaceName: 'team' })).toMatchObject({ status: 409, code: 'NAMESPACE_ALREADY_EXIST' });
    expect(h.fail('GetNamespace', { InstanceId: I1, NamespaceName: 'nope' })).toMatchObject({ status: 404, code: 'NAMESPACE_NOT_EXIST' });
    expect(h.fail('CreateNamespace', { InstanceId: I1, NamespaceName: 'Upper' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(h.fail('GetNamespace', { InstanceId: 'cri-nope', NamespaceName: 'team' })).toMatchObject({ status: 404, code: 'INSTANCE_NOT_EXIST' });
    expect(h.fail('GetInstance', { InstanceId: I1, RegionId: 'cn-beijing' })).toMatchObject({ status: 404, code: 'INSTANCE_NOT_EXIST' });
  });

  it('enforces the namespace quota', () => {
    const h = new Harness({ instances: [{ namespaceQuota: 1 }] });
    call(h, 'CreateNamespace', { NamespaceName: 'one' });
    expect(h.fail('CreateNamespace', { InstanceId: I1, NamespaceName: 'two' })).toMatchObject({ status: 400, code: 'NAMESPACE_QUOTA_EXCEEDED' });
  });

  it('refuses operations on the contents of an instance that is not RUNNING', () => {
    const h = new Harness({ instances: [{ status: 'STOPPED' }] });
    expect(call(h, 'GetInstance').InstanceStatus).toBe('STOPPED');
    expect(h.fail('ListNamespace', { InstanceId: I1 })).toMatchObject({ status: 409, code: 'INSTANCE_STATUS_INVALID' });
  });

  it('deletes a namespace with its repositories, their tags and build rules (cascade, §10.2)', () => {
    const h = new Harness({ instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1' }] }] }, { name: 'other', repositories: [{ name: 'api' }] }] }] });
    const repoId = call(h, 'GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId as string;
    call(h, 'CreateRepoBuildRule', { RepoId: repoId, DockerfileLocation: '/', DockerfileName: 'Dockerfile', ImageTag: 'x', PushName: 'main', PushType: 'GIT_BRANCH' });
    call(h, 'DeleteNamespace', { NamespaceName: 'team' });
    expect(h.fail('GetRepository', { InstanceId: I1, RepoId: repoId }).code).toBe('REPO_NOT_EXIST');
    expect(h.store.list('tags')).toEqual([]);
    expect(h.store.list('build-rules')).toEqual([]);
    expect(call(h, 'ListRepository').TotalCount).toBe(1);
    expect(call(h, 'GetInstanceUsage')).toMatchObject({ NamespaceUsage: 1, RepoUsage: 1 });
  });
});

describe('repositories', () => {
  it('creates in an existing namespace only, refuses duplicates', () => {
    const h = withRepos(1);
    const params = { InstanceId: I1, RepoNamespaceName: 'nope', RepoName: 'r', RepoType: 'PUBLIC', Summary: 's' };
    expect(h.fail('CreateRepository', params)).toMatchObject({ status: 404, code: 'NAMESPACE_NOT_EXIST' });
    expect(h.fail('CreateRepository', { ...params, RepoNamespaceName: 'b-ns', RepoName: 'repo-00' })).toMatchObject({ status: 409, code: 'REPO_ALREADY_EXIST' });
  });

  it('gets by RepoId or by namespace and name, and refuses neither', () => {
    const h = withRepos(2);
    const byName = call(h, 'GetRepository', { RepoNamespaceName: 'a', RepoName: 'repo-01' });
    const byId = call(h, 'GetRepository', { RepoId: byName.RepoId as string });
    expect({ ...byId, RequestId: '' }).toEqual({ ...byName, RequestId: '' });
    expect(byId).toMatchObject({ RepoStatus: 'NORMAL', RepoBuildType: 'MANUAL', Detail: '' });
    expect(h.fail('GetRepository', { InstanceId: I1, RepoId: byName.RepoId as string, RepoName: 'repo-00' }).code).toBe('REPO_NOT_EXIST');
    expect(h.fail('GetRepository', { InstanceId: I1, RepoName: 'repo-00' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
  });

  it('updates what it is sent', () => {
    const h = withRepos(1);
    const { RepoId } = call(h, 'GetRepository', { RepoNamespaceName: 'b-ns', RepoName: 'repo-00' });
    h.advance(5);
    call(h, 'UpdateRepository', { RepoId: RepoId as string, RepoType: 'PUBLIC', Detail: 'more' });
    const repo = call(h, 'GetRepository', { RepoId: RepoId as string });
    expect(repo).toMatchObject({ RepoType: 'PUBLIC', Summary: 's', Detail: 'more' });
    expect(repo.ModifiedTime).toBe((repo.CreateTime as number) + 5);
  });

  it('updates and deletes by namespace and name as by RepoId (the live service takes either), refusing neither or a mismatch', () => {
    const h = withRepos(2);
    const { RepoId } = call(h, 'GetRepository', { RepoNamespaceName: 'a', RepoName: 'repo-01' });
    call(h, 'UpdateRepository', { RepoNamespaceName: 'a', RepoName: 'repo-01', RepoType: 'PUBLIC', Summary: 'by name' });
    expect(call(h, 'GetRepository', { RepoId: RepoId as string })).toMatchObject({ RepoType: 'PUBLIC', Summary: 'by name' });
    expect(h.fail('UpdateRepository', { InstanceId: I1, RepoType: 'PUBLIC' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(h.fail('DeleteRepository', { InstanceId: I1, RepoNamespaceName: 'a' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(h.fail('DeleteRepository', { InstanceId: I1, RepoId: RepoId as string, RepoName: 'repo-00' }).code).toBe('REPO_NOT_EXIST');
    call(h, 'DeleteRepository', { RepoNamespaceName: 'a', RepoName: 'repo-01' });
    expect(h.fail('GetRepository', { InstanceId: I1, RepoId: RepoId as string }).code).toBe('REPO_NOT_EXIST');
    expect(call(h, 'ListRepository').TotalCount).toBe(1);
  });

  it('pages exactly, sorted by namespace then name', () => {
    const h = withRepos(7);
    const pages = [1, 2, 3, 4].map((PageNo) => call(h, 'ListRepository', { PageNo, PageSize: 3 }));
    expect(pages.map((p) => (p.Repositories as unknown[]).length)).toEqual([3, 3, 1, 0]);
    expect(pages.every((p) => p.TotalCount === 7)).toBe(true);
    const names = pages.flatMap((p) => (p.Repositories as { RepoNamespaceName: string; RepoName: string }[]).map((r) => `${r.RepoNamespaceName}/${r.RepoName}`));
    expect(names).toEqual(['a/repo-01', 'a/repo-03', 'a/repo-05', 'b-ns/repo-00', 'b-ns/repo-02', 'b-ns/repo-04', 'b-ns/repo-06']);
    expect(call(h, 'ListRepository')).toMatchObject({ PageNo: 1, PageSize: 30, TotalCount: 7 });
  });

  it('filters by namespace (exact), name (substring) and status', () => {
    const h = withRepos(7);
    expect(call(h, 'ListRepository', { RepoNamespaceName: 'a' }).TotalCount).toBe(3);
    expect(call(h, 'ListRepository', { RepoNamespaceName: 'b' }).TotalCount).toBe(0);
    expect(call(h, 'ListRepository', { RepoName: 'po-0' }).TotalCount).toBe(7);
    expect(call(h, 'ListRepository', { RepoName: 'repo-04' }).TotalCount).toBe(1);
    expect(call(h, 'ListRepository', { RepoStatus: 'NORMAL' }).TotalCount).toBe(7);
    expect(call(h, 'ListRepository', { RepoStatus: 'DELETED' }).TotalCount).toBe(0);
  });

  it('enforces the repository quota', () => {
    const h = new Harness({ instances: [{ repoQuota: 1, namespaces: [{ name: 'n', repositories: [{ name: 'r' }] }] }] });
    const params = { InstanceId: I1, RepoNamespaceName: 'n', RepoName: 'r2', RepoType: 'PUBLIC', Summary: 's' };
    expect(h.fail('CreateRepository', params)).toMatchObject({ status: 400, code: 'REPO_QUOTA_EXCEEDED' });
  });

  it('rolls a failed request back entirely', () => {
    const h = withRepos(1);
    const before = h.store.list('meta');
    h.fail('CreateRepository', { InstanceId: I1, RepoNamespaceName: 'b-ns', RepoName: 'repo-00', RepoType: 'PUBLIC', Summary: 's' });
    expect(h.store.list('meta')).toEqual(before);
  });
});

describe('instances', () => {
  it('lists the instances of a resource group, the one ChangeResourceGroup last put each in', () => {
    const h = new Harness({ instances: [{}, { instanceName: 'second' }] });
    const ids = () => (h.call('ListInstance', { ResourceGroupId: 'rg-aek2aq7t4mkqhxa' }).Instances as { InstanceId: string }[]).map((i) => i.InstanceId);
    expect(ids()).toEqual([]);
    h.call('ChangeResourceGroup', { ResourceId: I1, ResourceRegionId: 'cn-hangzhou', ResourceGroupId: 'rg-aek2aq7t4mkqhxa' });
    expect(ids()).toEqual([I1]);
    expect(h.call('ListInstance').TotalCount).toBe(2);
    h.call('ChangeResourceGroup', { ResourceId: I1, ResourceRegionId: 'cn-hangzhou', ResourceGroupId: 'rg-aek2bbbbbbbbbbb' });
    expect(ids()).toEqual([]);
  });
});
