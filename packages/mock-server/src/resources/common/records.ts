// What the resource modules keep in the store: one collection per kind of resource, the shape of
// its values, and its keys. Keys are chosen so that a prefix selects the children of a parent
// (`<RepoId>/` selects a repository's tags); names never contain `/` (names.ts refuses them).
// Field names are the wire names where a field is returned as is; internal fields are lower case.
import type { Store } from '../../runtime/store.js';
import type {
  ChartRepoStatus,
  InstanceStatus,
  ModuleName,
  NamespaceStatus,
  PushType,
  RepoBuildType,
  RepoStatus,
  RepoType,
  SyncScope,
  SyncTrigger,
  TriggerRepoEvent,
  TriggerType,
} from '../../generated/index.js';

export type { ModuleName, RepoType };

export const C = {
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
  credentials: 'credentials', // <InstanceId>
  unsettledBuilds: 'unsettled-builds', // <RepoId>/<BuildRecordId>: builds whose image is not pushed yet
} as const;

export const key = (...parts: readonly string[]): string => parts.join('/');
export const prefix = (...parts: readonly string[]): string => parts.join('/') + '/';

/** What code that changes state outside a request (the seed, deferred effects) needs of a context. */
export interface StateContext {
  readonly store: Store;
  readonly now: number;
}


export interface InstanceRecord {
  InstanceId: string;
  InstanceName: string;
  InstanceSpecification: string;
  InstanceStatus: InstanceStatus;
  RegionId: string;
  CreateTime: number;
  ModifiedTime: number;
  namespaceQuota: number;
  repoQuota: number;
}

export interface AclEntryRecord {
  Entry: string;
  Comment?: string;
}

export interface LinkedVpcRecord {
  VpcId: string;
  VswitchId: string;
  createTime: number;
  creatingMs: number;
}

/** The endpoints of one module of an instance; absent until first changed (defaults apply). */
export interface EndpointRecord {
  internetEnabled: boolean;
  aclEntries: AclEntryRecord[];
  linkedVpcs: LinkedVpcRecord[];
}

export interface NamespaceRecord {
  InstanceId: string;
  NamespaceId: string;
  NamespaceName: string;
  NamespaceStatus: NamespaceStatus;
  AutoCreateRepo: boolean;
  DefaultRepoType: RepoType;
  createTime: number;
  modifiedTime: number;
}

export interface RepositoryRecord {
  InstanceId: string;
  RepoId: string;
  RepoNamespaceName: string;
  RepoName: string;
  RepoStatus: RepoStatus;
  RepoType: RepoType;
  RepoBuildType: RepoBuildType;
  Summary: string;
  Detail: string;
  CreateTime: number;
  ModifiedTime: number;
}

export interface BlobRecord {
  mediaType: string;
  digest: string; // sha256:<64 hex>
  size: number;
}

export interface LayerRecord extends BlobRecord {
  instruction: string;
  command: string;
}

export interface TagRecord {
  RepoId: string;
  Tag: string;
  Digest: string; // manifest digest, 64 hex without `sha256:` (as ListRepoTag returns it)
  ImageId: string; // config digest, 64 hex
  Status: string;
  ImageSize: number;
  ImageCreate: number;
  ImageUpdate: number;
  architecture: string;
  os: string;
  config: BlobRecord;
  layers: LayerRecord[];
}

export interface ScanRecord {
  RepoId: string;
  Tag: string;
  digest: string;
  createTime: number;
  scanMs: number;
  /** Absent on scans a store of an earlier version holds (they cannot be read by ID). */
  ScanTaskId?: string;
  InstanceId?: string;
}

/** What a scan of one image finds: the seed's `scanFindings` for its digest (nothing when absent). */
export interface ScanFindingsRecord {
  vulnerabilities: VulnerabilityFinding[];
  baselines: BaselineFinding[];
  maliciousFiles: MaliciousFileFinding[];
}

export interface VulnerabilityFinding {
  CveName: string;
  Severity: 'High' | 'Medium' | 'Low' | 'Unknown';
  ScanType: 'cve' | 'sca';
  Feature: string;
  Version: string;
  VersionFormat: string;
  VersionFixed: string;
  FixCmd: string;
  CveLocation: string;
  AddedBy: string;
  CveLink: string;
  Description: string;
  AliasName: string;
}

export interface BaselineFinding {
  BaselineNameKey: string;
  BaselineNameAlias: string;
  BaselineClassAlias: string;
  BaselineNameLevel: string;
  BaselineItemCount: number;
  HighRiskItemCount: number;
  MiddleRiskItemCount: number;
  LowRiskItemCount: number;
  BaselineDetailDescription: string;
  BaselineDetailPrompt: string;
  BaselineDetailAdvice: string;
}

export interface MaliciousFileFinding {
  FilePath: string;
  MaliciousName: string;
  MaliciousMd5: string;
  Level: string;
}

export interface BuildRuleRecord {
  RepoId: string;
  BuildRuleId: string;
  DockerfileLocation: string;
  DockerfileName: string;
  ImageTag: string;
  PushName: string;
  PushType: PushType;
  seq: number;
}

export interface BuildRecordRecord {
  InstanceId: string;
  BuildRecordId: string;
  RepoId: string;
  BuildRuleId: string;
  RepoNamespaceName: string;
  RepoName: string;
  ImageTag: string;
  startTime: number;
  pendingMs: number;
  runningMs: number;
  canceledAt?: number;
  /** Set once the built image has been pushed to the repository as a tag. */
  pushed?: boolean;
  seq: number;
}

export interface TriggerRecord {
  RepoId: string;
  TriggerId: string;
  TriggerName: string;
  TriggerUrl: string;
  TriggerType: TriggerType;
  TriggerTag: string;
  RepoEvent: TriggerRepoEvent;
  seq: number;
}

export interface SyncRuleRecord {
  SyncRuleId: string;
  SyncRuleName: string;
  LocalRegionId: string;
  LocalInstanceId: string;
  LocalNamespaceName: string;
  LocalRepositoryName?: string;
  TargetRegionId: string;
  TargetInstanceId: string;
  TargetNamespaceName: string;
  TargetRepositoryName?: string;
  TagFilter: string;
  SyncScope: SyncScope;
  SyncTrigger: SyncTrigger;
  SyncDirection: 'FROM';
  CreateTime: number;
  ModifiedTime: number;
  seq: number;
}

export interface SyncImageAddress {
  RegionId: string;
  InstanceId: string;
  RepoNamespaceName: string;
  RepoName: string;
  ImageTag: string;
}

export interface SyncTaskRecord {
  InstanceId: string;
  SyncTaskId: string;
  /** Absent on a manual task (CreateRepoSyncTask), which no rule made. */
  SyncRuleId?: string;
  SyncBatchTaskId: string;
  TaskTrigger: SyncTrigger;
  ImageFrom: SyncImageAddress;
  ImageTo: SyncImageAddress;
  layers: { SyncLayerTaskId: string; Digest: string; Size: number }[];
  createTime: number;
  pendingMs: number;
  runningMs: number;
  /** When CancelRepoSyncTask stopped it (before it finished). */
  canceledAt?: number;
  seq: number;
}

export interface ChartNamespaceRecord {
  InstanceId: string;
  NamespaceId: string;
  NamespaceName: string;
  NamespaceStatus: NamespaceStatus;
  AutoCreateRepo: boolean;
  DefaultRepoType: RepoType;
}

export interface ChartRepositoryRecord {
  InstanceId: string;
  RepoId: string;
  RepoNamespaceName: string;
  RepoName: string;
  RepoStatus: ChartRepoStatus;
  RepoType: RepoType;
  Summary: string;
  CreateTime: number;
  ModifiedTime: number;
}

export interface ChartReleaseRecord {
  InstanceId: string;
  RepoId: string;
  RepoNamespaceName: string;
  RepoName: string;
  Chart: string;
  Release: string;
  Status: string;
  Size: number;
  ModifiedTime: number;
}

export interface CredentialRecord {
  InstanceId: string;
  /** SHA-256 of the logon password, when one was set; the password itself is never stored. */
  passwordSha256?: string;
  passwordModifiedTime?: number;
  /** SHA-256 of the last temporary token and its expiry. */
  tokenSha256?: string;
  tokenExpireTime?: number;
}
