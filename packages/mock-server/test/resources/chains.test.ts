// Delivery chains (the vendor's API metadata, CURATION.md M-100 to M-106): kept per instance,
// scoped to a repository or a namespace, and run on the clock for every image stored in a
// repository they cover: scan (blocking on the DenyPolicy), replication (sync tasks), timeouts.
import { describe, expect, it } from 'vitest';
import { Harness, type Params } from './harness.js';

const I1 = 'cri-mock0000000001';
const I2 = 'cri-mock0000000002';
const VULNERABLE = `sha256:${'a'.repeat(64)}`;
const MEDIUM_ONLY = `sha256:${'b'.repeat(64)}`;

function setup() {
  const h = new Harness({
    timings: { scanMs: 5_000, syncPendingMs: 1_000, syncRunningMs: 2_000 },
    scanFindings: {
      [VULNERABLE]: { vulnerabilities: [{ CveName: 'CVE-2023-0286', Severity: 'High' }, { CveName: 'CVE-2022-1', Severity: 'Low' }] },
      [MEDIUM_ONLY]: { vulnerabilities: [{ CveName: 'CVE-2021-7', Severity: 'Medium' }], maliciousFiles: [{ FilePath: 'srv/x.php', MaliciousName: 'webshell' }] },
    },
    instances: [
      {
        namespaces: [
          {
            name: 'team',
            repositories: [
              { name: 'api', tags: [{ tag: 'clean' }, { tag: 'bad', digest: VULNERABLE }, { tag: 'medium', digest: MEDIUM_ONLY }] },
              { name: 'web', tags: [{ tag: 'v1' }] },
              { name: 'legacy', tags: [{ tag: 'v1' }] },
            ],
          },
          { name: 'other', repositories: [{ name: 'db', tags: [{ tag: 'v1' }] }] },
        ],
      },
      { instanceName: 'replica' },
    ],
  });
  const call = (action: Parameters<Harness['call']>[0], params: Params = {}) => h.call(action, { InstanceId: I1, ...params });
  const fail = (action: Parameters<Harness['call']>[0], params: Params = {}) => h.fail(action, { InstanceId: I1, ...params });
  const repoId = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId);
  /** Copies `from` to `to` in team/<repo>: a push the chains see. */
  const push = (from: string, to: string, repo = 'api') => call('CreateRepoTag', { NamespaceName: 'team', RepoName: repo, FromTag: from, ToTag: to });
  const runs = (params: Params = {}) => call('ListChainInstance', params).ChainInstances as Record<string, unknown>[];
  return { h, call, fail, repoId, push, runs };
}

const gate = (deny: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  Nodes: [
    { NodeName: 'DOCKER_IMAGE_PUSH', Enable: true },
    { NodeName: 'VULNERABILITY_SCANNING', Enable: true, NodeConfig: { DenyPolicy: deny, ...extra } },
  ],
  Routers: [{ From: { NodeName: 'DOCKER_IMAGE_PUSH' }, To: { NodeName: 'VULNERABILITY_SCANNING' } }],
});

describe('delivery chains', () => {
  it('creates a chain of a repository with the default nodes, gets, lists, updates and deletes it', () => {
    const { h, call, fail, repoId } = setup();
    const ChainId = String(call('CreateChain', { RepoNamespaceName: 'team', RepoName: 'api', Name: 'release', Description: 'gate' }).ChainId);
    expect(ChainId).toMatch(/^chi-[0-9a-z]{16}$/);
    const got = call('GetChain', { ChainId });
    expect(got).toMatchObject({
      ChainId, Name: 'release', Description: 'gate', InstanceId: I1, ScopeType: 'REPOSITORY', ScopeId: repoId, ScopeExclude: [],
      CreateTime: h.now, ModifiedTime: h.now,
      ChainConfig: { IsActive: true, Version: '1' },
    });
    const config = got.ChainConfig as { ChainConfigId: string; Nodes: { NodeName: string }[]; Routers: unknown[] };
    expect(config.ChainConfigId).toMatch(/^cci-[0-9a-z]{16}$/);
    expect(config.Nodes.map((n) => n.NodeName)).toEqual(['DOCKER_IMAGE_BUILD', 'DOCKER_IMAGE_PUSH', 'VULNERABILITY_SCANNING', 'ACTIVATE_REPLICATION', 'TRIGGER']);
    expect(config.Routers).toHaveLength(4);

    const ns = String(call('CreateChain', { RepoNamespaceName: 'team', Name: 'team-wide', ScopeExclude: ['legacy'] }).ChainId);
    expect(call('GetChain', { ChainId: ns })).toMatchObject({ ScopeType: 'NAMESPACE', ScopeId: expect.stringMatching(/^crn-/), ScopeExclude: ['legacy'] });
    expect((call('ListChain').Chains as { Name: string }[]).map((c) => c.Name)).toEqual(['release', 'team-wide']);
    expect(call('ListChain', { RepoName: 'legacy' }).TotalCount).toBe(0);
    expect(call('ListChain', { RepoName: 'web' }).TotalCount).toBe(1);
    expect(call('ListChain', { RepoNamespaceName: 'other' }).TotalCount).toBe(0);
    expect(call('ListChain', { PageNo: 2, PageSize: 1 })).toMatchObject({ TotalCount: 2, Chains: [{ Name: 'team-wide' }] });

    h.advance(1_000);
    call('UpdateChain', { ChainId, Name: 'release-2', ChainConfig: gate({ IssueLevel: 'HIGH' }) });
    expect(call('GetChain', { ChainId })).toMatchObject({ Name: 'release-2', Description: 'gate', ModifiedTime: h.now, ChainConfig: { Version: '2', ChainConfigId: config.ChainConfigId } });
    expect(fail('UpdateChain', { ChainId, Name: 'team-wide', ChainConfig: gate({}) }).code).toBe('CHAIN_ALREADY_EXIST');
    expect(fail('CreateChain', { RepoNamespaceName: 'team', Name: 'release-2' }).code).toBe('CHAIN_ALREADY_EXIST');

    call('DeleteChain', { ChainId });
    expect(fail('GetChain', { ChainId }).code).toBe('CHAIN_NOT_EXIST');
    expect(fail('DeleteChain', { ChainId }).code).toBe('CHAIN_NOT_EXIST');
    // A namespace's chains go with it.
    call('DeleteNamespace', { NamespaceName: 'team' });
    expect(call('ListChain').TotalCount).toBe(0);
  });

  it('refuses what it cannot run, and changes nothing', () => {
    const { fail, call } = setup();
    const bad = (params: Params) => fail('CreateChain', { RepoNamespaceName: 'team', RepoName: 'api', Name: 'c', ...params });
    expect(fail('CreateChain', { Name: 'c' })).toMatchObject({ code: 'InvalidParameter', message: expect.stringContaining('RepoNamespaceName') });
    expect(bad({ RepoNamespaceName: 'nope' }).code).toBe('NAMESPACE_NOT_EXIST');
    expect(bad({ RepoName: 'nope' }).code).toBe('REPO_NOT_EXIST');
    expect(bad({ ScopeExclude: ['web'] }).message).toContain('ScopeExclude');
    expect(bad({ ChainConfig: { Nodes: [{ NodeName: 'A' }], Routers: [{ From: { NodeName: 'A' }, To: { NodeName: 'B' } }] } }).message).toContain('ChainConfig.Routers[0].To.NodeName');
    const cycle = { Nodes: [{ NodeName: 'A' }, { NodeName: 'B' }], Routers: [{ From: { NodeName: 'A' }, To: { NodeName: 'B' } }, { From: { NodeName: 'B' }, To: { NodeName: 'A' } }] };
    expect(bad({ ChainConfig: cycle }).message).toContain('cycle');
    expect(bad({ ChainConfig: { Nodes: [{ NodeName: 'A' }, { NodeName: 'A' }] } }).message).toContain('ChainConfig.Nodes[1].NodeName');
    expect(bad({ ChainConfig: gate({ IssueLevel: 'SEVERE' }) }).message).toContain('ChainConfig.Nodes[1].NodeConfig.DenyPolicy.IssueLevel');
    expect(bad({ ChainConfig: gate({ IssueCount: 'ten' }) }).message).toContain('IssueCount');
    expect(bad({ ChainConfig: gate({}, { Timeout: 0 }) }).message).toContain('Timeout');
    expect(call('ListChain').TotalCount).toBe(0);
  });

  it('runs on every push it covers: the scan blocks an image with a finding of the configured severity', () => {
    const { h, call, push, runs } = setup();
    const ChainId = String(call('CreateChain', { RepoNamespaceName: 'team', RepoName: 'api', Name: 'gate', ChainConfig: gate({ IssueLevel: 'HIGH', Logic: 'AND', IssueCount: '1', Action: 'BLOCK' }) }).ChainId);
    const start = h.now;
    push('bad', 'release-bad');
    push('clean', 'release-clean');
    push('v1', 'copy', 'web'); // not covered
    expect(runs()).toHaveLength(2);
    expect(runs()[0]).toMatchObject({ RepoNamespaceName: 'team', RepoName: 'api', Status: 'RUNNING', StartTime: start, Chain: { ChainId, ChainName: 'gate', Version: 1 } });
    expect(runs()[0]).not.toHaveProperty('Result');
    expect(runs()[0]).not.toHaveProperty('EndTime');
    // The scan node started a scan of the pushed image with the scan engine.
    const repoId = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId);
    expect(call('GetRepoTagScanStatus', { RepoId: repoId, Tag: 'release-bad' })).toMatchObject({ Status: 'SCANNING', ScanService: 'ACR_SCAN_SERVICE' });
    h.advance(4_999);
    expect(runs().map((r) => r.Status)).toEqual(['RUNNING', 'RUNNING']);
    h.advance(1);
    const done = runs();
    expect(done.map((r) => [r.Status, r.Result, r.EndTime])).toEqual(expect.arrayContaining([
      ['COMPLETE', 'DENIED', start + 5_000],
      ['COMPLETE', 'SUCCESS', start + 5_000],
    ]));
    expect(runs()).toEqual(done); // reads are stable
    expect(call('ListChainInstance', { RepoName: 'web' }).TotalCount).toBe(0);
    expect(call('ListChainInstance', { RepoNamespaceName: 'team', RepoName: 'api', PageSize: 1, PageNo: 2 })).toMatchObject({ InstanceId: I1, TotalCount: 2, PageSize: 1 });
  });

  it('combines severity and count as Logic says, and blocks on listed CVEs and malicious files', () => {
    const cases: [Record<string, string>, string, string][] = [
      [{ IssueLevel: 'MEDIUM', Logic: 'AND', IssueCount: '2' }, 'bad', 'SUCCESS'], // one finding at MEDIUM or above
      [{ IssueLevel: 'LOW', Logic: 'AND', IssueCount: '2' }, 'bad', 'DENIED'],
      [{ IssueLevel: 'HIGH', Logic: 'OR', IssueCount: '1' }, 'medium', 'DENIED'], // one finding of any severity
      [{ IssueLevel: 'HIGH', Logic: 'OR' }, 'medium', 'SUCCESS'],
      [{ IssueList: 'CVE-2021-7' }, 'medium', 'DENIED'],
      [{ MaliciousList: 'webshell' }, 'medium', 'DENIED'],
      [{ MaliciousList: 'miner' }, 'medium', 'SUCCESS'],
      [{}, 'bad', 'SUCCESS'],
    ];
    for (const [deny, tag, result] of cases) {
      const { h, call, push, runs } = setup();
      call('CreateChain', { RepoNamespaceName: 'team', RepoName: 'api', Name: 'gate', ChainConfig: gate(deny) });
      push(tag, 'next');
      h.advance(5_000);
      expect([deny, runs()[0].Result]).toEqual([deny, result]);
    }
  });

  it('fails a node that outlasts its timeout, and runs a namespace-wide chain for every repository but those excluded', () => {
    const { h, call, push, runs } = setup();
    call('CreateChain', { RepoNamespaceName: 'team', Name: 'slow', ScopeExclude: ['legacy'], ChainConfig: gate({}, { Timeout: 2 }) });
    const start = h.now;
    push('clean', 'x');
    push('v1', 'x', 'web');
    push('v1', 'x', 'legacy');
    h.advance(2_000);
    expect(runs().map((r) => [r.RepoName, r.Status, r.Result, r.EndTime])).toEqual(expect.arrayContaining([
      ['api', 'COMPLETE', 'FAILED', start + 2_000],
      ['web', 'COMPLETE', 'FAILED', start + 2_000],
    ]));
    expect(runs()).toHaveLength(2);
  });

  it('replicates through the manual sync rules that cover the image once the scan passes, and fails when a task is canceled', () => {
    const { h, call, push, runs } = setup();
    call('CreateRepoSyncRule', {
      NamespaceName: 'team', RepoName: 'api', SyncRuleName: 'to-replica', SyncScope: 'REPO', SyncTrigger: 'INITIATIVE', TagFilter: '.*',
      TargetInstanceId: I2, TargetNamespaceName: 'mirror', TargetRegionId: 'cn-hangzhou', TargetRepoName: 'api',
    });
    call('CreateChain', { RepoNamespaceName: 'team', RepoName: 'api', Name: 'ship' }); // the default nodes
    const start = h.now;
    push('clean', 'r1');
    expect(call('ListRepoSyncTask').TotalCount).toBe(0); // the manual rule waits for the chain
    h.advance(5_000);
    const tasks = call('ListRepoSyncTask').SyncTasks as Record<string, unknown>[];
    expect(tasks).toMatchObject([{ TaskTrigger: 'PASSIVE', CreateTime: start + 5_000, ImageFrom: { ImageTag: 'r1' }, ImageTo: { InstanceId: I2, RepoNamespaceName: 'mirror' } }]);
    expect(runs()[0].Status).toBe('RUNNING');
    h.advance(3_000);
    expect(runs()[0]).toMatchObject({ Status: 'COMPLETE', Result: 'SUCCESS', EndTime: start + 8_000 });

    push('clean', 'r2');
    h.advance(5_500);
    const second = (call('ListRepoSyncTask', { Tag: 'r2' }).SyncTasks as { SyncTaskId: string }[])[0];
    call('CancelRepoSyncTask', { SyncTaskId: second.SyncTaskId });
    expect(runs()[0]).toMatchObject({ Status: 'COMPLETE', Result: 'FAILED', EndTime: h.now });
  });

  it('keeps the runs of a deleted chain, and an updated chain runs its new version', () => {
    const { h, call, push, runs } = setup();
    const ChainId = String(call('CreateChain', { RepoNamespaceName: 'team', RepoName: 'api', Name: 'gate', ChainConfig: gate({ IssueLevel: 'HIGH' }) }).ChainId);
    push('bad', 'a');
    call('UpdateChain', { ChainId, Name: 'gate', ChainConfig: gate({}) });
    push('bad', 'b');
    call('DeleteChain', { ChainId });
    push('bad', 'c');
    h.advance(5_000);
    expect(runs().map((r) => [(r.Chain as { Version: number }).Version, r.Result])).toEqual([[2, 'SUCCESS'], [1, 'DENIED']]);
  });
});
