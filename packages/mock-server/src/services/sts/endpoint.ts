// STS on the RPC wire of the same server: a request whose Version is 2015-04-01 comes here from the
// front (runtime/http/rpc.ts: same parameter parsing, same signature v1 and ACS3 checks, same
// error body), and is answered in STS's own shape: `{ RequestId, ...fields }`.
import { ACS3_HEADERS } from '@acr-ee/wire';
import type { AccessKey } from '../../runtime/callers/signature.js';
import { verifyV1, verifyV3 } from '../../runtime/callers/verify.js';
import { asMockError, hostIdOf, send, sendError } from '../../runtime/http/respond.js';
import { headerOf } from '../../runtime/http/request.js';
import type { RpcCall, RpcService } from '../../runtime/http/rpc.js';
import { successXml } from '../../runtime/http/serialize.js';
import { internalError } from '../../runtime/http/wire-errors.js';
import type { ServerState } from '../../runtime/operate/state.js';
import { StsService, STS_VERSION } from './service.js';

export class StsEndpoint implements RpcService {
  readonly version = STS_VERSION;
  readonly #state: ServerState;
  readonly #sts: StsService;

  constructor(state: ServerState, sts: StsService) {
    this.#state = state;
    this.#sts = sts;
  }

  /** Answers one STS request. Never throws: failures are answered in the error shape. */
  handle(call: RpcCall): void {
    const { res, req, params: wire, format, requestId } = call;
    const state = this.#state;
    const action = (req.v3 ? headerOf(req.headers, ACS3_HEADERS.action) : undefined) ?? wire.get('Action') ?? '';
    let status = 200;
    let code = '';
    try {
      let caller: AccessKey | undefined;
      if (state.verifySignature && !StsService.unsigned(action)) caller = req.v3 ? verifyV3(state, req, call.query) : verifyV1(state, req.method, wire, call.sorted);
      const result = this.#sts.run(action, wire, caller);
      const body = format === 'XML' ? successXml(action, requestId, result) : JSON.stringify({ RequestId: requestId, ...result });
      send(res, 200, format, body, requestId);
    } catch (error) {
      const known = asMockError(error);
      // Not a MockError: a bug here. Answered 500 and reported, as the CR API does.
      if (known === undefined) state.internalError(error, `sts:${action}`);
      const sent = known ?? internalError();
      status = sent.status;
      code = sent.code;
      sendError(res, sent, format, requestId, hostIdOf(req.headers.host));
    }
    state.log?.(`${req.method} sts:${action === '' ? '-' : action} ${status}${code === '' ? '' : ` ${code}`} ${requestId}`);
  }
}
