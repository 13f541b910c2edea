// Builds as the vendor's API metadata adds them (CURATION.md M-90 to M-94): the source code
// repository of an image repository, a build's log as the build runs, and running a record again.
import { describe, expect, it } from 'vitest';
import { Harness } from './harness.js';

const I1 = 'cri-mock0000000001';

type Call = (action: Parameters<Harness['call']>[0], params?: Record<string, string | number | boolean>) => Record<string, unknown>;

function setup(): { h: Harness; call: Call; repoId: string; ruleId: string } {
  const h = new Harness({ timings: { buildPendingMs: 1_000, buildRunningMs: 5_000 }, instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api' }, { name: 'web' }] }] }] });
  const call: Call = (action, params = {}) => h.call(action, { InstanceId: I1, ...params });
  const repoId = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId);
  const ruleId = String(call('CreateRepoBuildRule', {
    RepoId: repoId, DockerfileLocation: '/docker', DockerfileName: 'Dockerfile', ImageTag: 'main', PushName: 'main', PushType: 'GIT_BRANCH',
  }).BuildRuleId);
  return { h, call, repoId, ruleId };
}

type Line = { LineNumber: number; Message: string; BuildStage: string };

describe('source code repositories', () => {
  it('binds one per image repository, reads it back with the flags as text, and updates it', () => {
    const { h, call, repoId } = setup();
    expect(h.fail('GetRepoSourceCodeRepo', { InstanceId: I1, RepoId: repoId }).code).toBe('CODE_REPO_NOT_EXIST');
    call('CreateRepoSourceCodeRepo', { RepoId: repoId, CodeRepoType: 'GITHUB', CodeRepoNamespaceName: 'acme', CodeRepoName: 'api-server', AutoBuild: true });
    expect(call('GetRepoSourceCodeRepo', { RepoId: repoId })).toMatchObject({
      RepoId: repoId, CodeRepoType: 'GITHUB', CodeRepoDomain: 'https://github.com', CodeRepoNamespaceName: 'acme', CodeRepoName: 'api-server',
      AutoBuild: 'true', OverseaBuild: 'false', DisableCacheBuild: 'false',
    });
    const again = { RepoId: repoId, CodeRepoType: 'GITLAB', CodeRepoNamespaceName: 'acme/backend', CodeRepoName: 'api' };
    expect(h.fail('CreateRepoSourceCodeRepo', { InstanceId: I1, ...again }).code).toBe('CODE_REPO_ALREADY_EXIST');
    call('UpdateRepoSourceCodeRepo', { ...again, DisableCacheBuild: 'true', CodeRepoId: 'gl-4411' });
    expect(call('GetRepoSourceCodeRepo', { RepoId: repoId })).toMatchObject({
      CodeRepoType: 'GITLAB', CodeRepoDomain: 'https://gitlab.com', CodeRepoNamespaceName: 'acme/backend', CodeRepoName: 'api',
      AutoBuild: 'true', DisableCacheBuild: 'true',
    });
    expect(h.fail('UpdateRepoSourceCodeRepo', { InstanceId: I1, ...again, AutoBuild: 'yes' }).code).toBe('InvalidParameter');
    expect(h.fail('UpdateRepoSourceCodeRepo', { InstanceId: I1, ...again, CodeRepoName: 'a b' }).code).toBe('InvalidParameter');
    const web = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'web' }).RepoId);
    expect(h.fail('UpdateRepoSourceCodeRepo', { InstanceId: I1, ...again, RepoId: web }).code).toBe('CODE_REPO_NOT_EXIST');
    // Deleting the image repository unbinds it.
    call('DeleteRepository', { RepoId: repoId });
    call('CreateRepository', { RepoNamespaceName: 'team', RepoName: 'api', RepoType: 'PRIVATE', Summary: 'again' });
    const recreated = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId);
    expect(h.fail('GetRepoSourceCodeRepo', { InstanceId: I1, RepoId: recreated }).code).toBe('CODE_REPO_NOT_EXIST');
  });
});

describe('build logs and re-runs', () => {
  it('writes the log as the build runs: clone, build steps, push; reads it from an offset', () => {
    const { h, call, repoId, ruleId } = setup();
    call('CreateRepoSourceCodeRepo', { RepoId: repoId, CodeRepoType: 'GITEE', CodeRepoNamespaceName: 'acme', CodeRepoName: 'api-server' });
    const recordId = String(call('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: ruleId }).BuildRecordId);
    const log = (params: Record<string, string | number> = {}) => call('ListRepoBuildRecordLog', { BuildRecordId: recordId, ...params });
    expect(log()).toMatchObject({ PageNo: 1, PageSize: 100, TotalCount: '0', BuildRecordLogs: [] });
    h.advance(1_000);
    const cloning = log().BuildRecordLogs as Line[];
    expect(cloning.map((l) => l.BuildStage)).toEqual(['GIT_CLONE', 'GIT_CLONE', 'GIT_CLONE', 'BUILD']);
    expect(cloning[1].Message).toBe('Cloning https://gitee.com/acme/api-server.git, branch main');
    expect(cloning.map((l) => l.LineNumber)).toEqual([1, 2, 3, 4]);
    h.advance(2_500);
    expect(Number(log().TotalCount)).toBeGreaterThan(4);
    h.advance(2_500);
    const done = log({ RepoId: repoId });
    expect(done.TotalCount).toBe('12');
    const lines = done.BuildRecordLogs as Line[];
    expect(lines.at(-1)).toMatchObject({ LineNumber: 12, BuildStage: 'PUSH', Message: 'push stage end' });
    expect(lines.some((l) => l.Message === 'build stage begin: /docker/Dockerfile')).toBe(true);
    // The log names the image the build pushed (real content: push.ts): its ID and its manifest's digest.
    const pushed = (call('ListRepoTag', { RepoId: repoId }).Images as { Tag: string; Digest: string; ImageId: string }[])[0];
    expect(lines.find((l) => l.Message.startsWith('Successfully built'))?.Message).toBe(`Successfully built ${pushed.ImageId.slice(0, 12)}`);
    expect(lines.find((l) => l.Message.includes(': digest: '))?.Message).toMatch(new RegExp(`^${pushed.Tag}: digest: sha256:${pushed.Digest} size: [0-9]+$`));
    expect(log({ Offset: 10 }).BuildRecordLogs).toEqual(lines.slice(10));
    expect(log({ Offset: 200 })).toMatchObject({ PageNo: 3, TotalCount: '12', BuildRecordLogs: [] });
    expect(h.fail('ListRepoBuildRecordLog', { InstanceId: I1, BuildRecordId: 'nope' }).code).toBe('BUILD_RECORD_NOT_EXIST');
    const web = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'web' }).RepoId);
    expect(h.fail('ListRepoBuildRecordLog', { InstanceId: I1, BuildRecordId: recordId, RepoId: web }).code).toBe('BUILD_RECORD_NOT_EXIST');
    expect(h.fail('ListRepoBuildRecordLog', { InstanceId: I1, BuildRecordId: recordId, Offset: -1 }).code).toBe('InvalidParameter');
  });

  it('ends a canceled build’s log at the cancel', () => {
    const { h, call, repoId, ruleId } = setup();
    const recordId = String(call('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: ruleId }).BuildRecordId);
    h.advance(1_500);
    call('CancelRepoBuildRecord', { RepoId: repoId, BuildRecordId: recordId });
    h.advance(10_000);
    const lines = call('ListRepoBuildRecordLog', { BuildRecordId: recordId }).BuildRecordLogs as Line[];
    expect(lines.at(-1)?.Message).toBe('build canceled');
    expect(lines.some((l) => l.BuildStage === 'PUSH')).toBe(false);
  });

  it('runs a build record again with its rule and image tag, even after the rule is deleted', () => {
    const { h, call, repoId, ruleId } = setup();
    const first = String(call('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: ruleId }).BuildRecordId);
    call('DeleteRepoBuildRule', { RepoId: repoId, BuildRuleId: ruleId });
    const second = String(call('CreateBuildRecordByRecord', { RepoId: repoId, BuildRecordId: first }).BuildRecordId);
    expect(second).not.toBe(first);
    expect(call('GetRepoBuildRecordStatus', { RepoId: repoId, BuildRecordId: second }).BuildStatus).toBe('PENDING');
    h.advance(6_000);
    expect(call('GetRepoBuildRecord', { BuildRecordId: second })).toMatchObject({ Status: 'SUCCESS', Image: { ImageTag: 'main', RepoName: 'api' } });
    expect((call('ListRepoBuildRecord', { RepoId: repoId }).BuildRecords as { BuildRecordId: string }[]).map((r) => r.BuildRecordId)).toEqual([second, first]);
    expect((call('ListRepoTag', { RepoId: repoId }).Images as { Tag: string }[]).map((i) => i.Tag)).toEqual(['main']);
    const web = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'web' }).RepoId);
    expect(h.fail('CreateBuildRecordByRecord', { InstanceId: I1, RepoId: web, BuildRecordId: first }).code).toBe('BUILD_RECORD_NOT_EXIST');
  });
});
