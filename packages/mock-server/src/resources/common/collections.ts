// Where the resource modules keep their state: one store collection per kind of resource, and its
// keys. Keys are chosen so that a prefix selects the children of a parent (`<RepoId>/` selects a
// repository's tags); names never contain `/` (names.ts refuses them). The shape of each
// collection's values (`InstanceRecord`, `TagRecord`, ...) is declared beside the module that owns
// it; their field names are the wire names where a field is returned as is, internal ones lower case.
import type { Store } from '../../store/store.js';
import type { ModuleName, RepoType } from '../../generated/index.js';

export type { ModuleName, RepoType };

export const COLLECTIONS = {
  instances: 'instances', // <InstanceId>
  endpoints: 'endpoints', // <InstanceId>/<ModuleName>
  namespaces: 'namespaces', // <InstanceId>/<NamespaceName>
  repositories: 'repositories', // <InstanceId>/<NamespaceName>/<RepoName>
  repositoryIds: 'repository-ids', // <RepoId> -> key in `repositories`
  tags: 'tags', // <RepoId>/<Tag>
  scans: 'scans', // <RepoId>/<Tag>: the latest scan of the tag
  scanTasks: 'scan-tasks', // <InstanceId>/<ScanTaskId>: every scan, kept after its tag goes
  scanFindings: 'scan-findings', // <digest, 64 hex>: what a scan of that image finds (the seed's)
  buildRules: 'build-rules', // <RepoId>/<BuildRuleId>
  buildRecords: 'build-records', // <InstanceId>/<BuildRecordId>
  triggers: 'triggers', // <RepoId>/<TriggerId>
  syncRules: 'sync-rules', // <InstanceId>/<SyncRuleId>
  syncTasks: 'sync-tasks', // <InstanceId>/<SyncTaskId>
  chartNamespaces: 'chart-namespaces', // <InstanceId>/<NamespaceName>
  chartRepositories: 'chart-repositories', // <InstanceId>/<NamespaceName>/<RepoName>
  chartReleases: 'chart-releases', // <InstanceId>/<NamespaceName>/<RepoName>/<Chart>/<Release>
  credentials: 'credentials', // <InstanceId>: the login password's hash
  logins: 'logins', // <InstanceId>/<SHA-256 of the token, hex>: GetAuthorizationToken's temporary logins until they expire
  unsettledBuilds: 'unsettled-builds', // <RepoId>/<BuildRecordId>: builds whose image is not pushed yet
  resourceTags: 'resource-tags', // <InstanceId>: the instance's tags (resource-tags.ts)
  resourceGroups: 'resource-groups', // <InstanceId>: the instance's resource group
  scanRules: 'scan-rules', // <InstanceId>/<ScanRuleId> (scan-rules.ts)
  lifecycleRules: 'lifecycle-rules', // <InstanceId>/<RuleId>: tag retention rules
  sourceCodeRepos: 'source-code-repos', // <RepoId>: the source code repository builds read from
  eventRules: 'event-rules', // <InstanceId>/<RuleId>: event notification rules (from the seed)
  artifactBuildRules: 'artifact-build-rules', // <RepoId>/<ArtifactType>: the repository's accelerated image rule
  artifactBuildTasks: 'artifact-build-tasks', // <InstanceId>/<BuildTaskId>: every artifact build task, kept after its repository goes
  unsettledArtifactBuilds: 'unsettled-artifact-builds', // <RepoId>/<BuildTaskId>: tasks whose accelerated image is not pushed yet
  chains: 'chains', // <InstanceId>/<ChainId>: delivery chains (chains.ts)
  chainRuns: 'chain-runs', // <InstanceId>/<ChainInstanceId>: their runs, kept after the chain goes
  storageRoutingRules: 'storage-routing-rules', // <InstanceId>: the instance's one storage domain routing rule
  retentionRuns: 'retention-runs', // <RepoId>/<RuleId>: the time of the rule's last run applied to the repository
  subscriptionRules: 'subscription-rules', // <InstanceId>/<RuleId>: artifact subscription rules
  subscriptionTasks: 'subscription-tasks', // <InstanceId>/<TaskId>: artifact subscription tasks (history: they stay)
  unsettledImports: 'unsettled-imports', // <RepoId>/<TaskId>: subscription tasks with tags not imported yet
  upstreamImages: 'upstream-images', // <SourceProvider>/<namespace>/<repository>: a source repository's images (the seed's)
} as const;

export const key = (...parts: readonly string[]): string => parts.join('/');
export const prefix = (...parts: readonly string[]): string => parts.join('/') + '/';

/** What code that changes state outside a request (the seed, deferred effects) needs of a context. */
export interface StateContext {
  readonly store: Store;
  readonly now: number;
}

