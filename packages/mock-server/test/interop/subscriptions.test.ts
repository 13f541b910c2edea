// Artifact subscription over HTTP, with signature verification on. Two servers with the same seed
// run the same scenario on their clocks: one driven by @alicloud/pop-core 1.8.0 sending the
// pre-flattened wire pairs (`Platform.1`, `Platform.2`, as its users write them), the other by this
// repository's client taking natural values (`Platform: ['linux/amd64']`). The same requests give
// the same IDs, so every answer must be the same but its RequestId and its times (the two servers'
// clocks are the host's, read a few milliseconds apart; the in-process tests pin the times). Then the imported tags as
// ListRepoTag shows them and the registry serves them (a pull: manifest, config and layer), and the
// server's reading of the wire (an error naming `Platform.2`).
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import RPCClient from '@alicloud/pop-core';
import type { AcrClient } from '@acr-ee/client';
import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { clientCall, expectSameAnswers, recording, serversWith, type Body, type Call, type Side } from '../support/parity.js';

const CREDENTIALS = { accessKeyId: 'LTAIsubscriptionKey', accessKeySecret: 'subscription-secret' };
const REGION_ID = 'cn-hangzhou';
const INSTANCE = 'cri-mock0000000001';
const SEED = {
  upstreamImages: { 'QUAY/prometheus/node-exporter': [{ tag: 'v1.6.1' }, { tag: 'v1.7.0', platforms: ['linux/amd64', 'linux/arm64'] }, { tag: 'master' }] },
  instances: [{ namespaces: [{ name: 'mirror', repositories: [{ name: 'nginx', tags: [{ tag: '2.1.0' }] }] }] }],
};

const SIDE: Side = { credentials: CREDENTIALS, regionId: REGION_ID, defaults: { InstanceId: INSTANCE } };
const server = serversWith(SIDE, SEED);

/** The scenario: two rules, a task of each on the clock, every read; the answers without RequestId and times. */
async function scenario(call: Call, target: MockServer): Promise<Body[]> {
  const { run, answers } = recording(call);
  const hub = String((await run('CreateArtifactSubscriptionRule', {
    SourceProvider: 'DOCKER_HUB', SourceRepoName: 'nginx', NamespaceName: 'mirror', RepoName: 'nginx', TagRegexp: '2\\..*|latest', TagCount: 3, Platform: ['linux/arm64', 'linux/amd64'],
  })).RuleId);
  const quay = String((await run('CreateArtifactSubscriptionRule', {
    SourceProvider: 'QUAY', SourceNamespaceName: 'prometheus', SourceRepoName: 'node-exporter', NamespaceName: 'mirror', RepoName: 'node-exporter',
    TagRegexp: 'v.*', TagCount: 5, Platform: ['linux/arm64'], Override: true,
  })).RuleId);
  await run('UpdateArtifactSubscriptionRule', { RuleId: hub, Override: 'false', Platform: ['linux/amd64'] });
  await run('GetArtifactSubscriptionRule', { RuleId: hub });
  await run('ListArtifactSubscriptionRule', { PageNo: 1, PageSize: 10 });
  const first = String((await run('CreateArtifactSubscriptionTask', { RuleId: hub })).TaskId);
  // A clock step apart: two tasks made in the same millisecond on one server and not on the other
  // would list in another order (newest first).
  target.clock.advance(10);
  const second = String((await run('CreateArtifactSubscriptionTask', { RuleId: quay })).TaskId);
  for (const step of [1_000, 2_000, 4_000]) {
    target.clock.advance(step);
    await run('GetArtifactSubscriptionTask', { TaskId: first });
    await run('GetArtifactSubscriptionTaskResult', { TaskId: first });
    await run('GetArtifactSubscriptionTaskResult', { TaskId: second, PageNo: 1, PageSize: 1 });
    await run('ListArtifactSubscriptionTask', {});
  }
  await run('DeleteArtifactSubscriptionRule', { RuleId: quay });
  await run('ListArtifactSubscriptionRule', {});
  return answers;
}

describe('a pop-core user sending Platform.1 and a user of this client', () => {
  it.each(['GET', 'POST'] as const)('get the same answers from the mock server (pop-core %s)', async (method) => {
    const { ours, ourServer, client } = await expectSameAnswers(SIDE, server, method, scenario);
    try {
      // The first task imported 2.1.0 (skipped: mirror/nginx has it, no Override) and latest, 2.0.0.
      const results = ours.filter((a) => a.action === 'GetArtifactSubscriptionTaskResult').at(-2) as { TaskResults: { Tag: string; Result: string }[] };
      expect(results.TaskResults.map((r) => [r.Tag, r.Result])).toEqual([['latest', 'SUCCESS'], ['2.1.0', 'SKIPPED'], ['2.0.0', 'SUCCESS']]);
      const repo = await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'mirror', RepoName: 'node-exporter' });
      const tags = await client.listRepoTag({ InstanceId: INSTANCE, RepoId: String(repo.RepoId) });
      // Only v1.7.0 has an arm64 image; master does not match.
      expect(tags.Images?.map((i) => i.Tag)).toEqual(['v1.7.0']);
      await expectPullable(ourServer, client, 'mirror/node-exporter', 'v1.7.0', String(tags.Images?.[0]?.Digest), 'QUAY/prometheus/node-exporter:v1.7.0\nlinux/arm64');
    } finally {
      client.close();
    }
  });
});

/** Pulls `name:tag` as `docker pull` does (token, manifest, blobs) and checks what it gets. */
async function expectPullable(target: MockServer, client: AcrClient, name: string, tag: string, digest: string, origin: string): Promise<void> {
  const login = await client.getAuthorizationToken({ InstanceId: INSTANCE });
  const basic = Buffer.from(`${login.TempUsername}:${login.AuthorizationToken}`).toString('base64');
  const service = encodeURIComponent(`registry.aliyuncs.com:${REGION_ID}:${INSTANCE}`);
  const auth = await fetch(`${target.url}/auth?service=${service}&scope=${encodeURIComponent(`repository:${name}:pull`)}`, { headers: { authorization: `Basic ${basic}` } });
  const headers = { authorization: `Bearer ${((await auth.json()) as { token: string }).token}` };
  const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
  const get = async (path: string): Promise<Buffer> => {
    const response = await fetch(`${target.url}/v2/${name}/${path}`, { headers: { ...headers, accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
    expect(response.status, path).toBe(200);
    return Buffer.from(await response.arrayBuffer());
  };
  const manifestBytes = await get(`manifests/${tag}`);
  expect(sha256(manifestBytes)).toBe(`sha256:${digest}`);
  const manifest = JSON.parse(manifestBytes.toString('utf8')) as { config: { digest: string; size: number }; layers: { digest: string; size: number }[] };
  const config = await get(`blobs/${manifest.config.digest}`);
  expect([sha256(config), config.length]).toEqual([manifest.config.digest, manifest.config.size]);
  expect(JSON.parse(config.toString('utf8'))).toMatchObject({ architecture: 'arm64', os: 'linux' });
  const layer = await get(`blobs/${manifest.layers[0].digest}`);
  expect([sha256(layer), layer.length]).toEqual([manifest.layers[0].digest, manifest.layers[0].size]);
  expect(gunzipSync(layer).toString('latin1')).toContain(origin);
}

describe('the mock server', () => {
  it('ends the task waiter when the task completes, with the answer that says how it ended', async () => {
    const target = await server();
    const { client } = clientCall(SIDE, target);
    try {
      const { RuleId } = await client.createArtifactSubscriptionRule({
        InstanceId: INSTANCE, SourceProvider: 'DOCKER_HUB', SourceRepoName: 'redis', NamespaceName: 'mirror', RepoName: 'redis', TagRegexp: '.*', TagCount: 4, Platform: ['linux/amd64'],
      });
      const { TaskId } = await client.createArtifactSubscriptionTask({ InstanceId: INSTANCE, RuleId: String(RuleId) });
      const sleep = async (ms: number): Promise<void> => target.clock.advance(ms);
      const waited = await client.waitUntilArtifactSubscriptionTaskFinished({ InstanceId: INSTANCE, TaskId: String(TaskId) }, { intervalMs: 1_000, sleep, clock: () => target.clock.now() });
      // PENDING 1 s, then four tags of 2 s each: polled every second until 9 s have passed (the
      // server's clock also runs with the host's, so a slow host may see it end a poll earlier).
      expect(waited.state).toBe('COMPLETED');
      expect(waited.attempts).toBeGreaterThanOrEqual(9);
      expect(waited.attempts).toBeLessThanOrEqual(10);
      expect(waited.response).toMatchObject({ TaskStatus: 'COMPLETED', TaskResult: 'SUCCESS', TagSubscriptionCount: 4, TagTotalCount: 6 });
    } finally {
      client.close();
    }
  });

  it('reads Platform.N back element by element, naming the wrong one', async () => {
    const target = await server();
    const pop = new RPCClient({ ...CREDENTIALS, endpoint: target.url, apiVersion: '2018-12-01' });
    const base = { RegionId: REGION_ID, InstanceId: INSTANCE, SourceProvider: 'DOCKER_HUB', SourceRepoName: 'nginx', NamespaceName: 'mirror', RepoName: 'nginx', TagRegexp: '.*', TagCount: '1' };
    const refused = async (extra: Record<string, string>): Promise<{ code?: string; message: string }> => {
      try {
        await pop.request('CreateArtifactSubscriptionRule', { ...base, ...extra }, { method: 'POST' });
      } catch (error) {
        return error as { code?: string; message: string };
      }
      throw new Error('the call succeeded, but it should have failed');
    };
    expect((await refused({ 'Platform.1': 'linux/amd64', 'Platform.2': 'amd64' })).message).toContain('Platform.2');
    expect((await refused({ 'Platform.1': 'linux/amd64', 'Platform.2': '' })).message).toContain('"Platform.2" is not valid');
    expect((await refused({})).message).toContain('Platform');
    expect((await refused({ 'Platform.1': 'linux/amd64', SourceProvider: 'GHCR' })).code).toContain('InvalidParameter');
    const created = await pop.request<{ RuleId: string }>('CreateArtifactSubscriptionRule', { ...base, 'Platform.1': 'linux/amd64', 'Platform.3': 'linux/arm64' }, { method: 'POST' });
    const got = await pop.request<{ Platform: string[] }>('GetArtifactSubscriptionRule', { RegionId: REGION_ID, InstanceId: INSTANCE, RuleId: created.RuleId }, { method: 'GET' });
    expect(got.Platform).toEqual(['linux/amd64', 'linux/arm64']);
  });
});
