// Holding temporary credentials and renewing them ahead of their expiry: once for every concurrent
// caller (one fetch in flight, which all of them await), and without failing callers when a renewal
// fails while the credentials held are still valid (they keep being handed out, and the renewal is
// tried again after a pause). Used by every provider that fetches temporary credentials and by the
// client for a caller's own provider, so the rules exist once.
import type { Credentials } from '../runtime/credentials.js';

/** What a fetch yields: credentials, and when they expire (epoch ms on the cache's clock), if known. */
export interface Fetched {
  readonly credentials: Credentials;
  readonly expiresAt: number | undefined;
}

export interface RefreshPolicy {
  /** The time now, in epoch milliseconds. Tests pass a mock server's clock. */
  readonly clock: () => number;
  /** How long before `expiresAt` to renew, given the lifetime the credentials were fetched with. */
  readonly renewAheadMs: (lifetimeMs: number) => number;
  /** Whether credentials without an expiry are kept (static ones) or fetched again every time. */
  readonly keepWithoutExpiry: boolean;
}

/** After a failed renewal while the credentials held are valid, wait this long before trying again. */
export const RETRY_AFTER_FAILED_RENEWAL_MS = 10_000;

/** Renew a quarter of an hour ahead (as the vendor's providers do), or half-way for short lifetimes. */
export function temporaryRenewAhead(lifetimeMs: number): number {
  return Math.min(15 * 60_000, Math.max(0, lifetimeMs) / 2);
}

export class RefreshingCredentials {
  readonly #fetch: () => Promise<Fetched>;
  readonly #policy: RefreshPolicy;
  #held: Credentials | undefined;
  #expiresAt: number | undefined;
  #renewAt = Number.NEGATIVE_INFINITY;
  #pending: Promise<Credentials> | undefined;

  constructor(fetch: () => Promise<Fetched>, policy: RefreshPolicy) {
    this.#fetch = fetch;
    this.#policy = policy;
  }

  /**
   * The credentials held while they need no renewal: synchronously, so a caller that finds them
   * at hand awaits nothing; otherwise the (shared) renewal.
   */
  get(): Credentials | Promise<Credentials> {
    if (this.#held !== undefined && this.#policy.clock() < this.#renewAt) return this.#held;
    this.#pending ??= this.#renew().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #renew(): Promise<Credentials> {
    let fetched: Fetched;
    try {
      fetched = await this.#fetch();
    } catch (error) {
      const now = this.#policy.clock();
      const held = this.#held;
      if (held === undefined || this.#expiresAt === undefined || now >= this.#expiresAt) throw error;
      // Still valid: keep handing them out, and do not ask again for a while (nor past expiry).
      this.#renewAt = Math.min(now + RETRY_AFTER_FAILED_RENEWAL_MS, this.#expiresAt);
      return held;
    }
    const now = this.#policy.clock();
    const { credentials, expiresAt } = fetched;
    this.#held = credentials;
    this.#expiresAt = expiresAt;
    if (expiresAt === undefined) this.#renewAt = this.#policy.keepWithoutExpiry ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
    else this.#renewAt = expiresAt - this.#policy.renewAheadMs(expiresAt - now);
    return credentials;
  }
}
