// Build rules' BuildArgs and Platforms (CURATION.md M-65): sent by the client as repeatList pairs,
// kept by the mock server, listed back by ListRepoBuildRule; an update replaces a list it sends and
// keeps one it leaves out.
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
