// End to end through the real client and server: namespaces, repositories (paged), images from
// fixtures, manifests and layers, scans, builds that progress with the server's clock, triggers,
// and the namespace delete that takes its repositories with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collect, serviceError, startScenario, type Scenario } from './setup.js';

const I1 = 'cri-mock0000000001';
let s: Scenario;

// The server's clock runs with real time as well as with advance(), so a build's phases last
// minutes: a loaded machine can take seconds between two calls, and a phase of a second could end
// before the call that checks it. The advances add up to 6 minutes, within the 15-minute Timestamp
// window the client's signatures (made with the real time) are checked against.
const BUILD_PENDING_MS = 60_000;
const BUILD_RUNNING_MS = 300_000;

beforeAll(async () => {
  s = await startScenario({
    timings: { buildPendingMs: BUILD_PENDING_MS, buildRunningMs: BUILD_RUNNING_MS, scanMs: 1_000 },
    instances: [{
      instanceName: 'scenario',
      namespaces: [{ name: 'fixtures', repositories: [{ name: 'app', tags: [
        { tag: 'v1', createdAt: 1_700_000_000_000, layers: [{ size: 3_000_000, instruction: 'ADD', command: 'file:rootfs in /' }, { size: 4_096, instruction: 'COPY', command: 'COPY app /app' }] },
        { tag: 'v2' },
      ] }] }],
    }],
  });
});
afterAll(() => s?.stop());

describe('registry lifecycle', () => {
  let repoId = '';

  it('reads the seeded instance', async () => {
    const instance = await s.client.getInstance({ InstanceId: I1 });
    expect(instance).toMatchObject({ IsSuccess: true, Code: 'success', InstanceId: I1, InstanceName: 'scenario', InstanceStatus: 'RUNNING' });
    expect(typeof instance.RequestId).toBe('string');
    const instances = await collect(s.client.listInstanceAll({}));
    expect(instances.map((i) => i.InstanceId)).toEqual([I1]);
  });

  it('creates a namespace, refuses it twice, and pages repositories exactly', async () => {
    await s.client.createNamespace({ InstanceId: I1, NamespaceName: 'team', AutoCreateRepo: false, DefaultRepoType: 'PUBLIC' });
    const again = await serviceError(s.client.createNamespace({ InstanceId: I1, NamespaceName: 'team' }));
    expect(again).toMatchObject({ status: 409, code: 'NAMESPACE_ALREADY_EXIST' });
    expect(await s.client.getNamespace({ InstanceId: I1, NamespaceName: 'team' })).toMatchObject({ AutoCreateRepo: false, DefaultRepoType: 'PUBLIC', NamespaceStatus: 'NORMAL' });
    for (let i = 6; i >= 0; i--) {
      await s.client.createRepository({ InstanceId: I1, RepoNamespaceName: 'team', RepoName: `svc-${i}`, RepoType: 'PRIVATE', Summary: `service ${i}` });
    }
    const all = await collect(s.client.listRepositoryAll({ InstanceId: I1, RepoNamespaceName: 'team', PageSize: 3 }));
    expect(all.map((r) => r.RepoName)).toEqual(['svc-0', 'svc-1', 'svc-2', 'svc-3', 'svc-4', 'svc-5', 'svc-6']);
    const last = await s.client.listRepository({ InstanceId: I1, RepoNamespaceName: 'team', PageNo: 3, PageSize: 3 });
    expect(last).toMatchObject({ PageNo: 3, PageSize: 3, TotalCount: 7 });
    expect(last.Repositories).toHaveLength(1);
    const beyond = await s.client.listRepository({ InstanceId: I1, RepoNamespaceName: 'team', PageNo: 4, PageSize: 3 });
    expect(beyond.Repositories ?? []).toHaveLength(0);
    const missing = await serviceError(s.client.createRepository({ InstanceId: I1, RepoNamespaceName: 'nope', RepoName: 'x', RepoType: 'PUBLIC', Summary: 'x' }));
    expect(missing).toMatchObject({ status: 404, code: 'NAMESPACE_NOT_EXIST' });
  });

  it('lists the fixture tags, their manifest and layers, and scans one', async () => {
    const repo = await s.client.getRepository({ InstanceId: I1, RepoNamespaceName: 'fixtures', RepoName: 'app' });
    repoId = repo.RepoId as string;
    expect(repoId).toMatch(/^crr-[0-9a-z]{16}$/);
    const tags = await collect(s.client.listRepoTagAll({ InstanceId: I1, RepoId: repoId, PageSize: 1 }));
    expect(tags.map((t) => t.Tag).sort()).toEqual(['v1', 'v2']);
    const v1 = tags.find((t) => t.Tag === 'v1')!;
    expect(v1).toMatchObject({ Status: 'NORMAL', ImageCreate: 1_700_000_000_000 });
    const layers = await s.client.getRepoTagLayers({ InstanceId: I1, RepoId: repoId, Tag: 'v1' });
    expect(layers.Layers?.map((l) => [l.LayerIndex, l.LayerInstruction, l.BlobSize])).toEqual([[0, 'ADD', 3_000_000], [1, 'COPY', 4_096]]);
    const manifest = await s.client.getRepoTagManifest({ InstanceId: I1, RepoId: repoId, Tag: 'v1', SchemaVersion: 2 });
    expect(manifest.Manifest?.SchemaVersion).toBe(2);
    expect(manifest.Manifest?.Layers?.map((l) => l.Digest)).toEqual(layers.Layers?.map((l) => l.BlobDigest));
    expect(manifest.Manifest?.Config?.Digest).toBe(`sha256:${v1.ImageId}`);
    const v1manifest = await s.client.getRepoTagManifest({ InstanceId: I1, RepoId: repoId, Tag: 'v1', SchemaVersion: 1 });
    expect(v1manifest.Manifest).toMatchObject({ SchemaVersion: 1, Name: 'fixtures/app', Tag: 'v1' });
    await s.client.createRepoTagScanTask({ InstanceId: I1, RepoId: repoId, Tag: 'v1' });
    const noTag = await serviceError(s.client.getRepoTagLayers({ InstanceId: I1, RepoId: repoId, Tag: 'v9' }));
    expect(noTag).toMatchObject({ status: 404, code: 'TAG_NOT_EXIST' });
  });

  it('builds by rule: PENDING, BUILDING, SUCCESS with the server clock; cancels another', async () => {
    const { BuildRuleId } = await s.client.createRepoBuildRule({
      InstanceId: I1, RepoId: repoId, DockerfileLocation: '/', DockerfileName: 'Dockerfile', ImageTag: 'nightly', PushName: 'main', PushType: 'GIT_BRANCH',
    });
    await s.client.updateRepoBuildRule({ InstanceId: I1, RepoId: repoId, BuildRuleId: BuildRuleId as string, DockerfileName: 'Dockerfile.ci' });
    const rules = await collect(s.client.listRepoBuildRuleAll({ InstanceId: I1, RepoId: repoId }));
    expect(rules).toEqual([expect.objectContaining({ BuildRuleId, DockerfileName: 'Dockerfile.ci', ImageTag: 'nightly' })]);
    const { BuildRecordId } = await s.client.createBuildRecordByRule({ InstanceId: I1, RepoId: repoId, BuildRuleId: BuildRuleId as string });
    const status = async () => (await s.client.getRepoBuildRecordStatus({ InstanceId: I1, RepoId: repoId, BuildRecordId: BuildRecordId as string })).BuildStatus;
    expect(await status()).toBe('PENDING');
    await s.advance(BUILD_PENDING_MS);
    expect(await status()).toBe('BUILDING');
    const other = await s.client.createBuildRecordByRule({ InstanceId: I1, RepoId: repoId, BuildRuleId: BuildRuleId as string });
    await s.client.cancelRepoBuildRecord({ InstanceId: I1, RepoId: repoId, BuildRecordId: other.BuildRecordId as string });
    await s.advance(BUILD_RUNNING_MS);
    expect(await status()).toBe('SUCCESS');
    const record = await s.client.getRepoBuildRecord({ InstanceId: I1, BuildRecordId: BuildRecordId as string });
    expect(record).toMatchObject({ Status: 'SUCCESS', Image: { RepoNamespaceName: 'fixtures', RepoName: 'app', ImageTag: 'nightly' } });
    expect((record.EndTime as number) - (record.StartTime as number)).toBe(BUILD_PENDING_MS + BUILD_RUNNING_MS);
    const records = await collect(s.client.listRepoBuildRecordAll({ InstanceId: I1, RepoId: repoId }));
    expect(records.map((r) => [r.BuildRecordId, r.BuildStatus])).toEqual([[other.BuildRecordId, 'CANCELED'], [BuildRecordId, 'SUCCESS']]);
    const late = await serviceError(s.client.cancelRepoBuildRecord({ InstanceId: I1, RepoId: repoId, BuildRecordId: BuildRecordId as string }));
    expect(late).toMatchObject({ status: 409, code: 'BUILD_RECORD_ALREADY_FINISHED' });
    const tags = await collect(s.client.listRepoTagAll({ InstanceId: I1, RepoId: repoId }));
    expect(tags[0]).toMatchObject({ Tag: 'nightly', ImageUpdate: record.EndTime });
    await s.client.deleteRepoBuildRule({ InstanceId: I1, RepoId: repoId, BuildRuleId: BuildRuleId as string });
  });

  it('manages triggers', async () => {
    const { TriggerId } = await s.client.createRepoTrigger({
      InstanceId: I1, RepoId: repoId, TriggerName: 'deploy', TriggerTag: 'v.*', TriggerType: 'TAG_REG_EXP', TriggerUrl: 'https://ci.example.com/hook',
    });
    await s.client.updateRepoTrigger({ InstanceId: I1, RepoId: repoId, TriggerId: TriggerId as string, TriggerName: 'deploy-all', TriggerType: 'ALL' });
    const { Triggers } = await s.client.listRepoTrigger({ InstanceId: I1, RepoId: repoId });
    expect(Triggers).toEqual([{ TriggerId, TriggerName: 'deploy-all', TriggerUrl: 'https://ci.example.com/hook', RepoEvent: 'BUILD_SUCCESS', TriggerType: 'ALL', TriggerTag: '' }]);
    await s.client.deleteRepoTrigger({ InstanceId: I1, RepoId: repoId, TriggerId: TriggerId as string });
    const gone = await serviceError(s.client.deleteRepoTrigger({ InstanceId: I1, RepoId: repoId, TriggerId: TriggerId as string }));
    expect(gone).toMatchObject({ status: 404, code: 'TRIGGER_NOT_EXIST' });
  });

  it('deletes a repository with its tags, and a namespace with its repositories', async () => {
    await s.client.deleteRepoTag({ InstanceId: I1, RepoId: repoId, Tag: 'v2' });
    expect((await s.client.listRepoTag({ InstanceId: I1, RepoId: repoId })).TotalCount).toBe(2);
    await s.client.deleteRepository({ InstanceId: I1, RepoId: repoId });
    expect(await serviceError(s.client.listRepoTag({ InstanceId: I1, RepoId: repoId }))).toMatchObject({ status: 404, code: 'REPO_NOT_EXIST' });
    const svc = await s.client.getRepository({ InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'svc-0' });
    await s.client.deleteNamespace({ InstanceId: I1, NamespaceName: 'team' });
    expect(await serviceError(s.client.getRepository({ InstanceId: I1, RepoId: svc.RepoId as string }))).toMatchObject({ status: 404, code: 'REPO_NOT_EXIST' });
    expect(await serviceError(s.client.getNamespace({ InstanceId: I1, NamespaceName: 'team' }))).toMatchObject({ status: 404, code: 'NAMESPACE_NOT_EXIST' });
    expect(await s.client.getInstanceUsage({ InstanceId: I1 })).toMatchObject({ NamespaceUsage: 1, RepoUsage: 0, NamespaceQuota: 100, RepoQuota: 1000 });
  });

  it('answers INSTANCE_NOT_EXIST for an unknown instance', async () => {
    expect(await serviceError(s.client.getInstance({ InstanceId: 'cri-unknown000000000' }))).toMatchObject({ status: 404, code: 'INSTANCE_NOT_EXIST' });
  });
});
