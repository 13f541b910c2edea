// The contract between the server and the resource modules: a handler gets the validated request
// and the state, and returns the response fields (or throws a MockError). The server adds
// RequestId, IsSuccess and Code, serialises JSON or XML, and runs the handler in a transaction.
// Both sides are typed from the spec (src/generated/types.ts): a handler that reads a parameter by
// a wrong name, or answers a misspelt field, does not compile.
import { operations, type OperationName } from '../../runtime/api.js';
import type { OperationParams, OperationResults } from '../../generated/index.js';
import type { ParamValue } from '@acr-ee/wire';
import { MockError } from '../../runtime/http/wire-errors.js';
import type { Store } from '../../store/store.js';

/** A request parameter after validation: coerced to its spec kind, its default when not sent; absent when it has none. */
export type { ParamValue };

/** What a handler throws to answer an error (status, code, message): the core's, in one place. */
export { MockError };

/** A validated value of a structured (array or object) parameter, or of a scalar one. */
export type { RequestValue } from '../../runtime/http/validate.js';
import type { RequestValue } from '../../runtime/http/validate.js';

/** Parameters as the server holds them before they meet an operation's type. */
export type WireValues = Readonly<Record<string, RequestValue | undefined>>;

export interface RequestContext<P = WireValues> {
  readonly action: OperationName;
  /** The operation's own parameters, validated against the spec and coerced (`PageNo` is a number). */
  readonly params: P;
  readonly store: Store;
  /** Milliseconds since the epoch; the server's clock (tests may move it). */
  readonly now: number;
  /** The account that owns the resources (for ARNs and login names). */
  readonly accountId: string;
  /** The Host header the request came with (`host[:port]`, as the client addressed the server), if any. */
  readonly host?: string;
  /** The AccessKeyId the request was signed with, when the server verified its signature. */
  readonly callerKeyId?: string;
}

/** The parameters of `A` as its handler reads them. */
export type Params<A extends OperationName> = OperationParams[A];

/** The response fields of `A` other than RequestId, IsSuccess and Code. */
export type Result<A extends OperationName> = OperationResults[A];

/** One element of the list `F` of the result of `A` (a view function's return type). */
export type ItemOf<A extends OperationName, F extends keyof Result<A>> = NonNullable<Result<A>[F]> extends ReadonlyArray<infer I> ? I : never;

/** The context of a request for `A`. */
export type Context<A extends OperationName> = RequestContext<Params<A>>;

/**
 * The handler of `A`. Without `A`: a handler as the server calls it, before the parameters meet
 * an operation's type. Declare each handler's return type (`Result<'A'>`): TypeScript checks the
 * fields of an object literal against a declared return type, not against an inferred one.
 */
export type Handler<A extends OperationName | undefined = undefined> = A extends OperationName
  ? (context: Context<A>) => Result<A>
  : (context: RequestContext) => Record<string, unknown>;

/** One handler per operation of the spec: the type fails to compile when one is missing. */
export type Handlers = { readonly [A in OperationName]: Handler<A> };

/** The response fields of any operation. */
export type HandlerResult = Result<OperationName>;

/**
 * The handler the server calls for `action`. The one place the typed handlers meet the wire's
 * values: sound because the server has validated them against the spec the types come from.
 */
export function handlerFor(handlers: Handlers, action: OperationName): Handler {
  return handlers[action] as unknown as Handler;
}

/**
 * The value the spec says the service takes for a parameter a request does not send (the API
 * table's default), for state that starts without a request saying: a scan a rule starts has the
 * engine CreateRepoTagScanTask has by default. Throws, at start, if the spec states none.
 */
export function parameterDefault<A extends OperationName, P extends keyof OperationParams[A] & string>(action: A, name: P): NonNullable<OperationParams[A][P]> {
  const value = operations[action].params.find((p) => p.name === name)?.default;
  if (value === undefined) throw new Error(`the spec states no default for ${action}'s ${name}`);
  // The table and OperationParams are generated from the same schema: the value is of its type.
  return value as NonNullable<OperationParams[A][P]>;
}
