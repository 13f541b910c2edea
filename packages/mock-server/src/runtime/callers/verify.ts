// Who sent the request and whether it may: the common parameters of chapter 3, the signature
// (v1 or v3), the security token, the timestamp window and the nonce. The order of the checks:
// shape of the common parameters -> AccessKeyId known -> signature -> SecurityToken -> Timestamp
// within the window -> nonce unused. A nonce is recorded only once the signature is right, so a
// forged request cannot use up someone's nonce.
import type { IncomingHttpHeaders } from 'node:http';
import { api } from '../api.js';
import { parseTimestamp } from './clock.js';
import type { WireParams } from '../http/params.js';
import type { RpcRequest } from '../http/request.js';
import { sameSignature, v1StringToSign, type AccessKey } from './signature.js';
import { ACS3_HEADERS } from '@acr-ee/wire';
import { checkSignedHeaders, hashedPayload, parseAuthorization, v3StringToSign } from './signature-v3.js';
import type { ServerState } from '../operate/state.js';
import { checkParams, compileParams } from '../http/validate.js';
import {
  MockError,
  missingParameter,
  nonceUsed,
  signatureMismatch,
  timestampExpired,
  timestampFormat,
  unknownAccessKey,
} from '../http/wire-errors.js';

// The common parameters the front and the API do not check themselves (Format, Version); a
// Timestamp of the wrong shape has its own code at the vendor. Names as the spec gives them.
const NAMES = api.commonNames;
const CHECKED_ELSEWHERE = new Set([api.formatParameter, NAMES.apiVersion, NAMES.timestamp]);
const COMMON = compileParams(api.commonParameters.filter((p) => !CHECKED_ELSEWHERE.has(p.name)));
const TIMESTAMP = compileParams(api.commonParameters.filter((p) => p.name === NAMES.timestamp));

function checkCommon(wire: WireParams): void {
  checkParams(COMMON, wire);
  try {
    checkParams(TIMESTAMP, wire);
  } catch (error) {
    if (error instanceof MockError && error.code === 'InvalidParameter') throw timestampFormat(NAMES.timestamp);
    throw error;
  }
  if (!wire.has(api.signatureParameter)) throw missingParameter(api.signatureParameter);
}

// The configured key pair, else a key a service issued (STS sessions).
function keyOf(state: ServerState, accessKeyId: string): AccessKey {
  const key = state.keyOf(accessKeyId);
  if (key === undefined) throw unknownAccessKey();
  return key;
}

function checkToken(state: ServerState, key: AccessKey, token: string | undefined): void {
  key.checkToken(token, state.clock.now(), state.securityToken);
}

function checkFreshness(state: ServerState, accessKeyId: string, timestamp: string, nonce: string, name: string): void {
  const at = parseTimestamp(timestamp);
  if (Number.isNaN(at)) throw timestampFormat(name);
  const now = state.clock.now();
  if (Math.abs(now - at) > state.timestampWindowMs) throw timestampExpired(name, Math.round(state.timestampWindowMs / 60_000));
  if (!state.nonces.use(accessKeyId, nonce, now)) throw nonceUsed();
}

/**
 * Signature version 1: every parameter but Signature, as received. `sorted`: the text they all
 * came from without the Signature, when its names were in canonical order (see parseParamsInto).
 */
export function verifyV1(state: ServerState, method: string, wire: WireParams, sorted: string | undefined): AccessKey {
  checkCommon(wire);
  // checkCommon has seen every one of these.
  const accessKeyId = wire.get(NAMES.accessKeyId) as string;
  const key = keyOf(state, accessKeyId);
  const toSign = v1StringToSign(method, wire, api.signatureParameter, sorted);
  if (!sameSignature(wire.get(api.signatureParameter) as string, key.signV1(toSign))) throw signatureMismatch(toSign);
  checkToken(state, key, wire.get(NAMES.securityToken));
  checkFreshness(state, accessKeyId, wire.get(NAMES.timestamp) as string, wire.get(NAMES.signatureNonce) as string, NAMES.timestamp);
  return key;
}

function requiredHeader(headers: IncomingHttpHeaders, name: string): string {
  const value = headers[name];
  if (typeof value !== 'string' || value === '') throw missingParameter(name);
  return value;
}

/** ACS3-HMAC-SHA256: the Authorization header over the query, the signed headers and the body's hash. */
export function verifyV3(state: ServerState, req: RpcRequest, query: WireParams): AccessKey {
  const headers = req.headers;
  const auth = parseAuthorization(headers.authorization as string);
  checkSignedHeaders(auth, headers);
  const date = requiredHeader(headers, ACS3_HEADERS.date);
  const nonce = requiredHeader(headers, ACS3_HEADERS.nonce);
  const key = keyOf(state, auth.accessKeyId);
  const payload = hashedPayload(headers, req.body);
  const { canonicalRequest, stringToSign } = v3StringToSign(req.method, '/', query, headers, auth, payload);
  if (!sameSignature(auth.signature.toLowerCase(), key.signV3(stringToSign))) {
    throw signatureMismatch(`${stringToSign} (canonical request: ${JSON.stringify(canonicalRequest)})`);
  }
  const token = headers[ACS3_HEADERS.securityToken];
  checkToken(state, key, typeof token === 'string' ? token : undefined);
  checkFreshness(state, auth.accessKeyId, date, nonce, ACS3_HEADERS.date);
  return key;
}
