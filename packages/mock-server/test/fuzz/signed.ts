// Signature version 1 requests for tests that need valid or nearly valid requests, signed by the
// vendor's own @alicloud/openapi-util (getEncodeParam, getRPCSignature): independent of the wire
// core that the server verifies with, so a fault in it cannot hide behind the same fault here.
import OpenApiUtilModule from '@alicloud/openapi-util';

// CommonJS with `exports.default`: Vite's interop gives the namespace or the class.
const cjs = <T>(module: T | { default: T }): T => (module as { default?: T }).default ?? (module as T);
const OpenApiUtil = cjs(OpenApiUtilModule);

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** RFC 3986: unreserved characters stay, every other UTF-8 byte is %XY; space is %20. */
export function rfc3986(value: string): string {
  return OpenApiUtil.getEncodeParam(value);
}

export function timestamp(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The common parameters (without Signature) of a request for `action`, with these own parameters. */
export function unsignedParams(
  credentials: Credentials,
  action: string,
  params: Record<string, string>,
  nonce: string,
  format: 'JSON' | 'XML' = 'JSON',
): Record<string, string> {
  return {
    AccessKeyId: credentials.accessKeyId,
    Action: action,
    Format: format,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    Timestamp: timestamp(),
    Version: '2018-12-01',
    ...params,
  };
}

export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${rfc3986(name)}=${rfc3986(params[name])}`)
    .join('&');
}

export function signature(method: string, params: Record<string, string>, secret: string): string {
  return OpenApiUtil.getRPCSignature(params, method, secret);
}

/** The parameters with their Signature added. */
export function sign(method: string, params: Record<string, string>, secret: string): Record<string, string> {
  return { ...params, Signature: signature(method, params, secret) };
}
