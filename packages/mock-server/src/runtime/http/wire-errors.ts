// The errors the server itself answers (before or around a handler), with the vendor's codes and
// message wording. Handlers throw their own MockErrors (404, 409, ...); these are the gateway's.
// Every one becomes the spec's error body: RequestId, HostId, Code, Message, Recommend.

/**
 * A failure the service would answer: HTTP status, error code, message. The server turns it into
 * the spec's error body; handlers throw it too (404, 409, ...).
 */
export class MockError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Headers sent with the error answer besides the usual ones (lower-case names), e.g. `retry-after`. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'MockError';
  }
}

/** A parameter name or value in a message: quoted, control characters dropped, length capped. */
export function quote(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${clean.length > 64 ? `${clean.slice(0, 64)}...` : clean}"`;
}

export const missingParameter = (name: string): MockError =>
  new MockError(400, 'MissingParameter', `The input parameter ${quote(name)} that is mandatory for processing this request is not supplied.`);

export const invalidParameter = (name: string, why: string): MockError =>
  new MockError(400, 'InvalidParameter', `The specified parameter ${quote(name)} is not valid: ${why}.`);

export const duplicateParameter = (name: string): MockError =>
  new MockError(400, 'InvalidParameter', `The parameter ${quote(name)} is given more than once; send each parameter once.`);

export const malformedParameters = (where: string, name: string | undefined): MockError =>
  new MockError(
    400,
    'InvalidParameter',
    name === undefined
      ? `The ${where} is not valid: malformed percent-encoding or UTF-8.`
      : `The specified parameter ${quote(name)} is not valid: malformed percent-encoding or UTF-8 in the ${where}.`,
  );

export const invalidVersion = (version: string): MockError =>
  new MockError(400, 'InvalidVersion', `Specified parameter Version is not valid: this server serves version ${version} only.`);

export const unknownAction = (action: string, version: string): MockError =>
  new MockError(400, 'InvalidAction.NotFound', `Specified api is not found, please check your url and method: the Action ${quote(action)} does not exist in version ${version}.`);

export const timestampFormat = (name: string): MockError =>
  new MockError(400, 'InvalidTimeStamp.Format', `Specified ${name} is not valid: it must be UTC in the form YYYY-MM-DDThh:mm:ssZ.`);

export const timestampExpired = (name: string, windowMinutes: number): MockError =>
  new MockError(403, 'InvalidTimeStamp.Expired', `Specified ${name} is expired: it must be within ${windowMinutes} minutes of the server's clock.`);

export const unknownAccessKey = (): MockError =>
  new MockError(403, 'InvalidAccessKeyId.NotFound', 'Specified access key is not found.');

export const signatureMismatch = (stringToSign: string): MockError =>
  new MockError(
    403,
    'SignatureDoesNotMatch',
    `Specified signature is not matched with our calculation. server string to sign is:${stringToSign}`,
  );

export const contentHashMismatch = (header: string): MockError =>
  new MockError(403, 'SignatureDoesNotMatch', `Specified signature is not matched with our calculation: the ${header} header is not the SHA-256 of the body.`);

export const nonceUsed = (): MockError =>
  new MockError(403, 'SignatureNonceUsed', 'Specified signature nonce was used already.');

export const securityTokenMismatch = (): MockError =>
  new MockError(403, 'InvalidSecurityToken.MismatchWithAccessKey', 'Specified SecurityToken mismatch with the AccessKey.');

export const incompleteSignature = (why: string): MockError =>
  new MockError(400, 'IncompleteSignature', `The request signature does not conform to Aliyun standards: ${why}.`);

export const forbiddenRam = (action: string, resource: string, why: string): MockError =>
  new MockError(403, 'Forbidden.RAM', `User not authorized to operate on the specified resource, or this API doesn't support RAM: action ${action} on resource ${resource} (${why}).`);

/**
 * 429 Throttling.User, telling the caller when to come back as the service does: the vendor's
 * `x-acs-retry-after` in milliseconds, and the standard `Retry-After` in whole seconds (rounded up).
 */
export const throttled = (retryAfterMs: number): MockError =>
  new MockError(429, 'Throttling.User', 'Request was denied due to user flow control.', {
    'x-acs-retry-after': String(retryAfterMs),
    'retry-after': String(Math.ceil(retryAfterMs / 1000)),
  });

export const serviceUnavailable = (): MockError =>
  new MockError(503, 'ServiceUnavailable', 'The request has failed due to a temporary failure of the server.');

export const internalError = (): MockError =>
  new MockError(500, 'InternalError', 'The request processing has failed due to some unknown error.');

export const methodNotAllowed = (method: string): MockError =>
  new MockError(405, 'UnsupportedHTTPMethod', `The HTTP method ${quote(method)} is not supported: send GET, or POST with a form body.`);

export const pathNotFound = (path: string): MockError =>
  new MockError(404, 'InvalidPath.NotFound', `The path ${quote(path)} is not served: RPC requests go to "/", admin requests to "/-/...".`);

export const tooLarge = (what: string, limit: number): MockError =>
  new MockError(413, 'RequestTooLarge', `The ${what} is larger than ${limit} bytes.`);

export const unsupportedMediaType = (type: string): MockError =>
  new MockError(415, 'UnsupportedMediaType', `The content type ${quote(type)} is not supported: send application/x-www-form-urlencoded.`);

export const badRequest = (why: string): MockError => new MockError(400, 'BadRequest', `The request is malformed: ${why}.`);
