// Credentials that do not change: an access key (with an STS token or not) given in code, or read
// from the ALIBABA_CLOUD_* key variables.
import type { Credentials, CredentialsProvider } from '../runtime/credentials.js';
import { ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET, ENV_SECURITY_TOKEN } from '../runtime/credentials.js';
import { ConfigError } from '../runtime/errors.js';
import { checkOptionKeys, envOf, namedProvider, requireSettings, type ProviderOptions } from './provider.js';

export interface StaticCredentialsOptions {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The STS token of temporary credentials. */
  readonly securityToken?: string;
}

/** Always the same access key (and STS token, for temporary credentials someone else renews). */
export function staticCredentials(options: StaticCredentialsOptions): CredentialsProvider {
  const what = 'static credentials';
  checkOptionKeys(options, ['accessKeyId', 'accessKeySecret', 'securityToken'], what);
  return fixed('static', checkedKeys(options.accessKeyId, options.accessKeySecret, options.securityToken, ['accessKeyId', 'accessKeySecret', 'securityToken'], what));
}

/**
 * `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and optionally
 * `ALIBABA_CLOUD_SECURITY_TOKEN`, read once, now. A ConfigError names what is not set.
 */
export function environmentCredentials(options: ProviderOptions = {}): CredentialsProvider {
  const what = 'environment';
  checkOptionKeys(options, ['env'], what);
  const env = envOf(options, what);
  const accessKeyId = env[ENV_ACCESS_KEY_ID] || undefined;
  const accessKeySecret = env[ENV_ACCESS_KEY_SECRET] || undefined;
  requireSettings(what, [...(accessKeyId ? [] : [ENV_ACCESS_KEY_ID]), ...(accessKeySecret ? [] : [ENV_ACCESS_KEY_SECRET])]);
  const securityToken = env[ENV_SECURITY_TOKEN] || undefined;
  return fixed('environment', checkedKeys(accessKeyId, accessKeySecret, securityToken, [ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET, ENV_SECURITY_TOKEN], what));
}

/** A provider that hands out one frozen credentials object. */
export function fixed(providerName: string, credentials: Credentials): CredentialsProvider {
  const frozen = Object.freeze({ ...credentials });
  return namedProvider(providerName, () => frozen);
}

/** The key parts checked: present, strings, not empty; `names` are how the caller spelt them, `what` prefixes messages. */
export function checkedKeys(accessKeyId: unknown, accessKeySecret: unknown, securityToken: unknown, names: readonly [string, string, string], what: string): Credentials {
  const at = what === '' ? '' : `${what}: `;
  if (typeof accessKeyId !== 'string' || accessKeyId === '') throw new ConfigError(`${at}${names[0]} is missing or empty`);
  if (typeof accessKeySecret !== 'string' || accessKeySecret === '') throw new ConfigError(`${at}${names[1]} is missing or empty`);
  if (securityToken !== undefined && (typeof securityToken !== 'string' || securityToken === '')) {
    throw new ConfigError(`${at}${names[2]} must be a non-empty string`);
  }
  return securityToken === undefined ? { accessKeyId, accessKeySecret } : { accessKeyId, accessKeySecret, securityToken: securityToken as string };
}
