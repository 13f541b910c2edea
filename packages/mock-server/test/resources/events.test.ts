// Event notification (the vendor's API metadata, CURATION.md M-80 to M-82): rules from the seed
// record the completed builds, scans and synchronizations of the images they cover, on the clock.
import { describe, expect, it } from 'vitest';
import { Harness, type Params } from './harness.js';

const I1 = 'cri-mock0000000001';
const I2 = 'cri-mock0000000002';

type Call = (action: Parameters<Harness['call']>[0], params?: Params) => Record<string, unknown>;

function setup(): { h: Harness; call: Call; repoId: string; rules: Record<string, string> } {
  const h = new Harness({
    timings: { scanMs: 1_000, buildPendingMs: 1_000, buildRunningMs: 1_000, syncPendingMs: 1_000, syncRunningMs: 1_000 },
    instances: [
      {
        namespaces: [
          { name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1' }, { tag: 'dev' }] }] },
          { name: 'other', repositories: [{ name: 'db', tags: [{ tag: 'v1' }] }] },
        ],
        eventRules: [
          { name: 'scans', eventType: 'cr:Artifact:ScanCompleted', tagFilter: 'v.*' },
          { name: 'api-builds', eventType: 'cr:Artifact:BuildCompleted', scope: 'REPO', namespaces: ['team'], repoNames: ['api'], notifyMethod: 'http' },
          { name: 'team-syncs', eventType: 'cr:Artifact:SynchronizationCompleted', scope: 'NAMESPACE', namespaces: ['team'], channel: 'EVENT_BRIDGE' },
        ],
      },
      { regionId: 'cn-hangzhou', instanceName: 'replica' },
    ],
  });
  const call: Call = (action, params = {}) => h.call(action, { InstanceId: I1, ...params });
  const repoId = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId);
  const names = call('ListEventCenterRuleName').RuleNames as { RuleId: string; RuleName: string }[];
  return { h, call, repoId, rules: Object.fromEntries(names.map((r) => [r.RuleName, r.RuleId])) };
}

describe('event notification', () => {
  it('lists the seeded rules by name in creation order', () => {
    const { call, rules } = setup();
    expect(call('ListEventCenterRuleName').RuleNames).toEqual([
      { RuleId: rules.scans, RuleName: 'scans' }, { RuleId: rules['api-builds'], RuleName: 'api-builds' }, { RuleId: rules['team-syncs'], RuleName: 'team-syncs' },
    ]);
    expect(rules.scans).toMatch(/^crecr-[0-9a-z]{16}$/);
  });

  it('records a scan when it completes, for the tags the rule filter takes', () => {
    const { h, call, repoId, rules } = setup();
    const dbId = String(call('GetRepository', { RepoNamespaceName: 'other', RepoName: 'db' }).RepoId);
    call('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'v1' });
    call('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'dev' });
    const started = h.now;
    expect(call('ListEventCenterRecord')).toMatchObject({ TotalCount: 0, Records: [] });
    h.advance(1_000);
    call('CreateRepoTagScanTask', { RepoId: dbId, Tag: 'v1' });
    const first = call('ListEventCenterRecord');
    expect(first).toMatchObject({ TotalCount: 1, PageNo: 1, PageSize: 30 });
    const [record] = first.Records as Record<string, unknown>[];
    expect(record).toMatchObject({
      RuleId: rules.scans, RuleName: 'scans', InstanceId: I1, Namespace: 'team', RepoName: 'api', Tag: 'v1',
      EventType: 'cr:Artifact:ScanCompleted', EventChannel: 'EVENT_BRIDGE', EventNotifyMethod: 'https',
      CreateTime: started + 1_000, UpdateTime: started + 1_000,
    });
    expect(record.RecordId).toMatch(/^crecrr-[0-9a-z]{16}$/);
    h.advance(1_000);
    const both = call('ListEventCenterRecord').Records as Record<string, unknown>[];
    expect(both.map((r) => `${r.Namespace}/${r.RepoName}:${r.Tag}`)).toEqual(['other/db:v1', 'team/api:v1']);
    // The same record, read again, is the same.
    expect(both[1]).toEqual(record);
    expect(call('ListEventCenterRecord', { RepoNamespaceName: 'other' }).TotalCount).toBe(1);
    expect(call('ListEventCenterRecord', { RepoName: 'api', EventType: 'cr:Artifact:ScanCompleted' }).TotalCount).toBe(1);
    expect(call('ListEventCenterRecord', { EventType: 'cr:Artifact:BuildCompleted' }).TotalCount).toBe(0);
    expect(call('ListEventCenterRecord', { PageNo: 2, PageSize: 1 }).Records).toMatchObject([{ Namespace: 'team' }]);
  });

  it('records a build when it succeeds and a synchronization when it succeeds, in the rules’ scopes', () => {
    const { h, call, repoId, rules } = setup();
    const buildRuleId = String(call('CreateRepoBuildRule', {
      RepoId: repoId, DockerfileLocation: '/', DockerfileName: 'Dockerfile', ImageTag: 'built', PushName: 'main', PushType: 'GIT_BRANCH',
    }).BuildRuleId);
    call('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: buildRuleId });
    const canceled = String(call('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: buildRuleId }).BuildRecordId);
    call('CancelRepoBuildRecord', { RepoId: repoId, BuildRecordId: canceled });
    call('CreateRepoSyncTask', { RepoId: repoId, Tag: 'v1', TargetRegionId: 'cn-hangzhou', TargetInstanceId: I2, TargetNamespace: 'team', TargetRepoName: 'api', TargetTag: 'v1' });
    h.advance(1_999);
    expect(call('ListEventCenterRecord').TotalCount).toBe(0);
    h.advance(1);
    const records = call('ListEventCenterRecord').Records as Record<string, unknown>[];
    expect(records.map((r) => [r.RuleId, r.EventType, r.Tag, r.EventNotifyMethod])).toEqual(expect.arrayContaining([
      [rules['api-builds'], 'cr:Artifact:BuildCompleted', 'built', 'http'],
      [rules['team-syncs'], 'cr:Artifact:SynchronizationCompleted', 'v1', 'https'],
    ]));
    expect(records).toHaveLength(2);
    expect(call('ListEventCenterRecord', { RuleId: rules['team-syncs'] }).TotalCount).toBe(1);
  });

  it('deletes a rule, whose events are no longer listed, by instance or by region', () => {
    const { h, call, repoId, rules } = setup();
    call('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'v1' });
    h.advance(1_000);
    expect(call('ListEventCenterRecord').TotalCount).toBe(1);
    expect(h.call('DeleteEventCenterRule', { RuleId: rules.scans })).toMatchObject({ Code: 'success' });
    expect(call('ListEventCenterRecord').TotalCount).toBe(0);
    call('DeleteEventCenterRule', { RuleId: rules['api-builds'] });
    expect((call('ListEventCenterRuleName').RuleNames as unknown[]).length).toBe(1);
    expect(h.fail('DeleteEventCenterRule', { RuleId: rules.scans }).code).toBe('EVENT_RULE_NOT_EXIST');
    expect(h.fail('DeleteEventCenterRule', { InstanceId: I2, RuleId: rules['team-syncs'] }).code).toBe('EVENT_RULE_NOT_EXIST');
    expect(h.fail('DeleteEventCenterRule', { InstanceId: I1 }).code).toBe('InvalidParameter');
    expect(h.fail('ListEventCenterRecord', { InstanceId: 'cri-none' }).code).toBe('INSTANCE_NOT_EXIST');
  });

  it('updates a rule: the new selection records what happens from then on, what was recorded stays', () => {
    const { h, call, repoId, rules } = setup();
    call('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'v1' });
    h.advance(1_000); // the scan completes: recorded by `scans`
    const scannedAt = h.now;
    h.advance(500);
    const updatedAt = h.now;
    expect(call('UpdateEventCenterRule', {
      RuleId: rules.scans, RuleName: 'api-dev-scans', EventScope: 'REPO', Namespaces: ['team'], RepoNames: ['api'], RepoTagFilterPattern: 'dev',
      EventConfig: '{"notifyMethod":"dingding","notifyConfig":{"Url":"https://oapi.dingtalk.com/robot/send"}}',
    })).toMatchObject({ Code: 200, RuleId: rules.scans });
    call('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'v1' }); // v1 is no longer taken
    call('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'dev' });
    h.advance(1_000);
    const records = call('ListEventCenterRecord', { RuleId: rules.scans }).Records as Record<string, unknown>[];
    expect(records.map((r) => [r.Tag, r.CreateTime, r.RuleName, r.EventNotifyMethod])).toEqual([
      ['dev', updatedAt + 1_000, 'api-dev-scans', 'dingding'],
      ['v1', scannedAt, 'api-dev-scans', 'dingding'],
    ]);
    // A change of type: the rule records builds from now on, and keeps the scans it recorded.
    h.advance(1);
    call('UpdateEventCenterRule', { RuleId: rules.scans, EventType: 'cr:Artifact:BuildCompleted', EventScope: 'INSTANCE' });
    call('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'dev' });
    h.advance(1_000);
    expect(call('ListEventCenterRecord', { RuleId: rules.scans }).TotalCount).toBe(2);
    expect(call('ListEventCenterRuleName').RuleNames).toContainEqual({ RuleId: rules.scans, RuleName: 'api-dev-scans' });
  });

  it('refuses an update the rule cannot take, and changes nothing', () => {
    const { h, call, rules } = setup();
    const fail = (params: Params) => h.fail('UpdateEventCenterRule', { InstanceId: I1, RuleId: rules.scans, ...params });
    expect(fail({ EventScope: 'REPO', Namespaces: ['team'] })).toMatchObject({ code: 'InvalidParameter', message: expect.stringContaining('RepoNames') });
    expect(fail({ EventScope: 'NAMESPACE' }).message).toContain('Namespaces');
    expect(fail({ RepoTagFilterPattern: '(' }).message).toContain('RepoTagFilterPattern');
    expect(fail({ EventConfig: 'not json' }).message).toContain('EventConfig');
    expect(fail({ EventConfig: '{"notifyMethod":"pigeon"}' }).message).toContain('notifyMethod');
    expect(fail({ RuleId: 'crecr-none' }).code).toBe('EVENT_RULE_NOT_EXIST');
    expect(call('ListEventCenterRuleName').RuleNames).toContainEqual({ RuleId: rules.scans, RuleName: 'scans' });
  });

  it('records the end of a delivery chain run', () => {
    const h = new Harness({
      timings: { scanMs: 1_000 },
      instances: [{
        namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1' }] }] }],
        eventRules: [{ name: 'chains', eventType: 'cr:Artifact:DeliveryChainCompleted' }],
      }],
    });
    h.call('CreateChain', { InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'api', Name: 'ship' });
    h.call('CreateRepoTag', { InstanceId: I1, NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: 'v2' });
    expect(h.call('ListEventCenterRecord', { InstanceId: I1 }).TotalCount).toBe(0);
    h.advance(1_000);
    expect(h.call('ListEventCenterRecord', { InstanceId: I1 }).Records).toMatchObject([
      { EventType: 'cr:Artifact:DeliveryChainCompleted', Namespace: 'team', RepoName: 'api', Tag: 'v2', CreateTime: h.now },
    ]);
  });

  it('refuses a seed rule of an unknown type or without the names its scope needs', () => {
    expect(() => new Harness({ instances: [{ eventRules: [{ name: 'x', eventType: 'cr:Artifact:Pushed' as never }] }] })).toThrow(/eventType/);
    expect(() => new Harness({ instances: [{ eventRules: [{ name: 'x', eventType: 'cr:Artifact:ScanCompleted', scope: 'REPO', namespaces: ['team'] }] }] })).toThrow(/repoNames/);
  });
});
