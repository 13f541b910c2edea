// The `aliyun` CLI's profiles, ~/.aliyun/config.json: `{ current, profiles: [{ name, mode, ... }] }`.
// Each mode maps onto one of this folder's providers, with the profile's fields as its settings.
import { join } from 'node:path';
import type { CredentialsProvider } from '../runtime/credentials.js';
import { ConfigError } from '../runtime/errors.js';
import { assumeRoleCredentials } from './assume-role.js';
import { ecsRamRoleCredentials } from './ecs.js';
import { oidcRoleCredentials } from './oidc.js';
import { checkOptionKeys, envOf, flag, homeOf, namedProvider, readSettingsFile, REMOTE_OPTION_KEYS, setting, type RemoteProviderOptions } from './provider.js';
import { fixed, checkedKeys } from './static.js';
import { STS_OPTION_KEYS, type StsOptions } from './sts.js';
import { credentialsUriCredentials } from './uri.js';

export const ENV_PROFILE = 'ALIBABA_CLOUD_PROFILE';
export const ENV_CLI_PROFILE_DISABLED = 'ALIBABA_CLOUD_CLI_PROFILE_DISABLED';

export interface ProfileOptions extends StsOptions {
  /** The profile to use. Default: `ALIBABA_CLOUD_PROFILE`, else the file's own default. */
  readonly profile?: string;
  /** Where the file is looked for. Default: the user's home directory. */
  readonly homeDir?: string;
  /** The ECS metadata service's origin, for profiles of an instance role (tests). */
  readonly metadataEndpoint?: string;
}

export const PROFILE_OPTION_KEYS = [...REMOTE_OPTION_KEYS, ...STS_OPTION_KEYS, 'profile', 'homeDir', 'metadataEndpoint'];

/** The modes this provider understands (the CLI has more: CloudSSO, OAuth, External). */
export const CLI_MODES = ['AK', 'StsToken', 'RamRoleArn', 'EcsRamRole', 'OIDC', 'ChainableRamRoleArn', 'CredentialsURI'] as const;

type Profile = Readonly<Record<string, unknown>>;

/**
 * The credentials of a profile of ~/.aliyun/config.json, read now. A ConfigError when the CLI's
 * profiles are disabled (`ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true`), the file or the profile is
 * missing, or the profile lacks a field its mode needs.
 */
export function cliProfileCredentials(options: ProfileOptions = {}): CredentialsProvider {
  const what = 'cli profile';
  checkOptionKeys(options, PROFILE_OPTION_KEYS, what);
  const env = envOf(options, what);
  if (flag(env, ENV_CLI_PROFILE_DISABLED)) throw new ConfigError(`${what}: disabled by ${ENV_CLI_PROFILE_DISABLED}=true`);
  const path = join(homeOf(options.homeDir, what), '.aliyun', 'config.json');
  let config: unknown;
  try {
    config = JSON.parse(readSettingsFile(path, what));
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    // Not the parser's message: it quotes the text around the mistake, which may be a secret.
    throw new ConfigError(`${what}: ${path} is not valid JSON`);
  }
  const profiles = (config as { profiles?: unknown } | null)?.profiles;
  if (!Array.isArray(profiles) || profiles.length === 0) throw new ConfigError(`${what}: ${path} has no profiles`);
  const current = (config as { current?: unknown }).current;
  const name = setting(options.profile, env, ENV_PROFILE, 'profile', what) ?? (typeof current === 'string' && current !== '' ? current : 'default');
  const inner = providerOf(profiles as Profile[], name, options, `${what} ${JSON.stringify(name)} (${path})`, new Set());
  return namedProvider('cli-profile', () => inner());
}

function providerOf(profiles: readonly Profile[], name: string, options: ProfileOptions, what: string, seen: Set<string>): CredentialsProvider {
  if (seen.has(name)) throw new ConfigError(`${what}: source_profile ${JSON.stringify(name)} leads back to itself`);
  seen.add(name);
  const profile = profiles.find((p) => p !== null && typeof p === 'object' && p.name === name);
  if (profile === undefined) throw new ConfigError(`${what}: no profile named ${JSON.stringify(name)}`);
  const field = (key: string): string | undefined => {
    const value = profile[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
  };
  const need = (key: string): string => {
    const value = field(key);
    if (value === undefined) throw new ConfigError(`${what}: mode ${String(profile.mode)} needs ${key}`);
    return value;
  };
  const seconds = (...keys: string[]): number | undefined => {
    for (const key of keys) {
      const value = profile[key];
      if (typeof value === 'number' && value > 0) return value;
    }
    return undefined;
  };
  const remote = remotePart(options);
  const sts = { ...remote, ...stsPart(options, field('sts_endpoint'), field('sts_region'), profile.enable_vpc) };
  const key = () => checkedKeys(need('access_key_id'), need('access_key_secret'), undefined, ['access_key_id', 'access_key_secret', 'sts_token'], what);
  const roleArn = () => need('ram_role_arn');
  const roleSessionName = field('ram_session_name');
  switch (profile.mode) {
    case 'AK':
      return fixed('static', key());
    case 'StsToken':
      return fixed('static', { ...key(), securityToken: need('sts_token') });
    case 'RamRoleArn':
      return assumeRoleCredentials({ ...sts, source: key(), roleArn: roleArn(), roleSessionName, durationSeconds: seconds('expired_seconds'), externalId: field('external_id') });
    case 'ChainableRamRoleArn': {
      const source = providerOf(profiles, need('source_profile'), options, what, seen);
      return assumeRoleCredentials({ ...sts, source, roleArn: roleArn(), roleSessionName, durationSeconds: seconds('expired_seconds'), externalId: field('external_id') });
    }
    case 'EcsRamRole':
      return ecsRamRoleCredentials({ ...remote, roleName: field('ram_role_name'), metadataEndpoint: options.metadataEndpoint });
    case 'OIDC':
      return oidcRoleCredentials({
        ...sts,
        roleArn: roleArn(),
        oidcProviderArn: need('oidc_provider_arn'),
        oidcTokenFile: need('oidc_token_file'),
        roleSessionName,
        durationSeconds: seconds('duration_seconds', 'expired_seconds'),
      });
    case 'CredentialsURI':
      return credentialsUriCredentials({ ...remote, uri: need('credentials_uri') });
    default:
      throw new ConfigError(`${what}: mode ${JSON.stringify(profile.mode)} is not supported (supported: ${CLI_MODES.join(', ')})`);
  }
}

/** The options every remote provider takes, as given (undefined ones stay undefined). */
export function remotePart(options: RemoteProviderOptions): RemoteProviderOptions {
  return { env: options.env, transport: options.transport, timeoutMs: options.timeoutMs, clock: options.clock };
}

/**
 * STS settings: a file's own endpoint first, then the caller's, then the file's region and VPC
 * switch, then the caller's (stsOrigin reads the environment after all of them).
 */
export function stsPart(options: StsOptions, fileEndpoint: string | undefined, fileRegion: string | undefined, fileVpc: unknown): StsOptions {
  return {
    stsEndpoint: fileEndpoint ?? options.stsEndpoint,
    stsRegionId: fileRegion ?? options.stsRegionId,
    enableVpc: typeof fileVpc === 'boolean' ? fileVpc : options.enableVpc,
  };
}
