// One RPC request, from its raw parts to the answer:
//   parameters -> Format -> Version -> Action -> common parameters -> signature (v1 or v3) ->
//   RegionId default -> operation parameters -> RAM -> faults -> store.transaction(handler) ->
//   JSON or XML.
// Everything is compiled once per server (validators, ARN templates, keys); a request allocates
// its parameter map, its context and its answer.
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { api, operations, type OperationName } from '../../generated/index.js';
import { handlerFor, type Handler, type ParamValue, type RequestContext } from '../../runtime/handler.js';
import type { FaultOutcome } from '../../runtime/policy/faults.js';
import type { OperationSpec } from '../../runtime/operation.js';
import { emptyParams, parseParamsInto, textOf, type WireParams } from '../../runtime/http/params.js';
import type { RpcRequest } from '../../runtime/http/request.js';
import { ArnTemplate } from '../../runtime/policy/ram.js';
import { asMockError, hostIdOf, newRequestId, send, sendError } from '../../runtime/http/respond.js';
import { successJson, successXml, type Format } from '../../runtime/http/serialize.js';
import type { ServerState } from '../../runtime/operate/state.js';
import { compileParams, validateParams, type CompiledParam } from '../../runtime/http/validate.js';
import { verifyV1, verifyV3 } from '../../runtime/callers/verify.js';
import { ACS3_HEADERS } from '@acr-ee/wire';
import type { CompiledPolicy } from '../../runtime/policy/ram.js';
import type { AccessKey } from '../../runtime/callers/signature.js';
import { handleSts } from '../sts/endpoint.js';
import { policiesOf, STS_VERSION } from '../sts/service.js';
import {
  forbiddenRam,
  internalError,
  invalidParameter,
  invalidVersion,
  missingParameter,
  serviceUnavailable,
  throttled,
  unknownAction,
  unsupportedMediaType,
} from '../../runtime/http/wire-errors.js';

interface CompiledOperation {
  readonly name: OperationName;
  readonly spec: OperationSpec;
  readonly params: readonly CompiledParam[];
  readonly arn: ArnTemplate;
  readonly handler: Handler;
}

const FORMATS: Readonly<Record<string, Format>> = { JSON: 'JSON', XML: 'XML' };
const FORMAT_SNIFF = /(?:^|&)Format=(json|xml)(?:&|$)/i;
const FORM = 'application/x-www-form-urlencoded';

export class RpcPipeline {
  readonly #state: ServerState;
  readonly #ops = new Map<string, CompiledOperation>();

  constructor(state: ServerState) {
    this.#state = state;
    for (const name of Object.keys(operations) as OperationName[]) {
      const spec = operations[name];
      const handler = handlerFor(state.handlers, name);
      if (typeof handler !== 'function') throw new TypeError(`handlers.${name} must be a function`);
      this.#ops.set(name, { name, spec, params: compileParams(spec.params), arn: new ArnTemplate(spec), handler });
    }
  }

  handle(res: ServerResponse, req: RpcRequest): void {
    const requestId = newRequestId();
    const started = this.#state.log === undefined ? 0 : performance.now();
    const v3 = req.v3;
    let format: Format | undefined;
    let action = '';
    try {
      const [wire, query, raw] = parseRequest(req);
      format = formatOf(wire.get('Format'), v3);
      if (format === undefined) {
        format = 'JSON';
        throw invalidParameter('Format', 'it must be JSON or XML');
      }
      // STS 2015-04-01 shares the wire and the signature checks (src/services/sts/).
      if ((v3 ? headerOf(req.headers, ACS3_HEADERS.version) : wire.get('Version')) === STS_VERSION) return handleSts(this.#state, res, req, wire, query, raw, format, requestId);
      this.#checkVersion(wire, req, v3);
      const op = this.#operationOf(wire, req, v3);
      action = op.name;
      const state = this.#state;
      let signer: AccessKey | undefined;
      if (state.verifySignature) signer = v3 ? verifyV3(state, req, query) : verifyV1(state, req.method, wire, raw);
      if (!wire.has('RegionId')) wire.set('RegionId', regionOfHost(req.headers.host) ?? state.regionId);
      const params = validateParams(op.params, wire);
      // A key STS issued is held to its role session's policies, any other to the server's.
      const policies = policiesOf(signer, state.policy);
      if (policies !== undefined) this.#authorize(op, params, policies);
      if (state.faults.active) this.#withFaults(res, req, op, params, format, requestId, started);
      else this.#run(res, req, op, params, format, requestId, started);
    } catch (error) {
      this.#fail(res, req, error, format ?? sniffFormat(req.query, req.body, v3), requestId, action, started);
    }
  }

  #authorize(op: CompiledOperation, params: Record<string, ParamValue>, policies: readonly CompiledPolicy[]): void {
    const resource = op.arn.resource(params, this.#state.accountId);
    for (const policy of policies) {
      const decision = policy.authorize(op.spec.ram.action, resource);
      if (!decision.allowed) throw forbiddenRam(op.spec.ram.action, resource, decision.why);
    }
  }

  #withFaults(res: ServerResponse, req: RpcRequest, op: CompiledOperation, params: Record<string, ParamValue>, format: Format, requestId: string, started: number): void {
    const state = this.#state;
    const fault = state.faults.decide(op.name);
    if (fault === undefined) this.#run(res, req, op, params, format, requestId, started);
    else if (fault.latencyMs === 0) this.#finish(res, req, op, params, fault.outcome, format, requestId, started);
    else {
      const timer = setTimeout(() => {
        state.timers.delete(timer);
        this.#finish(res, req, op, params, fault.outcome, format, requestId, started);
      }, fault.latencyMs);
      state.timers.add(timer);
    }
  }

  // v3 requests carry Action and Version in headers; only they need node's header object.
  #operationOf(wire: WireParams, req: RpcRequest, v3: boolean): CompiledOperation {
    const name = (v3 ? headerOf(req.headers, ACS3_HEADERS.action) : undefined) ?? wire.get(api.actionParameter);
    if (name === undefined || name === '') throw missingParameter(api.actionParameter);
    const op = this.#ops.get(name);
    if (op === undefined) throw unknownAction(name, api.version);
    return op;
  }

  #checkVersion(wire: WireParams, req: RpcRequest, v3: boolean): void {
    const version = (v3 ? headerOf(req.headers, ACS3_HEADERS.version) : undefined) ?? wire.get('Version');
    if (version === undefined || version === '') throw missingParameter('Version');
    if (version !== api.version) throw invalidVersion(api.version);
  }

  #finish(res: ServerResponse, req: RpcRequest, op: CompiledOperation, params: Record<string, ParamValue>, outcome: FaultOutcome, format: Format, requestId: string, started: number): void {
    if (this.#state.stopped) return;
    if (outcome === undefined) this.#run(res, req, op, params, format, requestId, started);
    else if (outcome === 'drop') {
      res.socket?.destroy();
      this.#logLine(req.method, op.name, 0, 'dropped', requestId, started);
    } else {
      const error = outcome === 'throttle' ? throttled() : outcome === 500 ? internalError() : serviceUnavailable();
      this.#fail(res, req, error, format, requestId, op.name, started);
    }
  }

  #run(res: ServerResponse, req: RpcRequest, op: CompiledOperation, params: Record<string, ParamValue>, format: Format, requestId: string, started: number): void {
    const state = this.#state;
    let body: string;
    try {
      const store = state.store;
      const context: RequestContext = { action: op.name, params, store, now: state.clock.now(), accountId: state.accountId };
      const handler = op.handler;
      const result = store.transaction(() => handler(context));
      body = format === 'JSON' ? successJson(requestId, result) : successXml(op.name, requestId, result);
    } catch (error) {
      this.#fail(res, req, error, format, requestId, op.name, started);
      return;
    }
    send(res, 200, format, body, requestId);
    if (state.log !== undefined) this.#logLine(req.method, op.name, 200, '', requestId, started);
  }

  #fail(res: ServerResponse, req: RpcRequest, thrown: unknown, format: Format, requestId: string, action: string, started: number): void {
    const known = asMockError(thrown);
    // Not a MockError: a bug in a handler or here. Answered 500 and reported.
    if (known === undefined) this.#state.internalError(thrown, action);
    const sent = known ?? internalError();
    sendError(res, sent, format, requestId, hostIdOf(req.headers.host));
    if (this.#state.log !== undefined) this.#logLine(req.method, action, sent.status, sent.code, requestId, started);
  }

  #logLine(method: string, action: string, status: number, code: string, requestId: string, started: number): void {
    const log = this.#state.log;
    if (log === undefined) return;
    const ms = (performance.now() - started).toFixed(1);
    log(`${method} ${action === '' ? '-' : action} ${status === 0 ? '---' : status}${code === '' ? '' : ` ${code}`} ${ms}ms ${requestId}`);
  }
}

const REGIONAL_HOST = /^cr(?:-vpc)?\.([a-z0-9-]+)\.aliyuncs\.com(?::[0-9]+)?$/;

/** The region a regional endpoint names (`cr.cn-shanghai.aliyuncs.com`), if the Host is one. */
function regionOfHost(host: string | undefined): string | undefined {
  if (host === undefined || host.charCodeAt(0) !== 99 /* c */) return undefined;
  return REGIONAL_HOST.exec(host)?.[1];
}

/** The response format a request asks for (any case); undefined when it names none we have. */
function formatOf(raw: string | undefined, v3: boolean): Format | undefined {
  if (raw === undefined) return v3 ? 'JSON' : api.defaultFormat;
  return FORMATS[raw.toUpperCase()];
}

function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return typeof value === 'string' ? value : undefined;
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
