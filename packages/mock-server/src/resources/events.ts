// Event notification: operations of the vendor's API metadata that the source document does not
// describe (CURATION.md M-80 to M-82, M-107). The API cannot create an event rule
// (UpdateEventCenterRule changes one), so rules come from the seed (`eventRules` of an instance).
// A rule records the events of its type that happen, after it was created, to the images it
// covers: a build that succeeds (cr:Artifact:BuildCompleted), a scan that completes
// (cr:Artifact:ScanCompleted), a synchronization task that succeeds
// (cr:Artifact:SynchronizationCompleted), a delivery chain run that ends
// (cr:Artifact:DeliveryChainCompleted). Like statuses, the events are derived from the clock and
// the state when read: nothing is stored when one happens. An update keeps the selection it
// replaces with the time it stopped applying, so an event is recorded by the selection in effect
// when it happened. A deleted rule's events are no longer listed.
import type { Handlers, ItemOf, Result } from './context.js';
import { buildState, type BuildRecordRecord } from './build-records.js';
import { readSettings } from './common/config.js';
import { invalidParameter, notFound } from './common/errors.js';
import { alnum16, newId, PREFIX, uuidOf } from './common/ids.js';
import { requireInstance } from './common/lookup.js';
import { checkName, checkRegExp } from './common/names.js';
import { page, sortBy } from './common/paging.js';
import { settleChainRuns } from './chains.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import type { InstanceRecord } from './instances.js';
import type { RepositoryRecord } from './repositories.js';
import type { ScanRecord } from './scans.js';
import type { SyncTaskRecord } from './sync.js';
import { syncTaskSucceededAt } from './sync-engine.js';

/** The event types of the vendor's metadata; the mock produces the first four. */
export const EVENT_TYPES = [
  'cr:Artifact:BuildCompleted',
  'cr:Artifact:ScanCompleted',
  'cr:Artifact:SynchronizationCompleted',
  'cr:Artifact:DeliveryChainCompleted',
  'cr:Artifact:SigningCompleted',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type EventScope = 'INSTANCE' | 'NAMESPACE' | 'REPO';
const SCOPES: readonly EventScope[] = ['INSTANCE', 'NAMESPACE', 'REPO'];
const NOTIFY_METHODS = ['http', 'https', 'dingding'] as const;

/** An event rule of the seed (`instances[].eventRules`). */
export interface EventRuleSeed {
  readonly name: string;
  readonly eventType: EventType;
  /** Default INSTANCE; NAMESPACE covers `namespaces`, REPO the repositories `repoNames` of `namespaces`. */
  readonly scope?: EventScope;
  readonly namespaces?: readonly string[];
  readonly repoNames?: readonly string[];
  /** The tags whose events are recorded (a regular expression, full match). Default `.*`. */
  readonly tagFilter?: string;
  /** Default EVENT_BRIDGE. */
  readonly channel?: string;
  /** Default https. */
  readonly notifyMethod?: (typeof NOTIFY_METHODS)[number];
  /** CreateTime, ms; the rule records events from then on. Default the seed's time. */
  readonly createdAt?: number;
}

/** What a rule records: the events of one type, of the images its scope and tag pattern cover. */
interface Selection {
  EventType: EventType;
  EventScope: EventScope;
  Namespaces: string[];
  RepoNames: string[];
  RepoTagFilterPattern: string;
}

export interface EventRuleRecord extends Selection {
  RuleId: string;
  InstanceId: string;
  RuleName: string;
  EventChannel: string;
  EventNotifyMethod: string;
  CreateTime: number;
  seq: number;
  /** The selections updates replaced, oldest first, each with the time it stopped applying. */
  replaced?: (Selection & { until: number })[];
}

/** Something that happened to an image, which a rule of its type may record. */
interface ImageEvent {
  type: EventType;
  /** What happened, unique in the instance (a build record, a scan task, a sync task). */
  source: string;
  namespace: string;
  repoName: string;
  tag: string;
  at: number;
}

function seedError(field: string, detail: string): Error {
  return new Error(`seed: eventRules.${field}: ${detail}`);
}

/** The lists a scope needs: none for INSTANCE, namespaces for NAMESPACE, namespaces and repositories for REPO. */
function scopeProblem(scope: EventScope, namespaces: readonly string[], repoNames: readonly string[]): { field: 'namespaces' | 'repoNames'; detail: string } | undefined {
  if (scope !== 'INSTANCE' && namespaces.length === 0) return { field: 'namespaces', detail: `a ${scope} rule names its namespaces` };
  if (scope === 'REPO' && repoNames.length === 0) return { field: 'repoNames', detail: 'a REPO rule names its repositories' };
  return undefined;
}

/** Adds the seed's event rules to an instance. */
export function seedEventRules(context: StateContext, instance: InstanceRecord, rules: readonly EventRuleSeed[]): void {
  for (const rule of rules) {
    if (!EVENT_TYPES.includes(rule.eventType)) throw seedError('eventType', `valid values: ${EVENT_TYPES.join(', ')}`);
    const scope = rule.scope ?? 'INSTANCE';
    if (!SCOPES.includes(scope)) throw seedError('scope', `valid values: ${SCOPES.join(', ')}`);
    const problem = scopeProblem(scope, rule.namespaces ?? [], rule.repoNames ?? []);
    if (problem) throw seedError(problem.field, problem.detail);
    const method = rule.notifyMethod ?? 'https';
    if (!NOTIFY_METHODS.includes(method)) throw seedError('notifyMethod', `valid values: ${NOTIFY_METHODS.join(', ')}`);
    const tagFilter = rule.tagFilter ?? '.*';
    checkRegExp('eventRules.tagFilter', tagFilter);
    const { id, seq } = newId(context.store, PREFIX.eventRule);
    const record: EventRuleRecord = {
      RuleId: id,
      InstanceId: instance.InstanceId,
      RuleName: rule.name,
      EventType: rule.eventType,
      EventScope: scope,
      Namespaces: scope === 'INSTANCE' ? [] : (rule.namespaces ?? []).map((n) => checkName('eventRules.namespaces', n)),
      RepoNames: scope === 'REPO' ? (rule.repoNames ?? []).map((n) => checkName('eventRules.repoNames', n)) : [],
      RepoTagFilterPattern: tagFilter,
      EventChannel: rule.channel ?? 'EVENT_BRIDGE',
      EventNotifyMethod: method,
      CreateTime: rule.createdAt ?? context.now,
      seq,
    };
    context.store.put(COLLECTIONS.eventRules, key(instance.InstanceId, id), record);
  }
}

function ruleRecords(context: StateContext, instanceId: string): EventRuleRecord[] {
  return sortBy(context.store.list<EventRuleRecord>(COLLECTIONS.eventRules, prefix(instanceId)), (r) => [r.seq]);
}

function repoNames(context: StateContext, instanceId: string, repoId: string): { namespace: string; repoName: string } | undefined {
  const repoKey = context.store.get<string>(COLLECTIONS.repositoryIds, repoId);
  const repo = repoKey === undefined ? undefined : context.store.get<RepositoryRecord>(COLLECTIONS.repositories, repoKey);
  return repo && repo.InstanceId === instanceId ? { namespace: repo.RepoNamespaceName, repoName: repo.RepoName } : undefined;
}

/** The events of the instance's images that have happened by `now`. */
function imageEvents(context: StateContext, instanceId: string): ImageEvent[] {
  const { store, now } = context;
  const events: ImageEvent[] = [];
  for (const build of store.list<BuildRecordRecord>(COLLECTIONS.buildRecords, prefix(instanceId))) {
    const state = buildState(build, now);
    if (state.status !== 'SUCCESS') continue;
    events.push({ type: 'cr:Artifact:BuildCompleted', source: `build:${build.BuildRecordId}`, namespace: build.RepoNamespaceName, repoName: build.RepoName, tag: build.ImageTag, at: state.endTime as number });
  }
  for (const scan of store.list<ScanRecord>(COLLECTIONS.scanTasks, prefix(instanceId))) {
    const at = scan.createTime + scan.scanMs;
    const names = scan.RepoNamespaceName !== undefined && scan.RepoName !== undefined
      ? { namespace: scan.RepoNamespaceName, repoName: scan.RepoName }
      : repoNames(context, instanceId, scan.RepoId);
    if (at > now || !names || scan.ScanTaskId === undefined) continue;
    events.push({ type: 'cr:Artifact:ScanCompleted', source: `scan:${scan.ScanTaskId}`, ...names, tag: scan.Tag, at });
  }
  for (const task of store.list<SyncTaskRecord>(COLLECTIONS.syncTasks, prefix(instanceId))) {
    const at = syncTaskSucceededAt(task, now);
    if (at === undefined) continue;
    const from = task.ImageFrom;
    events.push({ type: 'cr:Artifact:SynchronizationCompleted', source: `sync:${task.SyncTaskId}`, namespace: from.RepoNamespaceName, repoName: from.RepoName, tag: from.ImageTag, at });
  }
  for (const { run, state } of settleChainRuns(context, instanceId)) {
    if (state.endTime === undefined) continue;
    events.push({ type: 'cr:Artifact:DeliveryChainCompleted', source: `chain:${run.ChainInstanceId}`, namespace: run.RepoNamespaceName, repoName: run.RepoName, tag: run.tag.Tag, at: state.endTime });
  }
  return events;
}

/** The selection of the rule in effect at `at`: the one an update replaced after it, else the current one. */
function selectionAt(rule: EventRuleRecord, at: number): Selection {
  return rule.replaced?.find((s) => at < s.until) ?? rule;
}

function records(rule: EventRuleRecord, event: ImageEvent): boolean {
  const selection = selectionAt(rule, event.at);
  if (event.type !== selection.EventType || event.at < rule.CreateTime) return false;
  if (selection.EventScope !== 'INSTANCE' && !selection.Namespaces.includes(event.namespace)) return false;
  if (selection.EventScope === 'REPO' && !selection.RepoNames.includes(event.repoName)) return false;
  return checkRegExp('RepoTagFilterPattern', selection.RepoTagFilterPattern).test(event.tag);
}

/** The notify method of an EventConfig (a JSON object; `notifyMethod` optional), or InvalidParameter. */
function notifyMethodOf(eventConfig: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(eventConfig);
  } catch {
    throw invalidParameter('EventConfig', 'it is a JSON object, for example {"notifyMethod":"https","notifyConfig":{...}}');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalidParameter('EventConfig', 'it is a JSON object');
  const method = (parsed as { notifyMethod?: unknown }).notifyMethod;
  if (method === undefined) return undefined;
  if (typeof method !== 'string' || !(NOTIFY_METHODS as readonly string[]).includes(method)) {
    throw invalidParameter('EventConfig', `notifyMethod: valid values: ${NOTIFY_METHODS.join(', ')}`);
  }
  return method;
}

type RecordItem = ItemOf<'ListEventCenterRecord', 'Records'>;

function recordItem(context: StateContext, rule: EventRuleRecord, event: ImageEvent): RecordItem {
  const seed = `${readSettings(context.store).idSalt}:event:${rule.RuleId}:${event.source}`;
  return {
    RecordId: `crecrr-${alnum16(seed)}`,
    RuleId: rule.RuleId,
    InstanceId: rule.InstanceId,
    RuleName: rule.RuleName,
    Namespace: event.namespace,
    RepoName: event.repoName,
    Tag: event.tag,
    EventChannel: rule.EventChannel,
    EventType: event.type,
    EventNotifyMethod: rule.EventNotifyMethod,
    EventNotifyId: uuidOf(seed),
    CreateTime: event.at,
    UpdateTime: event.at,
  };
}

export const eventHandlers = {
  // Without InstanceId, the rule is looked for in the instances of the request's region.
  DeleteEventCenterRule(context): Result<'DeleteEventCenterRule'> {
    const ruleId = nonEmpty(context.params.RuleId);
    if (ruleId === undefined) throw invalidParameter('RuleId', 'the rule to delete is named by RuleId');
    const instanceIds = nonEmpty(context.params.InstanceId) !== undefined
      ? [requireInstance({ ...context, params: { InstanceId: context.params.InstanceId as string, RegionId: context.params.RegionId } }).InstanceId]
      : context.store.list<InstanceRecord>(COLLECTIONS.instances).filter((i) => i.RegionId === context.params.RegionId).map((i) => i.InstanceId);
    const instanceId = instanceIds.find((id) => context.store.get<EventRuleRecord>(COLLECTIONS.eventRules, key(id, ruleId)) !== undefined);
    if (instanceId === undefined) throw notFound('EVENT_RULE', `event rule ${ruleId}`);
    context.store.delete(COLLECTIONS.eventRules, key(instanceId, ruleId));
    return {};
  },

  // Fields not sent keep their values. A change of scope keeps only the lists the new scope uses
  // (INSTANCE none, NAMESPACE the namespaces, REPO both), which must then be there. The replaced
  // selection keeps recording what happened before the update.
  UpdateEventCenterRule(context): Result<'UpdateEventCenterRule'> {
    const instance = requireInstance(context);
    const p = context.params;
    const rule = context.store.get<EventRuleRecord>(COLLECTIONS.eventRules, key(instance.InstanceId, p.RuleId));
    if (!rule) throw notFound('EVENT_RULE', `event rule ${p.RuleId}`);
    const scope = p.EventScope ?? rule.EventScope;
    const namespaces = scope === 'INSTANCE' ? [] : [...new Set(p.Namespaces ?? rule.Namespaces)].map((n) => checkName('Namespaces', n));
    const repoNames = scope === 'REPO' ? [...new Set(p.RepoNames ?? rule.RepoNames)].map((n) => checkName('RepoNames', n)) : [];
    const problem = scopeProblem(scope, namespaces, repoNames);
    if (problem) throw invalidParameter(problem.field === 'namespaces' ? 'Namespaces' : 'RepoNames', problem.detail);
    const pattern = p.RepoTagFilterPattern ?? rule.RepoTagFilterPattern;
    checkRegExp('RepoTagFilterPattern', pattern);
    const method = p.EventConfig === undefined ? undefined : notifyMethodOf(p.EventConfig);
    const next: Selection = { EventType: p.EventType ?? rule.EventType, EventScope: scope, Namespaces: namespaces, RepoNames: repoNames, RepoTagFilterPattern: pattern };
    const current: Selection = { EventType: rule.EventType, EventScope: rule.EventScope, Namespaces: rule.Namespaces, RepoNames: rule.RepoNames, RepoTagFilterPattern: rule.RepoTagFilterPattern };
    const changed = JSON.stringify(next) !== JSON.stringify(current);
    const updated: EventRuleRecord = {
      ...rule,
      ...next,
      RuleName: p.RuleName ?? rule.RuleName,
      EventChannel: p.EventChannel ?? rule.EventChannel,
      EventNotifyMethod: method ?? rule.EventNotifyMethod,
      ...(changed ? { replaced: [...(rule.replaced ?? []), { ...current, until: context.now }] } : {}),
    };
    context.store.put(COLLECTIONS.eventRules, key(instance.InstanceId, rule.RuleId), updated);
    return { RuleId: rule.RuleId };
  },

  // The most recent first (CreateTime descending, then RecordId); filters are exact.
  ListEventCenterRecord(context): Result<'ListEventCenterRecord'> {
    const instance = requireInstance(context);
    const p = context.params;
    const want = { RuleId: nonEmpty(p.RuleId), EventType: nonEmpty(p.EventType), Namespace: nonEmpty(p.RepoNamespaceName), RepoName: nonEmpty(p.RepoName) };
    const events = imageEvents(context, instance.InstanceId);
    const items = ruleRecords(context, instance.InstanceId)
      .flatMap((rule) => events.filter((event) => records(rule, event)).map((event) => recordItem(context, rule, event)))
      .filter((item) => Object.entries(want).every(([field, value]) => value === undefined || item[field as keyof typeof want] === value));
    const { paging, items: pageItems } = page(context, sortBy(items, (r) => [-(r.CreateTime as number), r.RecordId as string]));
    return { ...paging, Records: pageItems };
  },

  // Creation order.
  ListEventCenterRuleName(context): Result<'ListEventCenterRuleName'> {
    const instance = requireInstance(context);
    return { RuleNames: ruleRecords(context, instance.InstanceId).map((r) => ({ RuleId: r.RuleId, RuleName: r.RuleName })) };
  },
} satisfies Partial<Handlers>;
