// Chapter 13, image security: scans of an image and what they find. CreateRepoTagScanTask (images.ts)
// starts a scan of the image a tag names; it is SCANNING for `scanMs` (seed timings), then
// COMPLETE. What a complete scan finds is the seed's `scanFindings` for the image's digest (nothing
// for an image the seed does not name), so a test arranges "this image has a High CVE" by digest.
// A scan is selected by ScanTaskId, or by RepoId and Tag: the latest scan of the image the tag
// names now (a tag moved to another image has no scan until one is started); Digest, when given,
// must be the scanned image's. Scans stay readable by ScanTaskId after their tag is deleted.
import { parameterDefault, type Context, type Handlers, type ItemOf, type Params, type RequestContext, type Result } from './context.js';
import { settleRepository } from './settle.js';
import { readSettings } from './common/config.js';
import { invalidParameter, notFound } from './common/errors.js';
import { uuidOf } from './common/ids.js';
import { findRepoById, requireInstance, requireTag } from './common/lookup.js';
import { page, sortBy } from './common/paging.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, type StateContext } from './common/collections.js';
import type { TagRecord } from './images.js';
import type { InstanceRecord } from './instances.js';
import type { RepositoryRecord } from './repositories.js';

/** The latest scan of a tag (`scans`) and every scan by its ID (`scanTasks`). */
export interface ScanRecord {
  RepoId: string;
  Tag: string;
  digest: string;
  createTime: number;
  scanMs: number;
  /** Absent on scans a store of an earlier version holds (they cannot be read by ID). */
  ScanTaskId?: string;
  InstanceId?: string;
  /** The repository's names when the scan started (absent on scans of an earlier version's store). */
  RepoNamespaceName?: string;
  RepoName?: string;
  /** The engine CreateRepoTagScanTask asked for (absent: a scan no request named an engine for, DEFAULT_ENGINE). */
  scanService?: ScanService;
}

/** The engines CreateRepoTagScanTask names, as the spec lists them. */
export type ScanService = NonNullable<Params<'CreateRepoTagScanTask'>['ScanService']>;

/** The engine of a scan started without one named (by a scan rule): CreateRepoTagScanTask's default. */
const DEFAULT_ENGINE = parameterDefault('CreateRepoTagScanTask', 'ScanService');

/** What CreateRepoTagScanTask may say of the scan it starts. */
export interface ScanRequestOptions {
  /** The image the caller means: the tag must still name it. */
  readonly digest?: string;
  readonly service?: ScanService;
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

/** What the seed says a scan of one image finds (`scanFindings`, by digest). */
export interface ScanFindingsSeed {
  readonly vulnerabilities?: readonly VulnerabilityFixture[];
  readonly baselines?: readonly BaselineFixture[];
  readonly maliciousFiles?: readonly MaliciousFileFixture[];
}

/** A vulnerability: CveName and Severity are required; the rest default to plausible values. */
export type VulnerabilityFixture = Pick<VulnerabilityFinding, 'CveName' | 'Severity'> & Partial<VulnerabilityFinding>;
/** A baseline check: BaselineNameKey is required. */
export type BaselineFixture = Pick<BaselineFinding, 'BaselineNameKey'> & Partial<BaselineFinding>;
/** A malicious file: FilePath is required. */
export type MaliciousFileFixture = Pick<MaliciousFileFinding, 'FilePath'> & Partial<MaliciousFileFinding>;

const SEVERITIES: readonly VulnerabilityFinding['Severity'][] = ['High', 'Medium', 'Low', 'Unknown'];
const SCAN_TYPES: readonly VulnerabilityFinding['ScanType'][] = ['cve', 'sca'];
const DIGEST = /^(?:sha256:)?([0-9a-f]{64})$/;
/** The fields that identify a vulnerability (the spec's x-acr-item-key): kept when FilterValue names another. */
const VULNERABILITY_KEY = ['CveName', 'Feature', 'CveLocation'] as const;

/** The 64 hexadecimal digits of a digest parameter (`sha256:<hex>` or `<hex>`); InvalidParameter otherwise. */
export function digestHex(param: string, value: string): string {
  const match = DIGEST.exec(value);
  if (!match) throw invalidParameter(param, 'a digest is sha256: and 64 lower-case hexadecimal digits, or the 64 digits alone');
  return match[1];
}

function vulnerability(v: VulnerabilityFixture): VulnerabilityFinding {
  if (!SEVERITIES.includes(v.Severity)) throw invalidParameter('scanFindings.vulnerabilities.Severity', `valid values: ${SEVERITIES.join(', ')}`);
  const scanType = v.ScanType ?? 'cve';
  if (!SCAN_TYPES.includes(scanType)) throw invalidParameter('scanFindings.vulnerabilities.ScanType', `valid values: ${SCAN_TYPES.join(', ')}`);
  return {
    CveName: v.CveName,
    Severity: v.Severity,
    ScanType: scanType,
    Feature: v.Feature ?? 'openssl',
    Version: v.Version ?? '1.1.1n-0+deb11u1',
    VersionFormat: v.VersionFormat ?? 'dpkg',
    VersionFixed: v.VersionFixed ?? '',
    FixCmd: v.FixCmd ?? '',
    CveLocation: v.CveLocation ?? '',
    AddedBy: v.AddedBy ?? '',
    CveLink: v.CveLink ?? `https://nvd.nist.gov/vuln/detail/${v.CveName}`,
    Description: v.Description ?? '',
    AliasName: v.AliasName ?? v.CveName,
  };
}

const VULNERABILITY_FIELDS: ReadonlySet<string> = new Set(Object.keys(vulnerability({ CveName: '', Severity: 'Unknown' })));

function baseline(b: BaselineFixture): BaselineFinding {
  return {
    BaselineNameKey: b.BaselineNameKey,
    BaselineNameAlias: b.BaselineNameAlias ?? b.BaselineNameKey,
    BaselineClassAlias: b.BaselineClassAlias ?? 'Service configuration',
    BaselineNameLevel: b.BaselineNameLevel ?? 'high',
    BaselineItemCount: b.BaselineItemCount ?? 1,
    HighRiskItemCount: b.HighRiskItemCount ?? 1,
    MiddleRiskItemCount: b.MiddleRiskItemCount ?? 0,
    LowRiskItemCount: b.LowRiskItemCount ?? 0,
    BaselineDetailDescription: b.BaselineDetailDescription ?? '',
    BaselineDetailPrompt: b.BaselineDetailPrompt ?? '',
    BaselineDetailAdvice: b.BaselineDetailAdvice ?? '',
  };
}

function maliciousFile(m: MaliciousFileFixture): MaliciousFileFinding {
  return { FilePath: m.FilePath, MaliciousName: m.MaliciousName ?? 'Suspected webshell', MaliciousMd5: m.MaliciousMd5 ?? '', Level: m.Level ?? 'serious' };
}

/** Stores the seed's findings, checked, by the 64 hexadecimal digits of each digest. */
export function seedScanFindings(context: StateContext, findings: Readonly<Record<string, ScanFindingsSeed>>): void {
  for (const [digest, seed] of Object.entries(findings)) {
    const record: ScanFindingsRecord = {
      vulnerabilities: (seed.vulnerabilities ?? []).map(vulnerability),
      baselines: (seed.baselines ?? []).map(baseline),
      maliciousFiles: (seed.maliciousFiles ?? []).map(maliciousFile),
    };
    context.store.put(COLLECTIONS.scanFindings, digestHex('scanFindings', digest), record);
  }
}

/**
 * Starts a scan of the tag's current image, unless one of the same image is running. Its ID is
 * derived from the image and the time, so it consumes no number of the store's counter.
 */
export function startScan(context: StateContext, repo: RepositoryRecord, tag: TagRecord, options: ScanRequestOptions = {}): ScanRecord {
  const digest = nonEmpty(options.digest);
  if (digest !== undefined && digestHex('Digest', digest) !== tag.Digest) {
    throw invalidParameter('Digest', `tag ${tag.Tag} names another image (sha256:${tag.Digest})`);
  }
  const scanKey = key(repo.RepoId, tag.Tag);
  const current = context.store.get<ScanRecord>(COLLECTIONS.scans, scanKey);
  if (current !== undefined && current.digest === tag.Digest && context.now < current.createTime + current.scanMs) return current;
  const ScanTaskId = uuidOf(`${readSettings(context.store).idSalt}:scan:${repo.RepoId}:${tag.Tag}:${tag.Digest}:${context.now}`);
  const scan: ScanRecord = {
    RepoId: repo.RepoId,
    Tag: tag.Tag,
    digest: tag.Digest,
    createTime: context.now,
    scanMs: readSettings(context.store).timings.scanMs,
    ScanTaskId,
    InstanceId: repo.InstanceId,
    RepoNamespaceName: repo.RepoNamespaceName,
    RepoName: repo.RepoName,
    ...(options.service === undefined ? {} : { scanService: options.service }),
  };
  context.store.put(COLLECTIONS.scans, scanKey, scan);
  context.store.put(COLLECTIONS.scanTasks, key(repo.InstanceId, ScanTaskId), scan);
  return scan;
}

/** The parameters that select a scan (InstanceId optional for the two ...ByTask operations). */
type ScanRequest = RequestContext<{
  readonly RegionId: string;
  readonly InstanceId?: string;
  readonly RepoId?: string;
  readonly Tag?: string;
  readonly ScanTaskId?: string;
  readonly Digest?: string;
}>;

/** A scan task of the request's region, for a request that names no instance. */
function findScanTask(context: ScanRequest, taskId: string): ScanRecord | undefined {
  for (const instance of context.store.list<InstanceRecord>(COLLECTIONS.instances)) {
    if (instance.RegionId !== context.params.RegionId) continue;
    const scan = context.store.get<ScanRecord>(COLLECTIONS.scanTasks, key(instance.InstanceId, taskId));
    if (scan) {
      requireInstance({ ...context, params: { InstanceId: instance.InstanceId } });
      return scan;
    }
  }
  return undefined;
}

/** The scan the request selects (see the header), or the service's error. */
function selectScan(context: ScanRequest): ScanRecord {
  const { params } = context;
  const instanceId = nonEmpty(params.InstanceId);
  if (instanceId !== undefined) requireInstance({ ...context, params: { InstanceId: instanceId, RegionId: params.RegionId } });
  const taskId = nonEmpty(params.ScanTaskId);
  let scan: ScanRecord | undefined;
  if (taskId !== undefined) {
    scan = instanceId === undefined ? findScanTask(context, taskId) : context.store.get<ScanRecord>(COLLECTIONS.scanTasks, key(instanceId, taskId));
    if (!scan) throw notFound('SCAN_TASK', `scan task ${taskId}`);
  } else {
    const repoId = nonEmpty(params.RepoId);
    const tagName = nonEmpty(params.Tag);
    if (instanceId === undefined) throw invalidParameter('ScanTaskId', 'without InstanceId, a scan is selected by ScanTaskId');
    if (repoId === undefined || tagName === undefined) throw invalidParameter('ScanTaskId', 'a scan is selected by ScanTaskId, or by RepoId and Tag');
    const repo = findRepoById(context, instanceId, repoId);
    if (!repo) throw notFound('REPO', `repository ${repoId}`);
    settleRepository(context, repo);
    const tag = requireTag(context, repo, tagName);
    scan = context.store.get<ScanRecord>(COLLECTIONS.scans, key(repo.RepoId, tag.Tag));
    if (!scan || scan.digest !== tag.Digest) throw notFound('SCAN_TASK', `scan of the image of tag ${tag.Tag}`);
  }
  const digest = nonEmpty(params.Digest);
  if (digest !== undefined && digestHex('Digest', digest) !== scan.digest) throw notFound('SCAN_TASK', 'scan of that digest');
  return scan;
}

function completeAt(scan: ScanRecord): number {
  return scan.createTime + scan.scanMs;
}

/** What the scan found: the findings of its image once it is complete, nothing before. */
function findingsOf(context: RequestContext, scan: ScanRecord): ScanFindingsRecord {
  const none: ScanFindingsRecord = { vulnerabilities: [], baselines: [], maliciousFiles: [] };
  if (context.now < completeAt(scan)) return none;
  return context.store.get<ScanFindingsRecord>(COLLECTIONS.scanFindings, scan.digest) ?? none;
}

function vulnerabilitiesOf(context: Context<'ListRepoTagScanResult'> | Context<'GetRepoTagScanSummary'>, scan: ScanRecord, scanType?: string): VulnerabilityFinding[] {
  return findingsOf(context, scan).vulnerabilities.filter((v) => scanType === undefined || v.ScanType === scanType);
}

function vulnerabilityItem(v: VulnerabilityFinding, only: keyof VulnerabilityFinding | undefined): ItemOf<'ListRepoTagScanResult', 'Vulnerabilities'> {
  if (only === undefined) return { ...v };
  const item: Partial<Record<keyof VulnerabilityFinding, string>> = { [only]: v[only] };
  for (const field of VULNERABILITY_KEY) item[field] = v[field];
  return item;
}

/** The times of a finding: a finding is first seen, recorded and updated when its scan completes. */
function findingTimes(scan: ScanRecord): { FirstScanTime: number; CreateTime: number; UpdateTime: number } {
  const at = completeAt(scan);
  return { FirstScanTime: at, CreateTime: at, UpdateTime: at };
}

export const scanHandlers = {
  // The mock's own scanner does every scan; ScanService answers the engine the scan was asked of.
  GetRepoTagScanStatus(context): Result<'GetRepoTagScanStatus'> {
    const scan = selectScan(context);
    return { Status: context.now < completeAt(scan) ? 'SCANNING' : 'COMPLETE', ScanService: scan.scanService ?? DEFAULT_ENGINE };
  },

  GetRepoTagScanSummary(context): Result<'GetRepoTagScanSummary'> {
    const found = vulnerabilitiesOf(context, selectScan(context));
    const count = (severity: VulnerabilityFinding['Severity']) => found.filter((v) => v.Severity === severity).length;
    return {
      TotalSeverity: found.length,
      HighSeverity: count('High'),
      MediumSeverity: count('Medium'),
      LowSeverity: count('Low'),
      UnknownSeverity: count('Unknown'),
    };
  },

  // Most severe first, then by CveName, Feature and CveLocation. VulQueryKey matches a substring of
  // CveName; FilterValue keeps, besides the field it names, the fields that identify an item.
  ListRepoTagScanResult(context): Result<'ListRepoTagScanResult'> {
    const scan = selectScan(context);
    const severity = nonEmpty(context.params.Severity);
    const query = nonEmpty(context.params.VulQueryKey);
    const only = nonEmpty(context.params.FilterValue);
    if (only !== undefined && !VULNERABILITY_FIELDS.has(only)) {
      throw invalidParameter('FilterValue', 'it must name a field of a vulnerability, for example FixCmd');
    }
    const found = vulnerabilitiesOf(context, scan, nonEmpty(context.params.ScanType))
      .filter((v) => severity === undefined || v.Severity === severity)
      .filter((v) => query === undefined || v.CveName.includes(query));
    const { paging, items } = page(context, sortBy(found, (v) => [SEVERITIES.indexOf(v.Severity), v.CveName, v.Feature, v.CveLocation]));
    return { ...paging, Vulnerabilities: items.map((v) => vulnerabilityItem(v, only as keyof VulnerabilityFinding | undefined)) };
  },

  // By BaselineNameKey; Level matches BaselineNameLevel exactly.
  ListScanBaselineByTask(context): Result<'ListScanBaselineByTask'> {
    const scan = selectScan(context);
    const level = nonEmpty(context.params.Level);
    const found = findingsOf(context, scan).baselines.filter((b) => level === undefined || b.BaselineNameLevel === level);
    const { paging, items } = page(context, sortBy(found, (b) => [b.BaselineNameKey]));
    return { ...paging, ScanBaselines: items.map((b) => ({ ScanTaskId: scan.ScanTaskId, ...b, ...findingTimes(scan) })) };
  },

  // By FilePath; Level matches exactly.
  ListScanMaliciousFileByTask(context): Result<'ListScanMaliciousFileByTask'> {
    const scan = selectScan(context);
    const level = nonEmpty(context.params.Level);
    const found = findingsOf(context, scan).maliciousFiles.filter((m) => level === undefined || m.Level === level);
    const { paging, items } = page(context, sortBy(found, (m) => [m.FilePath, m.MaliciousMd5]));
    return { ...paging, ScanMaliciousFiles: items.map((m) => ({ ScanTaskId: scan.ScanTaskId, ...m, ...findingTimes(scan) })) };
  },
} satisfies Partial<Handlers>;
