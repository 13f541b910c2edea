// A delivery chain's configuration (CURATION.md M-101): its nodes, checked, and the steps a run of it
// takes, in the order its routers give. Kept apart from chains.ts, which stores chains and runs them.
import type { ChainConfigInput, ChainDenyPolicy, ChainNode, ChainRouter } from '../generated/index.js';
import { invalidParameter } from './common/errors.js';

/** The nodes of the vendor's example chain, in its order: a chain created without ChainConfig has them. */
export const DEFAULT_NODE_NAMES = ['DOCKER_IMAGE_BUILD', 'DOCKER_IMAGE_PUSH', 'VULNERABILITY_SCANNING', 'ACTIVATE_REPLICATION', 'TRIGGER'] as const;

const LOGICS = ['AND', 'OR'] as const;
/** Severities, the most severe first; a scan's findings say them in mixed case (High, Medium, ...). */
export const ISSUE_LEVELS = ['HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
const ACTIONS = ['BLOCK', 'BLOCK_RETAG', 'BLOCK_DELETE_TAG'] as const;
const SCAN_ENGINES = ['ACR_SCAN_SERVICE', 'SAS_SCAN_SERVICE'] as const;

/** When a scan blocks the chain (every field checked; lists split at commas). */
export interface DenyRule {
  logic: (typeof LOGICS)[number];
  level?: (typeof ISSUE_LEVELS)[number];
  count?: number;
  cves: string[];
  malicious: string[];
  baselines: string[];
}

/** One step of a run: what the mock does for an enabled node. */
export type Step =
  | { node: string; kind: 'instant' }
  | { node: string; kind: 'scan'; timeoutMs?: number; engine: (typeof SCAN_ENGINES)[number]; deny?: DenyRule }
  | { node: string; kind: 'replicate'; timeoutMs?: number };

/** A configuration as stored: the nodes and routers as sent (checked), and the steps they give. */
export interface StoredConfig {
  Nodes: ChainNode[];
  Routers: ChainRouter[];
  steps: Step[];
}

function oneOf<T extends string>(param: string, value: string | undefined, values: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) throw invalidParameter(param, `valid values: ${values.join(', ')}`);
  return value as T;
}

function list(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
}

function denyRule(where: string, policy: ChainDenyPolicy | undefined): DenyRule | undefined {
  if (policy === undefined) return undefined;
  const logic = oneOf(`${where}.Logic`, policy.Logic, LOGICS) ?? 'AND';
  const level = oneOf(`${where}.IssueLevel`, policy.IssueLevel, ISSUE_LEVELS);
  oneOf(`${where}.Action`, policy.Action, ACTIONS);
  let count: number | undefined;
  if (policy.IssueCount !== undefined) {
    if (!/^(0|[1-9][0-9]{0,5})$/.test(policy.IssueCount)) throw invalidParameter(`${where}.IssueCount`, 'it is a number of findings as a decimal text, 0 to 999999');
    count = Number(policy.IssueCount);
  }
  const rule: DenyRule = { logic, cves: list(policy.IssueList), malicious: list(policy.MaliciousList), baselines: list(policy.BaselineList) };
  if (level !== undefined) rule.level = level;
  if (count !== undefined) rule.count = count;
  const blocksOnSomething = level !== undefined || count !== undefined || rule.cves.length + rule.malicious.length + rule.baselines.length > 0;
  return blocksOnSomething ? rule : undefined;
}

function timeoutMs(where: string, node: ChainNode): number | undefined {
  const seconds = node.NodeConfig?.Timeout;
  if (seconds === undefined) return undefined;
  if (!Number.isSafeInteger(seconds) || seconds < 1) throw invalidParameter(`${where}.NodeConfig.Timeout`, 'it is a number of seconds, at least 1');
  return seconds * 1000;
}

function stepOf(where: string, node: ChainNode, name: string): Step {
  const retry = node.NodeConfig?.Retry;
  if (retry !== undefined && (!Number.isSafeInteger(retry) || retry < 0)) throw invalidParameter(`${where}.NodeConfig.Retry`, 'it is a number of retries, 0 or more');
  const timeout = timeoutMs(where, node);
  if (name === 'VULNERABILITY_SCANNING') {
    const engine = oneOf(`${where}.NodeConfig.ScanEngine`, node.NodeConfig?.ScanEngine, SCAN_ENGINES) ?? 'ACR_SCAN_SERVICE';
    const deny = denyRule(`${where}.NodeConfig.DenyPolicy`, node.NodeConfig?.DenyPolicy);
    return { node: name, kind: 'scan', engine, ...(timeout === undefined ? {} : { timeoutMs: timeout }), ...(deny === undefined ? {} : { deny }) };
  }
  if (name === 'ACTIVATE_REPLICATION') return { node: name, kind: 'replicate', ...(timeout === undefined ? {} : { timeoutMs: timeout }) };
  return { node: name, kind: 'instant' };
}

/**
 * The order the nodes run in: a node after every node a router leads from to it, nodes no router
 * orders in the order they are listed. A router naming an unknown node, or routers that make a
 * cycle, are InvalidParameter.
 */
function runOrder(names: readonly string[], routers: readonly ChainRouter[]): string[] {
  const before = new Map(names.map((n) => [n, new Set<string>()]));
  routers.forEach((router, i) => {
    const from = router.From?.NodeName;
    const to = router.To?.NodeName;
    for (const [end, name] of [['From', from], ['To', to]] as const) {
      if (name === undefined || !before.has(name)) throw invalidParameter(`ChainConfig.Routers[${i}].${end}.NodeName`, 'it must name a node of Nodes');
    }
    if (from === to) throw invalidParameter(`ChainConfig.Routers[${i}]`, 'a router leads from one node to another');
    before.get(to as string)?.add(from as string);
  });
  const order: string[] = [];
  const placed = new Set<string>();
  while (order.length < names.length) {
    const next = names.find((n) => !placed.has(n) && [...(before.get(n) ?? [])].every((b) => placed.has(b)));
    if (next === undefined) throw invalidParameter('ChainConfig.Routers', 'the routers make a cycle');
    order.push(next);
    placed.add(next);
  }
  return order;
}

/** Checks a configuration and derives its steps; undefined gives the default nodes, in a line. */
export function storedConfig(input: ChainConfigInput | undefined): StoredConfig {
  const nodes: ChainNode[] = input?.Nodes?.map((n) => ({ ...n })) ?? DEFAULT_NODE_NAMES.map((NodeName) => ({ NodeName, Enable: true }));
  const routers: ChainRouter[] = input === undefined
    ? DEFAULT_NODE_NAMES.slice(1).map((to, i) => ({ From: { NodeName: DEFAULT_NODE_NAMES[i] }, To: { NodeName: to } }))
    : (input.Routers?.map((r) => ({ ...r })) ?? []);
  const names = nodes.map((node, i) => {
    if (node.NodeName === undefined) throw invalidParameter(`ChainConfig.Nodes[${i}].NodeName`, 'it is required');
    return node.NodeName;
  });
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) throw invalidParameter(`ChainConfig.Nodes[${i}].NodeName`, 'each node is listed once');
  });
  const steps = runOrder(names, routers)
    .map((name) => ({ name, index: names.indexOf(name) }))
    .filter(({ index }) => nodes[index].Enable !== false)
    .map(({ name, index }) => stepOf(`ChainConfig.Nodes[${index}]`, nodes[index], name));
  return { Nodes: nodes, Routers: routers, steps };
}
