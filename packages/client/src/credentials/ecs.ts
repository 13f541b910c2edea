// The ECS instance RAM role, through the instance metadata service: an IMDSv2 session token first
// (PUT /latest/api/token), then the role's name (unless configured) and its credentials, with the
// token in a header; without a token (IMDSv1) unless that is switched off. Short timeouts: off ECS
// nothing answers at the metadata address, and the default chain should not hang on it.
import type { CredentialsProvider } from '../runtime/credentials.js';
import { ConfigError, CredentialsError } from '../runtime/errors.js';
import type { TransportResponse } from '../runtime/transport.js';
import { directCredentialsTransport, jsonObjectOf, originOf, send, temporaryCredentialsOf, type TemporaryFields } from './http.js';
import { fetchedOf, flag, REMOTE_OPTION_KEYS, remoteOf, setting, temporaryProvider, type Remote, type RemoteProviderOptions } from './provider.js';

export const ENV_ECS_METADATA = 'ALIBABA_CLOUD_ECS_METADATA';
export const ENV_ECS_METADATA_DISABLED = 'ALIBABA_CLOUD_ECS_METADATA_DISABLED';
export const ENV_IMDSV1_DISABLED = 'ALIBABA_CLOUD_IMDSV1_DISABLED';
export const ECS_METADATA_ENDPOINT = 'http://100.100.100.200';
/** The metadata service answers within this budget by default (the vendor's). */
export const ECS_METADATA_TIMEOUT_MS = 1000;
/** How long the IMDSv2 token is asked to live, in seconds (the most the service grants). */
const TOKEN_TTL_SECONDS = 21_600;
const CREDENTIALS_PATH = '/latest/meta-data/ram/security-credentials/';

export interface EcsRamRoleCredentialsOptions extends RemoteProviderOptions {
  /** The instance's RAM role. Default: `ALIBABA_CLOUD_ECS_METADATA`, else asked of the service. */
  readonly roleName?: string;
  /** Fail rather than fall back to requests without a token. Default: `ALIBABA_CLOUD_IMDSV1_DISABLED=true`. */
  readonly disableImdsV1?: boolean;
  /** The metadata service's origin. Default `http://100.100.100.200`. */
  readonly metadataEndpoint?: string;
}

const KEYS = [...REMOTE_OPTION_KEYS, 'roleName', 'disableImdsV1', 'metadataEndpoint'];
const ROLE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** The instance RAM role's credentials. A ConfigError when `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true`. */
export function ecsRamRoleCredentials(options: EcsRamRoleCredentialsOptions = {}): CredentialsProvider {
  const what = 'ecs ram role';
  const remote = remoteOf(options, KEYS, what, ECS_METADATA_TIMEOUT_MS);
  if (flag(remote.env, ENV_ECS_METADATA_DISABLED)) throw new ConfigError(`${what}: disabled by ${ENV_ECS_METADATA_DISABLED}=true`);
  const roleName = setting(options.roleName, remote.env, ENV_ECS_METADATA, 'roleName', what);
  if (roleName !== undefined && !ROLE_NAME.test(roleName)) {
    throw new ConfigError(`${what}: ${options.roleName !== undefined ? 'roleName' : ENV_ECS_METADATA} must be 1 to 64 of A-Z a-z 0-9 . _ -`);
  }
  if (options.disableImdsV1 !== undefined && typeof options.disableImdsV1 !== 'boolean') throw new ConfigError(`${what}: disableImdsV1 must be a boolean`);
  const imdsV1 = !(options.disableImdsV1 ?? flag(remote.env, ENV_IMDSV1_DISABLED));
  const origin = options.metadataEndpoint === undefined ? ECS_METADATA_ENDPOINT : originOf(String(options.metadataEndpoint), `${what}: metadataEndpoint`);
  // The metadata service is on the instance's link-local address: never through a proxy.
  const metadata = new Metadata(options.transport === undefined ? { ...remote, transport: directCredentialsTransport() } : remote, origin, imdsV1, what);
  return temporaryProvider('ecs-ram-role', () => metadata.credentials(roleName), remote.clock);
}

class Metadata {
  constructor(
    readonly remote: Remote,
    readonly origin: string,
    readonly imdsV1: boolean,
    readonly what: string,
  ) {}

  async credentials(configuredRole: string | undefined) {
    const token = await this.#token();
    const role = configuredRole ?? (await this.#get(CREDENTIALS_PATH, token)).body.trim();
    if (!ROLE_NAME.test(role)) throw new CredentialsError(`${this.what}: the metadata service names no usable RAM role (is one attached to the instance?)`);
    const answer = jsonObjectOf(await this.#get(`${CREDENTIALS_PATH}${role}`, token), this.what);
    if (answer.Code !== 'Success') throw new CredentialsError(`${this.what}: the metadata service's answer has Code ${JSON.stringify(String(answer.Code))}, not Success`);
    return fetchedOf(temporaryCredentialsOf(answer as TemporaryFields, this.what));
  }

  /**
   * An IMDSv2 token, or undefined to go on without one (IMDSv1) when that is allowed and the
   * service refused one. No answer at all fails at once: nothing is there to ask without a token.
   */
  async #token(): Promise<string | undefined> {
    const response = await send(
      this.remote.transport,
      { method: 'PUT', origin: this.origin, path: '/latest/api/token', headers: { 'x-aliyun-ecs-metadata-token-ttl-seconds': String(TOKEN_TTL_SECONDS) }, timeoutMs: this.remote.timeoutMs },
      this.what,
    );
    if (response.status === 200 && response.body !== '') return response.body;
    if (!this.imdsV1) throw new CredentialsError(`${this.what}: the metadata service refused an IMDSv2 token (HTTP ${response.status}) and IMDSv1 is disabled`);
    return undefined;
  }

  async #get(path: string, token: string | undefined): Promise<TransportResponse> {
    const headers: Record<string, string> = token === undefined ? {} : { 'x-aliyun-ecs-metadata-token': token };
    const response = await send(this.remote.transport, { method: 'GET', origin: this.origin, path, headers, timeoutMs: this.remote.timeoutMs }, this.what);
    if (response.status !== 200) {
      const which = path === CREDENTIALS_PATH ? 'the role name' : 'the role credentials';
      throw new CredentialsError(`${this.what}: the metadata service answered HTTP ${response.status} for ${which}${token === undefined ? ' (without an IMDSv2 token)' : ''}`);
    }
    return response;
  }
}
