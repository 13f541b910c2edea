// The CR API (2018-12-01) on the RPC wire: one call, once the front (runtime/http/rpc.ts) has read
// its parameters and Format, to the answer:
//   Version -> Action -> common parameters -> signature (v1 or v3) -> RegionId default ->
//   operation parameters -> RAM -> faults -> store.transaction(handler) -> JSON or XML.
// Everything is compiled once per server (validators, ARN templates, keys); a request allocates
// its parameter map, its context and its answer.
import type { ServerResponse } from 'node:http';
import { ACS3_HEADERS } from '@acr-ee/wire';
import { api, operations, type OperationName } from '../../runtime/api.js';
import { handlerFor, type Handler, type Handlers, type RequestContext } from './handler.js';
import type { OperationSpec } from '../../runtime/operation.js';
import { policiesFor, type AccessKey } from '../../runtime/callers/signature.js';
import { verifyV1, verifyV3 } from '../../runtime/callers/verify.js';
import type { WireParams } from '../../runtime/http/params.js';
import { headerOf, type RpcRequest } from '../../runtime/http/request.js';
import { send } from '../../runtime/http/respond.js';
import { answerRpcError, logRpc, type RpcCall, type RpcService } from '../../runtime/http/rpc.js';
import { successJson, successXml, type Format } from '../../runtime/http/serialize.js';
import { compileParams, validateParams, type CompiledParam, type RequestValue } from '../../runtime/http/validate.js';
import { forbiddenRam, internalError, invalidVersion, missingParameter, serviceUnavailable, throttled, unknownAction } from '../../runtime/http/wire-errors.js';
import type { ServerState } from '../../runtime/operate/state.js';
import type { FaultDecision } from '../../runtime/policy/faults.js';
import { ArnTemplate, authorizeAll, type CompiledPolicy } from '../../runtime/policy/ram.js';

interface CompiledOperation {
  readonly name: OperationName;
  readonly spec: OperationSpec;
  readonly params: readonly CompiledParam[];
  readonly arn: ArnTemplate;
  readonly handler: Handler;
}

export class CrApi implements RpcService {
  readonly version = api.version;
  readonly #state: ServerState;
  readonly #ops = new Map<string, CompiledOperation>();

  constructor(state: ServerState, handlers: Handlers) {
    this.#state = state;
    for (const name of Object.keys(operations) as OperationName[]) {
      const spec = operations[name];
      const handler = handlerFor(handlers, name);
      if (typeof handler !== 'function') throw new TypeError(`handlers.${name} must be a function`);
      this.#ops.set(name, { name, spec, params: compileParams(spec.params), arn: new ArnTemplate(spec), handler });
    }
  }

  handle(call: RpcCall): void {
    const { res, req, params: wire, format, requestId, started } = call;
    const v3 = req.v3;
    let action = '';
    try {
      this.#checkVersion(wire, req, v3);
      const op = this.#operationOf(wire, req, v3);
      action = op.name;
      const state = this.#state;
      let signer: AccessKey | undefined;
      if (state.verifySignature) signer = v3 ? verifyV3(state, req, call.query) : verifyV1(state, req.method, wire, call.sorted);
      if (!wire.has('RegionId')) wire.set('RegionId', regionOfHost(req.headers.host) ?? state.regionId);
      const params = validateParams(op.params, wire);
      // A key STS issued is held to its role session's policies, any other to the server's.
      const policies = policiesFor(signer, state.policy);
      if (policies !== undefined) this.#authorize(op, params, policies);
      // The handler learns who signed (GetAuthorizationToken's registry credentials carry it).
      const callerKeyId = signer?.id;
      if (state.faults.active) this.#withFaults(res, req, op, params, format, requestId, started, callerKeyId);
      else this.#run(res, req, op, params, format, requestId, started, callerKeyId);
    } catch (error) {
      this.#fail(res, req, error, format, requestId, action, started);
    }
  }

  #authorize(op: CompiledOperation, params: Record<string, RequestValue>, policies: readonly CompiledPolicy[]): void {
    const resource = op.arn.resource(params, this.#state.accountId);
    const decision = authorizeAll(policies, op.spec.ram.action, resource);
    if (!decision.allowed) throw forbiddenRam(op.spec.ram.action, resource, decision.why);
  }

  #withFaults(res: ServerResponse, req: RpcRequest, op: CompiledOperation, params: Record<string, RequestValue>, format: Format, requestId: string, started: number, callerKeyId: string | undefined): void {
    const state = this.#state;
    const fault = state.faults.decide(op.name);
    if (fault === undefined) this.#run(res, req, op, params, format, requestId, started, callerKeyId);
    else if (fault.latencyMs === 0) this.#finish(res, req, op, params, fault, format, requestId, started, callerKeyId);
    else {
      const timer = setTimeout(() => {
        state.timers.delete(timer);
        this.#finish(res, req, op, params, fault, format, requestId, started, callerKeyId);
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
    const version = (v3 ? headerOf(req.headers, ACS3_HEADERS.version) : undefined) ?? wire.get(api.commonNames.apiVersion);
    if (version === undefined || version === '') throw missingParameter(api.commonNames.apiVersion);
    if (version !== api.version) throw invalidVersion(api.version);
  }

  #finish(res: ServerResponse, req: RpcRequest, op: CompiledOperation, params: Record<string, RequestValue>, fault: FaultDecision, format: Format, requestId: string, started: number, callerKeyId: string | undefined): void {
    if (this.#state.stopped) return;
    const { outcome } = fault;
    if (outcome === undefined) this.#run(res, req, op, params, format, requestId, started, callerKeyId);
    else if (outcome === 'drop') {
      res.socket?.destroy();
      logRpc(this.#state, req.method, op.name, 0, 'dropped', requestId, started);
    } else {
      const error = outcome === 'throttle' ? throttled(fault.retryAfterMs) : outcome === 500 ? internalError() : serviceUnavailable();
      this.#fail(res, req, error, format, requestId, op.name, started);
    }
  }

  #run(res: ServerResponse, req: RpcRequest, op: CompiledOperation, params: Record<string, RequestValue>, format: Format, requestId: string, started: number, callerKeyId: string | undefined): void {
    const state = this.#state;
    let body: string;
    try {
      const store = state.store;
      const host = headerOf(req.headers, 'host');
      const context: RequestContext = {
        action: op.name,
        params,
        store,
        now: state.clock.now(),
        accountId: state.accountId,
        ...(host === undefined ? {} : { host }),
        ...(callerKeyId === undefined ? {} : { callerKeyId }),
      };
      const handler = op.handler;
      const result = store.transaction(() => handler(context));
      body = format === 'JSON' ? successJson(requestId, result, op.spec.successCode) : successXml(op.name, requestId, result, op.spec.successCode);
    } catch (error) {
      this.#fail(res, req, error, format, requestId, op.name, started);
      return;
    }
    send(res, 200, format, body, requestId);
    if (state.log !== undefined) logRpc(this.#state, req.method, op.name, 200, '', requestId, started);
  }

  #fail(res: ServerResponse, req: RpcRequest, thrown: unknown, format: Format, requestId: string, action: string, started: number): void {
    answerRpcError(this.#state, res, req, thrown, format, requestId, action, started);
  }
}

const REGIONAL_HOST = /^cr(?:-vpc)?\.([a-z0-9-]+)\.aliyuncs\.com(?::[0-9]+)?$/;

/** The region a regional endpoint names (`cr.cn-shanghai.aliyuncs.com`), if the Host is one. */
function regionOfHost(host: string | undefined): string | undefined {
  if (host === undefined || host.charCodeAt(0) !== 99 /* c */) return undefined;
  return REGIONAL_HOST.exec(host)?.[1];
}
