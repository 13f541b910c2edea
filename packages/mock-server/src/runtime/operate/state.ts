// What one running server holds: the options resolved to their defaults, and what changes at run
// time (the store, the clock, faults, the policy, the nonces, the keys). The services and the admin
// endpoints share it.
import { randomBytes } from 'node:crypto';
import { Clock } from '../callers/clock.js';
import { FaultInjector, checkFaultConfig, type FaultConfig } from '../policy/faults.js';
import { NonceCache } from '../callers/nonces.js';
import { DEFAULTS, type CoreOptions, type StoreFactory } from './options.js';
import { CompiledPolicy, type RamPolicy } from '../policy/ram.js';
import { AccessKey } from '../callers/signature.js';
import type { Store } from '../../store/store.js';
import { operations } from '../api.js';

export const ACTIONS: readonly string[] = Object.keys(operations);

export class ServerState {
  readonly createStore: StoreFactory;
  /** Opened by openStore() once the services are built (a service that refuses its options leaves no file behind). */
  store!: Store;
  readonly clock: Clock;
  readonly faults: FaultInjector;
  policy: CompiledPolicy | undefined;
  readonly verifySignature: boolean;
  readonly keys: ReadonlyMap<string, AccessKey>;
  readonly securityToken: string | undefined;
  readonly nonces: NonceCache;
  readonly timestampWindowMs: number;
  readonly maxRequestBytes: number;
  readonly accountId: string;
  readonly regionId: string;
  /** Required by the admin endpoints that change things; undefined: they are open (loopback). */
  readonly adminToken: string | undefined;
  /** Where keys other than the configured pair come from (services that issue them: STS). */
  readonly #keySources: ((accessKeyId: string) => AccessKey | undefined)[] = [];
  /** What services forget on reset (issued keys, tokens). */
  readonly #onReset: (() => void)[] = [];
  readonly #onOpen: (() => void)[] = [];
  readonly log: ((line: string) => void) | undefined;
  /** Pending fault latencies: cleared on stop. */
  readonly timers = new Set<NodeJS.Timeout>();
  stopped = false;
  readonly stats = { requests: 0, internalErrors: 0 };
  readonly #initial: { readonly clockOffsetMs: number; readonly faults: FaultConfig; readonly policy: CompiledPolicy | undefined };
  readonly #onInternalError: (error: unknown, action: string) => void;

  constructor(options: CoreOptions) {
    this.createStore = options.createStore;
    this.clock = new Clock(options.clockOffsetMs ?? 0);
    const faults = checkFaultConfig(options.faults ?? {}, ACTIONS);
    this.faults = new FaultInjector(faults);
    this.policy = options.policy === undefined || options.policy === null ? undefined : new CompiledPolicy(options.policy);
    this.verifySignature = options.verifySignature ?? DEFAULTS.verifySignature;
    const key = new AccessKey(options.accessKeyId ?? DEFAULTS.accessKeyId, options.accessKeySecret ?? DEFAULTS.accessKeySecret);
    this.keys = new Map([[key.id, key]]);
    this.securityToken = options.securityToken;
    this.timestampWindowMs = options.timestampWindowMs ?? DEFAULTS.timestampWindowMs;
    this.nonces = new NonceCache(this.timestampWindowMs, options.nonceCapacity ?? DEFAULTS.nonceCapacity);
    this.maxRequestBytes = options.maxRequestBytes ?? DEFAULTS.maxRequestBytes;
    this.accountId = options.accountId ?? DEFAULTS.accountId;
    this.regionId = options.regionId ?? DEFAULTS.regionId;
    this.adminToken = options.adminToken ?? (isLoopback(options.host ?? DEFAULTS.host) ? undefined : randomBytes(24).toString('base64url'));
    this.log = options.log;
    this.#onInternalError = options.onInternalError ?? reportToStderr;
    this.#initial = { clockOffsetMs: this.clock.offsetMs, faults, policy: this.policy };
  }

  openStore(): void {
    this.store = this.createStore({ fresh: false, now: this.clock.now() });
    for (const opened of this.#onOpen) opened();
  }

  /** A service's work on the store the server starts with, once it is open (the services are made before). */
  onOpen(opened: () => void): void {
    this.#onOpen.push(opened);
  }

  /** The configured key of that AccessKeyId, else one a service issued; undefined: unknown. */
  keyOf(accessKeyId: string): AccessKey | undefined {
    const key = this.keys.get(accessKeyId);
    if (key !== undefined) return key;
    for (const source of this.#keySources) {
      const issued = source(accessKeyId);
      if (issued !== undefined) return issued;
    }
    return undefined;
  }

  /** A service that issues keys (STS) adds its registry, and what it forgets on reset. */
  addKeySource(source: (accessKeyId: string) => AccessKey | undefined, forget: () => void): void {
    this.#keySources.push(source);
    this.#onReset.push(forget);
  }

  /** A service's own run-time state (tokens, uploads, content) to forget on reset. */
  onReset(forget: () => void): void {
    this.#onReset.push(forget);
  }

  internalError(error: unknown, action: string): void {
    this.stats.internalErrors++;
    try {
      this.#onInternalError(error, action);
    } catch {
      // A failing reporter must not take the request down with it.
    }
  }

  setPolicy(policy: RamPolicy | null | undefined): void {
    this.policy = policy === undefined || policy === null ? undefined : new CompiledPolicy(policy);
  }

  /** Back to the state at start: a fresh (seeded) store, the initial clock, faults and policy, no nonces. */
  reset(): void {
    const old = this.store;
    old.close();
    this.clock.offsetMs = this.#initial.clockOffsetMs;
    this.faults.set(this.#initial.faults);
    this.policy = this.#initial.policy;
    this.nonces.clear();
    for (const forget of this.#onReset) forget();
    this.store = this.createStore({ fresh: true, now: this.clock.now() });
  }
}

/** Whether a listening host is reachable from this machine only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^(::ffff:)?127\.[0-9]+\.[0-9]+\.[0-9]+$/.test(h);
}

function reportToStderr(error: unknown, action: string): void {
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  process.stderr.write(`acr-mock-server: internal error in ${action === '' ? 'the request pipeline' : action} (answered 500 InternalError; this is a bug):\n${detail}\n`);
}
