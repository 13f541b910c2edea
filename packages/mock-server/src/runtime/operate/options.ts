// The core's options, every default written out, and their validation (a TypeError or RangeError
// naming the option). start.ts fills `createStore` with the real stores and mounts the services
// (the CR API with the resource handlers, STS, the metadata paths), whose options it checks; the
// runtime itself knows nothing of the operations' semantics.
import { Clock } from '../callers/clock.js';
import type { FaultConfig } from '../policy/faults.js';
import type { RamPolicy } from '../policy/ram.js';
import type { Store } from '../../store/store.js';
import type { TlsOption } from '../http/tls/options.js';

export const DEFAULTS = {
  port: 0,
  host: '127.0.0.1',
  accessKeyId: 'testid',
  accessKeySecret: 'testsecret',
  accountId: '1234567890123456',
  /** The region the server stands for: RegionId when a request has none and its Host names none. */
  regionId: 'cn-hangzhou',
  verifySignature: true,
  /** Timestamps (and nonce memory) within this many ms of the server's clock: 15 minutes. */
  timestampWindowMs: 15 * 60 * 1000,
  /** Nonces remembered at most (the oldest are forgotten first). */
  nonceCapacity: 100_000,
  /** The longest request target (path and query) and the longest body, in bytes: 64 KiB. */
  maxRequestBytes: 64 * 1024,
  /** Connections held at once; more are closed at once (idle keep-alive ones count). */
  maxConnections: 1024,
  /**
   * The time a client has to send a request line and headers (an idle new connection included):
   * 20 s, then 408 and close. Production front ends allow 10 to 60 s.
   */
  headersTimeoutMs: 20_000,
} as const;

/** How the runtime gets its store: at start (`fresh: false`) and on reset (`fresh: true`, empty then seeded). */
export type StoreFactory = (init: { readonly fresh: boolean; readonly now: number }) => Store;

export interface RuntimeOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  readonly port?: number;
  /** Interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** The AccessKeyId the server accepts. Default `testid`. */
  readonly accessKeyId?: string;
  /** Its secret. Default `testsecret`. Never logged, never in a response. */
  readonly accessKeySecret?: string;
  /**
   * STS: when set, every request must carry this SecurityToken (v1 parameter or v3
   * `x-acs-security-token`). When unset, any SecurityToken (or none) is accepted with the key pair.
   */
  readonly securityToken?: string;
  /** Check signatures, timestamps and nonces. Default true. */
  readonly verifySignature?: boolean;
  /** The account that owns everything: `$accountid` in ARNs, handlers' `accountId`. Default 1234567890123456. */
  readonly accountId?: string;
  /**
   * The region of the endpoint this server stands for. The vendor's gateway takes the region from
   * the endpoint (`cr.{regionId}.aliyuncs.com`), and SDKs built on openapi-client send no RegionId:
   * a request without RegionId gets the one its Host header names (`cr.cn-shanghai.aliyuncs.com`,
   * `cr-vpc.cn-shanghai.aliyuncs.com`), else this one. Default cn-hangzhou.
   */
  readonly regionId?: string;
  /** RAM policy document; without one (or null) every request is allowed. */
  readonly policy?: RamPolicy | null;
  /** Fault injection; none by default. */
  readonly faults?: FaultConfig;
  /** Initial clock offset in ms (the clock is Date.now() + offset). Default 0. */
  readonly clockOffsetMs?: number;
  /** Default 15 minutes. */
  readonly timestampWindowMs?: number;
  /** Default 100,000. */
  readonly nonceCapacity?: number;
  /** Default 65,536. */
  readonly maxRequestBytes?: number;
  /**
   * The token the admin endpoints that change things (`/-/clock`, `/-/faults`, `/-/policy`,
   * `/-/reset`) require, as `Authorization: Bearer <token>`. Default: none on a loopback host; on
   * any other host one is generated at start (the result's `adminToken`).
   */
  readonly adminToken?: string;
  /** Connections held at once; the ones beyond are closed unanswered. Default 1,024. */
  readonly maxConnections?: number;
  /** Milliseconds to receive a request's line and headers, else 408 and close. Default 20,000. */
  readonly headersTimeoutMs?: number;
  /**
   * HTTPS: `true` serves with a self-signed certificate made at start (the result's `certificate`
   * is its PEM, for clients to trust), or `{ cert, key }` (PEM) of your own. Default: plain HTTP.
   */
  readonly tls?: TlsOption;
  /** One line per request (method, Action, status, code, milliseconds, RequestId). Default: none. */
  readonly log?: (line: string) => void;
  /**
   * A handler threw something other than a MockError (a bug: answered 500 InternalError). Default:
   * written to stderr.
   */
  readonly onInternalError?: (error: unknown, action: string) => void;
}

export interface CoreOptions extends RuntimeOptions {
  readonly createStore: StoreFactory;
}

function check(condition: boolean, message: string, kind: 'type' | 'range' = 'type'): void {
  if (!condition) throw kind === 'type' ? new TypeError(message) : new RangeError(message);
}

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '' && value.trim() === value;

/** Throws on an option of the wrong type or out of range. */
export function checkRuntimeOptions(options: RuntimeOptions): void {
  check(options !== null && typeof options === 'object', 'options must be an object');
  const { port, host, accessKeyId, accessKeySecret, securityToken, verifySignature, accountId } = options;
  check(port === undefined || (Number.isInteger(port) && port >= 0 && port <= 65535), 'port must be an integer from 0 to 65535', 'range');
  check(host === undefined || nonEmpty(host), 'host must be a non-empty string');
  check(accessKeyId === undefined || nonEmpty(accessKeyId), 'accessKeyId must be a non-empty string without surrounding spaces');
  check(accessKeySecret === undefined || nonEmpty(accessKeySecret), 'accessKeySecret must be a non-empty string without surrounding spaces');
  check(securityToken === undefined || nonEmpty(securityToken), 'securityToken must be a non-empty string');
  check(options.adminToken === undefined || (nonEmpty(options.adminToken) && !/\s/.test(options.adminToken)), 'adminToken must be a non-empty string without spaces');
  check(verifySignature === undefined || typeof verifySignature === 'boolean', 'verifySignature must be a boolean');
  check(options.regionId === undefined || /^[a-z0-9-]{1,64}$/.test(options.regionId), 'regionId must be 1 to 64 lower-case letters, digits or "-"');
  check(accountId === undefined || /^[0-9A-Za-z_-]{1,64}$/.test(accountId), 'accountId must be 1 to 64 letters, digits, "_" or "-"');
  check(options.clockOffsetMs === undefined || Number.isSafeInteger(options.clockOffsetMs), 'clockOffsetMs must be a whole number', 'range');
  if (options.clockOffsetMs !== undefined) {
    try {
      new Clock(options.clockOffsetMs);
    } catch (error) {
      throw new RangeError(`clockOffsetMs: ${(error as Error).message}`);
    }
  }
  positive(options.timestampWindowMs, 'timestampWindowMs');
  positive(options.nonceCapacity, 'nonceCapacity');
  positive(options.maxRequestBytes, 'maxRequestBytes');
  positive(options.maxConnections, 'maxConnections');
  check(options.maxConnections === undefined || options.maxConnections <= 1_000_000, 'maxConnections must be at most 1,000,000', 'range');
  positive(options.headersTimeoutMs, 'headersTimeoutMs');
  check(options.headersTimeoutMs === undefined || options.headersTimeoutMs <= 600_000, 'headersTimeoutMs must be at most 600,000 (10 minutes)', 'range');
  check(options.log === undefined || typeof options.log === 'function', 'log must be a function');
  check(options.onInternalError === undefined || typeof options.onInternalError === 'function', 'onInternalError must be a function');
}

function positive(value: number | undefined, name: string): void {
  check(value === undefined || (Number.isSafeInteger(value) && value > 0), `${name} must be a positive integer`, 'range');
}
