// The failures the resource modules answer, in one place: status, code and message. Codes follow
// the vendor's `<RESOURCE>_NOT_EXIST` / `<RESOURCE>_ALREADY_EXIST` style (the vendor's own
// tooling matches INSTANCE_NOT_EXIST, NAMESPACE_NOT_EXIST and REPO_NOT_EXIST); parameter
// combinations the service refuses are `InvalidParameter`, the common RPC code, made by the same
// factory as the gateway's own parameter errors.
import { describeKind } from '@acr-ee/wire';
import { invalidParameter, MockError } from '../../runtime/http/wire-errors.js';

export { invalidParameter };

/** 404 `<RESOURCE>_NOT_EXIST`. */
export function notFound(resource: string, what: string): MockError {
  return new MockError(404, `${resource}_NOT_EXIST`, `The specified ${what} does not exist.`);
}

/** 409 `<RESOURCE>_ALREADY_EXIST`. */
export function alreadyExists(resource: string, what: string): MockError {
  return new MockError(409, `${resource}_ALREADY_EXIST`, `The specified ${what} already exists.`);
}

/**
 * What a refused value was, without echoing it: a value may be a secret, markup or megabytes, so a
 * message names the parameter and says only how long the value was.
 */
export function described(value: string): string {
  return `got ${describeKind(value)}`;
}

/** 400 `<RESOURCE>_QUOTA_EXCEEDED`; `until`, when given, says when room is made. */
export function quotaExceeded(resource: string, what: string, quota: number, until?: string): MockError {
  return new MockError(400, `${resource}_QUOTA_EXCEEDED`, `The quota of ${what} (${quota}) is used up${until === undefined ? '' : `; ${until}`}.`);
}

/** 409 with a code of its own: the resource is in a state that forbids the operation. */
export function conflict(code: string, message: string): MockError {
  return new MockError(409, code, message);
}
