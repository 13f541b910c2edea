// The RPC wire's front door, shared by every API served on `/` (the CR API, STS): the parameters
// off the query and the form body, the response format, then the service that answers the
// request's Version. A service gets the parsed call and answers it itself, with answerRpcError for
// its failures, so every API answers errors in the same shape and logs the same line.
import type { ServerResponse } from 'node:http';
import { ACS3_HEADERS } from '@acr-ee/wire';
import { api } from '../api.js';
import type { ServerState } from '../operate/state.js';
import { emptyParams, parseParamsInto, textOf, type WireParams } from './params.js';
import { headerOf, type RpcRequest } from './request.js';
import { asMockError, hostIdOf, newRequestId, sendError } from './respond.js';
import type { Format } from './serialize.js';
import { internalError, invalidParameter, unsupportedMediaType } from './wire-errors.js';

/** One request to `/` with its parameters read: what a service answers. */
export interface RpcCall {
  readonly res: ServerResponse;
  readonly req: RpcRequest;
  /** Every parameter, query and form body alike (a name in both is refused as a duplicate). */
  readonly params: WireParams;
  /** The query string's parameters alone (ACS3 signs them and hashes the body). */
  readonly query: WireParams;
  /**
   * When every parameter came from one text with its names in canonical order: that text without
   * the signature (signature v1's fast path, see parseParamsInto).
   */
  readonly sorted: string | undefined;
  readonly format: Format;
  readonly requestId: string;
  /** performance.now() at arrival when there is a request log, else 0. */
  readonly started: number;
}

/** An API on the RPC wire: the Version it serves, and how it answers a call (it never throws). */
export interface RpcService {
  readonly version: string;
  handle(call: RpcCall): void;
}

const FORMATS: Readonly<Record<string, Format>> = { JSON: 'JSON', XML: 'XML' };
// The format parameter's name is a spec fact; escaped so that no name can change the pattern.
const FORMAT_SNIFF = new RegExp(`(?:^|&)${api.formatParameter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=(json|xml)(?:&|$)`, 'i');
const FORM = 'application/x-www-form-urlencoded';

export class RpcFront {
  readonly #state: ServerState;
  readonly #byVersion = new Map<string, RpcService>();
  readonly #primary: RpcService;

  /**
   * `services[0]` is the primary API: it also answers requests whose Version no service serves
   * (with MissingParameter or InvalidVersion, naming its own version).
   */
  constructor(state: ServerState, services: readonly RpcService[]) {
    if (services.length === 0) throw new TypeError('the RPC front needs at least one service');
    this.#state = state;
    this.#primary = services[0];
    for (const service of services) {
      if (this.#byVersion.has(service.version)) throw new TypeError(`two RPC services serve version ${service.version}`);
      this.#byVersion.set(service.version, service);
    }
  }

  handle(res: ServerResponse, req: RpcRequest): void {
    const requestId = newRequestId();
    const started = this.#state.log === undefined ? 0 : performance.now();
    const v3 = req.v3;
    let format: Format | undefined;
    try {
      const [params, query, sorted] = parseRequest(req);
      format = formatOf(params.get(api.formatParameter), v3);
      if (format === undefined) {
        format = 'JSON';
        throw invalidParameter(api.formatParameter, 'it must be JSON or XML');
      }
      // An ACS3 request names its version in a header only.
      const version = v3 ? headerOf(req.headers, ACS3_HEADERS.version) : params.get(api.commonNames.apiVersion);
      const service = (version === undefined ? undefined : this.#byVersion.get(version)) ?? this.#primary;
      service.handle({ res, req, params, query, sorted, format, requestId, started });
    } catch (error) {
      answerRpcError(this.#state, res, req, error, format ?? sniffFormat(req.query, req.body, v3), requestId, '', started);
    }
  }
}

/**
 * Answers a failure in the error shape. A MockError is the answer; anything else is a bug (in a
 * handler or here): answered 500 InternalError and reported.
 */
export function answerRpcError(state: ServerState, res: ServerResponse, req: RpcRequest, thrown: unknown, format: Format, requestId: string, action: string, started: number): void {
  const known = asMockError(thrown);
  if (known === undefined) state.internalError(thrown, action);
  const sent = known ?? internalError();
  sendError(res, sent, format, requestId, hostIdOf(req.headers.host));
  if (state.log !== undefined) logRpc(state, req.method, action, sent.status, sent.code, requestId, started);
}

/** The request log's line: method, Action, status (`---` when dropped), code, ms, RequestId. */
export function logRpc(state: ServerState, method: string, action: string, status: number, code: string, requestId: string, started: number): void {
  const log = state.log;
  if (log === undefined) return;
  const ms = (performance.now() - started).toFixed(1);
  log(`${method} ${action === '' ? '-' : action} ${status === 0 ? '---' : status}${code === '' ? '' : ` ${code}`} ${ms}ms ${requestId}`);
}

/** The response format a request asks for (any case); undefined when it names none we have. */
function formatOf(raw: string | undefined, v3: boolean): Format | undefined {
  if (raw === undefined) return v3 ? 'JSON' : api.defaultFormat;
  return FORMATS[raw.toUpperCase()];
}

/**
 * All parameters (query and form body; a name in both is a duplicate), the query's alone
 * (signature v3 signs the query and hashes the body), and, when all of them came from one text in
 * canonical order, that text without the Signature (the signature's fast path).
 */
function parseRequest(req: RpcRequest): [WireParams, WireParams, string | undefined] {
  const query = emptyParams();
  const body = req.body;
  const bodyless = body === undefined || body.length === 0;
  // Node refuses request targets that are not ASCII: the query needs no further check.
  const sorted = req.query === '' ? undefined : parseParamsInto(query, req.query, 'query string', bodyless ? api.signatureParameter : undefined);
  if (bodyless) return [query, query, sorted];
  const type = req.headers['content-type'];
  if (type !== undefined && type.slice(0, FORM.length).toLowerCase() !== FORM) throw unsupportedMediaType(type);
  const text = textOf(body, 'form body');
  if (req.query === '') {
    const all = emptyParams();
    return [all, query, parseParamsInto(all, text, 'form body', api.signatureParameter)];
  }
  const all = new Map(query);
  parseParamsInto(all, text, 'form body');
  return [all, query, undefined];
}

/** The Format of a request whose parameters could not be read, when it can be seen at all. */
export function sniffFormat(query: string, body: Buffer | undefined, v3: boolean): Format {
  const match = FORMAT_SNIFF.exec(query) ?? (body !== undefined && body.length <= 65536 ? FORMAT_SNIFF.exec(body.toString('latin1')) : null);
  if (match !== null) return match[1].toUpperCase() === 'JSON' ? 'JSON' : 'XML';
  return v3 ? 'JSON' : api.defaultFormat;
}
