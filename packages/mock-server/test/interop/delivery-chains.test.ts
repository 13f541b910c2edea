// Delivery chains and event rule updates over HTTP, with signature verification on. Two servers
// with the same seed run the same scenario on their clocks: one driven by @alicloud/pop-core 1.8.0
// sending the wire values as its users write them by hand (ChainConfig and Namespaces as JSON
// text, ScopeExclude as `ScopeExclude.1`, ...), the other by this repository's client taking
// natural values (`ChainConfig: { Nodes: [...] }`, `ScopeExclude: ['legacy']`). Every answer must
// be the same but its RequestId and its times (the servers' clocks are the host's, read a few
// milliseconds apart). Then the server's reading of a ChainConfig that is not the chain's shape.
import RPCClient from '@alicloud/pop-core';
import { describe, expect, it } from 'vitest';
import type { MockServer } from '../../src/index.js';
import { expectSameAnswers, recording, serversWith, type Body, type Call, type Side } from '../support/parity.js';

const CREDENTIALS = { accessKeyId: 'LTAIdeliveryChainKey', accessKeySecret: 'delivery-chain-secret' };
const REGION_ID = 'cn-hangzhou';
const INSTANCE = 'cri-mock0000000001';
const CRITICAL = `sha256:${'c'.repeat(64)}`;
const SEED = {
  timings: { scanMs: 2_000, syncPendingMs: 500, syncRunningMs: 1_000 },
  scanFindings: { [CRITICAL]: { vulnerabilities: [{ CveName: 'CVE-2024-3094', Severity: 'High' as const }] } },
  instances: [
    {
      namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'clean' }, { tag: 'xz', digest: CRITICAL }] }, { name: 'legacy', tags: [{ tag: 'v1' }] }] }],
      eventRules: [{ name: 'chains', eventType: 'cr:Artifact:DeliveryChainCompleted' as const }],
    },
    { instanceName: 'replica' },
  ],
};

const SIDE: Side = { credentials: CREDENTIALS, regionId: REGION_ID, defaults: { InstanceId: INSTANCE } };
const server = serversWith(SIDE, SEED);

const GATE = {
  Nodes: [
    { NodeName: 'DOCKER_IMAGE_PUSH', Enable: true },
    { NodeName: 'VULNERABILITY_SCANNING', Enable: true, NodeConfig: { Timeout: 60, ScanEngine: 'ACR_SCAN_SERVICE', DenyPolicy: { Logic: 'AND', IssueLevel: 'HIGH', IssueCount: '1', Action: 'BLOCK' } } },
    { NodeName: 'ACTIVATE_REPLICATION', Enable: true },
  ],
  Routers: [
    { From: { NodeName: 'DOCKER_IMAGE_PUSH' }, To: { NodeName: 'VULNERABILITY_SCANNING' } },
    { From: { NodeName: 'VULNERABILITY_SCANNING' }, To: { NodeName: 'ACTIVATE_REPLICATION' } },
  ],
};

/** The scenario: a gate on team/api and a namespace-wide chain, pushes, the clock, every read. */
async function scenario(call: Call, target: MockServer): Promise<Body[]> {
  const { run, answers } = recording(call);
  await run('CreateRepoSyncRule', {
    NamespaceName: 'team', RepoName: 'api', SyncRuleName: 'to-replica', SyncScope: 'REPO', SyncTrigger: 'INITIATIVE', TagFilter: '.*',
    TargetInstanceId: 'cri-mock0000000002', TargetNamespaceName: 'mirror', TargetRegionId: REGION_ID, TargetRepoName: 'api',
  });
  const gate = String((await run('CreateChain', { RepoNamespaceName: 'team', RepoName: 'api', Name: 'gate', ChainConfig: GATE })).ChainId);
  await run('CreateChain', { RepoNamespaceName: 'team', Name: 'team-wide', ScopeExclude: ['legacy', 'old'] });
  await run('GetChain', { ChainId: gate });
  await run('ListChain', { PageNo: 1, PageSize: 10 });
  const rules = (await run('ListEventCenterRuleName', {})).RuleNames as { RuleId: string }[];
  await run('UpdateEventCenterRule', { RuleId: rules[0].RuleId, EventScope: 'REPO', Namespaces: ['team'], RepoNames: ['api'], RepoTagFilterPattern: 'r.*' });
  // A push a clock step after the last: two pushes in the same millisecond on one server and not on
  // the other would order their events (CreateTime, then RecordId) differently.
  for (const [repo, from, to] of [['api', 'xz', 'r1'], ['api', 'clean', 'r2'], ['legacy', 'v1', 'v2']]) {
    target.clock.advance(10);
    await run('CreateRepoTag', { NamespaceName: 'team', RepoName: repo, FromTag: from, ToTag: to });
  }
  for (const step of [1_000, 1_500, 2_000]) {
    target.clock.advance(step);
    await run('ListChainInstance', { RepoNamespaceName: 'team' });
    await run('ListRepoSyncTask', {});
  }
  await run('ListEventCenterRecord', {});
  await run('UpdateChain', { ChainId: gate, Name: 'gate', ChainConfig: { Nodes: [{ NodeName: 'VULNERABILITY_SCANNING', Enable: false }] } });
  await run('GetChain', { ChainId: gate });
  await run('DeleteChain', { ChainId: gate });
  await run('ListChain', { RepoName: 'api' });
  return answers;
}

describe('a pop-core user sending ChainConfig as JSON text and a user of this client', () => {
  it.each(['GET', 'POST'] as const)('get the same answers from the mock server (pop-core %s)', async (method) => {
    const { ours, client } = await expectSameAnswers(SIDE, server, method, scenario);
    client.close();
    // The scenario saw what it set up: the gate blocked r1 (High CVE) and replicated r2.
    const runs = ours.filter((a) => a.action === 'ListChainInstance').at(-1)?.ChainInstances as Body[];
    expect(runs.map((r) => [r.RepoName, (r.Chain as Body).ChainName, r.Status, r.Result])).toEqual(expect.arrayContaining([
      ['api', 'gate', 'COMPLETE', 'DENIED'],
      ['api', 'gate', 'COMPLETE', 'SUCCESS'],
      ['api', 'team-wide', 'COMPLETE', 'SUCCESS'],
    ]));
    expect(runs).toHaveLength(4);
    expect(ours.find((a) => a.action === 'ListEventCenterRecord')).toMatchObject({ TotalCount: 4 });
  });
});

describe('the mock server', () => {
  it('reads ChainConfig as one JSON text, naming the element that is not the shape', async () => {
    const target = await server();
    const pop = new RPCClient({ ...CREDENTIALS, endpoint: target.url, apiVersion: '2018-12-01' });
    const refused = async (chainConfig: string) => {
      try {
        await pop.request('CreateChain', { RegionId: REGION_ID, InstanceId: INSTANCE, RepoNamespaceName: 'team', Name: 'c', ChainConfig: chainConfig }, { method: 'GET' });
      } catch (error) {
        return error as { code?: string; message: string };
      }
      throw new Error('the call succeeded, but it should have failed');
    };
    expect(await refused('{"Nodes":[{"NodeName":"A","NodeConfig":{"DenyPolicy":{"IssueCount":10}}}]}')).toMatchObject({
      code: 'InvalidParameter', message: expect.stringContaining('ChainConfig.Nodes[0].NodeConfig.DenyPolicy.IssueCount'),
    });
    expect((await refused('{"Nodes":[{"NodeName":"A","Title":"Image building"}]}')).message).toContain('ChainConfig.Nodes[0].Title');
    expect((await refused('chainconfig')).code).toBe('InvalidParameter');
    const { ChainId } = await pop.request<Body>('CreateChain', { RegionId: REGION_ID, InstanceId: INSTANCE, RepoNamespaceName: 'team', Name: 'ok', ChainConfig: JSON.stringify(GATE) }, { method: 'GET' });
    const got = await pop.request<Body>('GetChain', { RegionId: REGION_ID, InstanceId: INSTANCE, ChainId }, { method: 'GET' });
    expect((got.ChainConfig as Body).Nodes).toEqual(GATE.Nodes);
  });
});
