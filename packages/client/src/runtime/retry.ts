// When to try a failed call again, and how long to wait first. Exponential backoff with full
// jitter (a random wait between 0 and the exponential bound), so clients throttled together do not
// come back together.
import { AbortError, AcrError, ConnectionError, ServiceError, TimeoutError } from './errors.js';

export interface RetryOptions {
  /** Attempts in all, the first included. Default 3; 1 disables retries. */
  readonly maxAttempts?: number;
  /** Bound of the first backoff wait; each retry doubles it. Default 200 ms. */
  readonly baseDelayMs?: number;
  /** Cap on the backoff bound. Default 5,000 ms. */
  readonly maxDelayMs?: number;
  /**
   * No retry starts later than this after the call began: a wait (backoff or Retry-After) that
   * would end later ends the call with the last error instead. Default 20,000 ms.
   */
  readonly maxElapsedMs?: number;
  /**
   * Retry operations that change state too. Default false: a write whose response was lost may
   * have taken effect, and repeating it is only safe when the caller knows it is idempotent.
   */
  readonly retryWrites?: boolean;
  /**
   * Service error codes retried for every operation, writes included, as long as attempts and time
   * remain. For eventually consistent APIs: a create that names something created a moment ago may
   * be refused with a not-found code until the service catches up. The service refused such a call,
   * so repeating it cannot apply it twice. Default none.
   */
  readonly retryCodes?: readonly string[];
  /**
   * Called before each backoff wait, with the failed attempt's number and error and the wait chosen;
   * for logging or metrics. It cannot change the wait; what it throws is ignored.
   */
  readonly onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  readonly action: string;
  /** The attempt that failed (1 for the first). */
  readonly attempt: number;
  readonly error: AcrError;
  /** The wait before the next attempt. */
  readonly delayMs: number;
}

export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly maxElapsedMs: number;
  readonly retryWrites: boolean;
  readonly retryCodes: ReadonlySet<string>;
  readonly onRetry: ((event: RetryEvent) => void) | undefined;
}

export const DEFAULT_RETRY: RetryPolicy = Object.freeze({
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 5_000,
  maxElapsedMs: 20_000,
  retryWrites: false,
  retryCodes: new Set<string>(),
  onRetry: undefined,
});

// The connection dropped or never formed; the service may be fine on the next socket.
const TRANSIENT_CONNECTION_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

/** Whether the error is worth another attempt, whatever the operation. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ServiceError) {
    // As the vendor's tools and Terraform's provider treat them: `Throttling`, `Throttling.User`,
    // `Rejected.Throttling` and the like, and `ServiceUnavailable` whatever its status.
    const code = error.code ?? '';
    return code.includes('Throttling') || code === 'ServiceUnavailable' || error.status === 429 || error.status >= 500;
  }
  if (error instanceof TimeoutError) return true;
  if (error instanceof ConnectionError) return error.code !== undefined && TRANSIENT_CONNECTION_CODES.has(error.code);
  return false;
}

/** Whether the error carries one of the codes the caller named for retrying (any operation). */
export function isNamedCode(policy: RetryPolicy, error: unknown): boolean {
  return policy.retryCodes.size > 0 && error instanceof ServiceError && error.code !== undefined && policy.retryCodes.has(error.code);
}

/**
 * The wait before attempt `attempt + 1`, or undefined to give up now. `elapsedMs` is the time since
 * the call began; `write` says the operation changes state (then only named codes are retried,
 * unless the policy retries writes).
 */
export function retryDelay(policy: RetryPolicy, error: AcrError, attempt: number, elapsedMs: number, write = false): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const retryable = isNamedCode(policy, error) || ((!write || policy.retryWrites) && isTransient(error));
  if (!retryable) return undefined;
  const bound = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  let delay = Math.random() * bound;
  // The server knows best when it will take the call again.
  if (error instanceof ServiceError && error.retryAfterMs !== undefined) delay = Math.max(delay, error.retryAfterMs);
  return elapsedMs + delay > policy.maxElapsedMs ? undefined : delay;
}

/**
 * The server's wait in milliseconds: the vendor's `x-acs-retry-after` (milliseconds) when present,
 * else the standard `Retry-After`.
 */
export function serverRetryAfter(headers: Readonly<Record<string, string | string[] | undefined>>, now = Date.now()): number | undefined {
  const acs = headers['x-acs-retry-after'];
  const text = Array.isArray(acs) ? acs[0] : acs;
  if (text !== undefined && /^\s*\d+\s*$/.test(text)) return Number(text);
  return parseRetryAfter(headers['retry-after'], now);
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date. Undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isFinite(date) ? Math.max(0, date - now) : undefined;
}

/** Tells the caller's onRetry hook, if any; a hook that throws does not change the call's course. */
export function notifyRetry(policy: RetryPolicy, action: string, attempt: number, error: AcrError, delayMs: number): void {
  if (policy.onRetry === undefined) return;
  try {
    policy.onRetry({ action, attempt, error, delayMs });
  } catch {
    // An observer's bug must not turn a retry into a failure, nor hide the service's error.
  }
}

/** Waits, unless the signal fires first (then rejects with AbortError). */
export function sleep(ms: number, signal: AbortSignal | undefined, action: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(new AbortError({ action, cause: signal.reason }));
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new AbortError({ action, cause: signal!.reason }));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
