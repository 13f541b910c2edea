// The client's configuration and per-call options: their types, their defaults (all written out
// here), and their validation. A mistake fails at construction (or at the call, for call options),
// with a message naming the option.
import { didYouMean } from './closest.js';
import type { CredentialsProvider } from './credentials.js';
import { ConfigError } from './errors.js';
import type { ApiDescription } from './operation.js';
import type { ResponseHook } from './response.js';
import { MAX_RESPONSE_BYTES_LIMIT } from './response-body.js';
import { DEFAULT_RETRY, type RetryOptions, type RetryPolicy } from './retry.js';
import type { Transport } from './transport.js';

export type HttpMethod = 'GET' | 'POST';
export type SignatureVersion = 'v1' | 'acs3';

export interface ClientConfig {
  /** The region of the instance (`cn-hangzhou`). Picks the endpoint and fills `RegionId`. */
  readonly regionId: string;
  /**
   * Which of the API's endpoints to use: `public` (`https://cr.{regionId}.aliyuncs.com`, the
   * default) or `vpc` (`https://cr-vpc.{regionId}.aliyuncs.com`, from inside the region's VPC).
   */
  readonly network?: 'public' | 'vpc';
  /** Overrides the network's endpoint, e.g. `http://127.0.0.1:4010`. No path. */
  readonly endpoint?: string;
  /** With accessKeySecret; else `credentials`; else the ALIBABA_CLOUD_* environment variables. */
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  /** A provider of (rotating) credentials, instead of fixed keys. */
  readonly credentials?: CredentialsProvider;
  /** Sent as ResourceOwnerAccount with every call. */
  readonly resourceOwnerAccount?: string;
  /** GET (query string, the default) or POST (form-encoded body). */
  readonly method?: HttpMethod;
  /**
   * `v1` (HMAC-SHA1 in a Signature parameter, the default) or `acs3` (ACS3-HMAC-SHA256 in an
   * Authorization header, the default of the vendor's current runtime).
   */
  readonly signatureVersion?: SignatureVersion;
  /** Budget of one attempt, from sending to the end of the response. Default 10,000 ms. */
  readonly timeoutMs?: number;
  /** Retry policy, or false for none. Defaults: see RetryOptions. */
  readonly retry?: false | RetryOptions;
  /**
   * The largest response body accepted, in bytes; a larger one fails the call with a
   * ResponseTooLargeError. Default 32 MiB, at most 256 MiB.
   */
  readonly maxResponseBytes?: number;
  /** Default: createNodeTransport() (node:http(s), keep-alive). */
  readonly transport?: Transport;
  /**
   * Called with each response's metadata (status, headers, RequestId) as it arrives, for every
   * attempt; the call's result is unchanged. See ResponseInfo.
   */
  readonly onResponse?: ResponseHook;
  /** Appended to the User-Agent header (`acr-ee-client/0.1.0 node/20.20.2 <userAgent>`). */
  readonly userAgent?: string;
}

export interface CallOptions {
  /** Cancels the call, including its backoff waits; the call rejects with AbortError. */
  readonly signal?: AbortSignal;
  /** Overrides the client's per-attempt timeout. */
  readonly timeoutMs?: number;
  /** Overrides the client's policy field by field, or false to make one attempt only. */
  readonly retry?: false | RetryOptions;
  /** Overrides the client's method. */
  readonly method?: HttpMethod;
  /** Overrides the client's onResponse for this call. */
  readonly onResponse?: ResponseHook;
}

export interface PaginateOptions extends CallOptions {
  /** Stop with an error after this many pages, against a service that never ends. Default 10,000. */
  readonly maxPages?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_PAGES = 10_000;
// setTimeout's largest delay; anything above fires at once.
const MAX_TIMER_MS = 2_147_483_647;

const CONFIG_KEYS: readonly (keyof ClientConfig)[] = [
  'regionId', 'network', 'endpoint', 'accessKeyId', 'accessKeySecret', 'securityToken', 'credentials',
  'resourceOwnerAccount', 'method', 'signatureVersion', 'timeoutMs', 'retry', 'maxResponseBytes', 'transport', 'userAgent', 'onResponse',
];
const CALL_KEYS: readonly (keyof CallOptions)[] = ['signal', 'timeoutMs', 'retry', 'method', 'onResponse'];
const PAGINATE_KEYS: readonly (keyof PaginateOptions)[] = [...CALL_KEYS, 'maxPages'];
const RETRY_KEYS: readonly (keyof RetryOptions)[] = ['maxAttempts', 'baseDelayMs', 'maxDelayMs', 'maxElapsedMs', 'retryWrites', 'retryCodes', 'onRetry'];

// Region ids are lower-case words joined by dashes (`cn-hangzhou`, `ap-southeast-1`); they become
// a host name, so nothing else may pass.
const REGION_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export function checkRegionId(value: unknown): string {
  if (typeof value !== 'string' || value === '') throw new ConfigError('regionId is required (e.g. "cn-hangzhou")');
  if (value.length > 64 || !REGION_ID.test(value)) {
    throw new ConfigError(`regionId must be lower-case letters, digits and dashes (e.g. "cn-hangzhou"), got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * The origin to send to: the `endpoint` override checked and normalised, else the network's
 * endpoint for the region. A region the endpoint does not serve is a configuration error (an
 * unknown region would only fail later, as a DNS error on every call).
 */
export function originOf(regionId: string, endpoint: unknown, network: unknown, endpoints: ApiDescription['endpoints']): string {
  const names = Object.keys(endpoints);
  if (network !== undefined && (typeof network !== 'string' || !Object.hasOwn(endpoints, network))) {
    throw new ConfigError(`network must be one of ${names.map((n) => JSON.stringify(n)).join(', ')}, got ${JSON.stringify(network)}${typeof network === 'string' ? didYouMean(network, names) : ''}`);
  }
  if (endpoint === undefined) {
    const name = network ?? 'public';
    const { urlTemplate, regions } = endpoints[name];
    if (regions !== undefined && !regions.includes(regionId)) {
      const known = Object.values(endpoints).some((e) => e.regions?.includes(regionId));
      throw new ConfigError(
        known
          ? `region ${JSON.stringify(regionId)} has no ${name} endpoint; regions with one: ${regions.join(', ')} (or pass endpoint)`
          : `unknown region ${JSON.stringify(regionId)}${didYouMean(regionId, regions)}: the API's endpoint table lists ${regions.join(', ')} (for another endpoint, pass endpoint)`,
      );
    }
    return urlTemplate.replace('{regionId}', regionId);
  }
  if (typeof endpoint !== 'string') throw new ConfigError('endpoint must be a string URL');
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new ConfigError(`endpoint must be a valid http(s) URL, got ${JSON.stringify(endpoint)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`endpoint must use http or https, got ${JSON.stringify(url.protocol)}`);
  }
  // Every RPC call goes to `/`: a path, query or fragment would be silently dropped or mangled.
  if (url.username !== '' || url.password !== '' || url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw new ConfigError('endpoint must be scheme://host[:port] only (no credentials, path, query or fragment)');
  }
  return url.origin;
}

/** Rejects unknown option names (typos), with the closest valid name. */
export function checkKeys(object: object, allowed: readonly string[], what: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) throw new ConfigError(`${what}: unknown option ${JSON.stringify(key)}${didYouMean(key, allowed)}`);
  }
}

export function checkConfigShape(config: unknown): asserts config is ClientConfig {
  if (config === null || typeof config !== 'object') throw new ConfigError('the client needs a config object with at least regionId');
  checkKeys(config, CONFIG_KEYS, 'client config');
  const c = config as ClientConfig;
  for (const name of ['accessKeyId', 'accessKeySecret', 'securityToken', 'resourceOwnerAccount', 'userAgent'] as const) {
    if (c[name] !== undefined && (typeof c[name] !== 'string' || c[name] === '')) {
      throw new ConfigError(`${name} must be a non-empty string`);
    }
  }
  // It goes into a header, where control characters are invalid (node:http would throw per call).
  if (c.userAgent !== undefined && !/^[\x20-\x7e]+$/.test(c.userAgent)) {
    throw new ConfigError('userAgent must be printable ASCII');
  }
  if (c.transport !== undefined && typeof c.transport !== 'function') throw new ConfigError('transport must be a function');
}

export function checkResponseHook(value: unknown): ResponseHook | undefined {
  if (value !== undefined && typeof value !== 'function') throw new ConfigError('onResponse must be a function');
  return value as ResponseHook | undefined;
}

export function checkSignatureVersion(value: unknown): SignatureVersion {
  if (value === undefined) return 'v1';
  if (value !== 'v1' && value !== 'acs3') throw new ConfigError(`signatureVersion must be "v1" or "acs3", got ${JSON.stringify(value)}`);
  return value;
}

export function checkMethod(value: unknown, name: string): HttpMethod {
  if (value !== 'GET' && value !== 'POST') throw new ConfigError(`${name} must be "GET" or "POST", got ${JSON.stringify(value)}`);
  return value;
}

export function checkTimeout(value: unknown, name: string): number {
  if (typeof value !== 'number' || !(value > 0) || value > MAX_TIMER_MS) {
    throw new ConfigError(`${name} must be a positive number of milliseconds (at most ${MAX_TIMER_MS}), got ${String(value)}`);
  }
  return value;
}

export function checkMaxResponseBytes(value: unknown): number {
  if (!Number.isSafeInteger(value) || (value as number) < 1 || (value as number) > MAX_RESPONSE_BYTES_LIMIT) {
    throw new ConfigError(`maxResponseBytes must be an integer from 1 to ${MAX_RESPONSE_BYTES_LIMIT} (256 MiB), got ${String(value)}`);
  }
  return value as number;
}

/** `base` with `options` laid over it, checked; undefined when retries are off. */
export function retryPolicyOf(options: unknown, base: RetryPolicy | undefined, name: string): RetryPolicy | undefined {
  if (options === false) return undefined;
  if (options === undefined) return base;
  if (options === null || typeof options !== 'object') throw new ConfigError(`${name} must be false or an object`);
  checkKeys(options, RETRY_KEYS, name);
  const { retryCodes, ...o } = options as RetryOptions;
  const policy: RetryPolicy = { ...(base ?? DEFAULT_RETRY), ...definedOnly(o), ...(retryCodes === undefined ? {} : { retryCodes: codeSetOf(retryCodes, name) }) };
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new ConfigError(`${name}.maxAttempts must be an integer >= 1, got ${String(policy.maxAttempts)}`);
  }
  for (const key of ['baseDelayMs', 'maxDelayMs', 'maxElapsedMs'] as const) {
    const value = policy[key];
    if (typeof value !== 'number' || !(value >= 0) || value > MAX_TIMER_MS) {
      throw new ConfigError(`${name}.${key} must be a number of milliseconds >= 0, got ${String(value)}`);
    }
  }
  if (typeof policy.retryWrites !== 'boolean') throw new ConfigError(`${name}.retryWrites must be a boolean`);
  if (policy.onRetry !== undefined && typeof policy.onRetry !== 'function') throw new ConfigError(`${name}.onRetry must be a function`);
  return policy;
}

function codeSetOf(codes: unknown, name: string): ReadonlySet<string> {
  if (!Array.isArray(codes) || !codes.every((code) => typeof code === 'string' && code !== '')) {
    throw new ConfigError(`${name}.retryCodes must be an array of non-empty error codes (e.g. ["NAMESPACE_NOT_EXIST"])`);
  }
  return new Set(codes);
}

function definedOnly<T extends object>(object: T): Partial<T> {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** The parts of call options that need no client state; `paginate` also takes maxPages. */
export function checkCallOptions(options: object, paginate: boolean): void {
  if (options === null || typeof options !== 'object') throw new ConfigError('call options must be an object');
  checkKeys(options, paginate ? PAGINATE_KEYS : CALL_KEYS, paginate ? 'paginate options' : 'call options');
  const o = options as PaginateOptions;
  if (o.signal !== undefined && !isSignal(o.signal)) throw new ConfigError('signal must be an AbortSignal');
  if (o.maxPages !== undefined && (!Number.isInteger(o.maxPages) || o.maxPages < 1)) {
    throw new ConfigError(`maxPages must be an integer >= 1, got ${String(o.maxPages)}`);
  }
}

// Duck-typed: a signal from another realm or a polyfill is not an instance of this AbortSignal.
function isSignal(value: unknown): value is AbortSignal {
  const s = value as AbortSignal | null;
  return typeof s === 'object' && s !== null && typeof s.aborted === 'boolean' && typeof s.addEventListener === 'function';
}
