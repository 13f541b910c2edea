// From a raw response to the call's result or the right error. 2xx JSON objects are results unless
// they say `IsSuccess: false`; everything else is a ServiceError, with the error body's fields when
// it has them and a short excerpt of the body when it is not JSON.
import { InvalidResponseError, ServiceError } from './errors.js';
import { serverRetryAfter } from './retry.js';
import type { TransportResponse } from './transport.js';

const EXCERPT_LENGTH = 200;

/** What a caller may want to know about a response beyond its body (see ClientConfig.onResponse). */
export interface ResponseInfo {
  readonly action: string;
  /** The attempt this response answers (1 for the first). */
  readonly attempt: number;
  readonly status: number;
  /** As received, lower-case names. */
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The body's RequestId, else the `x-acs-request-id` header; what the vendor's support asks for. */
  readonly requestId: string | undefined;
}

export type ResponseHook = (info: ResponseInfo) => void;

/**
 * resultOf, telling `hook` about the response first. The hook sees every response, successes and
 * failures alike; what it throws is ignored, so observing a call cannot change its outcome.
 */
export function observedResultOf(action: string, attempt: number, res: TransportResponse, hook: ResponseHook): Record<string, unknown> {
  let result: Record<string, unknown> | undefined;
  let failure: unknown;
  try {
    result = resultOf(action, res);
  } catch (error) {
    failure = error;
  }
  const fromBody = result === undefined ? (failure instanceof ServiceError ? failure.requestId : undefined) : stringField(result, 'RequestId');
  const header = res.headers['x-acs-request-id'];
  const requestId = fromBody ?? (Array.isArray(header) ? header[0] : header);
  try {
    hook({ action, attempt, status: res.status, headers: res.headers, requestId });
  } catch {
    // An observer's bug must not fail a call that succeeded, nor replace the service's error.
  }
  if (result === undefined) throw failure;
  return result;
}

export function resultOf(action: string, res: TransportResponse): Record<string, unknown> {
  if (res.status < 200 || res.status > 299) throw serviceErrorOf(action, res, parseObject(res.body));
  const data = parseObject(res.body);
  if (data === undefined) {
    throw new InvalidResponseError(`HTTP ${res.status} response is not a JSON object`, {
      action,
      status: res.status,
      bodyExcerpt: excerpt(res.body),
    });
  }
  // ACR EE reports some failures in a 200 body; the string form is tolerated as well.
  if (data.IsSuccess === false || data.IsSuccess === 'false') throw serviceErrorOf(action, res, data);
  return data;
}

function parseObject(body: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function serviceErrorOf(action: string, res: TransportResponse, data: Record<string, unknown> | undefined): ServiceError {
  return new ServiceError({
    action,
    status: res.status,
    code: stringField(data, 'Code'),
    serviceMessage: stringField(data, 'Message'),
    requestId: stringField(data, 'RequestId'),
    hostId: stringField(data, 'HostId'),
    recommend: stringField(data, 'Recommend'),
    data,
    bodyExcerpt: data === undefined ? excerpt(res.body) : undefined,
    retryAfterMs: serverRetryAfter(res.headers),
  });
}

function stringField(data: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = data?.[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

function excerpt(body: string): string {
  const trimmed = body.trim();
  return trimmed.length > EXCERPT_LENGTH ? `${trimmed.slice(0, EXCERPT_LENGTH)}...` : trimmed;
}
