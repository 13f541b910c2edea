// Chapter 9, instance synchronization: rules that copy the images of a namespace (or of one
// repository) whose tags match a regular expression to another instance, and the tasks that do
// the copying (sync-engine.ts: how a task progresses). The target instance must be another
// instance that the mock knows, in TargetRegionId. As the vendor's metadata defines the values, a
// PASSIVE rule (the default) is automatic: it starts a task (TaskTrigger PASSIVE) on every push it
// covers (push.ts); an INITIATIVE rule is manual: it syncs only when CreateRepoSyncTaskByRule asks
// (TaskTrigger INITIATIVE, as for any task started by hand). A NAMESPACE rule may narrow the
// repositories it covers with RepoNameFilter. Rules are listed in creation order, tasks the most
// recent first. SyncRecordId (ListRepoSyncTask) selects the tasks whose SyncBatchTaskId or
// SyncRuleId it is; RepoNamespaceName, RepoName and Tag select by source image.
// CreateRepoSyncTask starts a manual task without a rule (TaskTrigger INITIATIVE, no SyncRuleId),
// to another instance the mock knows; CancelRepoSyncTask stops any task that has not finished.
import type { SyncRule, SyncScope, SyncTrigger } from '../generated/index.js';
import type { Handlers, RequestContext, Result } from './context.js';
import { settleRepository } from './settle.js';
import { settleChainRuns } from './chains.js';
import { alreadyExists, conflict, invalidParameter, notFound } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { findRepoByName, requireInstance, requireNamespace, requireRepo, requireTag } from './common/lookup.js';
import { checkName, checkRegExp, checkTag } from './common/names.js';
import { page, sortBy } from './common/paging.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, prefix } from './common/collections.js';
import type { InstanceRecord } from './instances.js';
import { createSyncTask, ruleCovers, startSyncTask, syncTaskDetail, syncTaskFinished, syncTaskItem, tagMatches } from './sync-engine.js';

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
  /** NAMESPACE rules: the source repositories they cover (a regular expression; all when absent). Not answered. */
  repoNameFilter?: string;
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
  /** The manifest digest of the image the task copies (`sha256:...`; absent in records made before it). */
  artifactDigest?: string;
  createTime: number;
  pendingMs: number;
  runningMs: number;
  /** When CancelRepoSyncTask stopped it (before it finished). */
  canceledAt?: number;
  seq: number;
}

// The metadata's names of the two repository names beside the document's (CURATION L-20). The
// mock holds one account (checkTargetUser), so no rule of it is cross-account.
function ruleView(rule: SyncRuleRecord): SyncRule {
  const { seq: _seq, repoNameFilter: _filter, ...fields } = rule;
  return {
    ...fields,
    ...(rule.LocalRepositoryName === undefined ? {} : { LocalRepoName: rule.LocalRepositoryName }),
    ...(rule.TargetRepositoryName === undefined ? {} : { TargetRepoName: rule.TargetRepositoryName }),
    CrossUser: false,
  };
}

/**
 * The mock holds one account: a TargetUserId of another account names an instance it does not
 * know (the caller's own account ID is accepted).
 */
function checkTargetUser(context: RequestContext<{ readonly TargetUserId?: string; readonly TargetInstanceId: string }>): void {
  const userId = nonEmpty(context.params.TargetUserId);
  if (userId !== undefined && userId !== context.accountId) throw notFound('INSTANCE', `target instance ${context.params.TargetInstanceId}`);
}

function targetInstance(context: RequestContext<{ readonly TargetInstanceId: string; readonly TargetRegionId: string }>, source: InstanceRecord): InstanceRecord {
  const id = context.params.TargetInstanceId;
  const target = context.store.get<InstanceRecord>(COLLECTIONS.instances, id);
  if (!target || target.RegionId !== context.params.TargetRegionId) throw notFound('INSTANCE', `target instance ${id}`);
  if (target.InstanceId === source.InstanceId) throw invalidParameter('TargetInstanceId', 'the target instance must not be the source instance');
  return target;
}

/** The repository names of a rule: both for REPO scope, neither for NAMESPACE scope. */
function repoNames(context: RequestContext<{ readonly RepoName?: string; readonly TargetRepoName?: string }>, scope: 'NAMESPACE' | 'REPO'): { local?: string; target?: string } {
  const local = nonEmpty(context.params.RepoName);
  const target = nonEmpty(context.params.TargetRepoName);
  if (scope === 'NAMESPACE') {
    if (local !== undefined || target !== undefined) throw invalidParameter('RepoName', 'a NAMESPACE rule names no repository');
    return {};
  }
  if (local === undefined || target === undefined) throw invalidParameter('RepoName', 'a REPO rule needs RepoName and TargetRepoName');
  return { local, target: checkName('TargetRepoName', target) };
}

function requireTask(context: RequestContext<{ readonly SyncTaskId: string }>, instanceId: string): SyncTaskRecord {
  const id = context.params.SyncTaskId;
  const task = context.store.get<SyncTaskRecord>(COLLECTIONS.syncTasks, key(instanceId, id));
  if (!task) throw notFound('SYNC_TASK', `synchronization task ${id}`);
  return task;
}

function requireRule(context: RequestContext<{ readonly SyncRuleId: string }>, instanceId: string): SyncRuleRecord {
  const id = context.params.SyncRuleId;
  const rule = context.store.get<SyncRuleRecord>(COLLECTIONS.syncRules, key(instanceId, id));
  if (!rule) throw notFound('SYNC_RULE', `synchronization rule ${id}`);
  return rule;
}

export const syncHandlers = {
  CreateRepoSyncRule(context): Result<'CreateRepoSyncRule'> {
    const instance = requireInstance(context);
    const namespace = requireNamespace(context, instance.InstanceId, context.params.NamespaceName).NamespaceName;
    const scope = context.params.SyncScope;
    const names = repoNames(context, scope);
    if (names.local !== undefined && !findRepoByName(context, instance.InstanceId, namespace, names.local)) {
      throw notFound('REPO', `repository ${namespace}/${names.local}`);
    }
    const tagFilter = context.params.TagFilter;
    checkRegExp('TagFilter', tagFilter);
    const repoNameFilter = nonEmpty(context.params.RepoNameFilter);
    if (repoNameFilter !== undefined) {
      if (scope !== 'NAMESPACE') throw invalidParameter('RepoNameFilter', 'only a NAMESPACE rule filters repository names');
      checkRegExp('RepoNameFilter', repoNameFilter);
    }
    checkTargetUser(context);
    const target = targetInstance(context, instance);
    const name = context.params.SyncRuleName;
    const rules = context.store.list<SyncRuleRecord>(COLLECTIONS.syncRules, prefix(instance.InstanceId));
    if (rules.some((r) => r.SyncRuleName === name)) throw alreadyExists('SYNC_RULE', `synchronization rule ${name}`);
    const { id, seq } = newId(context.store, PREFIX.syncRule);
    const rule: SyncRuleRecord = {
      SyncRuleId: id,
      SyncRuleName: name,
      LocalRegionId: instance.RegionId,
      LocalInstanceId: instance.InstanceId,
      LocalNamespaceName: namespace,
      ...(names.local === undefined ? {} : { LocalRepositoryName: names.local }),
      TargetRegionId: target.RegionId,
      TargetInstanceId: target.InstanceId,
      TargetNamespaceName: checkName('TargetNamespaceName', context.params.TargetNamespaceName),
      ...(names.target === undefined ? {} : { TargetRepositoryName: names.target }),
      TagFilter: tagFilter,
      ...(repoNameFilter === undefined ? {} : { repoNameFilter }),
      SyncScope: scope,
      SyncTrigger: context.params.SyncTrigger,
      SyncDirection: 'FROM',
      CreateTime: context.now,
      ModifiedTime: context.now,
      seq,
    };
    context.store.put(COLLECTIONS.syncRules, key(instance.InstanceId, id), rule);
    return { SyncRuleId: id };
  },

  DeleteRepoSyncRule(context): Result<'DeleteRepoSyncRule'> {
    const instance = requireInstance(context);
    const rule = requireRule(context, instance.InstanceId);
    context.store.delete(COLLECTIONS.syncRules, key(instance.InstanceId, rule.SyncRuleId));
    return {};
  },

  // NamespaceName, RepoName, TargetInstanceId and TargetRegionId match exactly.
  ListRepoSyncRule(context): Result<'ListRepoSyncRule'> {
    const instance = requireInstance(context);
    const want = {
      LocalNamespaceName: nonEmpty(context.params.NamespaceName),
      LocalRepositoryName: nonEmpty(context.params.RepoName),
      TargetInstanceId: nonEmpty(context.params.TargetInstanceId),
      TargetRegionId: nonEmpty(context.params.TargetRegionId),
    };
    const rules = context.store
      .list<SyncRuleRecord>(COLLECTIONS.syncRules, prefix(instance.InstanceId))
      .filter((rule) => Object.entries(want).every(([field, value]) => value === undefined || rule[field as keyof typeof want] === value));
    const { paging, items } = page(context, sortBy(rules, (r) => [r.seq]));
    return { ...paging, SyncRules: items.map(ruleView) };
  },

  // The repository must be in the rule's scope and the tag must exist and pass the rule's filter.
  CreateRepoSyncTaskByRule(context): Result<'CreateRepoSyncTaskByRule'> {
    const instance = requireInstance(context);
    const rule = requireRule(context, instance.InstanceId);
    const repo = requireRepo(context, instance.InstanceId);
    settleRepository(context, repo);
    const tag = requireTag(context, repo, context.params.Tag);
    if (!ruleCovers({ ...rule, TagFilter: '.*' }, repo, tag.Tag)) {
      throw invalidParameter('RepoId', `the repository is not in the scope of rule ${rule.SyncRuleId}`);
    }
    if (!tagMatches(rule, tag.Tag)) throw invalidParameter('Tag', `the tag does not match the rule's filter ${rule.TagFilter}`);
    return { SyncTaskId: createSyncTask(context, rule, repo, tag, 'INITIATIVE').SyncTaskId };
  },

  ListRepoSyncTask(context): Result<'ListRepoSyncTask'> {
    const instance = requireInstance(context);
    settleChainRuns(context, instance.InstanceId); // delivery chains that reached replication start their tasks
    const record = nonEmpty(context.params.SyncRecordId);
    const namespace = nonEmpty(context.params.RepoNamespaceName);
    const name = nonEmpty(context.params.RepoName);
    const tag = nonEmpty(context.params.Tag);
    const tasks = context.store
      .list<SyncTaskRecord>(COLLECTIONS.syncTasks, prefix(instance.InstanceId))
      .filter((t) => record === undefined || t.SyncBatchTaskId === record || t.SyncRuleId === record)
      .filter((t) => (namespace === undefined || t.ImageFrom.RepoNamespaceName === namespace) && (name === undefined || t.ImageFrom.RepoName === name) && (tag === undefined || t.ImageFrom.ImageTag === tag));
    const { paging, items } = page(context, sortBy(tasks, (t) => [-t.seq]));
    return { ...paging, SyncTasks: items.map((t) => syncTaskItem(t, context.now)) };
  },

  GetRepoSyncTask(context): Result<'GetRepoSyncTask'> {
    const instance = requireInstance(context);
    return syncTaskDetail(requireTask(context, instance.InstanceId), context.now);
  },

  CreateRepoSyncTask(context): Result<'CreateRepoSyncTask'> {
    const instance = requireInstance(context);
    const repo = requireRepo(context, instance.InstanceId);
    settleRepository(context, repo);
    const tag = requireTag(context, repo, context.params.Tag);
    const { TargetNamespace, TargetRepoName, TargetTag } = context.params;
    checkTargetUser(context);
    const target = targetInstance(context, instance);
    const task = startSyncTask(context, {
      trigger: 'INITIATIVE',
      tag,
      from: { RegionId: instance.RegionId, InstanceId: instance.InstanceId, RepoNamespaceName: repo.RepoNamespaceName, RepoName: repo.RepoName, ImageTag: tag.Tag },
      to: {
        RegionId: target.RegionId,
        InstanceId: target.InstanceId,
        RepoNamespaceName: checkName('TargetNamespace', TargetNamespace),
        RepoName: checkName('TargetRepoName', TargetRepoName),
        ImageTag: checkTag('TargetTag', TargetTag),
      },
    });
    return { SyncTaskId: task.SyncTaskId };
  },

  CancelRepoSyncTask(context): Result<'CancelRepoSyncTask'> {
    const instance = requireInstance(context);
    const task = requireTask(context, instance.InstanceId);
    if (syncTaskFinished(task, context.now)) {
      throw conflict('SYNC_TASK_ALREADY_FINISHED', `The synchronization task ${task.SyncTaskId} has already finished.`);
    }
    context.store.put(COLLECTIONS.syncTasks, key(instance.InstanceId, task.SyncTaskId), { ...task, canceledAt: context.now });
    return {};
  },
} satisfies Partial<Handlers>;
