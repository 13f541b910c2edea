// Fault injection, for every action (`global`) or per action (`actions`, laid over `global` field by
// field): added latency, throttling, server errors, dropped connections. With a `seed` the outcomes
// are a fixed sequence (a seeded PRNG, re-seeded whenever the configuration is set), so a test
// that sends the same requests in the same order sees the same faults.
//
//   { "seed": 42, "global": { "latencyMs": 20 },
//     "actions": { "GetInstance": { "throttleRate": 0.5, "retryAfterMs": 2000, "serverErrorRate": 0.1, "serverErrorStatus": 500, "dropRate": 0.05 } } }
//
// Per faulted request three numbers are drawn, in this order: drop (destroy the socket without an
// answer), throttle (429 Throttling.User, with `x-acs-retry-after: retryAfterMs` and `Retry-After`
// in seconds), server error (503 ServiceUnavailable or 500 InternalError).

export interface FaultSpec {
  /** Milliseconds to wait before the request is handled (0 to 600000). */
  readonly latencyMs?: number;
  /** Share of requests answered 429 Throttling.User (0 to 1). */
  readonly throttleRate?: number;
  /** The wait a throttled answer asks for, in milliseconds (0 to 600000; default 1000). */
  readonly retryAfterMs?: number;
  /** Share of requests answered with `serverErrorStatus` (0 to 1). */
  readonly serverErrorRate?: number;
  /** 503 ServiceUnavailable (the default) or 500 InternalError. */
  readonly serverErrorStatus?: 500 | 503;
  /** Share of requests whose connection is destroyed without an answer (0 to 1). */
  readonly dropRate?: number;
}

export interface FaultConfig {
  /** A 32-bit unsigned integer: deterministic outcomes. Without it, Math.random. */
  readonly seed?: number;
  readonly global?: FaultSpec;
  readonly actions?: Readonly<Record<string, FaultSpec>>;
}

export class FaultConfigError extends Error {
  override name = 'FaultConfigError';
}

const SPEC_KEYS = ['latencyMs', 'throttleRate', 'retryAfterMs', 'serverErrorRate', 'serverErrorStatus', 'dropRate'] as const;
const DEFAULT_RETRY_AFTER_MS = 1_000;
const MAX_LATENCY_MS = 600_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function checkSpec(value: unknown, where: string): FaultSpec {
  if (!isObject(value)) throw new FaultConfigError(`${where} must be an object`);
  for (const key of Object.keys(value)) {
    if (!(SPEC_KEYS as readonly string[]).includes(key)) throw new FaultConfigError(`${where}.${key} is not a fault (use ${SPEC_KEYS.join(', ')})`);
  }
  const { serverErrorStatus } = value;
  for (const key of ['latencyMs', 'retryAfterMs']) {
    const ms = value[key];
    if (ms !== undefined && (typeof ms !== 'number' || !Number.isInteger(ms) || ms < 0 || ms > MAX_LATENCY_MS)) {
      throw new FaultConfigError(`${where}.${key} must be a whole number from 0 to ${MAX_LATENCY_MS}`);
    }
  }
  for (const key of ['throttleRate', 'serverErrorRate', 'dropRate']) {
    const rate = value[key];
    if (rate !== undefined && (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))) throw new FaultConfigError(`${where}.${key} must be a number from 0 to 1`);
  }
  if (serverErrorStatus !== undefined && serverErrorStatus !== 500 && serverErrorStatus !== 503) {
    throw new FaultConfigError(`${where}.serverErrorStatus must be 500 or 503`);
  }
  return value as FaultSpec;
}

/** Validates a fault configuration (from options, a file or the admin endpoint). */
export function checkFaultConfig(value: unknown, actions: readonly string[]): FaultConfig {
  if (!isObject(value)) throw new FaultConfigError('the fault configuration must be an object');
  for (const key of Object.keys(value)) {
    if (key !== 'seed' && key !== 'global' && key !== 'actions') throw new FaultConfigError(`${key} is not supported (use seed, global, actions)`);
  }
  const { seed } = value;
  if (seed !== undefined && (typeof seed !== 'number' || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) {
    throw new FaultConfigError('seed must be an integer from 0 to 4294967295');
  }
  if (value.global !== undefined) checkSpec(value.global, 'global');
  if (value.actions !== undefined) {
    if (!isObject(value.actions)) throw new FaultConfigError('actions must be an object by Action');
    for (const [action, spec] of Object.entries(value.actions)) {
      if (!actions.includes(action)) throw new FaultConfigError(`actions.${action} is not an Action of this API`);
      checkSpec(spec, `actions.${action}`);
    }
  }
  return structuredClone(value) as FaultConfig;
}

/** mulberry32: small, fast, good enough to pick faults. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FaultOutcome = 'drop' | 'throttle' | 500 | 503 | undefined;

export interface FaultDecision {
  readonly latencyMs: number;
  readonly outcome: FaultOutcome;
  /** What a throttled answer asks the caller to wait, in milliseconds. */
  readonly retryAfterMs: number;
}

interface Effective {
  readonly latencyMs: number;
  readonly throttleRate: number;
  readonly retryAfterMs: number;
  readonly serverErrorRate: number;
  readonly serverErrorStatus: 500 | 503;
  readonly dropRate: number;
}

export class FaultInjector {
  #config: FaultConfig = {};
  #random: () => number = Math.random;
  /** Per action, its effective faults; undefined when it has none. */
  #effective = new Map<string, Effective | undefined>();

  constructor(config: FaultConfig = {}) {
    this.set(config);
  }

  /** Replaces the configuration (already checked) and re-seeds. */
  set(config: FaultConfig): void {
    this.#config = config;
    this.#random = config.seed === undefined ? Math.random : seeded(config.seed);
    this.#effective.clear();
  }

  get config(): FaultConfig {
    return this.#config;
  }

  /** Whether any fault is configured at all (the request path skips everything else when not). */
  get active(): boolean {
    return this.#config.global !== undefined || this.#config.actions !== undefined;
  }

  decide(action: string): FaultDecision | undefined {
    let effective = this.#effective.get(action);
    if (effective === undefined && !this.#effective.has(action)) {
      effective = effectiveOf(this.#config, action);
      this.#effective.set(action, effective);
    }
    if (effective === undefined) return undefined;
    const random = this.#random;
    const drop = random();
    const throttle = random();
    const error = random();
    const outcome: FaultOutcome =
      drop < effective.dropRate ? 'drop' : throttle < effective.throttleRate ? 'throttle' : error < effective.serverErrorRate ? effective.serverErrorStatus : undefined;
    return { latencyMs: effective.latencyMs, outcome, retryAfterMs: effective.retryAfterMs };
  }
}

function effectiveOf(config: FaultConfig, action: string): Effective | undefined {
  const spec = { ...config.global, ...config.actions?.[action] };
  const effective: Effective = {
    latencyMs: spec.latencyMs ?? 0,
    throttleRate: spec.throttleRate ?? 0,
    retryAfterMs: spec.retryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
    serverErrorRate: spec.serverErrorRate ?? 0,
    serverErrorStatus: spec.serverErrorStatus ?? 503,
    dropRate: spec.dropRate ?? 0,
  };
  const none = effective.latencyMs === 0 && effective.throttleRate === 0 && effective.serverErrorRate === 0 && effective.dropRate === 0;
  return none ? undefined : effective;
}
