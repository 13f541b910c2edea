// The operations of the vendor's API metadata: scans that progress with the clock and find what the
// seed says of an image's digest; copies of a tag; manual synchronization tasks and their cancel;
// the instance count.
import { describe, expect, it } from 'vitest';
import { seedState } from '../../src/resources/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { Harness, T0 } from './harness.js';

const I1 = 'cri-mock0000000001';
const I2 = 'cri-mock0000000002';
const DIGEST = '7d1f3c5a9b2e4f6a8c0d1e3f5a7b9c2d4e6f8a0b1c3d5e7f9a2b4c6d8e0f1a3b';
const FINDINGS = {
  [`sha256:${DIGEST}`]: {
    vulnerabilities: [
      { CveName: 'CVE-2024-0001', Severity: 'Low' as const },
      { CveName: 'CVE-2023-0286', Severity: 'High' as const, Feature: 'openssl', FixCmd: 'apt-get install --only-upgrade openssl' },
      { CveName: 'CVE-2021-23337', Severity: 'Medium' as const, ScanType: 'sca' as const, Feature: 'lodash' },
    ],
    baselines: [{ BaselineNameKey: 'ak_leak' }, { BaselineNameKey: 'weak_ssh', BaselineNameLevel: 'low' }],
    maliciousFiles: [{ FilePath: 'srv/shell.php' }],
  },
};

type Call = (action: Parameters<Harness['call']>[0], params?: Record<string, string | number | boolean>) => Record<string, unknown>;

function setup(): { h: Harness; repoId: string; call: Call } {
  const h = new Harness({
    timings: { scanMs: 1_000, syncPendingMs: 1_000, syncRunningMs: 2_000 },
    scanFindings: FINDINGS,
    instances: [
      { namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1', digest: DIGEST, layers: [{ size: 100 }, { size: 300 }] }, { tag: 'clean' }] }] }] },
      { regionId: 'cn-shanghai' },
      { regionId: 'cn-hangzhou', instanceName: 'second' },
    ],
  });
  const call: Call = (action, params = {}) => h.call(action, { InstanceId: I1, RepoId: repoId, ...params });
  const repoId = h.call('GetRepository', { InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'api' }).RepoId as string;
  return { h, repoId, call };
}

describe('security scans', () => {
  it('scan SCANNING for scanMs, finding nothing yet, then COMPLETE with the findings of the image digest', () => {
    const { h, repoId, call } = setup();
    expect(h.fail('GetRepoTagScanStatus', { InstanceId: I1, RepoId: 'crr-none', Tag: 'v1' }).code).toBe('REPO_NOT_EXIST');
    expect(h.fail('GetRepoTagScanStatus', { InstanceId: I1, RepoId: repoId, Tag: 'v1' }).code).toBe('SCAN_TASK_NOT_EXIST');
    expect(h.fail('GetRepoTagScanStatus', { InstanceId: I1, RepoId: repoId }).code).toBe('InvalidParameter');
    call('CreateRepoTagScanTask', { Tag: 'v1' });
    expect(call('GetRepoTagScanStatus', { Tag: 'v1' })).toMatchObject({ Status: 'SCANNING', ScanService: 'ACR_SCAN_SERVICE' });
    expect(call('GetRepoTagScanSummary', { Tag: 'v1' })).toMatchObject({ TotalSeverity: 0, HighSeverity: 0 });
    expect(call('ListRepoTagScanResult', { Tag: 'v1' })).toMatchObject({ TotalCount: 0, Vulnerabilities: [] });
    h.advance(1_000);
    expect(call('GetRepoTagScanStatus', { Tag: 'v1' }).Status).toBe('COMPLETE');
    expect(call('GetRepoTagScanSummary', { Tag: 'v1', Digest: `sha256:${DIGEST}` })).toMatchObject({
      TotalSeverity: 3, HighSeverity: 1, MediumSeverity: 1, LowSeverity: 1, UnknownSeverity: 0,
    });
    const all = call('ListRepoTagScanResult', { Tag: 'v1' }).Vulnerabilities as Record<string, unknown>[];
    expect(all.map((v) => v.CveName)).toEqual(['CVE-2023-0286', 'CVE-2021-23337', 'CVE-2024-0001']);
    expect(all[0]).toMatchObject({ Severity: 'High', ScanType: 'cve', Feature: 'openssl', CveLink: 'https://nvd.nist.gov/vuln/detail/CVE-2023-0286' });
    expect(call('ListRepoTagScanResult', { Tag: 'v1', ScanType: 'sca' })).toMatchObject({ TotalCount: 1, Vulnerabilities: [{ CveName: 'CVE-2021-23337' }] });
    expect(call('ListRepoTagScanResult', { Tag: 'v1', Severity: 'High', VulQueryKey: '2023' }).TotalCount).toBe(1);
    expect(call('ListRepoTagScanResult', { Tag: 'v1', PageNo: 2, PageSize: 2 })).toMatchObject({ TotalCount: 3, Vulnerabilities: [{ CveName: 'CVE-2024-0001' }] });
    expect((call('ListRepoTagScanResult', { Tag: 'v1', Severity: 'High', FilterValue: 'FixCmd' }).Vulnerabilities as unknown[])[0]).toEqual({
      FixCmd: 'apt-get install --only-upgrade openssl', CveName: 'CVE-2023-0286', Feature: 'openssl', CveLocation: '',
    });
    expect(h.fail('ListRepoTagScanResult', { InstanceId: I1, RepoId: repoId, Tag: 'v1', FilterValue: 'Nothing' }).code).toBe('InvalidParameter');
    expect(h.fail('GetRepoTagScanSummary', { InstanceId: I1, RepoId: repoId, Tag: 'v1', Digest: 'sha256:' + '0'.repeat(64) }).code).toBe('SCAN_TASK_NOT_EXIST');
  });

  it('reads baselines and malicious files by task, without InstanceId, and an image the seed does not name scans clean', () => {
    const { h, call } = setup();
    call('CreateRepoTagScanTask', { Tag: 'v1' });
    call('CreateRepoTagScanTask', { Tag: 'clean' });
    h.advance(1_000);
    const baselines = call('ListScanBaselineByTask', { Tag: 'v1' }).ScanBaselines as Record<string, unknown>[];
    expect(baselines.map((b) => b.BaselineNameKey)).toEqual(['ak_leak', 'weak_ssh']);
    const taskId = baselines[0].ScanTaskId as string;
    expect(taskId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(h.call('ListScanMaliciousFileByTask', { ScanTaskId: taskId })).toMatchObject({ TotalCount: 1, ScanMaliciousFiles: [{ FilePath: 'srv/shell.php', ScanTaskId: taskId }] });
    expect(h.call('ListScanBaselineByTask', { ScanTaskId: taskId, Level: 'low' }).TotalCount).toBe(1);
    expect(h.fail('ListScanBaselineByTask', { ScanTaskId: 'no-such-task' }).code).toBe('SCAN_TASK_NOT_EXIST');
    expect(h.fail('ListScanBaselineByTask', {}).code).toBe('InvalidParameter');
    expect(call('GetRepoTagScanSummary', { Tag: 'clean' }).TotalSeverity).toBe(0);
  });

  it('does not restart a running scan of the same image, and a moved tag has no scan until one is started', () => {
    const { h, repoId, call } = setup();
    call('CreateRepoTagScanTask', { Tag: 'v1' });
    h.advance(500);
    call('CreateRepoTagScanTask', { Tag: 'v1' });
    h.advance(500);
    expect(call('GetRepoTagScanStatus', { Tag: 'v1' }).Status).toBe('COMPLETE');
    call('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'clean', ToTag: 'v1' });
    expect(h.fail('GetRepoTagScanStatus', { InstanceId: I1, RepoId: repoId, Tag: 'v1' }).code).toBe('SCAN_TASK_NOT_EXIST');
    call('CreateRepoTagScanTask', { Tag: 'v1' });
    h.advance(1_000);
    expect(call('GetRepoTagScanSummary', { Tag: 'v1' }).TotalSeverity).toBe(0);
  });

  it('starts a scan only of the image the caller names by Digest, with the engine it asks for', () => {
    const { h, repoId, call } = setup();
    const other = 'a'.repeat(64);
    expect(h.fail('CreateRepoTagScanTask', { InstanceId: I1, RepoId: repoId, Tag: 'v1', Digest: `sha256:${other}` })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(h.fail('CreateRepoTagScanTask', { InstanceId: I1, RepoId: repoId, Tag: 'v1', Digest: 'sha256:short' })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(h.fail('GetRepoTagScanStatus', { InstanceId: I1, RepoId: repoId, Tag: 'v1' }).code).toBe('SCAN_TASK_NOT_EXIST');
    call('CreateRepoTagScanTask', { Tag: 'v1', Digest: `sha256:${DIGEST}`, ScanService: 'SAS_SCAN_SERVICE' });
    expect(call('GetRepoTagScanStatus', { Tag: 'v1' })).toMatchObject({ Status: 'SCANNING', ScanService: 'SAS_SCAN_SERVICE' });
    call('CreateRepoTagScanTask', { Tag: 'clean', Digest: call('GetRepoTag', { Tag: 'clean' }).Digest as string });
    expect(call('GetRepoTagScanStatus', { Tag: 'clean' })).toMatchObject({ ScanService: 'ACR_SCAN_SERVICE' });
  });

  it('refuses a seed whose finding names no digest', () => {
    expect(() => seedState(new MemoryStore(), { scanFindings: { latest: {} } }, 0)).toThrow(/scanFindings/);
  });
});

describe('tags by name', () => {
  it('copies a tag to a new one (same image, updated now) and gets one tag', () => {
    const { h, call } = setup();
    h.advance(5_000);
    call('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: 'release' });
    const copy = call('GetRepoTag', { Tag: 'release' });
    const original = call('GetRepoTag', { Tag: 'v1' });
    expect(copy).toMatchObject({ Tag: 'release', Digest: DIGEST, ImageId: original.ImageId, ImageSize: original.ImageSize, ImageCreate: original.ImageCreate, Status: 'NORMAL' });
    expect(copy.ImageUpdate).toBe((original.ImageUpdate as number) + 5_000);
    expect((call('ListRepoTag').Images as { Tag: string }[])[0].Tag).toBe('release');
  });

  it('keeps the tags of a repository with TagImmutability: no copy moves an existing tag to another image (CURATION L-12)', () => {
    const { h, call } = setup();
    const copy = { NamespaceName: 'team', RepoName: 'api' };
    expect(call('GetRepository').TagImmutability).toBe(false);
    call('UpdateRepository', { RepoType: 'PRIVATE', TagImmutability: true });
    expect(call('GetRepository').TagImmutability).toBe(true);
    expect((call('ListRepository').Repositories as Record<string, unknown>[])[0]).toMatchObject({ RepoName: 'api', TagImmutability: true });
    const { RequestId: _, ...before } = call('GetRepoTag', { Tag: 'v1' });
    h.advance(1_000);
    expect(h.fail('CreateRepoTag', { InstanceId: I1, ...copy, FromTag: 'clean', ToTag: 'v1' })).toMatchObject({ status: 409, code: 'TAG_IMMUTABLE' });
    expect(call('GetRepoTag', { Tag: 'v1' })).toMatchObject(before);
    // A new tag, and the same image onto its own tag, move nothing: both are taken.
    call('CreateRepoTag', { ...copy, FromTag: 'v1', ToTag: 'release' });
    call('CreateRepoTag', { ...copy, FromTag: 'release', ToTag: 'v1' });
    expect(call('GetRepoTag', { Tag: 'release' }).Digest).toBe(DIGEST);
    // An update without TagImmutability keeps it; turned off, tags move again.
    call('UpdateRepository', { RepoType: 'PRIVATE', Summary: 'kept' });
    expect(call('GetRepository')).toMatchObject({ Summary: 'kept', TagImmutability: true });
    call('UpdateRepository', { RepoType: 'PRIVATE', TagImmutability: false });
    call('CreateRepoTag', { ...copy, FromTag: 'clean', ToTag: 'v1' });
    expect(call('GetRepoTag', { Tag: 'v1' }).Digest).not.toBe(DIGEST);
    // Created with it on.
    h.call('CreateRepository', { InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'fixed', RepoType: 'PUBLIC', Summary: 'fixed', TagImmutability: true });
    expect(h.call('GetRepository', { InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'fixed' }).TagImmutability).toBe(true);
  });

  it('refuses an unknown source tag, repository or namespace, and a bad target tag', () => {
    const { h } = setup();
    const copy = { InstanceId: I1, NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: 'v2' };
    expect(h.fail('CreateRepoTag', { ...copy, FromTag: 'nope' }).code).toBe('TAG_NOT_EXIST');
    expect(h.fail('CreateRepoTag', { ...copy, RepoName: 'web' }).code).toBe('REPO_NOT_EXIST');
    expect(h.fail('CreateRepoTag', { ...copy, NamespaceName: 'other' }).code).toBe('NAMESPACE_NOT_EXIST');
    expect(h.fail('CreateRepoTag', { ...copy, ToTag: '-bad' }).code).toBe('InvalidParameter');
    expect(h.fail('GetRepoTag', { InstanceId: I1, RepoId: 'crr-none', Tag: 'v1' }).code).toBe('REPO_NOT_EXIST');
  });
});

describe('manual synchronization tasks', () => {
  const target = { TargetRegionId: 'cn-shanghai', TargetInstanceId: I2, TargetNamespace: 'mirror', TargetRepoName: 'api', TargetTag: 'v1' };

  it('progress like rule tasks, without a rule, and a cancel stops one that has not finished', () => {
    const { h, call } = setup();
    const id = call('CreateRepoSyncTask', { Tag: 'v1', ...target }).SyncTaskId as string;
    const task = call('GetRepoSyncTask', { SyncTaskId: id });
    expect(task).toMatchObject({ TaskStatus: 'PENDING', TaskTrigger: 'INITIATIVE', ImageTo: { InstanceId: I2, RepoNamespaceName: 'mirror', RepoName: 'api', ImageTag: 'v1' } });
    expect(task).not.toHaveProperty('SyncRuleId');
    h.advance(2_000);
    expect(call('GetRepoSyncTask', { SyncTaskId: id })).toMatchObject({ TaskStatus: 'SYNCHRONIZING', SyncedSize: 200 });
    call('CancelRepoSyncTask', { SyncTaskId: id });
    h.advance(5_000);
    const canceled = call('GetRepoSyncTask', { SyncTaskId: id });
    expect(canceled).toMatchObject({ TaskStatus: 'CANCELED', SyncedSize: 200, Progress: 0 });
    expect((canceled.LayerTasks as { TaskStatus: string }[]).map((l) => l.TaskStatus)).toEqual(['SUCCESS', 'CANCELED']);
    expect((call('ListRepoSyncTask').SyncTasks as Record<string, unknown>[])[0]).toMatchObject({ SyncTaskId: id, TaskStatus: 'CANCELED', ModifiedTime: T0 + 2_000 });
    expect(h.fail('CancelRepoSyncTask', { InstanceId: I1, SyncTaskId: id }).code).toBe('SYNC_TASK_ALREADY_FINISHED');
  });

  it('cannot cancel a finished task; refuses unknown tasks, targets and accounts', () => {
    const { h, repoId, call } = setup();
    const id = call('CreateRepoSyncTask', { Tag: 'v1', ...target, Override: true }).SyncTaskId as string;
    h.advance(3_000);
    expect(call('GetRepoSyncTask', { SyncTaskId: id }).TaskStatus).toBe('SUCCESS');
    expect(h.fail('CancelRepoSyncTask', { InstanceId: I1, SyncTaskId: id }).code).toBe('SYNC_TASK_ALREADY_FINISHED');
    expect(h.fail('CancelRepoSyncTask', { InstanceId: I1, SyncTaskId: 'rst-none' }).code).toBe('SYNC_TASK_NOT_EXIST');
    const create = { InstanceId: I1, RepoId: repoId, Tag: 'v1', ...target };
    expect(h.fail('CreateRepoSyncTask', { ...create, TargetRegionId: 'cn-beijing' }).code).toBe('INSTANCE_NOT_EXIST');
    expect(h.fail('CreateRepoSyncTask', { ...create, TargetUserId: '999' }).code).toBe('INSTANCE_NOT_EXIST');
    expect(h.fail('CreateRepoSyncTask', { ...create, Tag: 'nope' }).code).toBe('TAG_NOT_EXIST');
  });
});

describe('GetInstanceCount', () => {
  it("counts the instances of the request's region", () => {
    const { h } = setup();
    expect(h.call('GetInstanceCount').Count).toBe(2);
    expect(h.call('GetInstanceCount', { RegionId: 'cn-shanghai' }).Count).toBe(1);
    expect(h.call('GetInstanceCount', { RegionId: 'eu-central-1' }).Count).toBe(0);
  });
});
