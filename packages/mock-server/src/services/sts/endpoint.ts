// STS on the RPC wire of the same server: a request whose Version is 2015-04-01 comes here from the
// pipeline (same parameter parsing, same signature v1 and ACS3 checks, same error body), and is
// answered in STS's own shape: `{ RequestId, ...fields }`.
import type { ServerResponse } from 'node:http';
import type { WireParams } from '../../runtime/http/params.js';
import type { RpcRequest } from '../../runtime/http/request.js';
import { asMockError, hostIdOf, send, sendError } from '../../runtime/http/respond.js';
import { successXml, type Format } from '../../runtime/http/serialize.js';
import type { AccessKey } from '../../runtime/callers/signature.js';
import { internalError } from '../../runtime/http/wire-errors.js';
import type { ServerState } from '../../runtime/operate/state.js';
import { verifyV1, verifyV3 } from '../../runtime/callers/verify.js';
import { StsService } from './service.js';

/** Answers one STS request. Never throws: failures are answered in the error shape. */
export function handleSts(state: ServerState, res: ServerResponse, req: RpcRequest, wire: WireParams, query: WireParams, sorted: string | undefined, format: Format, requestId: string): void {
  const action = (req.v3 ? headerOf(req, 'x-acs-action') : undefined) ?? wire.get('Action') ?? '';
  let status = 200;
  let code = '';
  try {
    let caller: AccessKey | undefined;
    if (state.verifySignature && !StsService.unsigned(action)) caller = req.v3 ? verifyV3(state, req, query) : verifyV1(state, req.method, wire, sorted);
    const result = state.sts.run(action, wire, caller);
    const body = format === 'XML' ? successXml(action, requestId, result) : JSON.stringify({ RequestId: requestId, ...result });
    send(res, 200, format, body, requestId);
  } catch (error) {
    const known = asMockError(error);
    // Not a MockError: a bug here. Answered 500 and reported, as the pipeline does.
    if (known === undefined) state.internalError(error, `sts:${action}`);
    const sent = known ?? internalError();
    status = sent.status;
    code = sent.code;
    sendError(res, sent, format, requestId, hostIdOf(req.headers.host));
  }
  state.log?.(`${req.method} sts:${action === '' ? '-' : action} ${status}${code === '' ? '' : ` ${code}`} ${requestId}`);
}

function headerOf(req: RpcRequest, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}
