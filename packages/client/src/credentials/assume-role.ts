// A RAM role's credentials, obtained with AssumeRole signed by other credentials (an access key, or
// temporary credentials of any provider: roles chain).
import type { Credentials, CredentialsProvider } from '../runtime/credentials.js';
import { ConfigError } from '../runtime/errors.js';
import { REMOTE_OPTION_KEYS, remoteOf, temporaryProvider } from './provider.js';
import { checkedKeys } from './static.js';
import { assumeRole, ROLE_SESSION_OPTION_KEYS, roleSessionOf, STS_OPTION_KEYS, STS_TIMEOUT_MS, stsOrigin, type RoleSessionOptions, type StsOptions } from './sts.js';

export interface AssumeRoleCredentialsOptions extends StsOptions, RoleSessionOptions {
  /** The credentials that sign AssumeRole: fixed ones, or any provider (asked at every renewal). */
  readonly source: Credentials | CredentialsProvider;
  /** `acs:ram::<account id>:role/<name>`. */
  readonly roleArn: string;
  /** The ExternalId the role's trust policy asks for. */
  readonly externalId?: string;
}

const KEYS = [...REMOTE_OPTION_KEYS, ...STS_OPTION_KEYS, ...ROLE_SESSION_OPTION_KEYS, 'source', 'externalId'];

/** Credentials of the role `roleArn`, renewed ahead of expiry by assuming it again. */
export function assumeRoleCredentials(options: AssumeRoleCredentialsOptions): CredentialsProvider {
  const what = 'assume role';
  const remote = remoteOf(options, KEYS, what, STS_TIMEOUT_MS);
  if (typeof options.roleArn !== 'string' || options.roleArn === '') throw new ConfigError(`${what}: roleArn is required`);
  const session = roleSessionOf(options, options.roleArn, 'roleArn', remote.env, what);
  const externalId = options.externalId;
  if (externalId !== undefined && (typeof externalId !== 'string' || !/^[A-Za-z0-9=,.@:/-]{2,1224}$/.test(externalId))) {
    throw new ConfigError(`${what}: externalId must be 2 to 1,224 of A-Z a-z 0-9 = , . @ : / -`);
  }
  const source = sourceOf(options.source, what);
  const origin = stsOrigin(options, remote.env, what);
  return temporaryProvider('assume-role', async () => assumeRole(remote, origin, session, externalId, await source(), what), remote.clock);
}

function sourceOf(source: unknown, what: string): () => Promise<Credentials> {
  if (typeof source === 'function') return async () => (source as CredentialsProvider)();
  if (source !== null && typeof source === 'object') {
    const s = source as Credentials;
    const checked = checkedKeys(s.accessKeyId, s.accessKeySecret, s.securityToken, ['source.accessKeyId', 'source.accessKeySecret', 'source.securityToken'], what);
    return async () => checked;
  }
  throw new ConfigError(`${what}: source must be credentials ({ accessKeyId, accessKeySecret }) or a credentials provider`);
}
