// The few HTTP requests the credentials providers make (STS, the ECS metadata service, a credentials
// URI), through the client's Transport seam, so a caller can hand in its own (a test's TLS trust,
// a proxy). Error messages name the service, the status and the service's error code; they never
// hold a body that may carry credentials.
import * as http from 'node:http';
import { AcrError, ConfigError, CredentialsError } from '../runtime/errors.js';
import { httpsLoaded } from '../runtime/lazy-builtins.js';
import { createNodeTransport } from '../runtime/node-transport.js';
import type { Transport, TransportRequest, TransportResponse } from '../runtime/transport.js';

/** Credentials answers are small; anything larger is not one. */
const MAX_CREDENTIALS_RESPONSE_BYTES = 64 * 1024;

let sharedTransport: Transport | undefined;

/**
 * The transport providers use unless given one: node:http(s) without keep-alive, since they ask
 * about once an hour and an idle pooled socket would only be reset by the server.
 */
export function defaultCredentialsTransport(): Transport {
  sharedTransport ??= createNodeTransport({
    httpAgent: new http.Agent({ keepAlive: false }),
    httpsAgent: new (httpsLoaded().Agent)({ keepAlive: false }),
  });
  return sharedTransport;
}

let directTransport: Transport | undefined;

/**
 * The ECS metadata service's default transport: like the above but never through a proxy, whatever
 * HTTP_PROXY says; the service answers only on the instance's own link-local address.
 */
export function directCredentialsTransport(): Transport {
  directTransport ??= createNodeTransport({ httpAgent: new http.Agent({ keepAlive: false }), proxy: false });
  return directTransport;
}

export interface CredentialsRequest {
  readonly method: TransportRequest['method'];
  readonly origin: string;
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly timeoutMs: number;
}

/** Sends one request; a failure to get an answer becomes a CredentialsError naming `what`. */
export async function send(transport: Transport, request: CredentialsRequest, what: string): Promise<TransportResponse> {
  try {
    return await transport({
      method: request.method,
      origin: request.origin,
      path: request.path,
      headers: request.headers ?? {},
      body: request.body,
      timeoutMs: request.timeoutMs,
      maxResponseBytes: MAX_CREDENTIALS_RESPONSE_BYTES,
      signal: undefined,
    });
  } catch (error) {
    const reason = error instanceof AcrError || error instanceof Error ? error.message : String(error);
    throw new CredentialsError(`${what}: no answer from ${request.origin} (${reason})`, { cause: error });
  }
}

/** The body as a JSON object, or a CredentialsError that does not quote it (it may hold secrets). */
export function jsonObjectOf(response: TransportResponse, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(response.body);
  } catch {
    throw new CredentialsError(`${what}: the answer (HTTP ${response.status}) is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new CredentialsError(`${what}: the answer (HTTP ${response.status}) is not a JSON object`);
  }
  return value as Record<string, unknown>;
}

/** `origin` checked as an http(s) origin (no path, query or user info), normalised. */
export function originOf(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} must be an http(s) URL or a host name`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`${name} must use http or https`);
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new ConfigError(`${name} must be scheme://host[:port] only (no user info, path, query or fragment)`);
  }
  return url.origin;
}

/** Fields of a temporary credentials object (STS's `Credentials`, the metadata service's answer). */
export interface TemporaryFields {
  readonly AccessKeyId?: unknown;
  readonly AccessKeySecret?: unknown;
  readonly SecurityToken?: unknown;
  readonly Expiration?: unknown;
}

/** Credentials out of an answer's fields, each checked; messages name fields, never values. */
export function temporaryCredentialsOf(fields: TemporaryFields, what: string): { accessKeyId: string; accessKeySecret: string; securityToken: string; expiresAt: number } {
  for (const name of ['AccessKeyId', 'AccessKeySecret', 'SecurityToken', 'Expiration'] as const) {
    if (typeof fields[name] !== 'string' || fields[name] === '') throw new CredentialsError(`${what}: the answer has no ${name}`);
  }
  const expiresAt = Date.parse(fields.Expiration as string);
  if (!Number.isFinite(expiresAt)) throw new CredentialsError(`${what}: the answer's Expiration is not a date`);
  return {
    accessKeyId: fields.AccessKeyId as string,
    accessKeySecret: fields.AccessKeySecret as string,
    securityToken: fields.SecurityToken as string,
    expiresAt,
  };
}
