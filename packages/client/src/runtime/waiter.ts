// Waiters: poll a read operation until its answer reaches the awaited state. What each waiter
// reads and which values end the wait come from the spec (`x-acr-waiters`, generated into
// `waiters` of src/generated/waiters.ts); the polling loop, its options and its errors are here.
//
// Defaults follow the vendor's `aliyun` CLI (`--waiter expr=... to=...`): a poll every 5 seconds,
// giving up after 180 seconds. The first poll is sent at once; each later one after `intervalMs`
// (or what is left of `timeoutMs`, so one last poll lands on the deadline).
import { checkKeys, checkTimeout, type CallOptions } from './config.js';
import { AbortError, ConfigError, ServiceError, WaiterError } from './errors.js';
import { sleep as timerSleep } from './retry.js';

/** A waiter as the runtime reads it (generated from the spec's `x-acr-waiters`). */
export interface WaiterMeta {
  /** `InstanceRunning` */
  readonly name: string;
  /** The response field read, as a path from the body (`['InstanceStatus']`); absent when only `successErrors` end the wait. */
  readonly field?: readonly string[];
  /** Values of `field` that end the wait successfully. */
  readonly success: readonly string[];
  /** Values of `field` after which the awaited state cannot be reached: the wait fails with a WaiterError. */
  readonly failure: readonly string[];
  /** Service error codes that end the wait successfully (`NAMESPACE_NOT_EXIST` for a namespace gone). */
  readonly successErrors: readonly string[];
  /** Compare the values read without regard to case. */
  readonly ignoreCase: boolean;
}

export interface WaitOptions {
  /** Time between two polls. Default 5,000 ms (the `aliyun` CLI's waiter interval). */
  readonly intervalMs?: number;
  /** Total time before the waiter gives up with a WaiterError (`reason: 'timeout'`). Default 180,000 ms (the CLI's). */
  readonly timeoutMs?: number;
  /** Cancels the wait, a poll in flight included; rejects with AbortError. */
  readonly signal?: AbortSignal;
  /** Options of each poll: per-attempt `timeoutMs`, `retry`, `method`, `onResponse` (the signal is the waiter's). */
  readonly call?: Omit<CallOptions, 'signal'>;
  /**
   * How to wait between polls. Default: a timer, cancelled by `signal`. A test can pass one that
   * moves a mock server's clock instead of waiting (with `clock` reading that clock).
   */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The clock `timeoutMs` is measured on, in epoch milliseconds. Default `Date.now`. */
  readonly clock?: () => number;
}

export interface WaiterResult<Res> {
  /** The waiter's name (`InstanceRunning`). */
  readonly waiter: string;
  /** The value read by the last poll (`RUNNING`), or the error code that ended a wait for one (`NAMESPACE_NOT_EXIST`). */
  readonly state: string;
  /** The last poll's response; absent when an error code ended the wait. */
  readonly response?: Res;
  /** How many polls were sent. */
  readonly attempts: number;
  /** Time from the first poll to the end, on the waiter's clock. */
  readonly elapsedMs: number;
}

export const DEFAULT_WAIT_INTERVAL_MS = 5_000;
export const DEFAULT_WAIT_TIMEOUT_MS = 180_000;

/** What a poll reports as the state when a waiter without a field gets a successful answer. */
export const EXISTS_STATE = 'exists';

const WAIT_KEYS: readonly (keyof WaitOptions)[] = ['intervalMs', 'timeoutMs', 'signal', 'call', 'sleep', 'clock'];

interface Plan {
  readonly intervalMs: number;
  readonly timeoutMs: number;
  readonly signal: AbortSignal | undefined;
  readonly call: CallOptions;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly clock: () => number;
}

function planOf(options: WaitOptions | undefined, action: string): Plan {
  const o = options ?? {};
  if (o === null || typeof o !== 'object') throw new ConfigError('wait options must be an object', { action });
  checkKeys(o, WAIT_KEYS, 'wait options');
  if (o.call !== undefined && (o.call === null || typeof o.call !== 'object' || 'signal' in o.call)) {
    throw new ConfigError('wait options: call must be an object of call options without signal (give signal to the waiter)', { action });
  }
  for (const key of ['sleep', 'clock'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'function') throw new ConfigError(`wait options: ${key} must be a function`, { action });
  }
  const intervalMs = o.intervalMs === undefined ? DEFAULT_WAIT_INTERVAL_MS : checkTimeout(o.intervalMs, 'intervalMs');
  const timeoutMs = o.timeoutMs === undefined ? DEFAULT_WAIT_TIMEOUT_MS : checkTimeout(o.timeoutMs, 'timeoutMs');
  return {
    intervalMs,
    timeoutMs,
    signal: o.signal,
    call: { ...o.call, ...(o.signal === undefined ? {} : { signal: o.signal }) },
    sleep: o.sleep ?? ((ms, signal) => timerSleep(ms, signal, action)),
    clock: o.clock ?? Date.now,
  };
}

/** The value a poll's response holds at the waiter's field (undefined when absent). */
function stateOf(waiter: WaiterMeta, response: Record<string, unknown>): string | undefined {
  if (waiter.field === undefined) return EXISTS_STATE;
  let value: unknown = response;
  for (const name of waiter.field) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value === undefined || value === null ? undefined : String(value);
}

function matches(values: readonly string[], state: string, ignoreCase: boolean): boolean {
  if (!ignoreCase) return values.includes(state);
  const upper = state.toUpperCase();
  return values.some((v) => v.toUpperCase() === upper);
}

/**
 * Polls with `poll` (one call of the waiter's operation) until the waiter's success state, a
 * failure state (WaiterError), `timeoutMs` (WaiterError) or the signal (AbortError). Service
 * errors other than the waiter's `successErrors` end the wait as they are (transient ones were
 * already retried by the call).
 */
export async function runWaiter<Res>(
  waiter: WaiterMeta,
  action: string,
  poll: (options: CallOptions) => Promise<Record<string, unknown>>,
  options: WaitOptions | undefined,
): Promise<WaiterResult<Res>> {
  const plan = planOf(options, action);
  const started = plan.clock();
  let lastState: string | undefined;
  for (let attempts = 1; ; attempts++) {
    if (plan.signal?.aborted) throw new AbortError({ action, cause: plan.signal.reason });
    let response: Record<string, unknown>;
    try {
      response = await poll(plan.call);
    } catch (error) {
      if (error instanceof ServiceError && error.code !== undefined && waiter.successErrors.includes(error.code)) {
        return { waiter: waiter.name, state: error.code, attempts, elapsedMs: plan.clock() - started };
      }
      throw error;
    }
    const state = stateOf(waiter, response);
    lastState = state;
    const elapsedMs = plan.clock() - started;
    if (state !== undefined && waiter.field !== undefined && matches(waiter.success, state, waiter.ignoreCase)) {
      return { waiter: waiter.name, state, response: response as Res, attempts, elapsedMs };
    }
    if (state !== undefined && matches(waiter.failure, state, waiter.ignoreCase)) {
      throw new WaiterError({ waiter: waiter.name, reason: 'failure', lastState, elapsedMs, attempts, action });
    }
    if (elapsedMs >= plan.timeoutMs) throw new WaiterError({ waiter: waiter.name, reason: 'timeout', lastState, elapsedMs, attempts, action });
    await plan.sleep(Math.min(plan.intervalMs, plan.timeoutMs - elapsedMs), plan.signal);
  }
}
