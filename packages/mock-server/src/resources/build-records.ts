// Chapter 14, image builds. A build record made by CreateBuildRecordByRule is PENDING for
// `buildPendingMs` (seed timings), then BUILDING for `buildRunningMs`, then SUCCESS (EndTime is
// then set); CancelRepoBuildRecord makes a record that is not finished CANCELED (EndTime = the
// time of the cancel) and refuses a finished one (409 BUILD_RECORD_ALREADY_FINISHED). Statuses
// are computed from the clock when read. A successful build pushes its image to the repository
// under the rule's ImageTag (at its EndTime); the push happens the next time the repository's
// images are read or used (settleBuilds).
import type { BuildRecord, BuildRecordImage } from '../generated/index.js';
import type { Handlers, ItemOf, RequestContext, Result } from './context.js';
import { readSettings } from './common/config.js';
import { conflict, notFound } from './common/errors.js';
import { newUuid } from './common/ids.js';
import { requireInstance, requireRepo } from './common/lookup.js';
import { page, sortBy } from './common/paging.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import type { BuildRuleRecord } from './build-rules.js';
import type { InstanceRecord } from './instances.js';
import type { RepositoryRecord } from './repositories.js';
import { pushImage, type ImageFixture } from './push.js';

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

export type BuildStatus = 'PENDING' | 'BUILDING' | 'SUCCESS' | 'CANCELED';

export function buildState(record: BuildRecordRecord, now: number): { status: BuildStatus; endTime?: number } {
  const doneAt = record.startTime + record.pendingMs + record.runningMs;
  if (record.canceledAt !== undefined && record.canceledAt < doneAt) return { status: 'CANCELED', endTime: record.canceledAt };
  if (now >= doneAt) return { status: 'SUCCESS', endTime: doneAt };
  return { status: now < record.startTime + record.pendingMs ? 'PENDING' : 'BUILDING' };
}

export function startBuild(context: StateContext, repo: RepositoryRecord, rule: Pick<BuildRuleRecord, 'BuildRuleId' | 'ImageTag'>): BuildRecordRecord {
  const { timings } = readSettings(context.store);
  const { id, seq } = newUuid(context.store, 'build-record');
  const record: BuildRecordRecord = {
    InstanceId: repo.InstanceId,
    BuildRecordId: id,
    RepoId: repo.RepoId,
    BuildRuleId: rule.BuildRuleId,
    RepoNamespaceName: repo.RepoNamespaceName,
    RepoName: repo.RepoName,
    ImageTag: rule.ImageTag,
    startTime: context.now,
    pendingMs: timings.buildPendingMs,
    runningMs: timings.buildRunningMs,
    seq,
  };
  context.store.put(COLLECTIONS.buildRecords, key(repo.InstanceId, id), record);
  context.store.put(COLLECTIONS.unsettledBuilds, key(repo.RepoId, id), id);
  return record;
}

/**
 * The image a build that ended at `endTime` pushes: real content (push.ts), dated when the build
 * ended, so each build of a tag pushes its own image and the build log can name its digests.
 */
export function builtImage(record: BuildRecordRecord, endTime: number): ImageFixture {
  return { tag: record.ImageTag, createdAt: endTime };
}

/** Pushes the images of the repository's builds that have succeeded since the last call. */
export function settleBuilds(context: StateContext, repo: RepositoryRecord): void {
  const { store } = context;
  for (const id of store.list<string>(COLLECTIONS.unsettledBuilds, prefix(repo.RepoId))) {
    const record = store.get<BuildRecordRecord>(COLLECTIONS.buildRecords, key(repo.InstanceId, id));
    const state = record && buildState(record, context.now);
    if (record && state?.status === 'SUCCESS') {
      const instance = store.get<InstanceRecord>(COLLECTIONS.instances, repo.InstanceId) as InstanceRecord;
      pushImage({ store, now: state.endTime as number }, { instance, namespace: repo.RepoNamespaceName, repository: repo.RepoName, image: builtImage(record, state.endTime as number) });
      record.pushed = true;
      store.put(COLLECTIONS.buildRecords, key(repo.InstanceId, id), record);
    }
    if (!record || state?.status === 'SUCCESS' || state?.status === 'CANCELED') store.delete(COLLECTIONS.unsettledBuilds, key(repo.RepoId, id));
  }
}

function requireRecord(context: RequestContext<{ readonly BuildRecordId: string }>, instanceId: string, repoId?: string): BuildRecordRecord {
  const id = context.params.BuildRecordId;
  const record = context.store.get<BuildRecordRecord>(COLLECTIONS.buildRecords, key(instanceId, id));
  if (!record || (repoId !== undefined && record.RepoId !== repoId)) throw notFound('BUILD_RECORD', `build record ${id}`);
  return record;
}

function timesOf(record: BuildRecordRecord, now: number): { state: ReturnType<typeof buildState>; times: Pick<BuildRecord, 'StartTime' | 'EndTime'> } {
  const state = buildState(record, now);
  return { state, times: { StartTime: record.startTime, ...(state.endTime === undefined ? {} : { EndTime: state.endTime }) } };
}

function image(r: BuildRecordRecord): BuildRecordImage {
  return { RepoNamespaceName: r.RepoNamespaceName, RepoName: r.RepoName, ImageTag: r.ImageTag };
}

function recordItem(r: BuildRecordRecord, now: number): ItemOf<'ListRepoBuildRecord', 'BuildRecords'> {
  const { state, times } = timesOf(r, now);
  return { BuildRecordId: r.BuildRecordId, ...times, BuildStatus: state.status, Image: { ...image(r), RepoId: r.RepoId } };
}

export const buildRecordHandlers = {
  CreateBuildRecordByRule(context): Result<'CreateBuildRecordByRule'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const ruleId = context.params.BuildRuleId;
    const rule = context.store.get<BuildRuleRecord>(COLLECTIONS.buildRules, key(repo.RepoId, ruleId));
    if (!rule) throw notFound('BUILD_RULE', `build rule ${ruleId}`);
    return { BuildRecordId: startBuild(context, repo, rule).BuildRecordId };
  },

  CancelRepoBuildRecord(context): Result<'CancelRepoBuildRecord'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const record = requireRecord(context, repo.InstanceId, repo.RepoId);
    const { status } = buildState(record, context.now);
    if (status === 'SUCCESS' || status === 'CANCELED') {
      throw conflict('BUILD_RECORD_ALREADY_FINISHED', `The build record ${record.BuildRecordId} is ${status} and cannot be canceled.`);
    }
    record.canceledAt = context.now;
    context.store.put(COLLECTIONS.buildRecords, key(record.InstanceId, record.BuildRecordId), record);
    context.store.delete(COLLECTIONS.unsettledBuilds, key(repo.RepoId, record.BuildRecordId));
    return {};
  },

  // The most recent first (creation order, descending).
  ListRepoBuildRecord(context): Result<'ListRepoBuildRecord'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const records = context.store.list<BuildRecordRecord>(COLLECTIONS.buildRecords, prefix(repo.InstanceId)).filter((r) => r.RepoId === repo.RepoId);
    const { paging, items } = page(context, sortBy(records, (r) => [-r.seq]));
    return { ...paging, BuildRecords: items.map((r) => recordItem(r, context.now)) };
  },

  GetRepoBuildRecordStatus(context): Result<'GetRepoBuildRecordStatus'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    return { BuildStatus: buildState(requireRecord(context, repo.InstanceId, repo.RepoId), context.now).status };
  },

  GetRepoBuildRecord(context): Result<'GetRepoBuildRecord'> {
    const record = requireRecord(context, requireInstance(context).InstanceId);
    const { state, times } = timesOf(record, context.now);
    return { BuildRecordId: record.BuildRecordId, ...times, Status: state.status, Image: image(record) };
  },
} satisfies Partial<Handlers>;
