// From a raw response to the call's result or the right error. 2xx JSON objects are results unless
// they say `IsSuccess: false`; everything else is a ServiceError, with the error body's fields when
// it has them and a short excerpt of the body when it is not JSON.
import { InvalidResponseError, ServiceError } from './errors.js';
import { serverRetryAfter } from './retry.js';
import type { TransportResponse } from './transport.js';

const EXCERPT_LENGTH = 200;

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
