// Settings the seed chooses and the handlers read back from the store (so that a persistent store
// keeps them): how long the things that progress over time take, and the salt of generated IDs.
import type { Store } from '../../store/store.js';

/** Durations, in milliseconds, of the phases of everything that progresses over time. */
export interface Timings {
  /** A build record is PENDING this long after it is created... */
  readonly buildPendingMs: number;
  /** ...then BUILDING this long, then SUCCESS. */
  readonly buildRunningMs: number;
  /** A synchronization task is PENDING this long after it is created... */
  readonly syncPendingMs: number;
  /** ...then SYNCHRONIZING this long (its layers one after the other), then SUCCESS. */
  readonly syncRunningMs: number;
  /** A VPC linked to an instance is CREATING this long, then RUNNING. */
  readonly vpcLinkCreatingMs: number;
  /** A security scan is SCANNING this long, then COMPLETE. */
  readonly scanMs: number;
  /** An artifact subscription task is PENDING this long after it is created... */
  readonly subscriptionPendingMs: number;
  /** ...then RUNNING, importing its tags one after the other, this long each; then COMPLETED. */
  readonly subscriptionTagMs: number;
}

export const DEFAULT_TIMINGS: Timings = {
  buildPendingMs: 2_000,
  buildRunningMs: 8_000,
  syncPendingMs: 1_000,
  syncRunningMs: 4_000,
  vpcLinkCreatingMs: 3_000,
  scanMs: 5_000,
  subscriptionPendingMs: 1_000,
  subscriptionTagMs: 2_000,
};

export interface Settings {
  readonly timings: Timings;
  /** Mixed into every generated ID: two servers with different salts generate different IDs. */
  readonly idSalt: string;
}

export const DEFAULT_ID_SALT = 'acr-ee-mock';

const META = 'meta';
const SETTINGS_KEY = 'settings';

export function readSettings(store: Store): Settings {
  const stored = store.get<Partial<Settings>>(META, SETTINGS_KEY);
  return {
    timings: { ...DEFAULT_TIMINGS, ...stored?.timings },
    idSalt: stored?.idSalt ?? DEFAULT_ID_SALT,
  };
}

export function writeSettings(store: Store, settings: Settings): void {
  store.put(META, SETTINGS_KEY, settings);
}

/** The next value of the store's counter (1, 2, ...): creation order, and the input of IDs. */
export function nextSequence(store: Store): number {
  const next = (store.get<number>(META, 'sequence') ?? 0) + 1;
  store.put(META, 'sequence', next);
  return next;
}
