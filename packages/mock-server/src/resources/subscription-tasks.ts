// Artifact subscription tasks (CURATION.md M-125 to M-128): one run of a rule, on the server's
// clock. At its start the task selects, from the source repository (upstream.ts), the TagCount most
// recently pushed tags whose whole name TagRegexp matches and that have one of the rule's
// platforms; it is PENDING for `subscriptionPendingMs`, then RUNNING, importing the tags one after
// the other, `subscriptionTagMs` each, then COMPLETED. Importing a tag stores its image in the
// target repository's registry (a real image, services/registry/synthetic.ts, which `docker pull`
// fetches) and the tag as a push does (push.ts: sync rules, scan rules and the rest see it), at the
// time the import ends; a tag the target has keeps its image unless the
// rule overrides it (SKIPPED), and a tag of an immutable repository that names another image cannot
// be overridden (FAILED). Imports take effect the next time the target repository's images are
// read or used, or the task is read (settle.ts), like finished builds.
import type { Handlers, ItemOf, Result } from './context.js';
import { readSettings } from './common/config.js';
import { notFound } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { findRepoById, findRepoByName, requireInstance, requireNamespace } from './common/lookup.js';
import { checkRegExp } from './common/names.js';
import { page, sortBy } from './common/paging.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import type { TagRecord } from './images.js';
import type { InstanceRecord } from './instances.js';
import { storeTag } from './push.js';
import { createRepository, tagsImmutable, type RepositoryRecord } from './repositories.js';
import { settleRepository } from './settle.js';
import { requireSubscriptionRule } from './subscription-rules.js';
import { platformsOf, sourceKey, upstreamImages, type SourceRef } from './upstream.js';
import { storeSyntheticImage } from '../services/registry/synthetic.js';

type Outcome = 'SUCCESS' | 'SKIPPED' | 'FAILED';

interface TagImport {
  readonly Tag: string;
  /** The platform imported (the first of the rule's that the source tag has). */
  readonly platform: string;
  /** When the source tag was pushed (ms). */
  readonly createdAt: number;
  outcome?: Outcome;
}

export interface SubscriptionTaskRecord extends SourceRef {
  TaskId: string;
  InstanceId: string;
  RuleId: string;
  /** The target repository (made when the task started, if the namespace creates repositories on push). */
  RepoId: string;
  NamespaceName: string;
  RepoName: string;
  Override: boolean;
  TagTotalCount: number;
  imports: TagImport[];
  startTime: number;
  pendingMs: number;
  tagMs: number;
  seq: number;
}

/** When the import of the tag at `index` starts and ends. */
function window(task: SubscriptionTaskRecord, index: number): { start: number; end: number } {
  const start = task.startTime + task.pendingMs + index * task.tagMs;
  return { start, end: start + task.tagMs };
}

const endOf = (task: SubscriptionTaskRecord): number => task.startTime + task.pendingMs + task.imports.length * task.tagMs;

/** The images the rule selects from the source now, and how many tags the source has. */
function select(context: StateContext, rule: SourceRef & { TagRegexp: string; TagCount: number; Platform: readonly string[] }): { imports: TagImport[]; total: number } {
  const all = upstreamImages(context, rule);
  const pattern = checkRegExp('TagRegexp', rule.TagRegexp);
  const imports: TagImport[] = [];
  for (const image of all) {
    if (imports.length >= rule.TagCount || !pattern.test(image.tag)) continue;
    const platform = rule.Platform.find((p) => platformsOf(image).includes(p));
    if (platform === undefined) continue;
    imports.push({ Tag: image.tag, platform, createdAt: image.createdAt as number });
  }
  return { imports, total: all.length };
}

/** Imports one tag into the repository at time `at`; what happened. */
function importTag(context: StateContext, task: SubscriptionTaskRecord, repo: RepositoryRecord, entry: TagImport, at: number): Outcome {
  const existing = context.store.get<TagRecord>(COLLECTIONS.tags, key(repo.RepoId, entry.Tag));
  // The image's content is stored even when the tag is not moved to it: garbage collection takes
  // what no tag keeps, as after a push that was refused.
  const image = storeSyntheticImage(context.store, repo.RepoId, `${sourceKey(task)}:${entry.Tag}`, entry.platform, entry.createdAt, at);
  if (existing !== undefined && `sha256:${existing.Digest}` === image.digest) return 'SUCCESS';
  // The target's tag names another image: kept unless the rule overrides it, and an immutable tag cannot be.
  if (existing && !task.Override) return 'SKIPPED';
  if (existing && tagsImmutable(repo)) return 'FAILED';
  const [os, architecture] = entry.platform.split('/');
  const size = image.config.size + image.layers.reduce((sum, l) => sum + l.size, 0);
  storeTag({ store: context.store, now: at }, repo, {
    RepoId: repo.RepoId,
    Tag: entry.Tag,
    Digest: image.digest.slice('sha256:'.length),
    ImageId: image.config.digest.slice('sha256:'.length),
    Status: 'NORMAL',
    ImageSize: size,
    ImageCreate: entry.createdAt,
    ImageUpdate: at,
    architecture,
    os,
    config: image.config,
    layers: image.layers.map((l) => ({ ...l, instruction: 'ADD', command: `file:${l.digest.slice(7, 23)} in /${image.path}` })),
  });
  return 'SUCCESS';
}

/** Imports the tags of the repository's tasks whose import has ended since the last call. */
export function settleSubscriptions(context: StateContext, repo: RepositoryRecord): void {
  const { store } = context;
  const ids = store.list<string>(COLLECTIONS.unsettledImports, prefix(repo.RepoId));
  const tasks = ids
    .map((id) => store.get<SubscriptionTaskRecord>(COLLECTIONS.subscriptionTasks, key(repo.InstanceId, id)))
    .filter((t): t is SubscriptionTaskRecord => t !== undefined);
  // Every import that has ended, of every task, in the order the imports ended.
  const due = tasks.flatMap((task) => task.imports.map((entry, index) => ({ task, entry, at: window(task, index).end })))
    .filter(({ entry, at }) => entry.outcome === undefined && at <= context.now);
  for (const { task, entry, at } of sortBy(due, (d) => [d.at, d.task.seq])) entry.outcome = importTag(context, task, repo, entry, at);
  for (const task of tasks) {
    store.put(COLLECTIONS.subscriptionTasks, key(task.InstanceId, task.TaskId), task);
    if (task.imports.every((entry) => entry.outcome !== undefined)) store.delete(COLLECTIONS.unsettledImports, key(repo.RepoId, task.TaskId));
  }
}

function requireTask(context: StateContext, instanceId: string, taskId: string): SubscriptionTaskRecord {
  const task = context.store.get<SubscriptionTaskRecord>(COLLECTIONS.subscriptionTasks, key(instanceId, taskId));
  if (!task) throw notFound('ARTIFACT_SUBSCRIPTION_TASK', `artifact subscription task ${taskId}`);
  return task;
}

/** The task with the imports that have ended applied (read again after settling its repository). */
function settledTask(context: StateContext, task: SubscriptionTaskRecord): SubscriptionTaskRecord {
  const repo = findRepoById(context, task.InstanceId, task.RepoId);
  if (!repo) return task;
  settleRepository(context, repo);
  return requireTask(context, task.InstanceId, task.TaskId);
}

/** A tag's import as of `now`: an import that ended without an outcome lost its repository (deleted). */
function importState(task: SubscriptionTaskRecord, index: number, now: number): { status: string; result?: Outcome; start: number; end?: number } {
  const entry = task.imports[index];
  const { start, end } = window(task, index);
  if (now < start) return { status: 'PENDING', start };
  if (now < end) return { status: 'RUNNING', start };
  return { status: 'COMPLETED', result: entry.outcome ?? 'FAILED', start, end };
}

function taskState(task: SubscriptionTaskRecord, now: number): { status: string; result?: string; message: string; imported: number; end?: number } {
  const states = task.imports.map((_, index) => importState(task, index, now));
  const imported = states.filter((s) => s.result === 'SUCCESS').length;
  if (now < task.startTime + task.pendingMs) return { status: 'PENDING', message: 'waiting', imported };
  const end = endOf(task);
  if (now < end) return { status: 'RUNNING', message: `${states.filter((s) => s.status === 'COMPLETED').length} of ${task.imports.length} tags done`, imported };
  if (task.imports.length === 0) return { status: 'COMPLETED', result: 'FAILED', message: 'no tag of the source repository matches TagRegexp and Platform', imported, end };
  const failed = states.filter((s) => s.result === 'FAILED').length;
  const skipped = states.filter((s) => s.result === 'SKIPPED').length;
  const result = failed === 0 ? 'SUCCESS' : failed === task.imports.length ? 'FAILED' : 'PARTIAL_SUCCESS';
  const message = failed === 0 && skipped === 0 ? 'success' : `${imported} imported, ${skipped} skipped, ${failed} failed`;
  return { status: 'COMPLETED', result, message, imported, end };
}

type TaskFields = Omit<ItemOf<'ListArtifactSubscriptionTask', 'Tasks'>, 'StartTime' | 'EndTime'>;

/** The task's fields but its times, and when it ended (absent while it runs). */
function taskFields(task: SubscriptionTaskRecord, now: number): TaskFields & { end?: number } {
  const state = taskState(task, now);
  return {
    TaskId: task.TaskId,
    InstanceId: task.InstanceId,
    ArtifactType: 'IMAGE',
    TaskType: 'MANUAL',
    SourceProvider: task.SourceProvider,
    SourceNamespaceName: task.SourceNamespaceName,
    SourceRepoName: task.SourceRepoName,
    SourceRepoType: 'PUBLIC',
    NamespaceName: task.NamespaceName,
    RepoName: task.RepoName,
    TaskStatus: state.status,
    ...(state.result === undefined ? {} : { TaskResult: state.result }),
    Message: state.message,
    TagTotalCount: task.TagTotalCount,
    TagSubscriptionCount: state.imported,
    ...(state.end === undefined ? {} : { end: state.end }),
  };
}

export const subscriptionTaskHandlers = {
  CreateArtifactSubscriptionTask(context): Result<'CreateArtifactSubscriptionTask'> {
    const instance = requireInstance(context);
    const rule = requireSubscriptionRule(context, instance.InstanceId, context.params.RuleId);
    const namespace = requireNamespace(context, instance.InstanceId, rule.NamespaceName);
    let repo = findRepoByName(context, instance.InstanceId, rule.NamespaceName, rule.RepoName);
    if (!repo) {
      if (!namespace.AutoCreateRepo) throw notFound('REPO', `repository ${rule.NamespaceName}/${rule.RepoName}`);
      repo = createRepository(context, { instance: instance as InstanceRecord, namespace: rule.NamespaceName, name: rule.RepoName, type: namespace.DefaultRepoType, summary: 'Automatically created repository' });
    }
    const { timings } = readSettings(context.store);
    const { imports, total } = select(context, rule);
    const { id, seq } = newId(context.store, PREFIX.subscriptionTask);
    const task: SubscriptionTaskRecord = {
      TaskId: id,
      InstanceId: instance.InstanceId,
      RuleId: rule.RuleId,
      RepoId: repo.RepoId,
      SourceProvider: rule.SourceProvider,
      SourceNamespaceName: rule.SourceNamespaceName,
      SourceRepoName: rule.SourceRepoName,
      NamespaceName: rule.NamespaceName,
      RepoName: rule.RepoName,
      Override: rule.Override,
      TagTotalCount: total,
      imports,
      startTime: context.now,
      pendingMs: timings.subscriptionPendingMs,
      tagMs: timings.subscriptionTagMs,
      seq,
    };
    context.store.put(COLLECTIONS.subscriptionTasks, key(instance.InstanceId, id), task);
    if (imports.length > 0) context.store.put(COLLECTIONS.unsettledImports, key(repo.RepoId, id), id);
    return { TaskId: id };
  },

  GetArtifactSubscriptionTask(context): Result<'GetArtifactSubscriptionTask'> {
    const instance = requireInstance(context);
    const task = settledTask(context, requireTask(context, instance.InstanceId, context.params.TaskId));
    const { end, ...fields } = taskFields(task, context.now);
    return { ...fields, StartTime: task.startTime, ...(end === undefined ? {} : { EndTime: end }) };
  },

  // Newest first; the times are millisecond numbers as text (the SDK's types, CURATION.md M-127).
  ListArtifactSubscriptionTask(context): Result<'ListArtifactSubscriptionTask'> {
    const instance = requireInstance(context);
    const all = context.store.list<SubscriptionTaskRecord>(COLLECTIONS.subscriptionTasks, prefix(instance.InstanceId));
    const { paging, items } = page(context, sortBy(all, (t) => [-t.seq]));
    return {
      ...paging,
      Tasks: items.map((listed) => {
        const { end, ...fields } = taskFields(settledTask(context, listed), context.now);
        return { ...fields, StartTime: String(listed.startTime), ...(end === undefined ? {} : { EndTime: String(end) }) };
      }),
    };
  },

  // In the order the task imports the tags (the most recently pushed first).
  GetArtifactSubscriptionTaskResult(context): Result<'GetArtifactSubscriptionTaskResult'> {
    const instance = requireInstance(context);
    const task = settledTask(context, requireTask(context, instance.InstanceId, context.params.TaskId));
    const { paging, items } = page(context, task.imports.map((_, index) => index));
    return {
      ...paging,
      TaskResults: items.map((index) => {
        const state = importState(task, index, context.now);
        return {
          TaskId: task.TaskId,
          InstanceId: task.InstanceId,
          NamespaceName: task.NamespaceName,
          RepoName: task.RepoName,
          Tag: task.imports[index].Tag,
          Status: state.status,
          ...(state.result === undefined ? {} : { Result: state.result }),
          StartTime: state.start,
          ...(state.end === undefined ? {} : { EndTime: state.end }),
        };
      }),
    };
  },
} satisfies Partial<Handlers>;
