// Artifact building (CURATION.md M-95 to M-99) over HTTP with signature verification on: a rule on
// a repository makes every push there (here tag copies, which go through the same storeTag as
// registry pushes and fixtures) start a task that progresses on the server clock, writes its log,
// can be cancelled (it then ends FAILED), and on success pushes `<tag>_accelerated`, visible in
// ListRepoTag. Task IDs come from the admin endpoint, since no operation lists tasks. A user of
// @alicloud/pop-core sending `Parameters` as the one JSON string gets what this client's users get.
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from '../../src/resources/common/collections.js';
import type { ArtifactBuildTaskRecord } from '../../src/resources/artifact-builds.js';
import { failure, signedClients } from '../support/signed-clients.js';
import { Harness } from './harness.js';

const CREDENTIALS = { accessKeyId: 'LTAIartifactBuildKey', accessKeySecret: 'artifact-build-secret' };
const TIMINGS = { artifactBuildPendingMs: 1_000, artifactBuildRunningMs: 6_000 };
const SEED = {
  timings: TIMINGS,
  instances: [
    { specification: 'Enterprise_Advanced' as const, namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1' }] }, { name: 'web', tags: [{ tag: 'v1' }] }] }] },
    { instanceName: 'basic', namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1' }] }] }] },
  ],
};
const [INSTANCE, BASIC] = ['cri-mock0000000001', 'cri-mock0000000002'];

const clients = signedClients(CREDENTIALS, SEED);

async function repoId(instanceId: string, name: string): Promise<string> {
  return String((await clients.client.getRepository({ InstanceId: instanceId, RepoNamespaceName: 'team', RepoName: name })).RepoId);
}

type Task = { InstanceId: string; BuildTaskId: string; RepoId: string; Tag: string; TaskStatus: string };
async function tasks(): Promise<Task[]> {
  const answer = await fetch(`${clients.server.url}/-/artifact-build-tasks`);
  expect(answer.status).toBe(200);
  return ((await answer.json()) as { tasks: Task[] }).tasks;
}

async function copy(repo: string, from: string, to: string): Promise<void> {
  await clients.client.createRepoTag({ InstanceId: INSTANCE, NamespaceName: 'team', RepoName: repo, FromTag: from, ToTag: to });
}

async function tagsOf(repo: string): Promise<Map<string, string>> {
  const listed = await clients.client.listRepoTag({ InstanceId: INSTANCE, RepoId: repo, PageSize: 100 });
  return new Map((listed.Images ?? []).map((i) => [String(i.Tag), String(i.Digest)]));
}

describe('artifact build rules', () => {
  it('need a Standard or Advanced instance and a repository of it; a second Create replaces the parameters', async () => {
    const api = await repoId(INSTANCE, 'api');
    const base = { ScopeType: 'REPOSITORY' as const, ArtifactType: 'ACCELERATED_IMAGE' as const };
    const basic = await failure(clients.client.createArtifactBuildRule({ ...base, InstanceId: BASIC, ScopeId: await repoId(BASIC, 'api') }));
    expect(basic.code).toBe('INSTANCE_SPECIFICATION_NOT_SUPPORTED');
    expect((await failure(clients.client.createArtifactBuildRule({ ...base, InstanceId: INSTANCE, ScopeId: 'crr-0000000000000000' }))).code).toBe('REPO_NOT_EXIST');
    expect((await failure(clients.client.getArtifactBuildRule({ InstanceId: INSTANCE, ScopeType: 'REPOSITORY', ScopeId: api }))).code).toBe('ARTIFACT_BUILD_RULE_NOT_EXIST');

    const first = await clients.client.createArtifactBuildRule({ ...base, InstanceId: INSTANCE, ScopeId: api, Parameters: { ImageIndexOnly: true } });
    expect(first.BuildRuleId).toMatch(/^crabr-[0-9a-z]{16}$/);
    const second = await clients.client.createArtifactBuildRule({ ...base, InstanceId: INSTANCE, ScopeId: api, Parameters: { PriorityFile: 'L2FwcAo=' } });
    expect(second.BuildRuleId).toBe(first.BuildRuleId);
    const byId = await clients.client.getArtifactBuildRule({ InstanceId: INSTANCE, BuildRuleId: String(first.BuildRuleId) });
    expect(byId).toMatchObject({ BuildRuleId: first.BuildRuleId, ScopeType: 'REPOSITORY', ScopeId: api, ArtifactType: 'ACCELERATED_IMAGE', Parameters: { PriorityFile: 'L2FwcAo=' } });
    expect(byId.Parameters?.ImageIndexOnly).toBeUndefined();
    const byScope = await clients.client.getArtifactBuildRule({ InstanceId: INSTANCE, ScopeType: 'REPOSITORY', ScopeId: api });
    expect(byScope.BuildRuleId).toBe(first.BuildRuleId);
    expect((await failure(clients.client.getArtifactBuildRule({ InstanceId: INSTANCE }))).code).toBe('InvalidParameter');
    expect((await failure(clients.client.getArtifactBuildRule({ InstanceId: BASIC, BuildRuleId: String(first.BuildRuleId) }))).code).toBe('ARTIFACT_BUILD_RULE_NOT_EXIST');
  });

  it('start a task on every push to the repository, which builds and pushes <tag>_accelerated on the clock', async () => {
    const api = await repoId(INSTANCE, 'api');
    const web = await repoId(INSTANCE, 'web');
    const before = (await tasks()).length;
    await copy('web', 'v1', 'v2'); // no rule on web
    await copy('api', 'v1', 'v2');
    const all = await tasks();
    expect(all.length).toBe(before + 1);
    const task = all[0];
    expect(task).toMatchObject({ InstanceId: INSTANCE, RepoId: api, Tag: 'v2', TaskStatus: 'PENDING' });
    expect(task.BuildTaskId).toMatch(/^i2a-[0-9a-z]{16}$/);
    const started = Math.floor(clients.server.clock.now() / 1000);

    const pending = await clients.client.getArtifactBuildTask({ InstanceId: INSTANCE, BuildTaskId: task.BuildTaskId });
    expect(pending).toMatchObject({
      TaskStatus: 'PENDING', ArtifactBuildType: 'IMAGE_TO_ACCELERATED_IMAGE', Instructions: [],
      SourceArtifact: { RepoId: api, Version: 'v2', ArtifactType: 'IMAGE' }, TargetArtifact: { RepoId: api, Version: 'v2_accelerated', ArtifactType: 'IMAGE' },
    });
    expect(Math.abs(Number(pending.StartTime) - started)).toBeLessThanOrEqual(2);
    expect(pending.EndTime).toBeUndefined();
    const log = async (page: number, size: number) => clients.client.listArtifactBuildTaskLog({ InstanceId: INSTANCE, BuildTaskId: task.BuildTaskId, Page: page, PageSize: size });
    expect((await log(1, 100)).TotalCount).toBe(1);

    clients.server.clock.advance(2_000);
    expect((await clients.client.getArtifactBuildTask({ InstanceId: INSTANCE, BuildTaskId: task.BuildTaskId })).TaskStatus).toBe('BUILDING');
    expect((await log(1, 100)).BuildTaskLogs?.map((l) => l.Message)).toEqual([expect.stringContaining(task.BuildTaskId), 'Start Build', expect.stringMatching(/^Pulling team\/api@sha256:/)]);
    expect((await tagsOf(api)).has('v2_accelerated')).toBe(false);

    clients.server.clock.advance(6_000);
    const done = await clients.client.getArtifactBuildTask({ InstanceId: INSTANCE, BuildTaskId: task.BuildTaskId });
    expect(done.TaskStatus).toBe('SUCCESS');
    expect(Number(done.EndTime) - Number(done.StartTime)).toBe(7);
    const full = await log(1, 100);
    expect(full.TotalCount).toBe(7);
    expect(full.BuildTaskLogs?.at(-1)).toEqual({ LineNumber: 7, Message: 'Build succeeded' });
    expect((await log(2, 3)).BuildTaskLogs?.map((l) => l.LineNumber)).toEqual([4, 5, 6]);
    const tags = await tagsOf(api);
    expect(tags.has('v2_accelerated')).toBe(true);
    expect(tags.get('v2_accelerated')).not.toBe(tags.get('v2'));
    expect((await tagsOf(web)).has('v2_accelerated')).toBe(false);
    // The accelerated image's own push starts no task.
    expect((await tasks()).length).toBe(before + 1);
  });

  it('cancel a running task: it ends FAILED, logs the cancel and pushes nothing; an ended task cannot be cancelled', async () => {
    const api = await repoId(INSTANCE, 'api');
    await copy('api', 'v1', 'v3');
    const [task] = await tasks();
    expect(task.Tag).toBe('v3');
    clients.server.clock.advance(3_000);
    await clients.client.cancelArtifactBuildTask({ InstanceId: INSTANCE, BuildTaskId: task.BuildTaskId });
    const canceledAt = Math.floor(clients.server.clock.now() / 1000);
    clients.server.clock.advance(10_000);
    const got = await clients.client.getArtifactBuildTask({ InstanceId: INSTANCE, BuildTaskId: task.BuildTaskId });
    expect(got.TaskStatus).toBe('FAILED');
    expect(Math.abs(Number(got.EndTime) - canceledAt)).toBeLessThanOrEqual(1);
    const lines = (await clients.client.listArtifactBuildTaskLog({ InstanceId: INSTANCE, BuildTaskId: task.BuildTaskId, Page: 1, PageSize: 100 })).BuildTaskLogs ?? [];
    expect(lines.at(-1)?.Message).toBe('Build canceled');
    expect(lines.map((l) => l.Message)).not.toContain('Build succeeded');
    expect((await tagsOf(api)).has('v3_accelerated')).toBe(false);
    const again = await failure(clients.client.cancelArtifactBuildTask({ InstanceId: INSTANCE, BuildTaskId: task.BuildTaskId }));
    expect(again.code).toBe('ARTIFACT_BUILD_TASK_ALREADY_FINISHED');
    expect((await failure(clients.client.getArtifactBuildTask({ InstanceId: BASIC, BuildTaskId: task.BuildTaskId }))).code).toBe('ARTIFACT_BUILD_TASK_NOT_EXIST');
  });

  it('reads Parameters from the one JSON string a pop-core user sends, with the answers this client gets', async () => {
    const web = await repoId(INSTANCE, 'web');
    const request = { RegionId: 'cn-hangzhou', InstanceId: INSTANCE, ScopeType: 'REPOSITORY', ScopeId: web, ArtifactType: 'ACCELERATED_IMAGE' };
    const created = (await clients.pop.request('CreateArtifactBuildRule', { ...request, Parameters: JSON.stringify({ ImageIndexOnly: false }) }, { method: 'POST' })) as Record<string, unknown>;
    expect(created).toMatchObject({ IsSuccess: true, Code: 'success' });
    const viaPop = (await clients.pop.request('GetArtifactBuildRule', { RegionId: 'cn-hangzhou', InstanceId: INSTANCE, BuildRuleId: created.BuildRuleId }, { method: 'POST' })) as Record<string, unknown>;
    const viaClient = await clients.client.getArtifactBuildRule({ InstanceId: INSTANCE, BuildRuleId: String(created.BuildRuleId) });
    const { RequestId: _a, ...popRest } = viaPop;
    const { RequestId: _b, ...ourRest } = viaClient;
    expect(popRest).toEqual(ourRest);
    expect(popRest).toMatchObject({ ScopeId: web, Parameters: { ImageIndexOnly: false } });
    const broken = await failure(clients.pop.request('CreateArtifactBuildRule', { ...request, Parameters: '{"Prefetch":true}' }, { method: 'POST' }));
    expect(broken.message).toContain('Parameters');
    expect((await clients.client.getArtifactBuildRule({ InstanceId: INSTANCE, ScopeType: 'REPOSITORY', ScopeId: web })).Parameters).toEqual({ ImageIndexOnly: false });
  });
});

describe('artifact build tasks saved before their source tag was kept', () => {
  it('push <tag>_accelerated (in the API only) when the tag has moved on since, so the SUCCESS target exists', () => {
    const h = new Harness({ timings: TIMINGS, instances: [{ specification: 'Enterprise_Advanced', namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1' }] }] }] }] });
    const call = (action: Parameters<Harness['call']>[0], params: Record<string, string | number | boolean> = {}) => h.call(action, { InstanceId: INSTANCE, ...params });
    const api = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId);
    call('CreateArtifactBuildRule', { ScopeType: 'REPOSITORY', ScopeId: api, ArtifactType: 'ACCELERATED_IMAGE' });
    call('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: 'v2' });
    // The record as an older server saved it (no source), then its tag gone.
    const [task] = h.store.list<ArtifactBuildTaskRecord>(COLLECTIONS.artifactBuildTasks);
    const { source: _source, ...old } = task;
    h.store.put(COLLECTIONS.artifactBuildTasks, `${INSTANCE}/${task.BuildTaskId}`, old);
    call('DeleteRepoTag', { RepoId: api, Tag: 'v2' });
    h.advance(TIMINGS.artifactBuildPendingMs + TIMINGS.artifactBuildRunningMs);
    expect(call('GetArtifactBuildTask', { BuildTaskId: task.BuildTaskId })).toMatchObject({ TaskStatus: 'SUCCESS', TargetArtifact: { Version: 'v2_accelerated' } });
    const tags = (call('ListRepoTag', { RepoId: api, PageSize: 100 }).Images as { Tag: string }[]).map((i) => i.Tag);
    expect(tags).toContain('v2_accelerated');
  });
});
