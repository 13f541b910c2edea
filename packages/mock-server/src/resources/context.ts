// The contract between the server and the resource modules: a handler gets the validated request
// and the state, and returns the response fields (or throws a MockError). The server adds
// RequestId, IsSuccess and Code, serialises JSON or XML, and runs the handler in a transaction.
import type { OperationName } from '../generated/index.js';
import type { Store } from '../runtime/store.js';

/** A request parameter after validation: coerced to its spec kind; absent when not sent. */
export type ParamValue = string | number | boolean;

export interface RequestContext {
  readonly action: OperationName;
  /** The operation's own parameters, validated against the spec and coerced (`PageNo` is a number). */
  readonly params: Readonly<Record<string, ParamValue | undefined>>;
  readonly store: Store;
  /** Milliseconds since the epoch; the server's clock (tests may move it). */
  readonly now: number;
  /** The account that owns the resources (for ARNs and login names). */
  readonly accountId: string;
}

/** The response fields other than RequestId, IsSuccess and Code. */
export type HandlerResult = Record<string, unknown>;

export type Handler = (context: RequestContext) => HandlerResult;

/** One handler per operation of the spec: the type fails to compile when one is missing. */
export type Handlers = { readonly [Action in OperationName]: Handler };

/**
 * A failure the service would answer: HTTP status, error code, message. The server turns it into
 * the spec's error body.
 */
export class MockError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MockError';
  }
}
