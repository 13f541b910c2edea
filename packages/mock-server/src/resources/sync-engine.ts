// Synchronization tasks: how one is made from a rule and an image, and how it progresses. A task
// is PENDING for `syncPendingMs` (seed timings) after it is created, then SYNCHRONIZING for
// `syncRunningMs`, its layers copied one after the other (SyncedSize grows in proportion to the
// time elapsed), then SUCCESS with Progress 1 (0 before). CancelRepoSyncTask stops a task that has
// not finished: from then on it is CANCELED, with what was synced by then. Statuses are computed
// from the clock on every read; nothing is stored when they change (but the time of a cancel).
import { readSettings } from './common/config.js';
import { newId, newUuid, PREFIX } from './common/ids.js';
import { COLLECTIONS, key, type StateContext } from './common/collections.js';
import type { TagRecord } from './images.js';
import type { RepositoryRecord } from './repositories.js';
import type { SyncImageAddress, SyncRuleRecord, SyncTaskRecord } from './sync.js';

export type TaskStatus = 'PENDING' | 'SYNCHRONIZING' | 'SUCCESS' | 'CANCELED';

/** Whether `rule` covers `tag` of `repo`: its namespace, its repository (REPO scope), its filter. */
export function ruleCovers(rule: SyncRuleRecord, repo: RepositoryRecord, tag: string): boolean {
  if (rule.LocalInstanceId !== repo.InstanceId || rule.LocalNamespaceName !== repo.RepoNamespaceName) return false;
  if (rule.SyncScope === 'REPO' && rule.LocalRepositoryName !== repo.RepoName) return false;
  if (rule.repoNameFilter !== undefined && !wholeMatch(rule.repoNameFilter, repo.RepoName)) return false;
  return tagMatches(rule, tag);
}

export function tagMatches(rule: SyncRuleRecord, tag: string): boolean {
  return wholeMatch(rule.TagFilter, tag);
}

/** Whether a rule's filter (a regular expression, checked when the rule was made) matches all of `text`. */
function wholeMatch(filter: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${filter})$`).test(text);
  } catch {
    return false;
  }
}

export function createSyncTask(
  context: StateContext,
  rule: SyncRuleRecord,
  repo: RepositoryRecord,
  tag: TagRecord,
  trigger: 'INITIATIVE' | 'PASSIVE',
): SyncTaskRecord {
  return startSyncTask(context, {
    ruleId: rule.SyncRuleId,
    trigger,
    tag,
    from: {
      RegionId: rule.LocalRegionId,
      InstanceId: rule.LocalInstanceId,
      RepoNamespaceName: repo.RepoNamespaceName,
      RepoName: repo.RepoName,
      ImageTag: tag.Tag,
    },
    to: {
      RegionId: rule.TargetRegionId,
      InstanceId: rule.TargetInstanceId,
      RepoNamespaceName: rule.TargetNamespaceName,
      RepoName: rule.SyncScope === 'REPO' ? (rule.TargetRepositoryName ?? repo.RepoName) : repo.RepoName,
      ImageTag: tag.Tag,
    },
  });
}

/** What a task copies: the image of `tag` from `from` to `to`; `ruleId` absent for a manual task. */
export interface SyncTaskStart {
  readonly ruleId?: string;
  readonly trigger: 'INITIATIVE' | 'PASSIVE';
  readonly tag: TagRecord;
  readonly from: SyncImageAddress;
  readonly to: SyncImageAddress;
}

export function startSyncTask(context: StateContext, start: SyncTaskStart): SyncTaskRecord {
  const { timings } = readSettings(context.store);
  const { id, seq } = newId(context.store, PREFIX.syncTask);
  const task: SyncTaskRecord = {
    InstanceId: start.from.InstanceId,
    SyncTaskId: id,
    ...(start.ruleId === undefined ? {} : { SyncRuleId: start.ruleId }),
    SyncBatchTaskId: newUuid(context.store, 'sync-batch').id,
    TaskTrigger: start.trigger,
    ImageFrom: { ...start.from },
    ImageTo: { ...start.to },
    layers: start.tag.layers.map((layer) => ({
      SyncLayerTaskId: newId(context.store, PREFIX.syncLayerTask).id,
      Digest: layer.digest,
      Size: layer.size,
    })),
    artifactDigest: `sha256:${start.tag.Digest}`,
    createTime: context.now,
    pendingMs: timings.syncPendingMs,
    runningMs: timings.syncRunningMs,
    seq,
  };
  context.store.put(COLLECTIONS.syncTasks, key(task.InstanceId, task.SyncTaskId), task);
  return task;
}

/** Whether the task has finished (SUCCESS or CANCELED) at `now`. */
export function syncTaskFinished(task: SyncTaskRecord, now: number): boolean {
  const status = progressOf(task, now).status;
  return status === 'SUCCESS' || status === 'CANCELED';
}

/** When the task succeeded, when it has by `now` (the time of a SynchronizationCompleted event). */
export function syncTaskSucceededAt(task: SyncTaskRecord, now: number): number | undefined {
  const progress = progressOf(task, now);
  return progress.status === 'SUCCESS' ? progress.changedAt : undefined;
}

/** How the task ended and when, once it has by `now` (a delivery chain's replication node waits on it). */
export function syncTaskOutcome(task: SyncTaskRecord, now: number): { status: 'SUCCESS' | 'CANCELED'; at: number } | undefined {
  const { status, changedAt } = progressOf(task, now);
  return status === 'SUCCESS' || status === 'CANCELED' ? { status, at: changedAt } : undefined;
}

interface Progress {
  status: TaskStatus;
  changedAt: number;
  synced: number;
  total: number;
}

function progressOf(task: SyncTaskRecord, now: number): Progress {
  const total = task.layers.reduce((sum, l) => sum + l.Size, 0);
  const syncingAt = task.createTime + task.pendingMs;
  const doneAt = syncingAt + task.runningMs;
  if (task.canceledAt !== undefined && task.canceledAt < doneAt && now >= task.canceledAt) {
    const at = task.canceledAt;
    const synced = at < syncingAt ? 0 : Math.floor((total * (at - syncingAt)) / task.runningMs);
    return { status: 'CANCELED', changedAt: at, synced, total };
  }
  if (now < syncingAt) return { status: 'PENDING', changedAt: task.createTime, synced: 0, total };
  if (now < doneAt) {
    const synced = Math.floor((total * (now - syncingAt)) / task.runningMs);
    return { status: 'SYNCHRONIZING', changedAt: syncingAt, synced, total };
  }
  return { status: 'SUCCESS', changedAt: doneAt, synced: total, total };
}

function summary(task: SyncTaskRecord, status: TaskStatus): Record<string, unknown> {
  return {
    SyncTaskId: task.SyncTaskId,
    TaskStatus: status,
    TaskTrigger: task.TaskTrigger,
    ...(task.SyncRuleId === undefined ? {} : { SyncRuleId: task.SyncRuleId }),
    SyncBatchTaskId: task.SyncBatchTaskId,
    ImageFrom: { ...task.ImageFrom },
    ImageTo: { ...task.ImageTo },
    // One account (sync.ts, checkTargetUser) and no accelerated transfer in the mock (CURATION L-20).
    CrossUser: false,
    SyncTransAccelerate: false,
  };
}

/** An item of ListRepoSyncTask (ModifedTime is the vendor's misspelt twin of ModifiedTime). */
export function syncTaskItem(task: SyncTaskRecord, now: number): Record<string, unknown> {
  const progress = progressOf(task, now);
  return {
    ...summary(task, progress.status),
    CreateTime: task.createTime,
    ModifiedTime: progress.changedAt,
    ModifedTime: progress.changedAt,
    CustomLink: false,
  };
}

/** The body of GetRepoSyncTask: the task, its progress and its layers' tasks. */
export function syncTaskDetail(task: SyncTaskRecord, now: number): Record<string, unknown> {
  const progress = progressOf(task, now);
  let before = 0;
  const LayerTasks = task.layers.map((layer) => {
    const synced = progress.status === 'PENDING' ? 0 : Math.min(layer.Size, Math.max(0, progress.synced - before));
    before += layer.Size;
    const done = progress.status === 'SUCCESS' || (progress.status !== 'PENDING' && progress.synced >= before);
    const status = done ? 'SUCCESS' : progress.status === 'CANCELED' ? 'CANCELED' : synced > 0 ? 'SYNCHRONIZING' : 'PENDING';
    const artifact = task.artifactDigest === undefined ? {} : { ArtifactDigest: task.artifactDigest };
    return { SyncLayerTaskId: layer.SyncLayerTaskId, TaskStatus: status, Digest: layer.Digest, Size: layer.Size, SyncedSize: synced, ...artifact };
  });
  return {
    ...summary(task, progress.status),
    Progress: progress.status === 'SUCCESS' ? 1 : 0,
    SyncedSize: progress.synced,
    LayerTasks,
  };
}
