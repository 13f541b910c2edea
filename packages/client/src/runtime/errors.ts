// Every error the client raises. One base class so callers can catch "anything from the client"
// with one instanceof; one subclass per way a call can fail, so callers can branch on the class
// rather than parse messages. No error ever holds credentials, a signature or the request URL (the
// URL carries the AccessKeyId and the SecurityToken).

/** The base of every error raised by the client. */
export class AcrError extends Error {
  /** The Action of the failed call, when the error belongs to one. */
  readonly action: string | undefined;

  constructor(message: string, options?: { action?: string; cause?: unknown }) {
    super(options?.action ? `${options.action}: ${message}` : message, optionsWithCause(options));
    this.action = options?.action;
  }

  override get name(): string {
    return this.constructor.name;
  }
}

// `Error`'s own `cause` option only when a cause was given, so errors without one print no
// `[cause]: undefined`.
function optionsWithCause(options?: { cause?: unknown }): ErrorOptions | undefined {
  return options && options.cause !== undefined ? { cause: options.cause } : undefined;
}

/** The client's configuration (or a call's options) is invalid. Raised before any request. */
export class ConfigError extends AcrError {}

/** Credentials are missing or a credentials provider failed or returned an invalid value. */
export class CredentialsError extends AcrError {}

export interface ValidationIssue {
  /** The wire name of the offending parameter. */
  readonly param: string;
  readonly message: string;
}

/** A request's parameters do not match the operation. Raised before any request is sent. */
export class ValidationError extends AcrError {
  readonly issues: readonly ValidationIssue[];

  constructor(action: string, issues: readonly ValidationIssue[]) {
    const list = issues.map((issue) => `${issue.param}: ${issue.message}`).join('; ');
    super(`invalid request: ${list}`, { action });
    this.issues = issues;
  }
}

export interface ServiceErrorInit {
  action: string;
  status: number;
  code?: string;
  serviceMessage?: string;
  requestId?: string;
  hostId?: string;
  recommend?: string;
  /** The parsed error body, when it was JSON. */
  data?: Record<string, unknown>;
  /** The start of the body, when it was not JSON. */
  bodyExcerpt?: string;
  /** The server's Retry-After, in milliseconds, when it sent one. */
  retryAfterMs?: number;
}

/**
 * The service answered with a failure: a non-2xx status, or a 2xx whose body says
 * `IsSuccess: false`. Fields are those of the error body (`Code`, `Message`, `RequestId`, `HostId`,
 * `Recommend`); they are undefined when the body did not carry them (for example a proxy's HTML).
 */
export class ServiceError extends AcrError {
  readonly status: number;
  readonly code: string | undefined;
  readonly serviceMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly hostId: string | undefined;
  readonly recommend: string | undefined;
  readonly data: Record<string, unknown> | undefined;
  readonly bodyExcerpt: string | undefined;
  readonly retryAfterMs: number | undefined;

  constructor(init: ServiceErrorInit) {
    super(serviceMessageOf(init), { action: init.action });
    this.status = init.status;
    this.code = init.code;
    this.serviceMessage = init.serviceMessage;
    this.requestId = init.requestId;
    this.hostId = init.hostId;
    this.recommend = init.recommend;
    this.data = init.data;
    this.bodyExcerpt = init.bodyExcerpt;
    this.retryAfterMs = init.retryAfterMs;
  }
}

function serviceMessageOf(init: ServiceErrorInit): string {
  const head = init.code ? `${init.code}: ${init.serviceMessage ?? '(no message)'}` : 'request failed';
  const tail = [`HTTP ${init.status}`];
  if (init.requestId) tail.push(`RequestId ${init.requestId}`);
  const excerpt = init.bodyExcerpt === undefined ? '' : `; body: ${JSON.stringify(init.bodyExcerpt)}`;
  return `${head} (${tail.join(', ')})${excerpt}`;
}

/** A 2xx response that is not a JSON object: the client cannot tell what the service meant. */
export class InvalidResponseError extends AcrError {
  readonly status: number | undefined;
  readonly bodyExcerpt: string | undefined;

  constructor(message: string, init: { action?: string; status?: number; bodyExcerpt?: string; cause?: unknown }) {
    const excerpt = init.bodyExcerpt === undefined ? '' : `; body: ${JSON.stringify(init.bodyExcerpt)}`;
    super(`${message}${excerpt}`, init);
    this.status = init.status;
    this.bodyExcerpt = init.bodyExcerpt;
  }
}

/** The request never got a complete response: refused, reset, DNS failure, socket hang up. */
export class ConnectionError extends AcrError {
  /** The system error code of the cause (`ECONNRESET`, `ECONNREFUSED`), when it has one. */
  readonly code: string | undefined;

  constructor(message: string, options?: { action?: string; cause?: unknown }) {
    super(message, options);
    this.code = systemCodeOf(options?.cause);
  }
}

/** Walks a cause chain (fetch wraps the socket error) for the first string `code`. */
function systemCodeOf(cause: unknown): string | undefined {
  for (let depth = 0; depth < 4 && cause && typeof cause === 'object'; depth++) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    cause = (cause as { cause?: unknown }).cause;
  }
  return undefined;
}

/** One attempt took longer than its timeout. */
export class TimeoutError extends AcrError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number, options?: { action?: string }) {
    super(`no complete response within ${timeoutMs} ms`, options);
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The response body passed the client's `maxResponseBytes`: the transport stopped reading and
 * dropped the connection. Not retried (the same request would get the same answer).
 */
export class ResponseTooLargeError extends AcrError {
  /** The limit that was passed, in bytes. */
  readonly limitBytes: number;
  /** The size the server announced (Content-Length), when it announced one. */
  readonly declaredBytes: number | undefined;

  constructor(limitBytes: number, options?: { action?: string; declaredBytes?: number }) {
    const declared = options?.declaredBytes === undefined ? '' : ` (the server announced ${options.declaredBytes} bytes)`;
    super(`response body larger than maxResponseBytes, ${limitBytes} bytes${declared}`, options);
    this.limitBytes = limitBytes;
    this.declaredBytes = options?.declaredBytes;
  }
}

/** The caller's AbortSignal fired. `cause` is the signal's reason. */
export class AbortError extends AcrError {
  constructor(options?: { action?: string; cause?: unknown }) {
    super('aborted by the caller', options);
  }
}

export interface WaiterErrorInit {
  readonly waiter: string;
  readonly reason: 'failure' | 'timeout';
  readonly lastState: string | undefined;
  readonly elapsedMs: number;
  readonly attempts: number;
  readonly action: string;
}

/**
 * A waiter gave up: its operation answered a state from which the awaited one cannot be reached
 * (`reason: 'failure'`), or `timeoutMs` passed first (`reason: 'timeout'`). Names the waiter, the
 * last state seen and the time spent.
 */
export class WaiterError extends AcrError {
  /** The waiter's name (`InstanceRunning`). */
  readonly waiter: string;
  readonly reason: 'failure' | 'timeout';
  /** The value the last poll read (`INIT_ERROR`); undefined when the response did not have the field. */
  readonly lastState: string | undefined;
  readonly elapsedMs: number;
  readonly attempts: number;

  constructor(init: WaiterErrorInit) {
    const seen = init.lastState === undefined ? 'no state in the response' : init.lastState;
    const polls = `${init.attempts} ${init.attempts === 1 ? 'poll' : 'polls'}`;
    const what =
      init.reason === 'failure'
        ? `waiter ${init.waiter} reached the failure state ${seen} after ${init.elapsedMs} ms (${polls})`
        : `waiter ${init.waiter} timed out after ${init.elapsedMs} ms (${polls}); last state: ${seen}`;
    super(what, { action: init.action });
    this.waiter = init.waiter;
    this.reason = init.reason;
    this.lastState = init.lastState;
    this.elapsedMs = init.elapsedMs;
    this.attempts = init.attempts;
  }
}

/**
 * Gives an error a transport raised (which knows nothing of operations) the call's Action. Errors
 * that are not the client's become ConnectionErrors: a custom transport's failure is, from the
 * caller's side, a failure to get a response.
 */
export function withAction(error: unknown, action: string): AcrError {
  if (error instanceof AcrError && error.action !== undefined) return error;
  if (error instanceof TimeoutError) return new TimeoutError(error.timeoutMs, { action });
  if (error instanceof AbortError) return new AbortError({ action, cause: error.cause });
  if (error instanceof ResponseTooLargeError) return new ResponseTooLargeError(error.limitBytes, { action, declaredBytes: error.declaredBytes });
  if (error instanceof CredentialsError) return new CredentialsError(error.message, { action, cause: error.cause });
  if (error instanceof ConnectionError) {
    return new ConnectionError(error.message, { action, cause: error.cause });
  }
  if (error instanceof AcrError) return error;
  return new ConnectionError(`request failed: ${messageOf(error)}`, { action, cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
