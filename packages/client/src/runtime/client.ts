// The base class of the generated AcrClient: one `call` (validate, then per attempt: credentials,
// sign, send, parse; retry what is transient) and pagination on top of it. The order matters:
// signing happens inside the retry loop, so every attempt has its own nonce and timestamp.
import { compileOperation, type CompiledOperation } from './compile.js';
import { inspectCustom, type Inspect } from './inspect-symbol.js';
import {
  checkCallOptions,
  checkConfigShape,
  checkResponseHook,
  checkSignatureVersion,
  checkMaxResponseBytes,
  checkMethod,
  checkRegionId,
  checkTimeout,
  DEFAULT_MAX_PAGES,
  DEFAULT_TIMEOUT_MS,
  originOf,
  retryPolicyOf,
  type CallOptions,
  type ClientConfig,
  type HttpMethod,
  type PaginateOptions,
} from './config.js';
import { credentialSourceOf, SigningIdentity, type CredentialSource } from './credentials.js';
import { TimeoutError, withAction } from './errors.js';
import { createNodeTransport } from './node-transport.js';
import type { ApiDescription, OperationMeta } from './operation.js';
import { walkItems, walkPages, type Page } from './pagination.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './response-body.js';
import { observedResultOf, resultOf, type ResponseHook } from './response.js';
import { DEFAULT_RETRY, notifyRetry, retryDelay, sleep, type RetryPolicy } from './retry.js';
import { acs3Signed, signedParams, type Acs3Context, type AttemptContext } from './sign-request.js';
import { percentEncode } from '@acr-ee/wire';
import type { Transport, TransportRequest } from './transport.js';
import { encodeRequest } from './validate.js';
import { runWaiter, type WaitOptions, type WaiterMeta, type WaiterResult } from './waiter.js';
import { userAgent } from './version.js';

/**
 * How one call is sent: the client's defaults, or those with the call's options laid over. Made
 * once per client and method, so a call without options allocates none.
 */
interface Plan {
  readonly method: HttpMethod;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly retry: RetryPolicy | undefined;
  readonly signal: AbortSignal | undefined;
  readonly onResponse: ResponseHook | undefined;
  /** Set when the client signs with ACS3-HMAC-SHA256 instead of signature v1. */
  readonly acs3: Acs3Context | undefined;
  readonly context: AttemptContext;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * A monotonic clock in milliseconds for the per-attempt deadline. Not `performance.now()`: the first
 * read of the `performance` global loads eight perf_hooks modules, about a millisecond of every
 * process's start-up (bench/cold-start); `process.hrtime` is loaded with Node itself.
 */
function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function plansOf(config: ClientConfig, api: ApiDescription, endpoint: string): Record<HttpMethod, Plan> {
  const timeoutMs = config.timeoutMs === undefined ? DEFAULT_TIMEOUT_MS : checkTimeout(config.timeoutMs, 'timeoutMs');
  const retry = retryPolicyOf(config.retry, DEFAULT_RETRY, 'retry');
  const maxResponseBytes = config.maxResponseBytes === undefined ? DEFAULT_MAX_RESPONSE_BYTES : checkMaxResponseBytes(config.maxResponseBytes);
  const agent = userAgent(config.userAgent);
  const roa = config.resourceOwnerAccount === undefined ? undefined : percentEncode(config.resourceOwnerAccount);
  const signatureKey = `&${percentEncode(api.signatureParameter)}=`;
  const onResponse = checkResponseHook(config.onResponse);
  const acs3 = checkSignatureVersion(config.signatureVersion) === 'acs3' ? { host: new URL(endpoint).host, version: api.version } : undefined;
  const planFor = (method: HttpMethod, headers: Record<string, string>): Plan => ({
    method,
    timeoutMs,
    maxResponseBytes,
    retry,
    signal: undefined,
    onResponse,
    acs3,
    context: { method, encodedResourceOwnerAccount: roa, signatureKey },
    // No Accept header: Format=JSON already asks for JSON, and every header costs per call.
    headers: { 'user-agent': agent, ...headers },
  });
  return { GET: planFor('GET', {}), POST: planFor('POST', { 'content-type': 'application/x-www-form-urlencoded' }) };
}

export class RpcClient {
  /** The region, as configured; fills RegionId when a call omits it. */
  readonly regionId: string;
  /** The origin calls go to (`https://cr.cn-hangzhou.aliyuncs.com`). */
  readonly endpoint: string;
  readonly #credentials: CredentialSource;
  readonly #transport: Transport;
  readonly #ownsTransport: boolean;
  readonly #defaults: Plan;
  readonly #plans: Readonly<Record<HttpMethod, Plan>>;
  readonly #api: ApiDescription;

  /**
   * @param config - The caller's options (validated here).
   * @param api - The API's version and default endpoint; the generated subclass passes them from the spec.
   */
  constructor(config: ClientConfig, api: ApiDescription) {
    checkConfigShape(config);
    this.regionId = checkRegionId(config.regionId);
    this.endpoint = originOf(this.regionId, config.endpoint, config.network, api.endpoints);
    this.#api = api;
    this.#plans = plansOf(config, api, this.endpoint);
    this.#defaults = this.#plans[config.method === undefined ? 'GET' : checkMethod(config.method, 'method')];
    // Other runtimes (with the fetch transport) may have no `process`.
    this.#credentials = credentialSourceOf(config, globalThis.process?.env ?? {});
    // Last, once nothing else can throw: it owns sockets.
    this.#ownsTransport = config.transport === undefined;
    this.#transport = config.transport ?? createNodeTransport();
  }

  /** Sends one operation; resolves with the response body, or rejects with an AcrError. */
  protected call<Res>(op: OperationMeta, request: object | undefined, options?: CallOptions): Promise<Res> {
    // Not an async function: one promise fewer per call. Synchronous failures still reject.
    try {
      const compiled = compileOperation(op, this.#api);
      const plan = options === undefined ? this.#defaults : this.#planOf(options);
      const encoded = encodeRequest(compiled, request, this);
      return this.#send(compiled, encoded, plan) as Promise<Res>;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Every item of a paged list operation, fetching pages as the caller iterates. */
  protected async *paginate<Item>(op: OperationMeta, request: object | undefined, options?: PaginateOptions): AsyncGenerator<Item, void, undefined> {
    // Inside the generator, so bad options surface where the caller iterates, like call errors.
    const [callOptions, maxPages] = this.#splitPaginateOptions(options);
    yield* walkItems<Item>(op, request, (page) => this.call<Page>(op, page, callOptions), maxPages);
  }

  /** Every page (the whole response) of a paged list operation. */
  protected async *paginatePages<P = Page>(op: OperationMeta, request: object | undefined, options?: PaginateOptions): AsyncGenerator<P, void, undefined> {
    const [callOptions, maxPages] = this.#splitPaginateOptions(options);
    yield* walkPages(op, request, (page) => this.call<Page>(op, page, callOptions), maxPages) as AsyncGenerator<P, void, undefined>;
  }

  /** Polls an operation until the waiter's state (see runWaiter); rejects with WaiterError when it gives up. */
  protected wait<Res>(op: OperationMeta, waiter: WaiterMeta, request: object | undefined, options?: WaitOptions): Promise<WaiterResult<Res>> {
    return runWaiter<Res>(waiter, op.action, (callOptions) => this.call<Record<string, unknown>>(op, request, callOptions), options);
  }

  /** Releases the pooled connections of the transport the client made (a passed-in one is yours). */
  close(): void {
    if (this.#ownsTransport) this.#transport.close?.();
  }

  async #send(compiled: CompiledOperation, encoded: readonly (string | undefined)[], plan: Plan): Promise<Record<string, unknown>> {
    const action = compiled.op.action;
    const retry = plan.retry;
    const write = !compiled.op.readOnly;
    const started = retry === undefined ? 0 : Date.now();
    for (let attempt = 1; ; attempt++) {
      try {
        // Per attempt: current credentials, fresh nonce and timestamp.
        const current = this.#credentials.current();
        const identity = current instanceof SigningIdentity ? current : await current;
        // The budget covers parsing too: JSON.parse of a large body cannot be interrupted, but a
        // result that is ready only after the deadline is a timeout, not a late success.
        const deadline = monotonicMs() + plan.timeoutMs;
        const response = await this.#transport(this.#requestOf(compiled, encoded, identity, plan));
        const result = plan.onResponse === undefined ? resultOf(action, response) : observedResultOf(action, attempt, response, plan.onResponse);
        if (monotonicMs() > deadline) throw new TimeoutError(plan.timeoutMs);
        return result;
      } catch (caught) {
        const error = withAction(caught, action);
        const delay = retry === undefined ? undefined : retryDelay(retry, error, attempt, Date.now() - started, write);
        if (delay === undefined) throw error;
        notifyRetry(retry!, action, attempt, error, delay);
        await sleep(delay, plan.signal, action);
      }
    }
  }

  #requestOf(compiled: CompiledOperation, encoded: readonly (string | undefined)[], identity: SigningIdentity, plan: Plan): TransportRequest {
    if (plan.acs3 !== undefined) return this.#acs3RequestOf(compiled, encoded, identity, plan, plan.acs3);
    const params = signedParams(compiled, encoded, identity, plan.context);
    return plan.method === 'GET'
      ? { method: 'GET', origin: this.endpoint, path: `/?${params}`, headers: plan.headers, body: undefined, timeoutMs: plan.timeoutMs, maxResponseBytes: plan.maxResponseBytes, signal: plan.signal }
      : { method: 'POST', origin: this.endpoint, path: '/', headers: plan.headers, body: params, timeoutMs: plan.timeoutMs, maxResponseBytes: plan.maxResponseBytes, signal: plan.signal };
  }

  #acs3RequestOf(compiled: CompiledOperation, encoded: readonly (string | undefined)[], identity: SigningIdentity, plan: Plan, acs3: Acs3Context): TransportRequest {
    const signed = acs3Signed(compiled, encoded, identity, plan.context, acs3, plan.headers['content-type']);
    const headers = { ...plan.headers, ...signed.headers };
    return plan.method === 'GET'
      ? { method: 'GET', origin: this.endpoint, path: signed.params === '' ? '/' : `/?${signed.params}`, headers, body: undefined, timeoutMs: plan.timeoutMs, maxResponseBytes: plan.maxResponseBytes, signal: plan.signal }
      : { method: 'POST', origin: this.endpoint, path: '/', headers, body: signed.params, timeoutMs: plan.timeoutMs, maxResponseBytes: plan.maxResponseBytes, signal: plan.signal };
  }

  #planOf(options: CallOptions): Plan {
    checkCallOptions(options, false);
    const base = options.method === undefined ? this.#defaults : this.#plans[checkMethod(options.method, 'method')];
    return {
      ...base,
      timeoutMs: options.timeoutMs === undefined ? base.timeoutMs : checkTimeout(options.timeoutMs, 'timeoutMs'),
      retry: retryPolicyOf(options.retry, base.retry, 'retry'),
      signal: options.signal,
      onResponse: options.onResponse === undefined ? base.onResponse : checkResponseHook(options.onResponse),
    };
  }

  #splitPaginateOptions(options: PaginateOptions | undefined): [CallOptions | undefined, number] {
    if (options === undefined) return [undefined, DEFAULT_MAX_PAGES];
    checkCallOptions(options, true);
    const { maxPages, ...callOptions } = options;
    return [callOptions, maxPages ?? DEFAULT_MAX_PAGES];
  }

  /** What JSON.stringify shows: where the client sends, never its credentials. */
  toJSON(): Record<string, string> {
    return { regionId: this.regionId, endpoint: this.endpoint, credentials: this.#credentials.kind };
  }

  [inspectCustom](_depth: number, options: object, inspect: Inspect): string {
    return `${this.constructor.name} ${inspect(this.toJSON(), options)}`;
  }
}
