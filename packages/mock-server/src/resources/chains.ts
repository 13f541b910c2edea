// Delivery chains (the vendor's API metadata; CURATION.md M-100 to M-106) and their runs. A chain
// covers one repository, or every repository of a namespace but those of ScopeExclude. Every image
// stored under a tag of a repository it covers (a registry push, a tag copy, a finished build, a
// fixture: storeTag in push.ts calls startChainRuns) starts a run of each such chain, which goes
// through the chain's enabled nodes in the order of its routers (chain-config.ts), on the clock:
// the scanning node starts a scan of the image with the scan engine (scans.ts) and waits for it,
// then blocks the run (Result DENIED) when the findings meet its DenyPolicy; the replication node
// starts a synchronization task for every INITIATIVE (manual) sync rule that covers the image and
// waits for them (a task canceled fails the run); a node that outlasts its Timeout fails the run;
// the other nodes (build, push, trigger, snapshot) take no time. As builds push their images when
// their repository is next read, a node's scan or tasks are started when a read first finds the
// run has reached it, with the time it reached it (settleChainRuns). Decisions in README.md.
import type { ChainConfig } from '../generated/index.js';
import type { Handlers, ItemOf, Result } from './context.js';
import { alreadyExists, invalidParameter, notFound } from './common/errors.js';
import { newId, newUuid, PREFIX } from './common/ids.js';
import { findRepoById, findRepoByName, requireInstance, requireNamespace } from './common/lookup.js';
import { page, sortBy } from './common/paging.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import { ISSUE_LEVELS, storedConfig, type DenyRule, type Step, type StoredConfig } from './chain-config.js';
import type { TagRecord } from './images.js';
import type { RepositoryRecord } from './repositories.js';
import { startScan, type ScanFindingsRecord, type ScanRecord } from './scans.js';
import type { SyncRuleRecord, SyncTaskRecord } from './sync.js';
import { createSyncTask, ruleCovers, syncTaskOutcome } from './sync-engine.js';

export interface ChainRecord {
  ChainId: string;
  InstanceId: string;
  Name: string;
  Description: string;
  ScopeType: 'REPOSITORY' | 'NAMESPACE';
  ScopeId: string;
  namespace: string;
  /** The repository of a REPOSITORY chain. */
  repoName?: string;
  ScopeExclude: string[];
  ChainConfigId: string;
  version: number;
  config: StoredConfig;
  CreateTime: number;
  ModifiedTime: number;
  seq: number;
}

/** A run of a chain, for one image; what it started is recorded when it starts it. */
export interface ChainRunRecord {
  ChainInstanceId: string;
  InstanceId: string;
  ChainId: string;
  ChainName: string;
  Version: number;
  RepoId: string;
  RepoNamespaceName: string;
  RepoName: string;
  /** The image as it was pushed (a later push under the tag starts a run of its own). */
  tag: TagRecord;
  steps: Step[];
  StartTime: number;
  /** Per step index: the scan task it started, or the sync tasks. */
  started: Record<string, { scanTaskId?: string; syncTaskIds?: string[]; at: number }>;
  seq: number;
}

type Outcome = 'SUCCESS' | 'FAILED' | 'DENIED';
export interface RunState {
  outcome?: Outcome;
  endTime?: number;
}

function chainView(chain: ChainRecord): ItemOf<'ListChain', 'Chains'> {
  return {
    ChainId: chain.ChainId,
    Name: chain.Name,
    Description: chain.Description,
    InstanceId: chain.InstanceId,
    ScopeType: chain.ScopeType,
    ScopeId: chain.ScopeId,
    ScopeExclude: [...chain.ScopeExclude],
    CreateTime: chain.CreateTime,
    ModifiedTime: chain.ModifiedTime,
  };
}

function configView(chain: ChainRecord): ChainConfig {
  return { ChainConfigId: chain.ChainConfigId, IsActive: true, Version: String(chain.version), Nodes: chain.config.Nodes, Routers: chain.config.Routers };
}

function chainsOf(context: StateContext, instanceId: string): ChainRecord[] {
  return sortBy(context.store.list<ChainRecord>(COLLECTIONS.chains, prefix(instanceId)), (c) => [c.seq]);
}

function requireChain(context: StateContext, instanceId: string, chainId: string): ChainRecord {
  const chain = context.store.get<ChainRecord>(COLLECTIONS.chains, key(instanceId, chainId));
  if (!chain) throw notFound('CHAIN', `delivery chain ${chainId}`);
  return chain;
}

function checkUniqueName(context: StateContext, instanceId: string, name: string, except?: string): void {
  if (chainsOf(context, instanceId).some((c) => c.Name === name && c.ChainId !== except)) throw alreadyExists('CHAIN', `delivery chain named ${name}`);
}

function checkExclude(chain: Pick<ChainRecord, 'ScopeType'>, exclude: readonly string[] | undefined): string[] {
  const names = [...new Set(exclude ?? [])];
  if (names.length > 0 && chain.ScopeType === 'REPOSITORY') throw invalidParameter('ScopeExclude', 'a chain of one repository excludes nothing: send ScopeExclude with a namespace-wide chain');
  return names;
}

/** Whether the chain runs for images of `repo`. */
function covers(chain: ChainRecord, repo: RepositoryRecord): boolean {
  if (chain.InstanceId !== repo.InstanceId || chain.namespace !== repo.RepoNamespaceName) return false;
  return chain.ScopeType === 'REPOSITORY' ? chain.repoName === repo.RepoName : !chain.ScopeExclude.includes(repo.RepoName);
}

/** Starts a run of every chain that covers the repository, for the image just stored under `tag`. */
export function startChainRuns(context: StateContext, repo: RepositoryRecord, tag: TagRecord): void {
  for (const chain of chainsOf(context, repo.InstanceId)) {
    if (!covers(chain, repo)) continue;
    const { id, seq } = newUuid(context.store, 'chain-instance');
    const run: ChainRunRecord = {
      ChainInstanceId: id,
      InstanceId: repo.InstanceId,
      ChainId: chain.ChainId,
      ChainName: chain.Name,
      Version: chain.version,
      RepoId: repo.RepoId,
      RepoNamespaceName: repo.RepoNamespaceName,
      RepoName: repo.RepoName,
      tag,
      steps: chain.config.steps,
      StartTime: context.now,
      started: {},
      seq,
    };
    advance(context, run, true);
  }
}

function severityRank(severity: string): number {
  return ISSUE_LEVELS.indexOf(severity.toUpperCase() as (typeof ISSUE_LEVELS)[number]);
}

/** Whether what the scan found meets the rule (chain-config.ts says how the fields combine). */
function denies(rule: DenyRule, findings: ScanFindingsRecord): boolean {
  const vulns = findings.vulnerabilities;
  if (vulns.some((v) => rule.cves.includes(v.CveName))) return true;
  if (findings.maliciousFiles.some((m) => rule.malicious.includes(m.MaliciousName))) return true;
  if (findings.baselines.some((b) => rule.baselines.includes(b.BaselineNameKey))) return true;
  const atLevel = rule.level === undefined ? vulns : vulns.filter((v) => severityRank(v.Severity) <= severityRank(rule.level as string));
  if (rule.logic === 'OR') {
    return (rule.level !== undefined && atLevel.length > 0) || (rule.count !== undefined && vulns.length >= rule.count);
  }
  if (rule.level === undefined && rule.count === undefined) return false;
  return atLevel.length >= Math.max(1, rule.count ?? 1);
}

type StepResult = { done: false } | { done: true; at: number; outcome?: Exclude<Outcome, 'SUCCESS'> };

/** A step that waits for something ending at `endsAt` (undefined: not yet), within its timeout. */
function waited(step: Step, startedAt: number, now: number, endsAt: number | undefined): StepResult | undefined {
  const timeoutMs = step.kind === 'instant' ? undefined : step.timeoutMs;
  const deadline = timeoutMs === undefined ? Infinity : startedAt + timeoutMs;
  if (deadline <= now && (endsAt === undefined || endsAt > deadline)) return { done: true, at: deadline, outcome: 'FAILED' };
  if (endsAt === undefined || endsAt > now) return { done: false };
  return undefined;
}

function scanStep(context: StateContext, run: ChainRunRecord, index: number, at: number): StepResult {
  const step = run.steps[index] as Extract<Step, { kind: 'scan' }>;
  let started = run.started[index];
  if (started === undefined) {
    const repo = findRepoById(context, run.InstanceId, run.RepoId);
    if (!repo) return { done: true, at, outcome: 'FAILED' }; // deleted before the scan could start
    const scan = startScan({ store: context.store, now: at }, repo, run.tag, { service: step.engine });
    started = run.started[index] = { scanTaskId: scan.ScanTaskId, at };
  }
  const scan = context.store.get<ScanRecord>(COLLECTIONS.scanTasks, key(run.InstanceId, started.scanTaskId as string));
  const completeAt = scan === undefined ? undefined : scan.createTime + scan.scanMs;
  const waiting = waited(step, started.at, context.now, completeAt);
  if (waiting) return waiting;
  const findings = context.store.get<ScanFindingsRecord>(COLLECTIONS.scanFindings, (scan as ScanRecord).digest);
  const denied = step.deny !== undefined && findings !== undefined && denies(step.deny, findings);
  return { done: true, at: completeAt as number, ...(denied ? { outcome: 'DENIED' as const } : {}) };
}

function replicateStep(context: StateContext, run: ChainRunRecord, index: number, at: number): StepResult {
  const step = run.steps[index];
  let started = run.started[index];
  if (started === undefined) {
    const repo = findRepoById(context, run.InstanceId, run.RepoId);
    const rules = repo === undefined ? [] : context.store.list<SyncRuleRecord>(COLLECTIONS.syncRules, prefix(run.InstanceId))
      .filter((rule) => rule.SyncTrigger === 'INITIATIVE' && ruleCovers(rule, repo, run.tag.Tag));
    const stepContext = { store: context.store, now: at };
    const syncTaskIds = rules.map((rule) => createSyncTask(stepContext, rule, repo as RepositoryRecord, run.tag, 'PASSIVE').SyncTaskId);
    started = run.started[index] = { syncTaskIds, at };
  }
  const outcomes = (started.syncTaskIds ?? []).map((id) => {
    const task = context.store.get<SyncTaskRecord>(COLLECTIONS.syncTasks, key(run.InstanceId, id));
    return task === undefined ? undefined : syncTaskOutcome(task, context.now);
  });
  const canceled = outcomes.filter((o) => o?.status === 'CANCELED').map((o) => o?.at as number);
  const firstCancel = canceled.length > 0 ? Math.min(...canceled) : undefined;
  const endsAt = firstCancel ?? (outcomes.every((o) => o !== undefined) ? Math.max(started.at, ...outcomes.map((o) => o?.at as number)) : undefined);
  const waiting = waited(step, started.at, context.now, endsAt);
  if (waiting) return waiting;
  return { done: true, at: endsAt as number, ...(firstCancel === undefined ? {} : { outcome: 'FAILED' as const }) };
}

/**
 * Walks the run's steps up to `now`, starting the scans and synchronization tasks of the steps it
 * reaches for the first time (with the time the run reached them), stores the run when that
 * changed it (or it is new), and returns its state: no outcome while it runs.
 */
function advance(context: StateContext, run: ChainRunRecord, isNew = false): RunState {
  const startedBefore = Object.keys(run.started).length;
  const state = walk(context, run);
  if (isNew || Object.keys(run.started).length !== startedBefore) {
    context.store.put(COLLECTIONS.chainRuns, key(run.InstanceId, run.ChainInstanceId), run);
  }
  return state;
}

function walk(context: StateContext, run: ChainRunRecord): RunState {
  let at = run.StartTime;
  for (let index = 0; index < run.steps.length; index++) {
    const step = run.steps[index];
    if (step.kind === 'instant') continue;
    const result = step.kind === 'scan' ? scanStep(context, run, index, at) : replicateStep(context, run, index, at);
    if (!result.done) return {};
    at = result.at;
    if (result.outcome !== undefined) return { outcome: result.outcome, endTime: at };
  }
  return { outcome: 'SUCCESS', endTime: at };
}

/** Every run of the instance, advanced to `now` (a read that finds a run at a new node starts it). */
export function settleChainRuns(context: StateContext, instanceId: string): { run: ChainRunRecord; state: RunState }[] {
  const runs = sortBy(context.store.list<ChainRunRecord>(COLLECTIONS.chainRuns, prefix(instanceId)), (r) => [r.seq]);
  return runs.map((run) => ({ run, state: advance(context, run) }));
}

/** Deletes the chains of a repository or of a namespace (with the repository or namespace). */
export function deleteChainsOf(context: StateContext, instanceId: string, namespace: string, repoName?: string): void {
  for (const chain of chainsOf(context, instanceId)) {
    const goes = chain.namespace === namespace && (repoName === undefined || (chain.ScopeType === 'REPOSITORY' && chain.repoName === repoName));
    if (goes) context.store.delete(COLLECTIONS.chains, key(instanceId, chain.ChainId));
  }
}

function runItem(run: ChainRunRecord, state: RunState): ItemOf<'ListChainInstance', 'ChainInstances'> {
  return {
    ChainInstanceId: run.ChainInstanceId,
    RepoNamespaceName: run.RepoNamespaceName,
    RepoName: run.RepoName,
    Status: state.outcome === undefined ? 'RUNNING' : 'COMPLETE',
    ...(state.outcome === undefined ? {} : { Result: state.outcome, EndTime: state.endTime }),
    StartTime: run.StartTime,
    Chain: { ChainId: run.ChainId, ChainName: run.ChainName, Version: run.Version },
  };
}

export const chainHandlers = {
  // RepoNamespaceName is needed (the metadata marks it optional); without RepoName the chain covers the namespace.
  CreateChain(context): Result<'CreateChain'> {
    const instance = requireInstance(context);
    const p = context.params;
    const namespaceName = nonEmpty(p.RepoNamespaceName);
    if (namespaceName === undefined) throw invalidParameter('RepoNamespaceName', 'a chain covers a namespace, or a repository of one');
    const namespace = requireNamespace(context, instance.InstanceId, namespaceName);
    const repoName = nonEmpty(p.RepoName);
    const repo = repoName === undefined ? undefined : findRepoByName(context, instance.InstanceId, namespaceName, repoName);
    if (repoName !== undefined && repo === undefined) throw notFound('REPO', `repository ${namespaceName}/${repoName}`);
    checkUniqueName(context, instance.InstanceId, p.Name);
    const ScopeType = repo === undefined ? 'NAMESPACE' : 'REPOSITORY';
    const { id, seq } = newId(context.store, PREFIX.chain);
    const chain: ChainRecord = {
      ChainId: id,
      InstanceId: instance.InstanceId,
      Name: p.Name,
      Description: p.Description ?? '',
      ScopeType,
      ScopeId: repo === undefined ? namespace.NamespaceId : repo.RepoId,
      namespace: namespaceName,
      ...(repo === undefined ? {} : { repoName: repo.RepoName }),
      ScopeExclude: checkExclude({ ScopeType }, p.ScopeExclude),
      ChainConfigId: newId(context.store, PREFIX.chainConfig).id,
      version: 1,
      config: storedConfig(p.ChainConfig),
      CreateTime: context.now,
      ModifiedTime: context.now,
      seq,
    };
    context.store.put(COLLECTIONS.chains, key(instance.InstanceId, id), chain);
    return { ChainId: id };
  },

  // Name and ChainConfig replace the chain's; Description and ScopeExclude when sent.
  UpdateChain(context): Result<'UpdateChain'> {
    const instance = requireInstance(context);
    const p = context.params;
    const chain = requireChain(context, instance.InstanceId, p.ChainId);
    checkUniqueName(context, instance.InstanceId, p.Name, chain.ChainId);
    const updated: ChainRecord = {
      ...chain,
      Name: p.Name,
      Description: p.Description ?? chain.Description,
      ScopeExclude: p.ScopeExclude === undefined ? chain.ScopeExclude : checkExclude(chain, p.ScopeExclude),
      config: storedConfig(p.ChainConfig),
      version: chain.version + 1,
      ModifiedTime: context.now,
    };
    context.store.put(COLLECTIONS.chains, key(instance.InstanceId, chain.ChainId), updated);
    return {};
  },

  DeleteChain(context): Result<'DeleteChain'> {
    const instance = requireInstance(context);
    const chain = requireChain(context, instance.InstanceId, context.params.ChainId);
    context.store.delete(COLLECTIONS.chains, key(instance.InstanceId, chain.ChainId));
    return {};
  },

  GetChain(context): Result<'GetChain'> {
    const instance = requireInstance(context);
    const chain = requireChain(context, instance.InstanceId, context.params.ChainId);
    return { ...chainView(chain), ChainConfig: configView(chain) };
  },

  // Creation order. RepoNamespaceName: the chains of that namespace; RepoName: those that run for
  // a repository of that name (a namespace-wide chain that does not exclude it included).
  ListChain(context): Result<'ListChain'> {
    const instance = requireInstance(context);
    const namespace = nonEmpty(context.params.RepoNamespaceName);
    const repoName = nonEmpty(context.params.RepoName);
    const chains = chainsOf(context, instance.InstanceId)
      .filter((c) => namespace === undefined || c.namespace === namespace)
      .filter((c) => repoName === undefined || (c.ScopeType === 'REPOSITORY' ? c.repoName === repoName : !c.ScopeExclude.includes(repoName)));
    const { paging, items } = page(context, chains);
    return { ...paging, Chains: items.map(chainView) };
  },

  // The most recent first (StartTime descending, then creation); filters exact.
  ListChainInstance(context): Result<'ListChainInstance'> {
    const instance = requireInstance(context);
    const namespace = nonEmpty(context.params.RepoNamespaceName);
    const repoName = nonEmpty(context.params.RepoName);
    const runs = settleChainRuns(context, instance.InstanceId)
      .filter(({ run }) => (namespace === undefined || run.RepoNamespaceName === namespace) && (repoName === undefined || run.RepoName === repoName));
    const { paging, items } = page(context, sortBy(runs, ({ run }) => [-run.StartTime, -run.seq]));
    return { ...paging, InstanceId: instance.InstanceId, ChainInstances: items.map(({ run, state }) => runItem(run, state)) };
  },
} satisfies Partial<Handlers>;
