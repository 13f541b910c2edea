// One scenario that makes every operation of the API succeed at least once, each call building on
// the state earlier calls created (a namespace before its repositories, a build rule before its
// records, time moved on so builds and syncs finish). It knows nothing of how calls are made: the
// in-process response test drives the handlers with it, and the contract test (test/contract in
// the repository root) drives the running server through the client and `prism proxy`.
import { operations, type OperationName } from '../../src/runtime/api.js';
import type { RequestValue } from '../../src/resources/context.js';

export type Params = Record<string, RequestValue | undefined>;

/** How the scenario reaches the server: one call (its whole response body), the server's clock, and its artifact build tasks (newest first), which no operation lists. */
export interface Driver {
  call(action: OperationName, params: Params): Promise<Record<string, unknown>>;
  advance(ms: number): Promise<void>;
  artifactBuildTasks(): Promise<readonly { readonly BuildTaskId: string; readonly Tag: string }[]>;
}

/** The digest of the seed's image `team/api:v1`, whose scan finds what `scanFindings` says. */
export const V1_DIGEST = 'sha256:1f0c7e3a5b9d2c4e6f8a0b1c3d5e7f9a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e';

/** The state the scenario starts from: one image and one chart repository, and a second instance to sync to. */
export const SEED = {
  timings: {
    buildPendingMs: 1_000, buildRunningMs: 2_000, syncPendingMs: 1_000, syncRunningMs: 2_000, vpcLinkCreatingMs: 1_000, scanMs: 1_000,
    artifactBuildPendingMs: 1_000, artifactBuildRunningMs: 2_000,
  },
  scanFindings: {
    [V1_DIGEST]: {
      vulnerabilities: [
        { CveName: 'CVE-2023-0286', Severity: 'High' as const, Feature: 'openssl', FixCmd: 'apt-get install --only-upgrade openssl' },
        { CveName: 'CVE-2022-48303', Severity: 'Low' as const, Feature: 'tar' },
        { CveName: 'CVE-2021-23337', Severity: 'Medium' as const, ScanType: 'sca' as const, Feature: 'lodash', CveLocation: '/app/node_modules/lodash/package.json' },
      ],
      baselines: [{ BaselineNameKey: 'ak_leak', BaselineNameLevel: 'high' }],
      maliciousFiles: [{ FilePath: 'var/www/html/shell.php', MaliciousMd5: 'e76c9759783cbbc9be0ff91ca3a1b2c4' }],
    },
  },
  instances: [
    {
      specification: 'Enterprise_Standard' as const, // accelerated images need Standard or Advanced
      namespaces: [{ name: 'team', repositories: [{ name: 'api', detail: 'the API', tags: [{ tag: 'v1', digest: V1_DIGEST, layers: [{ size: 100 }, { size: 200 }, { size: 300 }] }, { tag: 'v2' }] }] }],
      chartNamespaces: [{ name: 'charts', repositories: [{ name: 'app', releases: [{ chart: 'app', release: '0.1.0' }, { chart: 'app', release: '0.2.0', size: 4096 }] }] }],
      eventRules: [
        { name: 'scans', eventType: 'cr:Artifact:ScanCompleted' as const },
        { name: 'api-builds', eventType: 'cr:Artifact:BuildCompleted' as const, scope: 'REPO' as const, namespaces: ['team'], repoNames: ['api'] },
      ],
    },
    { instanceName: 'replica', regionId: 'cn-shanghai' },
  ],
};
export const INSTANCE = 'cri-mock0000000001';
const REPLICA = 'cri-mock0000000002';

/** Runs the scenario; every call of an operation that takes an InstanceId is made on INSTANCE. */
export async function exerciseEveryOperation(driver: Driver): Promise<void> {
  const run = (action: OperationName, params: Params = {}) => {
    const onInstance = operations[action].params.some((p) => p.name === 'InstanceId');
    return driver.call(action, onInstance ? { InstanceId: INSTANCE, ...params } : params);
  };
  const advance = (ms: number) => driver.advance(ms);

  // Instances
  await run('GetInstance');
  await run('GetInstanceUsage');
  await run('GetInstanceCount');
  await run('ListInstanceRegion');
  await run('ListInstanceRegion', { Lang: 'zh-CN' });
  await run('ListInstance', { PageNo: 1, PageSize: 10 });

  // Endpoints and their access control
  await run('CreateInstanceEndpointAclPolicy', { EndpointType: 'internet', Entry: '192.168.1.0/24', Comment: 'office' });
  await run('CreateInstanceEndpointAclPolicy', { EndpointType: 'internet', Entry: '10.0.0.1', ModuleName: 'Chart' });
  await run('GetInstanceEndpoint', { EndpointType: 'internet' });
  await run('CreateInstanceVpcEndpointLinkedVpc', { VpcId: 'vpc-a', VswitchId: 'vsw-a', EnableCreateDNSRecordInPvzt: true });
  await run('GetInstanceVpcEndpoint');
  await advance(1_000);
  await run('GetInstanceVpcEndpoint');
  await run('GetInstanceEndpoint', { EndpointType: 'vpc' });
  await run('ListInstanceEndpoint');
  await run('ListInstanceEndpoint', { ModuleName: 'Chart', Summary: true });
  await run('UpdateInstanceEndpointStatus', { EndpointType: 'internet', Enable: false });
  await run('GetInstanceEndpoint', { EndpointType: 'internet' });
  await run('DeleteInstanceEndpointAclPolicy', { EndpointType: 'internet', Entry: '192.168.1.0/24' });
  await run('DeleteInstanceVpcEndpointLinkedVpc', { VpcId: 'vpc-a', VswitchId: 'vsw-a' });

  // Namespaces and repositories
  await run('CreateNamespace', { NamespaceName: 'ns2', AutoCreateRepo: false, DefaultRepoType: 'PUBLIC' });
  await run('GetNamespace', { NamespaceName: 'ns2' });
  await run('ListNamespace', { NamespaceStatus: 'NORMAL' });
  await run('UpdateNamespace', { NamespaceName: 'ns2', AutoCreateRepo: true, DefaultRepoConfiguration: { RepoType: 'PUBLIC', TagImmutability: true } });
  const created = String((await run('CreateRepository', { RepoNamespaceName: 'ns2', RepoName: 'repo1', RepoType: 'PRIVATE', Summary: 's', Detail: 'd' })).RepoId);
  await run('GetRepository', { RepoId: created });
  await run('ListRepository', { RepoStatus: 'ALL' });
  await run('UpdateRepository', { RepoId: created, RepoType: 'PUBLIC', Summary: 'new' });
  const repoId = String((await run('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' })).RepoId);

  // Images
  await run('ListRepoTag', { RepoId: repoId });
  await run('GetRepoTagLayers', { RepoId: repoId, Tag: 'v1', Digest: V1_DIGEST });
  await run('GetRepoTagManifest', { RepoId: repoId, Tag: 'v1' });
  await run('GetRepoTagManifest', { RepoId: repoId, Tag: 'v1', SchemaVersion: 1 });
  await run('GetRepoTag', { RepoId: repoId, Tag: 'v1' });
  await run('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: 'v1-copy' });
  await run('GetRepoTag', { RepoId: repoId, Tag: 'v1-copy' });

  // Image security: a scan runs (scanMs), then its findings can be read, by tag or by task
  await run('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'v1' });
  await run('GetRepoTagScanStatus', { RepoId: repoId, Tag: 'v1' });
  await run('GetRepoTagScanSummary', { RepoId: repoId, Tag: 'v1' });
  await advance(1_000);
  const scanned = { RepoId: repoId, Tag: 'v1' };
  await run('GetRepoTagScanStatus', { ...scanned, ScanType: 'cve' });
  await run('GetRepoTagScanSummary', { ...scanned, Digest: V1_DIGEST });
  await run('ListRepoTagScanResult', { ...scanned, PageNo: 1, PageSize: 10 });
  await run('ListRepoTagScanResult', { ...scanned, Severity: 'High', ScanType: 'cve', VulQueryKey: 'CVE-2023' });
  await run('ListRepoTagScanResult', { ...scanned, FilterValue: 'FixCmd' });
  await run('ListScanBaselineByTask', { ...scanned, Level: 'high' });
  await run('ListScanMaliciousFileByTask', { ...scanned, PageNo: 1, PageSize: 10 });
  await run('DeleteRepoTag', { RepoId: repoId, Tag: 'v2' });

  // Scan rules (Namespaces and RepoNames: one JSON string each on the wire)
  const scanRuleId = String((await run('CreateScanRule', {
    RuleName: 'release', ScanScope: 'REPO', TriggerType: 'AUTO', Namespaces: ['team'], RepoNames: ['api'], RepoTagFilterPattern: 'v.*', ScanType: 'VUL',
  })).ScanRuleId);
  await run('GetScanRule', { ScanRuleId: scanRuleId });
  await run('UpdateScanRule', { ScanRuleId: scanRuleId, RuleName: 'release', ScanScope: 'NAMESPACE', TriggerType: 'MANUAL', Namespaces: ['team'], RepoTagFilterPattern: 'v[0-9]+' });
  await run('ListScanRule', { PageNo: 1, PageSize: 10 });
  await run('ListScanRule', { ScanType: 'VUL' });
  await run('DeleteScanRule', { ScanRuleId: scanRuleId });

  // Builds
  const rule = { RepoId: repoId, DockerfileLocation: '/', DockerfileName: 'Dockerfile', ImageTag: 'built', PushName: 'main', PushType: 'GIT_BRANCH' };
  const buildRuleId = String((await run('CreateRepoBuildRule', rule)).BuildRuleId);
  await run('UpdateRepoBuildRule', { RepoId: repoId, BuildRuleId: buildRuleId, DockerfileName: 'Dockerfile.prod' });
  await run('ListRepoBuildRule', { RepoId: repoId });
  // Build arguments and platforms (repeatList on the wire), listed back.
  await run('UpdateRepoBuildRule', { RepoId: repoId, BuildRuleId: buildRuleId, BuildArgs: ['VERSION=1', 'MODE=prod'], Platforms: ['linux/amd64', 'linux/arm64'] });
  await run('ListRepoBuildRule', { RepoId: repoId });
  const buildRecordId = String((await run('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: buildRuleId })).BuildRecordId);
  await run('GetRepoBuildRecordStatus', { RepoId: repoId, BuildRecordId: buildRecordId });
  await run('GetRepoBuildRecord', { BuildRecordId: buildRecordId });
  const second = String((await run('CreateBuildRecordByRule', { RepoId: repoId, BuildRuleId: buildRuleId })).BuildRecordId);
  await run('CancelRepoBuildRecord', { RepoId: repoId, BuildRecordId: second });
  await run('ListRepoBuildRecord', { RepoId: repoId });
  await advance(3_000);
  await run('GetRepoBuildRecord', { BuildRecordId: buildRecordId });
  await run('ListRepoBuildRecord', { RepoId: repoId });
  await run('ListRepoTag', { RepoId: repoId });
  await run('ListRepoBuildRecordLog', { BuildRecordId: buildRecordId });
  await run('ListRepoBuildRecordLog', { RepoId: repoId, BuildRecordId: buildRecordId, Offset: 5 });
  await run('CreateBuildRecordByRecord', { RepoId: repoId, BuildRecordId: buildRecordId });
  await run('CreateRepoSourceCodeRepo', { RepoId: repoId, CodeRepoType: 'GITHUB', CodeRepoNamespaceName: 'acme', CodeRepoName: 'api-server', AutoBuild: true });
  await run('UpdateRepoSourceCodeRepo', { RepoId: repoId, CodeRepoType: 'GITHUB', CodeRepoNamespaceName: 'acme', CodeRepoName: 'api', DisableCacheBuild: 'true' });
  await run('GetRepoSourceCodeRepo', { RepoId: repoId });
  await run('DeleteRepoBuildRule', { RepoId: repoId, BuildRuleId: buildRuleId });

  // Sync
  const syncRuleId = String((await run('CreateRepoSyncRule', {
    NamespaceName: 'team', RepoName: 'api', SyncRuleName: 'to-replica', SyncScope: 'REPO', SyncTrigger: 'PASSIVE', TagFilter: 'v.*',
    TargetInstanceId: REPLICA, TargetNamespaceName: 'team', TargetRegionId: 'cn-shanghai', TargetRepoName: 'api',
  })).SyncRuleId);
  await run('CreateRepoSyncRule', {
    NamespaceName: 'team', SyncRuleName: 'all', SyncScope: 'NAMESPACE', SyncTrigger: 'INITIATIVE', TagFilter: '.*',
    TargetInstanceId: REPLICA, TargetNamespaceName: 'mirror', TargetRegionId: 'cn-shanghai',
  });
  await run('ListRepoSyncRule');
  const syncTaskId = String((await run('CreateRepoSyncTaskByRule', { RepoId: repoId, SyncRuleId: syncRuleId, Tag: 'v1' })).SyncTaskId);
  await run('GetRepoSyncTask', { SyncTaskId: syncTaskId });
  await advance(1_500);
  await run('GetRepoSyncTask', { SyncTaskId: syncTaskId });
  await run('ListRepoSyncTask');
  await advance(2_000);
  await run('GetRepoSyncTask', { SyncTaskId: syncTaskId });
  await run('ListRepoSyncTask', { SyncRecordId: syncRuleId });
  await run('DeleteRepoSyncRule', { SyncRuleId: syncRuleId });
  const manual = { RepoId: repoId, Tag: 'v1', TargetRegionId: 'cn-shanghai', TargetInstanceId: REPLICA, TargetNamespace: 'team', TargetRepoName: 'api', TargetTag: 'v1' };
  const manualTaskId = String((await run('CreateRepoSyncTask', { ...manual, Override: true })).SyncTaskId);
  await run('CancelRepoSyncTask', { SyncTaskId: manualTaskId });
  await run('GetRepoSyncTask', { SyncTaskId: manualTaskId });

  // Tag retention: a rule that runs at once keeps the v* tags and the most recent other, an
  // automatic one runs a week later
  const retentionId = String((await run('CreateArtifactLifecycleRule', {
    Scope: 'REPO', NamespaceName: 'team', RepoName: 'api', TagRegexp: 'v.*', RetentionTagCount: 1, EnableDeleteTag: true,
  })).RuleId);
  await run('ListRepoTag', { RepoId: repoId });
  await run('UpdateArtifactLifecycleRule', { RuleId: retentionId, Auto: true, ScheduleTime: 'WEEK' });
  await run('GetArtifactLifecycleRule', { RuleId: retentionId });
  await run('CreateArtifactLifecycleRule', { NamespaceName: 'team', RetentionTagCount: 30 });
  await run('ListArtifactLifecycleRule', { PageNo: 1, PageSize: 10 });
  await run('ListArtifactLifecycleRule', { EnableDeleteTag: true });
  await run('DeleteArtifactLifecycleRule', { RuleId: retentionId });

  // Delivery chains: a gate on team/api runs for a copied tag; the scan finds v1's High CVE and blocks it
  const gate = {
    Nodes: [
      { NodeName: 'DOCKER_IMAGE_PUSH', Enable: true },
      { NodeName: 'VULNERABILITY_SCANNING', Enable: true, NodeConfig: { Timeout: 900, Retry: 1, ScanEngine: 'ACR_SCAN_SERVICE', DenyPolicy: { Logic: 'AND', IssueLevel: 'HIGH', IssueCount: '1', Action: 'BLOCK' } } },
      { NodeName: 'ACTIVATE_REPLICATION', Enable: true },
    ],
    Routers: [
      { From: { NodeName: 'DOCKER_IMAGE_PUSH' }, To: { NodeName: 'VULNERABILITY_SCANNING' } },
      { From: { NodeName: 'VULNERABILITY_SCANNING' }, To: { NodeName: 'ACTIVATE_REPLICATION' } },
    ],
  };
  const chainId = String((await run('CreateChain', { RepoNamespaceName: 'team', RepoName: 'api', Name: 'gate', Description: 'blocks High CVEs', ChainConfig: gate })).ChainId);
  const teamChainId = String((await run('CreateChain', { RepoNamespaceName: 'team', Name: 'team-wide', ScopeExclude: ['legacy'] })).ChainId);
  await run('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: 'v1-gated' });
  await run('ListChainInstance', { RepoNamespaceName: 'team', RepoName: 'api' });
  await advance(1_000);
  await run('ListChainInstance', { PageNo: 1, PageSize: 10 });
  await run('GetChain', { ChainId: chainId });
  await run('ListChain', { PageNo: 1, PageSize: 10 });
  await run('ListChain', { RepoNamespaceName: 'team', RepoName: 'api' });
  await run('UpdateChain', { ChainId: chainId, Name: 'gate-2', Description: 'scan only', ChainConfig: { Nodes: [{ NodeName: 'VULNERABILITY_SCANNING', Enable: true }] } });
  await run('UpdateChain', { ChainId: teamChainId, Name: 'team-wide', ChainConfig: gate, ScopeExclude: ['legacy', 'old'] });
  await run('DeleteChain', { ChainId: teamChainId });

  // Event notification: the seeded rules recorded the scan and the build above
  const eventRules = (await run('ListEventCenterRuleName')).RuleNames as { RuleId: string }[];
  await run('ListEventCenterRecord', { PageNo: 1, PageSize: 10 });
  await run('ListEventCenterRecord', { EventType: 'cr:Artifact:BuildCompleted', RepoNamespaceName: 'team', RepoName: 'api' });
  await run('ListEventCenterRecord', { RuleId: eventRules[0].RuleId });
  await run('UpdateEventCenterRule', {
    RuleId: eventRules[0].RuleId, RuleName: 'api-scans', EventType: 'cr:Artifact:ScanCompleted', EventScope: 'REPO', Namespaces: ['team'], RepoNames: ['api'],
    RepoTagFilterPattern: 'v.*', EventChannel: 'EVENT_BRIDGE', EventConfig: '{"notifyMethod":"https","notifyConfig":{"Url":"https://hooks.example.com/acr"}}',
  });
  await run('UpdateEventCenterRule', { RuleId: eventRules[1].RuleId, EventType: 'cr:Artifact:DeliveryChainCompleted' });
  await run('DeleteEventCenterRule', { RuleId: eventRules[1].RuleId });

  // Artifact subscription: a rule imports the two most recent 2.x tags of the default catalogue
  // into team/nginx (Platform: repeatList on the wire), a task runs it on the clock
  const subscriptionId = String((await run('CreateArtifactSubscriptionRule', {
    SourceProvider: 'DOCKER_HUB', SourceRepoName: 'nginx', NamespaceName: 'team', RepoName: 'nginx', TagRegexp: '2\\..*', TagCount: 2, Platform: ['linux/amd64'],
  })).RuleId);
  await run('UpdateArtifactSubscriptionRule', { RuleId: subscriptionId, Override: 'true', Platform: ['linux/arm64', 'linux/amd64'] });
  await run('GetArtifactSubscriptionRule', { RuleId: subscriptionId });
  await run('ListArtifactSubscriptionRule', { PageNo: 1, PageSize: 10 });
  const subscriptionTaskId = String((await run('CreateArtifactSubscriptionTask', { RuleId: subscriptionId })).TaskId);
  await run('GetArtifactSubscriptionTask', { TaskId: subscriptionTaskId });
  await advance(3_000);
  await run('GetArtifactSubscriptionTaskResult', { TaskId: subscriptionTaskId });
  await advance(2_000);
  await run('GetArtifactSubscriptionTask', { TaskId: subscriptionTaskId });
  await run('ListArtifactSubscriptionTask', { PageNo: 1, PageSize: 10 });
  await run('GetArtifactSubscriptionTaskResult', { TaskId: subscriptionTaskId, PageNo: 1, PageSize: 10 });
  await run('DeleteArtifactSubscriptionRule', { RuleId: subscriptionId });

  // Triggers
  const triggerId = String((await run('CreateRepoTrigger', { RepoId: repoId, TriggerName: 'hook', TriggerTag: 'latest', TriggerType: 'ALL', TriggerUrl: 'https://example.com/hook' })).TriggerId);
  await run('UpdateRepoTrigger', { RepoId: repoId, TriggerId: triggerId, TriggerName: 'hook2', TriggerType: 'TAG_LIST', TriggerTag: 'v1,v2' });
  await run('ListRepoTrigger', { RepoId: repoId });
  await run('DeleteRepoTrigger', { RepoId: repoId, TriggerId: triggerId });

  // Charts
  await run('CreateChartNamespace', { NamespaceName: 'helm', DefaultRepoType: 'PUBLIC' });
  await run('GetChartNamespace', { NamespaceName: 'helm' });
  await run('ListChartNamespace');
  await run('UpdateChartNamespace', { NamespaceName: 'helm', AutoCreateRepo: false });
  await run('CreateChartRepository', { RepoNamespaceName: 'helm', RepoName: 'stable', RepoType: 'PRIVATE', Summary: 'charts' });
  await run('GetChartRepository', { RepoNamespaceName: 'helm', RepoName: 'stable' });
  await run('ListChartRepository', { RepoStatus: 'ALL' });
  await run('UpdateChartRepository', { RepoNamespaceName: 'helm', RepoName: 'stable', RepoType: 'PUBLIC' });
  await run('ListChartRelease', { RepoNamespaceName: 'charts', RepoName: 'app', Chart: 'ap' });
  await run('DeleteChartRelease', { RepoNamespaceName: 'charts', RepoName: 'app', Chart: 'app', Release: '0.1.0' });
  await run('DeleteChartRepository', { RepoNamespaceName: 'helm', RepoName: 'stable' });
  await run('DeleteChartNamespace', { NamespaceName: 'helm' });

  // Resource tags and groups (array parameters: repeatList on the wire)
  const tagged = { ResourceType: 'Instance', ResourceId: [INSTANCE] };
  await run('TagResources', { ...tagged, Tag: [{ Key: 'team', Value: 'payments' }, { Key: 'env', Value: 'prod' }] });
  await run('ListTagResources', tagged);
  await run('ListTagResources', { ResourceType: 'Instance', Tag: [{ Key: 'env' }, { Key: 'team', Value: 'payments' }] });
  await run('UntagResources', { ...tagged, TagKey: ['env'] });
  await run('UntagResources', { ...tagged, All: true });
  await run('ChangeResourceGroup', { ResourceId: INSTANCE, ResourceRegionId: 'cn-hangzhou', ResourceGroupId: 'rg-aekz5nlvlaksnvi' });

  // Artifact building: a rule on the repository, a push (a tag copy) that starts a task, its log,
  // the accelerated image it pushes; a second push's task cancelled
  const artifactRuleId = String((await run('CreateArtifactBuildRule', { ScopeType: 'REPOSITORY', ScopeId: repoId, ArtifactType: 'ACCELERATED_IMAGE', Parameters: { ImageIndexOnly: true } })).BuildRuleId);
  await run('GetArtifactBuildRule', { BuildRuleId: artifactRuleId });
  await run('GetArtifactBuildRule', { ScopeType: 'REPOSITORY', ScopeId: repoId });
  await run('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: 'fast' });
  const [built] = await driver.artifactBuildTasks();
  await run('GetArtifactBuildTask', { BuildTaskId: built.BuildTaskId });
  await advance(3_000);
  await run('GetArtifactBuildTask', { BuildTaskId: built.BuildTaskId });
  await run('ListArtifactBuildTaskLog', { BuildTaskId: built.BuildTaskId, Page: 1, PageSize: 5 });
  await run('ListRepoTag', { RepoId: repoId });
  await run('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: 'fast2' });
  const [canceled] = await driver.artifactBuildTasks();
  await run('CancelArtifactBuildTask', { BuildTaskId: canceled.BuildTaskId });
  await run('ListArtifactBuildTaskLog', { BuildTaskId: canceled.BuildTaskId, Page: 1, PageSize: 100 });

  // Storage domain routing: one rule per instance, routing the instance's own domains
  const vpcDomain = String(((await run('GetInstanceEndpoint', { EndpointType: 'vpc', ModuleName: 'Registry' })).Domains as { Domain: string }[])[0].Domain);
  const storage = 'https://cri-mock0000000001-registry.oss-cn-hangzhou-internal.aliyuncs.com';
  const routingRuleId = String((await run('CreateStorageDomainRoutingRule', { Routes: [{ InstanceDomain: vpcDomain, StorageDomain: storage, EndpointType: 'VPC' }] })).RuleId);
  await run('UpdateStorageDomainRoutingRule', { RuleId: routingRuleId, Routes: [{ InstanceDomain: vpcDomain, StorageDomain: storage, EndpointType: 'Internet' }] });
  await run('GetStorageDomainRoutingRule');
  await run('GetStorageDomainRoutingRule', { RuleId: routingRuleId });
  await run('DeleteStorageDomainRoutingRule', { RuleId: routingRuleId });

  // Credentials, then the deletes
  await run('GetAuthorizationToken');
  await run('ResetLoginPassword', { Password: 'Secret-123' });
  await run('DeleteRepository', { RepoId: created });
  await run('DeleteNamespace', { NamespaceName: 'ns2' });
}
