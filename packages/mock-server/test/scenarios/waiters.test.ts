// The client's waiters (generated from the spec's x-acr-waiters) against a real mock server: an
// instance running, a build and a synchronization task finishing, a scan completing, a namespace
// and a repository gone; failure states, timeouts, cancellation and bad options. Every wait moves
// the server's clock instead of the wall clock's, and the waiter measures its timeout on that clock.
// The server's clock also runs with real time, so each phase lasts tens of seconds (a loaded
// machine can take seconds between two calls); the advances add up to well under the 15-minute
// Timestamp window the client's signatures (made with the real time) are checked against.
import { AbortError, ConfigError, ServiceError, WaiterError, type WaitOptions } from '@acr-ee/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startScenario, type Scenario } from './setup.js';

const I1 = 'cri-mock0000000001';
const I2 = 'cri-mock0000000002';
const PENDING_INSTANCE = 'cri-mock0000000003';
const BROKEN_INSTANCE = 'cri-mock0000000004';
const PHASE_MS = 30_000;
let s: Scenario;
let repoId = '';

beforeAll(async () => {
  s = await startScenario({
    timings: { buildPendingMs: PHASE_MS, buildRunningMs: 2 * PHASE_MS, syncPendingMs: PHASE_MS, syncRunningMs: 2 * PHASE_MS, scanMs: PHASE_MS },
    instances: [
      { namespaces: [{ name: 'prod', repositories: [{ name: 'api', tags: [{ tag: 'v1' }] }] }, { name: 'old', repositories: [{ name: 'legacy' }] }] },
      { instanceName: 'dr', regionId: 'cn-shanghai' },
      { instanceName: 'new', status: 'PENDING' },
      { instanceName: 'broken', status: 'INIT_ERROR' },
    ],
  });
  repoId = (await s.client.getRepository({ InstanceId: I1, RepoNamespaceName: 'prod', RepoName: 'api' })).RepoId as string;
});
afterAll(() => s?.stop());

/** Polls every `intervalMs` of the server's clock, moving it instead of waiting. */
function onServerClock(intervalMs: number, timeoutMs = 10 * PHASE_MS): WaitOptions {
  return { intervalMs, timeoutMs, sleep: (ms) => s.advance(ms), clock: () => s.server.clock.now() };
}

async function waiterError(promise: Promise<unknown>): Promise<WaiterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WaiterError);
  return error as WaiterError;
}

describe('waitUntilInstanceRunning', () => {
  it('resolves at the first poll for a running instance, with the response', async () => {
    const result = await s.client.waitUntilInstanceRunning({ InstanceId: I1 }, onServerClock(PHASE_MS));
    expect(result).toMatchObject({ waiter: 'InstanceRunning', state: 'RUNNING', attempts: 1, response: { InstanceId: I1, InstanceStatus: 'RUNNING' } });
  });

  it('fails at once on a failure state, naming the waiter and the state', async () => {
    const error = await waiterError(s.client.waitUntilInstanceRunning({ InstanceId: BROKEN_INSTANCE }, onServerClock(PHASE_MS)));
    expect(error).toMatchObject({ waiter: 'InstanceRunning', reason: 'failure', lastState: 'INIT_ERROR', attempts: 1, action: 'GetInstance' });
    expect(error.message).toMatch(/^GetInstance: waiter InstanceRunning reached the failure state INIT_ERROR after \d+ ms \(1 poll\)$/);
  });

  it('gives up after timeoutMs with the last state seen and the time spent', async () => {
    const error = await waiterError(s.client.waitUntilInstanceRunning({ InstanceId: PENDING_INSTANCE }, onServerClock(PHASE_MS, 2 * PHASE_MS)));
    expect(error).toMatchObject({ waiter: 'InstanceRunning', reason: 'timeout', lastState: 'PENDING', attempts: 3 });
    expect(error.elapsedMs).toBeGreaterThanOrEqual(2 * PHASE_MS);
    expect(error.message).toMatch(/waiter InstanceRunning timed out after \d+ ms \(3 polls\); last state: PENDING/);
  });

  it('stops with an AbortError when the signal fires, between polls or before the first', async () => {
    const controller = new AbortController();
    let polls = 0;
    const waiting = s.client.waitUntilInstanceRunning(
      { InstanceId: PENDING_INSTANCE },
      { signal: controller.signal, call: { onResponse: () => polls++ }, sleep: async () => controller.abort(new Error('deploy cancelled')) },
    );
    await expect(waiting).rejects.toBeInstanceOf(AbortError);
    expect(polls).toBe(1);
    await expect(s.client.waitUntilInstanceRunning({ InstanceId: I1 }, { signal: AbortSignal.abort(), call: { onResponse: () => polls++ } })).rejects.toBeInstanceOf(AbortError);
    expect(polls).toBe(1);
  });

  it('refuses bad options, naming them', async () => {
    await expect(s.client.waitUntilInstanceRunning({ InstanceId: I1 }, { intervalMs: -1 })).rejects.toThrow(/intervalMs must be a positive number of milliseconds/);
    await expect(s.client.waitUntilInstanceRunning({ InstanceId: I1 }, { interval: 5 } as WaitOptions)).rejects.toThrow(ConfigError);
    await expect(s.client.waitUntilInstanceRunning({ InstanceId: I1 }, { call: { signal: AbortSignal.abort() } } as WaitOptions)).rejects.toThrow(/give signal to the waiter/);
  });
});

describe('waitUntilRepoBuildFinished', () => {
  it('polls through PENDING and BUILDING to the build’s success (any case)', async () => {
    const { BuildRuleId } = await s.client.createRepoBuildRule({
      InstanceId: I1, RepoId: repoId, DockerfileLocation: '/', DockerfileName: 'Dockerfile', ImageTag: 'nightly', PushName: 'main', PushType: 'GIT_BRANCH',
    });
    const { BuildRecordId } = await s.client.createBuildRecordByRule({ InstanceId: I1, RepoId: repoId, BuildRuleId: BuildRuleId as string });
    const states: string[] = [];
    const result = await s.client.waitUntilRepoBuildFinished(
      { InstanceId: I1, RepoId: repoId, BuildRecordId: BuildRecordId as string },
      { ...onServerClock(PHASE_MS / 2), call: { onResponse: () => states.push('poll') } },
    );
    expect(result.state.toUpperCase()).toBe('SUCCESS');
    expect(result.attempts).toBeGreaterThanOrEqual(5);
    expect(states).toHaveLength(result.attempts);

    const other = await s.client.createBuildRecordByRule({ InstanceId: I1, RepoId: repoId, BuildRuleId: BuildRuleId as string });
    await s.client.cancelRepoBuildRecord({ InstanceId: I1, RepoId: repoId, BuildRecordId: other.BuildRecordId as string });
    const error = await waiterError(s.client.waitUntilRepoBuildFinished({ InstanceId: I1, RepoId: repoId, BuildRecordId: other.BuildRecordId as string }, onServerClock(PHASE_MS)));
    expect(error).toMatchObject({ waiter: 'RepoBuildFinished', reason: 'failure', lastState: 'CANCELED' });
  });
});

describe('waitUntilRepoSyncTaskFinished', () => {
  it('waits for a synchronization task to succeed', async () => {
    const { SyncRuleId } = await s.client.createRepoSyncRule({
      InstanceId: I1, NamespaceName: 'prod', RepoName: 'api', SyncRuleName: 'to-dr', SyncScope: 'REPO', SyncTrigger: 'PASSIVE', TagFilter: '.*',
      TargetInstanceId: I2, TargetNamespaceName: 'prod', TargetRegionId: 'cn-shanghai', TargetRepoName: 'api',
    });
    const { SyncTaskId } = await s.client.createRepoSyncTaskByRule({ InstanceId: I1, RepoId: repoId, SyncRuleId: SyncRuleId as string, Tag: 'v1' });
    const result = await s.client.waitUntilRepoSyncTaskFinished({ InstanceId: I1, SyncTaskId: SyncTaskId as string }, onServerClock(PHASE_MS / 2));
    expect(result).toMatchObject({ waiter: 'RepoSyncTaskFinished', state: 'SUCCESS', response: { SyncTaskId, TaskStatus: 'SUCCESS' } });
    expect(result.attempts).toBeGreaterThan(1);
  });
});

describe('waitUntilRepoTagScanComplete', () => {
  it('waits for a scan to complete', async () => {
    await s.client.createRepoTagScanTask({ InstanceId: I1, RepoId: repoId, Tag: 'v1' });
    const result = await s.client.waitUntilRepoTagScanComplete({ InstanceId: I1, RepoId: repoId, Tag: 'v1' }, onServerClock(PHASE_MS / 3));
    expect(result).toMatchObject({ waiter: 'RepoTagScanComplete', state: 'COMPLETE' });
    expect(result.attempts).toBeGreaterThan(1);
  });
});

describe('the "gone" waiters', () => {
  it('waitUntilRepositoryDeleted times out while the repository exists, and ends on REPO_NOT_EXIST once deleted', async () => {
    const legacy = (await s.client.getRepository({ InstanceId: I1, RepoNamespaceName: 'old', RepoName: 'legacy' })).RepoId as string;
    const request = { InstanceId: I1, RepoNamespaceName: 'old', RepoName: 'legacy' };
    const error = await waiterError(s.client.waitUntilRepositoryDeleted(request, onServerClock(PHASE_MS, PHASE_MS)));
    expect(error).toMatchObject({ waiter: 'RepositoryDeleted', reason: 'timeout', lastState: 'exists', attempts: 2 });
    await s.client.deleteRepository({ InstanceId: I1, RepoId: legacy });
    const result = await s.client.waitUntilRepositoryDeleted(request, onServerClock(PHASE_MS));
    expect(result).toEqual({ waiter: 'RepositoryDeleted', state: 'REPO_NOT_EXIST', attempts: 1, elapsedMs: expect.any(Number) });
  });

  it('waitUntilNamespaceDeleted ends on NAMESPACE_NOT_EXIST; another error ends the wait as it is', async () => {
    await s.client.deleteNamespace({ InstanceId: I1, NamespaceName: 'old' });
    expect(await s.client.waitUntilNamespaceDeleted({ InstanceId: I1, NamespaceName: 'old' }, onServerClock(PHASE_MS))).toMatchObject({ state: 'NAMESPACE_NOT_EXIST', attempts: 1 });
    const other = await s.client.waitUntilNamespaceDeleted({ InstanceId: 'cri-unknown000000', NamespaceName: 'old' }, onServerClock(PHASE_MS)).catch((e: unknown) => e);
    expect(other).toBeInstanceOf(ServiceError);
    expect(other).toMatchObject({ code: 'INSTANCE_NOT_EXIST' });
  });
});
