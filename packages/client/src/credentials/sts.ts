// STS (version 2015-04-01), as the role providers call it: where it is (the endpoint rules of the
// vendor's tools), AssumeRole signed with signature v1 by the source credentials, and the unsigned
// AssumeRoleWithOIDC. Both are form-encoded POSTs, answered in JSON.
import { randomUUID } from 'node:crypto';
import { canonicalQuery, formatTimestamp, percentEncode, signatureOf } from '@acr-ee/wire';
import type { Credentials } from '../runtime/credentials.js';
import { ConfigError, CredentialsError } from '../runtime/errors.js';
import { originOf, send, temporaryCredentialsOf, jsonObjectOf, type TemporaryFields } from './http.js';
import { fetchedOf, flag, setting, type Environment, type Remote, type RemoteProviderOptions } from './provider.js';
import type { Fetched } from './refresh.js';

export const STS_VERSION = '2015-04-01';
export const ENV_STS_ENDPOINT = 'ALIBABA_CLOUD_STS_ENDPOINT';
export const ENV_STS_REGION = 'ALIBABA_CLOUD_STS_REGION';
export const ENV_VPC_ENDPOINT_ENABLED = 'ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED';
export const ENV_ROLE_SESSION_NAME = 'ALIBABA_CLOUD_ROLE_SESSION_NAME';

/** STS answers within this budget by default (the vendor's read timeout). */
export const STS_TIMEOUT_MS = 10_000;

export interface StsOptions extends RemoteProviderOptions {
  /**
   * STS's host (`sts.cn-hangzhou.aliyuncs.com`, reached over HTTPS) or origin
   * (`https://127.0.0.1:8443`). Default: `ALIBABA_CLOUD_STS_ENDPOINT`, else from the region.
   */
  readonly stsEndpoint?: string;
  /** `sts.{region}.aliyuncs.com`. Default: `ALIBABA_CLOUD_STS_REGION`; none: `sts.aliyuncs.com`. */
  readonly stsRegionId?: string;
  /** `sts-vpc.{region}.aliyuncs.com` (with a region). Default: `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true`. */
  readonly enableVpc?: boolean;
}

export const STS_OPTION_KEYS = ['stsEndpoint', 'stsRegionId', 'enableVpc'] as const;

const REGION = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const HOST = /^[A-Za-z0-9.-]+(:[0-9]{1,5})?$/;

/** The origin STS is reached at, by the rules above; each setting checked, naming its source. */
export function stsOrigin(options: StsOptions, env: Environment, what: string): string {
  const endpoint = setting(options.stsEndpoint, env, ENV_STS_ENDPOINT, 'stsEndpoint', what);
  const endpointName = options.stsEndpoint !== undefined ? 'stsEndpoint' : ENV_STS_ENDPOINT;
  if (endpoint !== undefined) {
    if (HOST.test(endpoint)) return `https://${endpoint.toLowerCase()}`;
    return originOf(endpoint, `${what}: ${endpointName}`);
  }
  const region = setting(options.stsRegionId, env, ENV_STS_REGION, 'stsRegionId', what);
  if (region === undefined) return 'https://sts.aliyuncs.com';
  if (!REGION.test(region) || region.length > 64) {
    const name = options.stsRegionId !== undefined ? 'stsRegionId' : ENV_STS_REGION;
    throw new ConfigError(`${what}: ${name} must be a region id of lower-case letters, digits and dashes (e.g. cn-hangzhou)`);
  }
  if (options.enableVpc !== undefined && typeof options.enableVpc !== 'boolean') throw new ConfigError(`${what}: enableVpc must be a boolean`);
  const vpc = options.enableVpc ?? flag(env, ENV_VPC_ENDPOINT_ENABLED);
  return vpc ? `https://sts-vpc.${region}.aliyuncs.com` : `https://sts.${region}.aliyuncs.com`;
}

export interface RoleSession {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly durationSeconds: number;
  /** A session policy, as JSON text. */
  readonly policy: string | undefined;
}

export interface RoleSessionOptions {
  readonly roleArn?: string;
  readonly roleSessionName?: string;
  readonly durationSeconds?: number;
  /** A session policy (a RAM policy document, as an object or as JSON text). */
  readonly policy?: string | object;
}

export const ROLE_SESSION_OPTION_KEYS = ['roleArn', 'roleSessionName', 'durationSeconds', 'policy'] as const;

const ROLE_ARN = /^acs:ram::[0-9]+:role\/[^\s]+$/;
const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;

/** The session's parameters, checked; `roleArn` already resolved by the caller. */
export function roleSessionOf(options: RoleSessionOptions, roleArn: string, roleArnName: string, env: Environment, what: string): RoleSession {
  if (!ROLE_ARN.test(roleArn)) throw new ConfigError(`${what}: ${roleArnName} must look like acs:ram::<account id>:role/<role name>`);
  const roleSessionName = setting(options.roleSessionName, env, ENV_ROLE_SESSION_NAME, 'roleSessionName', what) ?? `acr-ee-client-${Date.now()}`;
  if (!SESSION_NAME.test(roleSessionName)) {
    const name = options.roleSessionName !== undefined ? 'roleSessionName' : ENV_ROLE_SESSION_NAME;
    throw new ConfigError(`${what}: ${name} must be 2 to 64 of A-Z a-z 0-9 . @ _ -`);
  }
  const durationSeconds = options.durationSeconds ?? 3600;
  if (!Number.isInteger(durationSeconds) || durationSeconds < 900 || durationSeconds > 43_200) {
    throw new ConfigError(`${what}: durationSeconds must be an integer from 900 to 43,200`);
  }
  let policy: string | undefined;
  if (options.policy !== undefined) {
    if (typeof options.policy === 'string') policy = options.policy;
    else if (options.policy !== null && typeof options.policy === 'object') policy = JSON.stringify(options.policy);
    else throw new ConfigError(`${what}: policy must be a RAM policy document (an object or JSON text)`);
  }
  return { roleArn, roleSessionName, durationSeconds, policy };
}

/** AssumeRole, signed (v1, HMAC-SHA1) by `source`. */
export async function assumeRole(remote: Remote, origin: string, session: RoleSession, externalId: string | undefined, source: Credentials, what: string): Promise<Fetched> {
  const params = new Map<string, string>([
    ['Action', 'AssumeRole'],
    ['Version', STS_VERSION],
    ['Format', 'JSON'],
    ['AccessKeyId', source.accessKeyId],
    ['SignatureMethod', 'HMAC-SHA1'],
    ['SignatureVersion', '1.0'],
    ['SignatureNonce', randomUUID()],
    ['Timestamp', formatTimestamp(remote.clock())],
    ...sessionParams(session),
  ]);
  if (source.securityToken !== undefined) params.set('SecurityToken', source.securityToken);
  if (externalId !== undefined) params.set('ExternalId', externalId);
  const signature = signatureOf('POST', params, source.accessKeySecret);
  const body = `${canonicalQuery(params)}&Signature=${percentEncode(signature)}`;
  return callSts(remote, origin, body, what);
}

/** AssumeRoleWithOIDC: unsigned, the token is the proof. */
export async function assumeRoleWithOidc(remote: Remote, origin: string, session: RoleSession, oidcProviderArn: string, oidcToken: string, what: string): Promise<Fetched> {
  const params = new Map<string, string>([
    ['Action', 'AssumeRoleWithOIDC'],
    ['Version', STS_VERSION],
    ['Format', 'JSON'],
    ['Timestamp', formatTimestamp(remote.clock())],
    ['OIDCProviderArn', oidcProviderArn],
    ['OIDCToken', oidcToken],
    ...sessionParams(session),
  ]);
  return callSts(remote, origin, canonicalQuery(params), what);
}

function sessionParams(session: RoleSession): [string, string][] {
  const params: [string, string][] = [
    ['RoleArn', session.roleArn],
    ['RoleSessionName', session.roleSessionName],
    ['DurationSeconds', String(session.durationSeconds)],
  ];
  if (session.policy !== undefined) params.push(['Policy', session.policy]);
  return params;
}

async function callSts(remote: Remote, origin: string, body: string, what: string): Promise<Fetched> {
  const response = await send(
    remote.transport,
    { method: 'POST', origin, path: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body, timeoutMs: remote.timeoutMs },
    what,
  );
  if (response.status !== 200) throw new CredentialsError(`${what}: STS answered ${stsErrorOf(response.status, response.body)}`);
  const answer = jsonObjectOf(response, what);
  const fields = answer.Credentials;
  if (fields === null || typeof fields !== 'object') throw new CredentialsError(`${what}: STS's answer has no Credentials`);
  return fetchedOf(temporaryCredentialsOf(fields as TemporaryFields, what));
}

/**
 * `HTTP 400 Code: Message (RequestId r)` from an STS error body. The message is left out when it
 * could quote the request (STS's signature mismatch message holds the string to sign, with the
 * SecurityToken in it).
 */
export function stsErrorOf(status: number, body: string): string {
  let parsed: Record<string, unknown> = {};
  try {
    const value: unknown = JSON.parse(body);
    if (value !== null && typeof value === 'object') parsed = value as Record<string, unknown>;
  } catch {
    // Not JSON (a proxy's page): the status alone.
  }
  const text = (name: string): string | undefined => (typeof parsed[name] === 'string' && parsed[name] !== '' ? (parsed[name] as string) : undefined);
  const code = text('Code');
  const message = text('Message');
  const safeMessage = message !== undefined && message.length <= 300 && !/string to sign|%26|SecurityToken=/i.test(message) ? message : undefined;
  const requestId = text('RequestId');
  return `HTTP ${status}${code === undefined ? '' : ` ${code}`}${safeMessage === undefined ? '' : `: ${safeMessage}`}${requestId === undefined ? '' : ` (RequestId ${requestId})`}`;
}
