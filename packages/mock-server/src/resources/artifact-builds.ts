// Artifact building (the vendor's API metadata; CURATION.md M-95 to M-99): a rule on a repository
// makes every push of a tag there (fixtures, registry pushes, finished builds, tag copies: storeTag
// in push.ts calls buildArtifactOnPush, beside the PASSIVE sync rules and AUTO scan rules) start a
// task that builds the tag's accelerated image. A task is PENDING for `artifactBuildPendingMs`
// (seed timings), BUILDING for `artifactBuildRunningMs`, then SUCCESS; CancelArtifactBuildTask
// ends it FAILED. Statuses and logs are computed from the clock when read. A successful task
// pushes `<tag>_accelerated` to the repository at its end, the next time the repository's images
// are read or used (settleArtifactBuilds, from settle.ts, as finished builds are pushed): real
// registry content derived from the source image (services/registry/accelerated.ts) when the
// registry holds the source, else, like its source, an image in the API only. Until then the
// registry's garbage collection keeps the source (sourcesInBuild), as the service's build holds
// what it pulled. Decisions in README.md.
import type { Store } from '../store/store.js';
import type { BuildParameters } from '../generated/index.js';
import type { Context, Handlers, Result } from './context.js';
import { readSettings } from './common/config.js';
import { conflict, invalidParameter, notFound } from './common/errors.js';
import { hex64, newId, PREFIX } from './common/ids.js';
import { relabelled } from './common/media-types.js';
import { findRepoById, requireInstance } from './common/lookup.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import type { TagRecord } from './images.js';
import type { InstanceRecord } from './instances.js';
import type { RepositoryRecord } from './repositories.js';
import { pushImage, storeTag } from './push.js';
import { storeAccelerated } from '../services/registry/accelerated.js';

/** The suffix of the tag an accelerated image is pushed under; such tags start no task themselves. */
export const ACCELERATED_SUFFIX = '_accelerated';
const ARTIFACT_TYPE = 'ACCELERATED_IMAGE';
const BUILD_TYPE = 'IMAGE_TO_ACCELERATED_IMAGE';

export interface ArtifactBuildRuleRecord {
  BuildRuleId: string;
  InstanceId: string;
  ScopeType: 'REPOSITORY';
  ScopeId: string;
  ArtifactType: typeof ARTIFACT_TYPE;
  Parameters: BuildParameters;
}

export interface ArtifactBuildTaskRecord {
  InstanceId: string;
  BuildTaskId: string;
  RepoId: string;
  RepoNamespaceName: string;
  RepoName: string;
  /** The tag pushed, and the digest (64 hex) of the image it named then. */
  Tag: string;
  Digest: string;
  /** The tag as pushed (absent in tasks saved before it was kept): what the API shows of the accelerated image. */
  source?: TagRecord;
  Parameters: BuildParameters;
  startTime: number;
  pendingMs: number;
  runningMs: number;
  canceledAt?: number;
  seq: number;
}

export type ArtifactBuildStatus = 'PENDING' | 'BUILDING' | 'SUCCESS' | 'FAILED';

export function artifactBuildState(task: ArtifactBuildTaskRecord, now: number): { status: ArtifactBuildStatus; endTime?: number } {
  const doneAt = task.startTime + task.pendingMs + task.runningMs;
  if (task.canceledAt !== undefined && task.canceledAt < doneAt) return { status: 'FAILED', endTime: task.canceledAt };
  if (now >= doneAt) return { status: 'SUCCESS', endTime: doneAt };
  return { status: now < task.startTime + task.pendingMs ? 'PENDING' : 'BUILDING' };
}

/** Starts the accelerated image build of a pushed tag when the repository has a rule. */
export function buildArtifactOnPush(context: StateContext, repo: RepositoryRecord, tag: TagRecord): void {
  if (tag.Tag.endsWith(ACCELERATED_SUFFIX)) return;
  const rule = context.store.get<ArtifactBuildRuleRecord>(COLLECTIONS.artifactBuildRules, key(repo.RepoId, ARTIFACT_TYPE));
  if (!rule) return;
  const { timings } = readSettings(context.store);
  const { id, seq } = newId(context.store, PREFIX.artifactBuildTask);
  const task: ArtifactBuildTaskRecord = {
    InstanceId: repo.InstanceId,
    BuildTaskId: id,
    RepoId: repo.RepoId,
    RepoNamespaceName: repo.RepoNamespaceName,
    RepoName: repo.RepoName,
    Tag: tag.Tag,
    Digest: tag.Digest,
    source: tag,
    Parameters: rule.Parameters,
    startTime: context.now,
    pendingMs: timings.artifactBuildPendingMs,
    runningMs: timings.artifactBuildRunningMs,
    seq,
  };
  context.store.put(COLLECTIONS.artifactBuildTasks, key(repo.InstanceId, id), task);
  context.store.put(COLLECTIONS.unsettledArtifactBuilds, key(repo.RepoId, id), id);
}

/** Pushes the accelerated images of the repository's tasks that have succeeded since the last call. */
export function settleArtifactBuilds(context: StateContext, repo: RepositoryRecord): void {
  const { store } = context;
  for (const id of store.list<string>(COLLECTIONS.unsettledArtifactBuilds, prefix(repo.RepoId))) {
    const task = store.get<ArtifactBuildTaskRecord>(COLLECTIONS.artifactBuildTasks, key(repo.InstanceId, id));
    const state = task && artifactBuildState(task, context.now);
    if (task && state?.status === 'SUCCESS') pushAccelerated({ store, now: state.endTime as number }, repo, task);
    if (!task || (state?.status !== 'PENDING' && state?.status !== 'BUILDING')) store.delete(COLLECTIONS.unsettledArtifactBuilds, key(repo.RepoId, id));
  }
}

/**
 * Tags the task's accelerated image `<tag>_accelerated`: the same config and layers as its source
 * (with their OCI media types), dated the task's end. Its digest is the accelerated manifest's when
 * the registry holds the source, else one derived from the source's digest alone.
 */
function pushAccelerated(context: StateContext, repo: RepositoryRecord, task: ArtifactBuildTaskRecord): void {
  const source = task.source ?? unmovedTag(context, repo, task);
  if (source === undefined) return pushUnsourced(context, repo, task);
  const made = storeAccelerated(context.store, repo.RepoId, `sha256:${task.Digest}`, context.now);
  storeTag(context, repo, {
    ...source,
    Tag: task.Tag + ACCELERATED_SUFFIX,
    Digest: made === undefined ? hex64(`accelerated:${task.Digest}`) : made.digest.slice('sha256:'.length),
    Status: 'NORMAL',
    ImageCreate: context.now,
    ImageUpdate: context.now,
    config: relabelled(source.config),
    layers: source.layers.map(relabelled),
  });
}

/** For a task saved before sources were kept: its tag now, when it still names the task's image. */
function unmovedTag(context: StateContext, repo: RepositoryRecord, task: ArtifactBuildTaskRecord): TagRecord | undefined {
  const tag = context.store.get<TagRecord>(COLLECTIONS.tags, key(repo.RepoId, task.Tag));
  return tag?.Digest === task.Digest ? tag : undefined;
}

/**
 * A task saved before sources were kept, whose tag has moved on or gone: nothing says what its image
 * held, so `<tag>_accelerated` is an image in the API only, as such tasks pushed it before. The task
 * reports SUCCESS with that target, so the target must exist.
 */
function pushUnsourced(context: StateContext, repo: RepositoryRecord, task: ArtifactBuildTaskRecord): void {
  const instance = context.store.get<InstanceRecord>(COLLECTIONS.instances, repo.InstanceId) as InstanceRecord;
  const image = { tag: task.Tag + ACCELERATED_SUFFIX, config: { digest: hex64(`accelerated:${task.Digest}:${task.BuildTaskId}`) } };
  pushImage(context, { instance, namespace: repo.RepoNamespaceName, repository: repo.RepoName, image });
}

/**
 * The source manifests (`sha256:<hex>`) of the repository's tasks whose accelerated image is not
 * pushed yet: the registry's garbage collection keeps them, so the image can be made from them.
 */
export function sourcesInBuild(store: Store, repoId: string): string[] {
  const repoKey = store.get<string>(COLLECTIONS.repositoryIds, repoId);
  const repo = repoKey === undefined ? undefined : store.get<RepositoryRecord>(COLLECTIONS.repositories, repoKey);
  if (repo === undefined) return [];
  return store
    .list<string>(COLLECTIONS.unsettledArtifactBuilds, prefix(repoId))
    .map((id) => store.get<ArtifactBuildTaskRecord>(COLLECTIONS.artifactBuildTasks, key(repo.InstanceId, id)))
    .filter((task): task is ArtifactBuildTaskRecord => task !== undefined)
    .map((task) => `sha256:${task.Digest}`);
}

/** The log lines written by `now`: each with the time it is written at, in order. */
function logOf(task: ArtifactBuildTaskRecord, now: number): string[] {
  const building = task.startTime + task.pendingMs;
  const doneAt = building + task.runningMs;
  const source = `${task.RepoNamespaceName}/${task.RepoName}`;
  const lines: [number, string][] = [
    [task.startTime, `Task ${task.BuildTaskId}: ${BUILD_TYPE} of ${source}:${task.Tag}`],
    [building, 'Start Build'],
    [building, `Pulling ${source}@sha256:${task.Digest}`],
    [building + task.runningMs / 3, 'Converting the layers to the accelerated format'],
    [building + (2 * task.runningMs) / 3, task.Parameters.ImageIndexOnly ? 'Building the image index only' : 'Building the image index and the accelerated layers'],
    [doneAt, `Pushing ${source}:${task.Tag}${ACCELERATED_SUFFIX}`],
    [doneAt, 'Build succeeded'],
  ];
  const until = task.canceledAt !== undefined && task.canceledAt < doneAt ? task.canceledAt : now;
  const written = lines.filter(([at]) => at <= until).map(([, text]) => text);
  return until === task.canceledAt ? [...written, 'Build canceled'] : written;
}

/** Every task of the server, newest first: the API lists none (the service shows them in its console); the admin endpoint `/-/artifact-build-tasks` does. */
export function listArtifactBuildTasks(store: Store, now: number): { InstanceId: string; BuildTaskId: string; RepoId: string; Tag: string; TaskStatus: ArtifactBuildStatus }[] {
  return store
    .list<ArtifactBuildTaskRecord>(COLLECTIONS.artifactBuildTasks)
    .sort((a, b) => b.seq - a.seq)
    .map((t) => ({ InstanceId: t.InstanceId, BuildTaskId: t.BuildTaskId, RepoId: t.RepoId, Tag: t.Tag, TaskStatus: artifactBuildState(t, now).status }));
}

function requireTask(context: Context<'GetArtifactBuildTask' | 'CancelArtifactBuildTask' | 'ListArtifactBuildTaskLog'>): ArtifactBuildTaskRecord {
  const instance = requireInstance(context);
  const id = context.params.BuildTaskId;
  const task = context.store.get<ArtifactBuildTaskRecord>(COLLECTIONS.artifactBuildTasks, key(instance.InstanceId, id));
  if (!task) throw notFound('ARTIFACT_BUILD_TASK', `artifact build task ${id}`);
  return task;
}

function findRule(context: Context<'GetArtifactBuildRule'>, instanceId: string): ArtifactBuildRuleRecord | undefined {
  const p = context.params;
  const ruleId = nonEmpty(p.BuildRuleId);
  if (ruleId !== undefined) {
    const rule = context.store.list<ArtifactBuildRuleRecord>(COLLECTIONS.artifactBuildRules).find((r) => r.InstanceId === instanceId && r.BuildRuleId === ruleId);
    const other = (nonEmpty(p.ScopeId) !== undefined && rule?.ScopeId !== p.ScopeId) || rule?.ArtifactType !== p.ArtifactType;
    return other ? undefined : rule;
  }
  const scopeId = nonEmpty(p.ScopeId);
  if (scopeId === undefined) throw invalidParameter('BuildRuleId', 'name the rule by BuildRuleId, or by ScopeType and ScopeId');
  const rule = context.store.get<ArtifactBuildRuleRecord>(COLLECTIONS.artifactBuildRules, key(scopeId, p.ArtifactType));
  return rule?.InstanceId === instanceId ? rule : undefined;
}

const seconds = (ms: number): number => Math.floor(ms / 1000);

export const artifactBuildHandlers = {
  // A second rule for the same repository and artifact type replaces the first's parameters (the
  // API can neither update nor delete a rule).
  CreateArtifactBuildRule(context): Result<'CreateArtifactBuildRule'> {
    const instance = requireInstance(context);
    if (instance.InstanceSpecification === 'Enterprise_Basic') {
      throw conflict('INSTANCE_SPECIFICATION_NOT_SUPPORTED', `The instance ${instance.InstanceId} is a Basic instance: accelerated images need a Standard or Advanced one.`);
    }
    const p = context.params;
    const repo = findRepoById(context, instance.InstanceId, p.ScopeId);
    if (!repo) throw notFound('REPO', `repository ${p.ScopeId}`);
    const ruleKey = key(repo.RepoId, p.ArtifactType);
    const existing = context.store.get<ArtifactBuildRuleRecord>(COLLECTIONS.artifactBuildRules, ruleKey);
    const rule: ArtifactBuildRuleRecord = {
      BuildRuleId: existing?.BuildRuleId ?? newId(context.store, PREFIX.artifactBuildRule).id,
      InstanceId: instance.InstanceId,
      ScopeType: p.ScopeType,
      ScopeId: repo.RepoId,
      ArtifactType: p.ArtifactType,
      Parameters: { ...p.Parameters },
    };
    context.store.put(COLLECTIONS.artifactBuildRules, ruleKey, rule);
    return { BuildRuleId: rule.BuildRuleId };
  },

  GetArtifactBuildRule(context): Result<'GetArtifactBuildRule'> {
    const instance = requireInstance(context);
    const rule = findRule(context, instance.InstanceId);
    if (!rule) throw notFound('ARTIFACT_BUILD_RULE', `artifact build rule ${context.params.BuildRuleId ?? `of ${context.params.ScopeId}`}`);
    const { BuildRuleId, ScopeType, ScopeId, ArtifactType, Parameters } = rule;
    return { BuildRuleId, ScopeType, ScopeId, ArtifactType, Parameters };
  },

  GetArtifactBuildTask(context): Result<'GetArtifactBuildTask'> {
    const task = requireTask(context);
    const state = artifactBuildState(task, context.now);
    return {
      BuildTaskId: task.BuildTaskId,
      TaskStatus: state.status,
      ArtifactBuildType: BUILD_TYPE,
      StartTime: seconds(task.startTime),
      ...(state.endTime === undefined ? {} : { EndTime: seconds(state.endTime) }),
      Instructions: [],
      SourceArtifact: { RepoId: task.RepoId, Version: task.Tag, ArtifactType: 'IMAGE' },
      TargetArtifact: { RepoId: task.RepoId, Version: task.Tag + ACCELERATED_SUFFIX, ArtifactType: 'IMAGE' },
    };
  },

  CancelArtifactBuildTask(context): Result<'CancelArtifactBuildTask'> {
    const task = requireTask(context);
    const { status } = artifactBuildState(task, context.now);
    if (status === 'SUCCESS' || status === 'FAILED') {
      throw conflict('ARTIFACT_BUILD_TASK_ALREADY_FINISHED', `The artifact build task ${task.BuildTaskId} is ${status} and cannot be canceled.`);
    }
    task.canceledAt = context.now;
    context.store.put(COLLECTIONS.artifactBuildTasks, key(task.InstanceId, task.BuildTaskId), task);
    context.store.delete(COLLECTIONS.unsettledArtifactBuilds, key(task.RepoId, task.BuildTaskId));
    return {};
  },

  ListArtifactBuildTaskLog(context): Result<'ListArtifactBuildTaskLog'> {
    const lines = logOf(requireTask(context), context.now);
    const size = Math.max(1, context.params.PageSize);
    const start = (Math.max(1, context.params.Page) - 1) * size;
    const page = lines.slice(start, start + size).map((Message, i) => ({ LineNumber: start + i + 1, Message }));
    return { TotalCount: lines.length, BuildTaskLogs: page };
  },
} satisfies Partial<Handlers>;
