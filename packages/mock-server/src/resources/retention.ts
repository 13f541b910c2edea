// Tag retention (artifact lifecycle) rules: operations of the vendor's API metadata that the source
// document does not describe (CURATION.md M-70 to M-74). A rule covers every repository of its
// instance (Scope INSTANCE), of one namespace (NAMESPACE) or one repository (REPO). When it runs,
// it keeps in each covered repository the tags matching TagRegexp and the RetentionTagCount most
// recently updated others, and deletes the rest when EnableDeleteTag is true. An automatic rule
// (Auto) runs once per ScheduleTime period counted from its last change; any other rule runs once,
// at the time it is created or updated. Runs happen on the server's clock and take effect the next
// time a covered repository's images are read or used (settleRetention), like finished builds; a
// run only sees the tags that existed at its time (ImageUpdate at or before it).
import type { Handlers, ItemOf, RequestContext, Result } from './context.js';
import { invalidParameter, notFound } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { findRepoByName, requireInstance, requireNamespace } from './common/lookup.js';
import { checkName, checkRegExp } from './common/names.js';
import { page, sortBy } from './common/paging.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import type { TagRecord } from './images.js';
import type { RepositoryRecord } from './repositories.js';

export type RetentionScope = 'INSTANCE' | 'NAMESPACE' | 'REPO';
const SCOPES: readonly RetentionScope[] = ['INSTANCE', 'NAMESPACE', 'REPO'];

const DAY = 86_400_000;
/** The periods of an automatic rule (ScheduleTime); a month is 30 days. */
export const SCHEDULE_PERIODS: Readonly<Record<string, number>> = { DAY, WEEK: 7 * DAY, MONTH: 30 * DAY };
const DEFAULT_SCHEDULE = 'WEEK';

export interface LifecycleRuleRecord {
  RuleId: string;
  InstanceId: string;
  Scope: RetentionScope;
  NamespaceName?: string;
  RepoName?: string;
  TagRegexp?: string;
  RetentionTagCount?: number;
  EnableDeleteTag: boolean;
  Auto: boolean;
  ScheduleTime: string;
  CreateTime: number;
  ModifiedTime: number;
  seq: number;
}

/** The time of the last run of a rule applied to a repository. */
export interface RetentionRunRecord {
  RuleId: string;
  at: number;
}

/** The fields a rule takes from Create and Update requests. */
interface RuleFields {
  readonly Auto?: boolean;
  readonly ScheduleTime?: string;
  readonly NamespaceName?: string;
  readonly RepoName?: string;
  readonly TagRegexp?: string;
  readonly RetentionTagCount?: number;
  readonly EnableDeleteTag?: boolean;
  readonly Scope?: string;
}

type RuleRequest = RequestContext<RuleFields & { readonly InstanceId: string; readonly RegionId?: string }>;

/** The time of the rule's first run after `after`, or undefined when it has none. */
export function nextRun(rule: LifecycleRuleRecord, after: number): number | undefined {
  if (!rule.Auto) return rule.ModifiedTime > after ? rule.ModifiedTime : undefined;
  const period = SCHEDULE_PERIODS[rule.ScheduleTime] ?? SCHEDULE_PERIODS[DEFAULT_SCHEDULE];
  const k = Math.max(1, Math.floor((after - rule.ModifiedTime) / period) + 1);
  return rule.ModifiedTime + k * period;
}

export function ruleCovers(rule: LifecycleRuleRecord, repo: RepositoryRecord): boolean {
  if (rule.InstanceId !== repo.InstanceId) return false;
  if (rule.Scope === 'INSTANCE') return true;
  if (rule.NamespaceName !== repo.RepoNamespaceName) return false;
  return rule.Scope === 'NAMESPACE' || rule.RepoName === repo.RepoName;
}

/** The tags of `tags` (those of one repository at one time) that `rule` keeps. */
export function keptTags(rule: LifecycleRuleRecord, tags: readonly TagRecord[]): Set<string> {
  const pattern = rule.TagRegexp === undefined ? undefined : checkRegExp('TagRegexp', rule.TagRegexp);
  const kept = new Set(tags.filter((t) => pattern?.test(t.Tag)).map((t) => t.Tag));
  const others = sortBy(tags.filter((t) => !kept.has(t.Tag)), (t) => [-t.ImageUpdate, t.Tag]);
  for (const t of others.slice(0, rule.RetentionTagCount ?? 0)) kept.add(t.Tag);
  return kept;
}

/** Deletes a tag as DeleteRepoTag does: the tag and the latest scan of it. */
function deleteTag(context: StateContext, repo: RepositoryRecord, tag: string): void {
  context.store.delete(COLLECTIONS.tags, key(repo.RepoId, tag));
  context.store.delete(COLLECTIONS.scans, key(repo.RepoId, tag));
}

/** Applies the runs of the instance's rules that are due in the repository and not applied yet. */
export function settleRetention(context: StateContext, repo: RepositoryRecord): void {
  const { store, now } = context;
  const rules = store.list<LifecycleRuleRecord>(COLLECTIONS.lifecycleRules, prefix(repo.InstanceId));
  for (const rule of sortBy(rules, (r) => [r.seq])) {
    if (!rule.EnableDeleteTag || !ruleCovers(rule, repo)) continue;
    const runKey = key(repo.RepoId, rule.RuleId);
    const applied = store.get<RetentionRunRecord>(COLLECTIONS.retentionRuns, runKey)?.at ?? Number.NEGATIVE_INFINITY;
    let at = nextRun(rule, applied);
    let last: number | undefined;
    while (at !== undefined && at <= now) {
      const present = store.list<TagRecord>(COLLECTIONS.tags, prefix(repo.RepoId));
      const seen = present.filter((t) => t.ImageUpdate <= at!);
      const kept = keptTags(rule, seen);
      for (const t of seen) if (!kept.has(t.Tag)) deleteTag(context, repo, t.Tag);
      last = at;
      // A later run changes something only once a tag updated after this run exists: skip to it.
      const later = present.filter((t) => t.ImageUpdate > at!).map((t) => t.ImageUpdate);
      at = nextRun(rule, later.length === 0 ? now : Math.max(at, Math.min(...later) - 1));
    }
    if (last !== undefined) store.put<RetentionRunRecord>(COLLECTIONS.retentionRuns, runKey, { RuleId: rule.RuleId, at: last });
  }
}

/** Applies the due runs in every repository of the instance (before reading what they did). */
export function settleInstanceRetention(context: StateContext, instanceId: string): void {
  for (const repo of context.store.list<RepositoryRecord>(COLLECTIONS.repositories, prefix(instanceId))) settleRetention(context, repo);
}

function requireRule(context: RequestContext<{ readonly RuleId: string }>, instanceId: string): LifecycleRuleRecord {
  const id = context.params.RuleId;
  const rule = context.store.get<LifecycleRuleRecord>(COLLECTIONS.lifecycleRules, key(instanceId, id));
  if (!rule) throw notFound('ARTIFACT_LIFECYCLE_RULE', `artifact lifecycle rule ${id}`);
  return rule;
}

/**
 * The rule's fields after a request: those sent replace `base`'s. Scope defaults to the narrowest
 * the names allow; the names must fit the scope and name what exists; a rule must keep something
 * by name or by count.
 */
function ruleFields(context: RuleRequest, instanceId: string, base?: LifecycleRuleRecord): Omit<LifecycleRuleRecord, 'RuleId' | 'InstanceId' | 'CreateTime' | 'ModifiedTime' | 'seq'> {
  const p = context.params;
  const sent = <T>(value: T | undefined, previous: T | undefined): T | undefined => (value === undefined ? previous : value);
  const namespace = sent(nonEmpty(p.NamespaceName), base?.NamespaceName);
  const repoName = sent(nonEmpty(p.RepoName), base?.RepoName);
  const scopeText = nonEmpty(p.Scope) ?? base?.Scope ?? (repoName !== undefined ? 'REPO' : namespace !== undefined ? 'NAMESPACE' : 'INSTANCE');
  if (!SCOPES.includes(scopeText as RetentionScope)) throw invalidParameter('Scope', `valid values: ${SCOPES.join(', ')}`);
  const scope = scopeText as RetentionScope;
  // Names the request sends must fit the scope; the rule's former names that do not are dropped.
  if (scope === 'INSTANCE' && (nonEmpty(p.NamespaceName) !== undefined || nonEmpty(p.RepoName) !== undefined)) {
    throw invalidParameter('Scope', 'a rule of scope INSTANCE names no NamespaceName or RepoName');
  }
  if (scope !== 'INSTANCE') {
    if (namespace === undefined) throw invalidParameter('NamespaceName', `a rule of scope ${scope} names its namespace`);
    requireNamespace(context, instanceId, checkName('NamespaceName', namespace));
  }
  if (scope === 'NAMESPACE' && nonEmpty(p.RepoName) !== undefined) throw invalidParameter('RepoName', 'a rule of scope NAMESPACE names no repository');
  if (scope === 'REPO') {
    if (repoName === undefined) throw invalidParameter('RepoName', 'a rule of scope REPO names its repository');
    if (!findRepoByName(context, instanceId, namespace as string, checkName('RepoName', repoName))) {
      throw notFound('REPO', `repository ${namespace}/${repoName}`);
    }
  }
  const tagRegexp = sent(p.TagRegexp === undefined ? undefined : p.TagRegexp, base?.TagRegexp);
  if (tagRegexp !== undefined) checkRegExp('TagRegexp', tagRegexp);
  const count = sent(p.RetentionTagCount, base?.RetentionTagCount);
  if (count !== undefined && (!Number.isSafeInteger(count) || count < 0)) throw invalidParameter('RetentionTagCount', 'it must be an integer, 0 or more');
  if ((tagRegexp === undefined || tagRegexp === '') && count === undefined) {
    throw invalidParameter('RetentionTagCount', 'a rule keeps the tags that match TagRegexp and the RetentionTagCount most recent others: give at least one');
  }
  const schedule = nonEmpty(p.ScheduleTime) ?? base?.ScheduleTime ?? DEFAULT_SCHEDULE;
  if (!(schedule in SCHEDULE_PERIODS)) throw invalidParameter('ScheduleTime', `valid values: ${Object.keys(SCHEDULE_PERIODS).join(', ')}`);
  return {
    Scope: scope,
    ...(scope === 'INSTANCE' ? {} : { NamespaceName: namespace }),
    ...(scope === 'REPO' ? { RepoName: repoName } : {}),
    ...(tagRegexp === undefined || tagRegexp === '' ? {} : { TagRegexp: tagRegexp }),
    ...(count === undefined ? {} : { RetentionTagCount: count }),
    EnableDeleteTag: p.EnableDeleteTag ?? base?.EnableDeleteTag ?? false,
    Auto: p.Auto ?? base?.Auto ?? false,
    ScheduleTime: schedule,
  };
}

function ruleView(rule: LifecycleRuleRecord, now: number): ItemOf<'ListArtifactLifecycleRule', 'Rules'> {
  const next = rule.Auto ? nextRun(rule, now) : undefined;
  return {
    RuleId: rule.RuleId,
    InstanceId: rule.InstanceId,
    Scope: rule.Scope,
    ...(rule.NamespaceName === undefined ? {} : { NamespaceName: rule.NamespaceName }),
    ...(rule.RepoName === undefined ? {} : { RepoName: rule.RepoName }),
    ...(rule.TagRegexp === undefined ? {} : { TagRegexp: rule.TagRegexp }),
    ...(rule.RetentionTagCount === undefined ? {} : { RetentionTagCount: rule.RetentionTagCount }),
    EnableDeleteTag: rule.EnableDeleteTag,
    Auto: rule.Auto,
    ScheduleTime: rule.ScheduleTime,
    ...(next === undefined ? {} : { NextTime: next }),
    CreateTime: rule.CreateTime,
    ModifiedTime: rule.ModifiedTime,
  };
}

export const retentionHandlers = {
  CreateArtifactLifecycleRule(context): Result<'CreateArtifactLifecycleRule'> {
    const instance = requireInstance(context);
    // The runs of the rules that exist are applied before this rule's first run can be.
    settleInstanceRetention(context, instance.InstanceId);
    const fields = ruleFields(context, instance.InstanceId);
    const { id, seq } = newId(context.store, PREFIX.lifecycleRule);
    const rule: LifecycleRuleRecord = { RuleId: id, InstanceId: instance.InstanceId, ...fields, CreateTime: context.now, ModifiedTime: context.now, seq };
    context.store.put(COLLECTIONS.lifecycleRules, key(instance.InstanceId, id), rule);
    return { RuleId: id };
  },

  UpdateArtifactLifecycleRule(context): Result<'UpdateArtifactLifecycleRule'> {
    const instance = requireInstance(context);
    settleInstanceRetention(context, instance.InstanceId);
    const rule = requireRule(context, instance.InstanceId);
    const { RuleId, InstanceId, CreateTime, seq } = rule;
    const updated: LifecycleRuleRecord = { RuleId, InstanceId, ...ruleFields(context, instance.InstanceId, rule), CreateTime, ModifiedTime: context.now, seq };
    context.store.put(COLLECTIONS.lifecycleRules, key(instance.InstanceId, rule.RuleId), updated);
    return {};
  },

  DeleteArtifactLifecycleRule(context): Result<'DeleteArtifactLifecycleRule'> {
    const instance = requireInstance(context);
    // Runs that were due before the delete have happened.
    settleInstanceRetention(context, instance.InstanceId);
    const rule = requireRule(context, instance.InstanceId);
    context.store.delete(COLLECTIONS.lifecycleRules, key(instance.InstanceId, rule.RuleId));
    for (const repo of context.store.list<RepositoryRecord>(COLLECTIONS.repositories, prefix(instance.InstanceId))) {
      context.store.delete(COLLECTIONS.retentionRuns, key(repo.RepoId, rule.RuleId));
    }
    return {};
  },

  GetArtifactLifecycleRule(context): Result<'GetArtifactLifecycleRule'> {
    const instance = requireInstance(context);
    return ruleView(requireRule(context, instance.InstanceId), context.now);
  },

  // Creation order; EnableDeleteTag, when sent, keeps the rules with that value.
  ListArtifactLifecycleRule(context): Result<'ListArtifactLifecycleRule'> {
    const instance = requireInstance(context);
    const want = context.params.EnableDeleteTag;
    const rules = context.store
      .list<LifecycleRuleRecord>(COLLECTIONS.lifecycleRules, prefix(instance.InstanceId))
      .filter((r) => want === undefined || r.EnableDeleteTag === want);
    const { paging, items } = page(context, sortBy(rules, (r) => [r.seq]));
    return { ...paging, Rules: items.map((r) => ruleView(r, context.now)) };
  },
} satisfies Partial<Handlers>;
