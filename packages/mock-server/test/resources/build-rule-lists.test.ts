// Build rules' BuildArgs and Platforms (CURATION.md M-65): sent by the client as repeatList pairs,
// kept by the mock server, listed back by ListRepoBuildRule; an update replaces a list it sends and
// keeps one it leaves out. A user of @alicloud/pop-core, who writes the pairs (`BuildArgs.1`) by
// hand, gets the same answers as this client's user.
import RPCClient from '@alicloud/pop-core';
import { AcrClient } from '@acr-ee/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';

const CREDENTIALS = { accessKeyId: 'LTAIbuildListsKey', accessKeySecret: 'build-lists-secret' };
const INSTANCE = 'cri-mock0000000001';
let server: MockServer;
let client: AcrClient;

beforeAll(async () => {
  server = await startMockServer({ host: '127.0.0.1', port: 0, ...CREDENTIALS, verifySignature: true, seed: { instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api' }] }] }] } });
  client = new AcrClient({ ...CREDENTIALS, regionId: 'cn-hangzhou', endpoint: server.url, retry: false });
});

afterAll(async () => {
  client?.close();
  await server?.close();
});

it('keeps, lists and replaces a build rule’s build arguments and platforms', async () => {
  const { RepoId } = await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: 'api' });
  const repo = { InstanceId: INSTANCE, RepoId: String(RepoId) };
  const listed = async () => (await client.listRepoBuildRule(repo)).BuildRules?.map((r) => [r.BuildArgs, r.Platforms]);
  const { BuildRuleId } = await client.createRepoBuildRule({
    ...repo, ImageTag: 'v1', PushName: 'main', PushType: 'GIT_BRANCH', BuildArgs: ['A=1', 'B=two words'], Platforms: ['linux/amd64'],
  });
  expect(await listed()).toEqual([[['A=1', 'B=two words'], ['linux/amd64']]]);
  await client.updateRepoBuildRule({ ...repo, BuildRuleId: String(BuildRuleId), Platforms: ['linux/amd64', 'linux/arm64'] });
  expect(await listed()).toEqual([[['A=1', 'B=two words'], ['linux/amd64', 'linux/arm64']]]);
  await client.createRepoBuildRule({ ...repo, ImageTag: 'v2', PushName: 'main', PushType: 'GIT_BRANCH' });
  expect(await listed()).toEqual([[['A=1', 'B=two words'], ['linux/amd64', 'linux/arm64']], [undefined, undefined]]);
  await expect(client.createRepoBuildRule({ ...repo, ImageTag: 'v3', PushName: 'main', PushType: 'GIT_BRANCH', Platforms: new Array(21).fill('linux/amd64') })).rejects.toThrow(/Platforms/);
});

it('reads the pairs a pop-core user writes by hand (BuildArgs.1, Platforms.2), as this client sends them', async () => {
  const { RepoId } = await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: 'api' });
  const repo = { InstanceId: INSTANCE, RepoId: String(RepoId) };
  const pop = new RPCClient({ ...CREDENTIALS, endpoint: server.url, apiVersion: '2018-12-01' });
  const rule = { ImageTag: 'pop', PushName: 'release', PushType: 'GIT_BRANCH' } as const;
  const created = (await pop.request('CreateRepoBuildRule', {
    RegionId: 'cn-hangzhou', ...repo, ...rule, 'BuildArgs.1': 'A=1', 'BuildArgs.2': 'B=two words', 'Platforms.1': 'linux/amd64', 'Platforms.2': 'linux/arm64',
  }, { method: 'POST' })) as { BuildRuleId: string };
  const ours = await client.createRepoBuildRule({ ...repo, ...rule, ImageTag: 'ours', BuildArgs: ['A=1', 'B=two words'], Platforms: ['linux/amd64', 'linux/arm64'] });
  const rules = (await client.listRepoBuildRule(repo)).BuildRules ?? [];
  const byId = (id: unknown) => rules.find((r) => String(r.BuildRuleId) === String(id));
  expect(byId(created.BuildRuleId)).toMatchObject({ BuildArgs: ['A=1', 'B=two words'], Platforms: ['linux/amd64', 'linux/arm64'] });
  expect([byId(created.BuildRuleId)?.BuildArgs, byId(created.BuildRuleId)?.Platforms]).toEqual([byId(ours.BuildRuleId)?.BuildArgs, byId(ours.BuildRuleId)?.Platforms]);
  // A pair that is not an element is refused, naming it, and changes nothing.
  await expect(pop.request('UpdateRepoBuildRule', { RegionId: 'cn-hangzhou', ...repo, BuildRuleId: created.BuildRuleId, 'Platforms.first': 'linux/arm64' }, { method: 'POST' })).rejects.toThrow(
    /Platforms\.first/,
  );
  expect((await client.listRepoBuildRule(repo)).BuildRules?.find((r) => String(r.BuildRuleId) === String(created.BuildRuleId))?.Platforms).toEqual(['linux/amd64', 'linux/arm64']);
});
