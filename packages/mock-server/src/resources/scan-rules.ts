// Scan rules (the vendor's API metadata; CURATION.md M-60 to M-64): which images of an instance are
// scanned, by scope (the whole instance, some namespaces, some repositories of one namespace) and a
// tag pattern (a regular expression the whole tag must match, as sync rules' TagFilter). An AUTO rule
// starts a scan of every image pushed (or copied) that it covers (storeTag in push.ts calls
// scanOnPush); a MANUAL rule only records the selection. Decisions in README.md.
import type { Context, Handlers, ItemOf, Result } from './context.js';
import { alreadyExists, invalidParameter, notFound } from './common/errors.js';
import { newId } from './common/ids.js';
import { requireInstance } from './common/lookup.js';
import { checkRegExp } from './common/names.js';
import { page, sortBy } from './common/paging.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import type { TagRecord } from './images.js';
import type { InstanceRecord } from './instances.js';
import type { RepositoryRecord } from './repositories.js';
import { startScan } from './scans.js';

export interface ScanRuleRecord {
  ScanRuleId: string;
  InstanceId: string;
  RuleName: string;
  ScanScope: 'INSTANCE' | 'NAMESPACE' | 'REPO';
  TriggerType: 'MANUAL' | 'AUTO';
  ScanType: 'VUL' | 'SBOM';
  Namespaces: string[];
  RepoNames: string[];
  RepoTagFilterPattern: string;
  CreateTime: number;
  UpdateTime: number;
  /** Creation order (the ID's sequence number): lists are oldest first. */
  seq: number;
}

type Selection = Pick<ScanRuleRecord, 'ScanScope' | 'Namespaces' | 'RepoNames' | 'RepoTagFilterPattern'>;

/** The scope's lists as the scope needs them: none for INSTANCE, namespaces for NAMESPACE, one namespace and repositories for REPO. */
function checkSelection(selection: { ScanScope: ScanRuleRecord['ScanScope']; Namespaces?: readonly string[]; RepoNames?: readonly string[]; RepoTagFilterPattern: string }): Selection {
  const namespaces = [...new Set(selection.Namespaces ?? [])];
  const repos = [...new Set(selection.RepoNames ?? [])];
  checkRegExp('RepoTagFilterPattern', selection.RepoTagFilterPattern);
  switch (selection.ScanScope) {
    case 'INSTANCE':
      if (namespaces.length > 0 || repos.length > 0) throw invalidParameter('ScanScope', 'an INSTANCE rule covers every repository: send neither Namespaces nor RepoNames');
      break;
    case 'NAMESPACE':
      if (namespaces.length === 0) throw invalidParameter('Namespaces', 'a NAMESPACE rule needs at least one namespace');
      if (repos.length > 0) throw invalidParameter('RepoNames', 'a NAMESPACE rule covers whole namespaces: send no RepoNames');
      break;
    case 'REPO':
      if (namespaces.length !== 1) throw invalidParameter('Namespaces', `a REPO rule needs exactly one namespace, got ${namespaces.length}`);
      if (repos.length === 0) throw invalidParameter('RepoNames', 'a REPO rule needs at least one repository');
      break;
  }
  return { ScanScope: selection.ScanScope, Namespaces: namespaces, RepoNames: repos, RepoTagFilterPattern: selection.RepoTagFilterPattern };
}

function checkUniqueName(context: StateContext, instanceId: string, name: string, except?: string): void {
  for (const rule of context.store.list<ScanRuleRecord>(COLLECTIONS.scanRules, prefix(instanceId))) {
    if (rule.RuleName === name && rule.ScanRuleId !== except) throw alreadyExists('SCAN_RULE', `scan rule named ${name}`);
  }
}

/** Whether the rule covers an image of `repo` tagged `tag`. */
export function scanRuleCovers(rule: ScanRuleRecord, repo: RepositoryRecord, tag: string): boolean {
  if (rule.InstanceId !== repo.InstanceId) return false;
  if (rule.ScanScope !== 'INSTANCE' && !rule.Namespaces.includes(repo.RepoNamespaceName)) return false;
  if (rule.ScanScope === 'REPO' && !rule.RepoNames.includes(repo.RepoName)) return false;
  try {
    return new RegExp(`^(?:${rule.RepoTagFilterPattern})$`).test(tag);
  } catch {
    return false;
  }
}

/** Starts a scan of a pushed or copied image when an AUTO rule of its instance covers it. */
export function scanOnPush(context: StateContext, repo: RepositoryRecord, tag: TagRecord): void {
  for (const rule of context.store.list<ScanRuleRecord>(COLLECTIONS.scanRules, prefix(repo.InstanceId))) {
    if (rule.TriggerType === 'AUTO' && scanRuleCovers(rule, repo, tag.Tag)) {
      startScan(context, repo, tag);
      return;
    }
  }
}

/** The rule a request names: by InstanceId and ScanRuleId, or (no InstanceId) by ScanRuleId in the request's region. */
function requireRule(context: Context<'GetScanRule' | 'UpdateScanRule' | 'DeleteScanRule'>, ruleId: string): ScanRuleRecord {
  const instanceId = context.params.InstanceId;
  if (instanceId !== undefined) {
    requireInstance({ ...context, params: { InstanceId: instanceId, RegionId: context.params.RegionId } });
    const rule = context.store.get<ScanRuleRecord>(COLLECTIONS.scanRules, key(instanceId, ruleId));
    if (!rule) throw notFound('SCAN_RULE', `scan rule ${ruleId}`);
    return rule;
  }
  for (const instance of context.store.list<InstanceRecord>(COLLECTIONS.instances)) {
    if (instance.RegionId !== context.params.RegionId) continue;
    const rule = context.store.get<ScanRuleRecord>(COLLECTIONS.scanRules, key(instance.InstanceId, ruleId));
    if (rule) return rule;
  }
  throw notFound('SCAN_RULE', `scan rule ${ruleId}`);
}

function ruleView(rule: ScanRuleRecord): ItemOf<'ListScanRule', 'ScanRules'> {
  return {
    ScanRuleId: rule.ScanRuleId,
    RuleName: rule.RuleName,
    ScanScope: rule.ScanScope,
    TriggerType: rule.TriggerType,
    ScanType: rule.ScanType,
    Namespaces: rule.Namespaces,
    RepoNames: rule.RepoNames,
    RepoTagFilterPattern: rule.RepoTagFilterPattern,
    CreateTime: rule.CreateTime,
    UpdateTime: rule.UpdateTime,
  };
}

export const scanRuleHandlers = {
  CreateScanRule(context): Result<'CreateScanRule'> {
    const instance = requireInstance(context);
    const p = context.params;
    const selection = checkSelection(p);
    checkUniqueName(context, instance.InstanceId, p.RuleName);
    const { id, seq } = newId(context.store, 'crscnr-');
    const rule: ScanRuleRecord = {
      ScanRuleId: id,
      InstanceId: instance.InstanceId,
      RuleName: p.RuleName,
      TriggerType: p.TriggerType,
      ScanType: p.ScanType,
      ...selection,
      CreateTime: context.now,
      UpdateTime: context.now,
      seq,
    };
    context.store.put(COLLECTIONS.scanRules, key(instance.InstanceId, id), rule);
    return { ScanRuleId: id };
  },

  UpdateScanRule(context): Result<'UpdateScanRule'> {
    const p = context.params;
    const rule = requireRule(context, p.ScanRuleId);
    const selection = checkSelection(p);
    checkUniqueName(context, rule.InstanceId, p.RuleName, rule.ScanRuleId);
    const updated: ScanRuleRecord = { ...rule, RuleName: p.RuleName, TriggerType: p.TriggerType, ...selection, UpdateTime: context.now };
    context.store.put(COLLECTIONS.scanRules, key(rule.InstanceId, rule.ScanRuleId), updated);
    return { ScanRuleId: rule.ScanRuleId };
  },

  // Scans the rule started are kept (they are the images' scans, not the rule's).
  DeleteScanRule(context): Result<'DeleteScanRule'> {
    const ruleId = nonEmpty(context.params.ScanRuleId);
    if (ruleId === undefined) throw invalidParameter('ScanRuleId', 'name the scan rule to delete');
    const rule = requireRule(context, ruleId);
    context.store.delete(COLLECTIONS.scanRules, key(rule.InstanceId, rule.ScanRuleId));
    return {};
  },

  GetScanRule(context): Result<'GetScanRule'> {
    const rule = requireRule(context, context.params.ScanRuleId);
    return { ScanRule: { ...ruleView(rule), InstanceId: rule.InstanceId } };
  },

  // The rules of the instance (or of every instance of the region), oldest first.
  ListScanRule(context): Result<'ListScanRule'> {
    const instanceId = context.params.InstanceId;
    const scanType = nonEmpty(context.params.ScanType);
    const instances = instanceId !== undefined
      ? [requireInstance({ ...context, params: { InstanceId: instanceId, RegionId: context.params.RegionId } })]
      : context.store.list<InstanceRecord>(COLLECTIONS.instances).filter((i) => i.RegionId === context.params.RegionId);
    const rules = instances
      .flatMap((i) => context.store.list<ScanRuleRecord>(COLLECTIONS.scanRules, prefix(i.InstanceId)))
      .filter((r) => scanType === undefined || r.ScanType === scanType);
    const { paging, items } = page(context, sortBy(rules, (r) => [r.seq]));
    return { ...paging, ScanRules: items.map(ruleView) };
  },
} satisfies Partial<Handlers>;
