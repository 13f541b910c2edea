// Artifact subscription (CURATION.md M-120 to M-128): rules checked as the resources README says,
// tasks that run on the server's clock and import the tags their rule selects from the source
// (the seed's upstreamImages, else the default catalogue) into the target repository, where
// ListRepoTag and GetRepoTag see them; Override, immutable tags, per-tag results, a deleted target.
import { describe, expect, it } from 'vitest';
import { DEFAULT_TIMINGS } from '../../src/resources/index.js';
import { Harness, T0 } from './harness.js';

const I1 = 'cri-mock0000000001';
const DAY = 86_400_000;
const { subscriptionPendingMs: PENDING, subscriptionTagMs: TAG } = DEFAULT_TIMINGS;

type Call = (action: Parameters<Harness['call']>[0], params?: Parameters<Harness['call']>[1]) => Record<string, unknown>;

const SEED = {
  upstreamImages: {
    'DOCKER_HUB/library/nginx': [
      { tag: '1.24.0', createdAt: T0 - 30 * DAY },
      { tag: '1.25.0', createdAt: T0 - 20 * DAY },
      { tag: '1.25.3', createdAt: T0 - 10 * DAY, platforms: ['linux/amd64', 'linux/arm64'] },
      { tag: '1.25.3-alpine', createdAt: T0 - 9 * DAY },
      { tag: 'arm-only', createdAt: T0 - DAY, platforms: ['linux/arm64'] },
    ],
  },
  instances: [{ namespaces: [
    { name: 'mirror', repositories: [{ name: 'nginx', tags: [{ tag: '1.25.0' }] }] },
    { name: 'strict', autoCreateRepo: false, repositories: [{ name: 'locked' }] },
  ] }],
};

function setup(): { h: Harness; call: Call; tags: (namespace?: string, repo?: string) => string[] } {
  const h = new Harness(SEED);
  const call: Call = (action, params = {}) => h.call(action, { InstanceId: I1, ...params });
  const tags = (namespace = 'mirror', repo = 'nginx'): string[] => {
    const repoId = String(call('GetRepository', { RepoNamespaceName: namespace, RepoName: repo }).RepoId);
    return (call('ListRepoTag', { RepoId: repoId, PageSize: 100 }).Images as { Tag: string }[]).map((i) => i.Tag).sort();
  };
  return { h, call, tags };
}

const RULE = { SourceProvider: 'DOCKER_HUB', SourceRepoName: 'nginx', NamespaceName: 'mirror', RepoName: 'nginx', TagRegexp: '1\\.2[45]\\.[0-9]+', TagCount: 3, Platform: ['linux/amd64'] };

describe('artifact subscription rules', () => {
  it('are created with their defaults, read, listed, updated and deleted', () => {
    const { call } = setup();
    const ruleId = String(call('CreateArtifactSubscriptionRule', RULE).RuleId);
    expect(ruleId).toMatch(/^crasr-[0-9a-z]{16}$/);
    expect(call('GetArtifactSubscriptionRule', { RuleId: ruleId })).toMatchObject({
      RuleId: ruleId, InstanceId: I1, SourceProvider: 'DOCKER_HUB', SourceDomain: 'docker.io', SourceNamespaceName: 'library', SourceRepoName: 'nginx',
      NamespaceName: 'mirror', RepoName: 'nginx', TagRegexp: RULE.TagRegexp, TagCount: 3, Platform: ['linux/amd64'], Override: false, Accelerate: false,
      CreateTime: T0, ModifiedTime: T0,
    });
    call('UpdateArtifactSubscriptionRule', { RuleId: ruleId, Override: 'true', TagCount: 5, Platform: ['linux/arm64', 'linux/amd64'] });
    expect(call('GetArtifactSubscriptionRule', { RuleId: ruleId })).toMatchObject({ Override: true, TagCount: 5, Platform: ['linux/arm64', 'linux/amd64'], TagRegexp: RULE.TagRegexp });
    const quay = String(call('CreateArtifactSubscriptionRule', { ...RULE, SourceProvider: 'QUAY', SourceNamespaceName: 'prometheus', SourceRepoName: 'node-exporter', RepoName: 'node-exporter' }).RuleId);
    const listed = call('ListArtifactSubscriptionRule', { PageSize: 1, PageNo: 2 });
    expect(listed).toMatchObject({ TotalCount: 2, PageNo: 2, PageSize: 1 });
    expect((listed.Rules as { RuleId: string; SourceDomain: string }[]).map((r) => [r.RuleId, r.SourceDomain])).toEqual([[quay, 'quay.io']]);
    call('DeleteArtifactSubscriptionRule', { RuleId: ruleId });
    expect(() => call('GetArtifactSubscriptionRule', { RuleId: ruleId })).toThrow(/does not exist/);
    expect(setup().h.fail('DeleteArtifactSubscriptionRule', { InstanceId: I1, RuleId: ruleId }).code).toBe('ARTIFACT_SUBSCRIPTION_RULE_NOT_EXIST');
  });

  it('refuse what the service would, and change nothing then', () => {
    const { h, call } = setup();
    const refused = (params: Record<string, unknown>): string => h.fail('CreateArtifactSubscriptionRule', { InstanceId: I1, ...RULE, ...params } as never).code;
    expect(refused({ SourceProvider: 'GCR' })).toBe('InvalidParameter'); // GCR and Quay name the source namespace
    expect(refused({ TagRegexp: '(' })).toBe('InvalidParameter');
    expect(refused({ TagCount: 31 })).toBe('InvalidParameter');
    expect(refused({ Platform: ['amd64'] })).toBe('InvalidParameter');
    expect(refused({ SourceRepoName: 'Nginx' })).toBe('InvalidParameter');
    expect(refused({ NamespaceName: 'absent' })).toBe('NAMESPACE_NOT_EXIST');
    expect(refused({ NamespaceName: 'strict', RepoName: 'absent' })).toBe('REPO_NOT_EXIST');
    const ruleId = String(call('CreateArtifactSubscriptionRule', RULE).RuleId);
    expect(refused({})).toBe('ARTIFACT_SUBSCRIPTION_RULE_ALREADY_EXIST');
    expect(h.fail('UpdateArtifactSubscriptionRule', { InstanceId: I1, RuleId: ruleId, TagCount: 0 }).code).toBe('InvalidParameter');
    expect(call('ListArtifactSubscriptionRule').TotalCount).toBe(1);
    expect(call('GetArtifactSubscriptionRule', { RuleId: ruleId }).TagCount).toBe(3);
  });
});

describe('artifact subscription tasks', () => {
  it('import the most recent matching tags of the rule platform one after the other; the target sees them', () => {
    const { h, call, tags } = setup();
    const ruleId = String(call('CreateArtifactSubscriptionRule', { ...RULE, TagCount: 2 }).RuleId);
    const taskId = String(call('CreateArtifactSubscriptionTask', { RuleId: ruleId }).TaskId);
    expect(taskId).toMatch(/^crast-[0-9a-z]{16}$/);
    const task = (): Record<string, unknown> => call('GetArtifactSubscriptionTask', { TaskId: taskId });
    const results = (): Record<string, unknown>[] => call('GetArtifactSubscriptionTaskResult', { TaskId: taskId }).TaskResults as Record<string, unknown>[];
    expect(task()).toMatchObject({ TaskStatus: 'PENDING', TagTotalCount: 5, TagSubscriptionCount: 0, StartTime: T0, ArtifactType: 'IMAGE', TaskType: 'MANUAL', SourceRepoType: 'PUBLIC' });
    expect(task().EndTime).toBeUndefined();
    expect(task().TaskResult).toBeUndefined();
    // 1.25.3 and 1.25.0 (the two most recent matches; 1.25.3-alpine does not match whole, arm-only has no amd64 image).
    expect(results().map((r) => [r.Tag, r.Status])).toEqual([['1.25.3', 'PENDING'], ['1.25.0', 'PENDING']]);
    h.advance(PENDING);
    expect(task().TaskStatus).toBe('RUNNING');
    expect(results().map((r) => r.Status)).toEqual(['RUNNING', 'PENDING']);
    h.advance(TAG);
    expect(results()[0]).toMatchObject({ Tag: '1.25.3', Status: 'COMPLETED', Result: 'SUCCESS', StartTime: T0 + PENDING, EndTime: T0 + PENDING + TAG });
    expect(tags()).toEqual(['1.25.0', '1.25.3']);
    h.advance(TAG);
    // The target's 1.25.0 names another image and the rule does not override it.
    expect(results().map((r) => [r.Tag, r.Result])).toEqual([['1.25.3', 'SUCCESS'], ['1.25.0', 'SKIPPED']]);
    expect(task()).toMatchObject({ TaskStatus: 'COMPLETED', TaskResult: 'SUCCESS', TagSubscriptionCount: 1, EndTime: T0 + PENDING + 2 * TAG, Message: '1 imported, 1 skipped, 0 failed' });
    const repoId = String(call('GetRepository', { RepoNamespaceName: 'mirror', RepoName: 'nginx' }).RepoId);
    const imported = call('GetRepoTag', { RepoId: repoId, Tag: '1.25.3' });
    expect(imported).toMatchObject({ ImageCreate: T0 - 10 * DAY, ImageUpdate: T0 + PENDING + TAG });
    // The same source image, imported elsewhere, has the same digest.
    const other = String(call('CreateArtifactSubscriptionRule', { ...RULE, RepoName: 'copy', TagRegexp: '1\\.25\\.3', Override: true }).RuleId);
    call('CreateArtifactSubscriptionTask', { RuleId: other });
    h.advance(PENDING + TAG);
    const copyId = String(call('GetRepository', { RepoNamespaceName: 'mirror', RepoName: 'copy' }).RepoId);
    expect(call('GetRepoTag', { RepoId: copyId, Tag: '1.25.3' }).Digest).toBe(imported.Digest);
    const listed = call('ListArtifactSubscriptionTask').Tasks as Record<string, unknown>[];
    expect(listed.map((t) => [t.RepoName, t.StartTime, t.EndTime])).toEqual([
      ['copy', String(T0 + PENDING + 2 * TAG), String(T0 + 2 * PENDING + 3 * TAG)],
      ['nginx', String(T0), String(T0 + PENDING + 2 * TAG)],
    ]);
  });

  it('override the target tags with Override, except immutable ones; a rule selecting nothing fails', () => {
    const { h, call, tags } = setup();
    const ruleId = String(call('CreateArtifactSubscriptionRule', { ...RULE, Override: true, TagCount: 1, TagRegexp: '1\\.25\\.0' }).RuleId);
    const repoId = String(call('GetRepository', { RepoNamespaceName: 'mirror', RepoName: 'nginx' }).RepoId);
    const before = call('GetRepoTag', { RepoId: repoId, Tag: '1.25.0' }).Digest;
    call('UpdateRepository', { RepoId: repoId, TagImmutability: true, RepoType: 'PRIVATE', Summary: 'mirror' });
    const first = String(call('CreateArtifactSubscriptionTask', { RuleId: ruleId }).TaskId);
    h.advance(PENDING + TAG);
    expect(call('GetArtifactSubscriptionTask', { TaskId: first })).toMatchObject({ TaskStatus: 'COMPLETED', TaskResult: 'FAILED', TagSubscriptionCount: 0 });
    expect(call('GetRepoTag', { RepoId: repoId, Tag: '1.25.0' }).Digest).toBe(before);
    call('UpdateRepository', { RepoId: repoId, TagImmutability: false, RepoType: 'PRIVATE', Summary: 'mirror' });
    const second = String(call('CreateArtifactSubscriptionTask', { RuleId: ruleId }).TaskId);
    h.advance(PENDING + TAG);
    expect(call('GetArtifactSubscriptionTask', { TaskId: second })).toMatchObject({ TaskResult: 'SUCCESS', TagSubscriptionCount: 1, Message: 'success' });
    expect(call('GetRepoTag', { RepoId: repoId, Tag: '1.25.0' }).Digest).not.toBe(before);
    expect(tags()).toEqual(['1.25.0']);
    call('UpdateArtifactSubscriptionRule', { RuleId: ruleId, TagRegexp: 'nothing' });
    const empty = String(call('CreateArtifactSubscriptionTask', { RuleId: ruleId }).TaskId);
    h.advance(PENDING);
    expect(call('GetArtifactSubscriptionTask', { TaskId: empty })).toMatchObject({ TaskStatus: 'COMPLETED', TaskResult: 'FAILED', TagSubscriptionCount: 0 });
    expect(call('GetArtifactSubscriptionTaskResult', { TaskId: empty }).TaskResults).toEqual([]);
  });

  it('import the default catalogue from a source the seed does not name, creating the target repository; a deleted target fails the rest', () => {
    const { h, call, tags } = setup();
    const ruleId = String(call('CreateArtifactSubscriptionRule', {
      ...RULE, SourceProvider: 'GCR', SourceNamespaceName: 'distroless', SourceRepoName: 'static', RepoName: 'static', TagRegexp: '.*', TagCount: 30, Platform: ['linux/arm64'],
    }).RuleId);
    const taskId = String(call('CreateArtifactSubscriptionTask', { RuleId: ruleId }).TaskId);
    expect(call('GetArtifactSubscriptionTask', { TaskId: taskId }).TagTotalCount).toBe(6);
    h.advance(PENDING + 2 * TAG);
    expect(tags('mirror', 'static')).toEqual(['2.1.0', 'latest']);
    const repoId = String(call('GetRepository', { RepoNamespaceName: 'mirror', RepoName: 'static' }).RepoId);
    expect(call('GetRepoTag', { RepoId: repoId, Tag: 'latest' })).toMatchObject({ Status: 'NORMAL' });
    call('DeleteRepository', { RepoId: repoId });
    h.advance(10 * TAG);
    const results = call('GetArtifactSubscriptionTaskResult', { TaskId: taskId, PageSize: 10 }).TaskResults as Record<string, unknown>[];
    expect(results.map((r) => r.Result)).toEqual(['SUCCESS', 'SUCCESS', 'FAILED', 'FAILED', 'FAILED', 'FAILED']);
    expect(call('GetArtifactSubscriptionTask', { TaskId: taskId })).toMatchObject({ TaskResult: 'PARTIAL_SUCCESS', TagSubscriptionCount: 2 });
    expect(h.fail('CreateArtifactSubscriptionTask', { InstanceId: I1, RuleId: 'crasr-0000000000000000' }).code).toBe('ARTIFACT_SUBSCRIPTION_RULE_NOT_EXIST');
    expect(h.fail('GetArtifactSubscriptionTask', { InstanceId: I1, TaskId: 'crast-0000000000000000' }).code).toBe('ARTIFACT_SUBSCRIPTION_TASK_NOT_EXIST');
  });
});

describe('the seed of the source registries', () => {
  it('is checked: source repository names, tags once each, platforms', () => {
    const seeded = (upstreamImages: Record<string, { tag: string; platforms?: string[] }[]>) => () => new Harness({ upstreamImages });
    expect(seeded({ 'DOCKERHUB/library/nginx': [] })).toThrow(/upstreamImages/);
    expect(seeded({ 'DOCKER_HUB/nginx': [] })).toThrow(/upstreamImages/);
    expect(seeded({ 'QUAY/a/b': [{ tag: 'v1' }, { tag: 'v1' }] })).toThrow(/twice/);
    expect(seeded({ 'GCR/a/b': [{ tag: 'v1', platforms: ['amd64'] }] })).toThrow(/platform/);
    expect(seeded({ 'GCR/a/b': [{ tag: '-v1' }] })).toThrow(/Docker tag/);
  });

  it('makes a source repository with no tags: a task selects nothing and fails', () => {
    const h = new Harness({ upstreamImages: { 'QUAY/acme/empty': [] } });
    const call: Call = (action, params = {}) => h.call(action, { InstanceId: I1, ...params });
    call('CreateNamespace', { NamespaceName: 'mirror' });
    const ruleId = String(call('CreateArtifactSubscriptionRule', { ...RULE, SourceProvider: 'QUAY', SourceNamespaceName: 'acme', SourceRepoName: 'empty', TagRegexp: '.*' }).RuleId);
    const taskId = String(call('CreateArtifactSubscriptionTask', { RuleId: ruleId }).TaskId);
    h.advance(PENDING);
    expect(call('GetArtifactSubscriptionTask', { TaskId: taskId })).toMatchObject({ TaskStatus: 'COMPLETED', TaskResult: 'FAILED', TagTotalCount: 0 });
  });
});
