// Signature version 1 requests, written here independently of the server's and the client's code
// (from the spec's description of the scheme), for tests that need valid or nearly valid requests.
import { createHmac } from 'node:crypto';

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** RFC 3986: unreserved characters stay, every other UTF-8 byte is %XY; space is %20. */
export function rfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
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
  const canonical = canonicalQuery(params);
  return createHmac('sha1', `${secret}&`).update(`${method}&${rfc3986('/')}&${rfc3986(canonical)}`).digest('base64');
}

/** The parameters with their Signature added. */
export function sign(method: string, params: Record<string, string>, secret: string): Record<string, string> {
  return { ...params, Signature: signature(method, params, secret) };
}
