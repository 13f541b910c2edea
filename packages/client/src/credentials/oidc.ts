// OIDC role credentials (ACK's RRSA, GitHub and GitLab OIDC): the workload's OIDC token, read from
// a file at every renewal (the platform rotates it), exchanged at STS with AssumeRoleWithOIDC.
import type { CredentialsProvider } from '../runtime/credentials.js';
import { ConfigError, CredentialsError } from '../runtime/errors.js';
import { fsPromisesLoaded } from '../runtime/lazy-builtins.js';
import { REMOTE_OPTION_KEYS, remoteOf, requireSettings, setting, temporaryProvider } from './provider.js';
import { assumeRoleWithOidc, ROLE_SESSION_OPTION_KEYS, roleSessionOf, STS_OPTION_KEYS, STS_TIMEOUT_MS, stsOrigin, type RoleSessionOptions, type StsOptions } from './sts.js';

export const ENV_ROLE_ARN = 'ALIBABA_CLOUD_ROLE_ARN';
export const ENV_OIDC_PROVIDER_ARN = 'ALIBABA_CLOUD_OIDC_PROVIDER_ARN';
export const ENV_OIDC_TOKEN_FILE = 'ALIBABA_CLOUD_OIDC_TOKEN_FILE';

export interface OidcRoleCredentialsOptions extends StsOptions, RoleSessionOptions {
  /** Default: `ALIBABA_CLOUD_ROLE_ARN`. */
  readonly roleArn?: string;
  /** Default: `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`. */
  readonly oidcProviderArn?: string;
  /** The file holding the OIDC token (a JWT). Default: `ALIBABA_CLOUD_OIDC_TOKEN_FILE`. */
  readonly oidcTokenFile?: string;
}

const KEYS = [...REMOTE_OPTION_KEYS, ...STS_OPTION_KEYS, ...ROLE_SESSION_OPTION_KEYS, 'oidcProviderArn', 'oidcTokenFile'];
const PROVIDER_ARN = /^acs:ram::[0-9]+:oidc-provider\/[^\s]+$/;

/**
 * Credentials of a RAM role for the holder of an OIDC token. Settings come from the options, else
 * the environment; a ConfigError at once names every missing one.
 */
export function oidcRoleCredentials(options: OidcRoleCredentialsOptions = {}): CredentialsProvider {
  const what = 'oidc role';
  const remote = remoteOf(options, KEYS, what, STS_TIMEOUT_MS);
  const { env } = remote;
  const roleArn = setting(options.roleArn, env, ENV_ROLE_ARN, 'roleArn', what);
  const oidcProviderArn = setting(options.oidcProviderArn, env, ENV_OIDC_PROVIDER_ARN, 'oidcProviderArn', what);
  const tokenFile = setting(options.oidcTokenFile, env, ENV_OIDC_TOKEN_FILE, 'oidcTokenFile', what);
  requireSettings(what, [
    ...(roleArn === undefined ? [ENV_ROLE_ARN] : []),
    ...(oidcProviderArn === undefined ? [ENV_OIDC_PROVIDER_ARN] : []),
    ...(tokenFile === undefined ? [ENV_OIDC_TOKEN_FILE] : []),
  ]);
  if (!PROVIDER_ARN.test(oidcProviderArn!)) {
    throw new ConfigError(`${what}: ${options.oidcProviderArn !== undefined ? 'oidcProviderArn' : ENV_OIDC_PROVIDER_ARN} must look like acs:ram::<account id>:oidc-provider/<name>`);
  }
  const session = roleSessionOf(options, roleArn!, options.roleArn !== undefined ? 'roleArn' : ENV_ROLE_ARN, env, what);
  const origin = stsOrigin(options, env, what);
  return temporaryProvider(
    'oidc-role',
    async () => assumeRoleWithOidc(remote, origin, session, oidcProviderArn!, await readToken(tokenFile!, what), what),
    remote.clock,
  );
}

async function readToken(path: string, what: string): Promise<string> {
  let token: string;
  try {
    token = (await fsPromisesLoaded().readFile(path, 'utf8')).trim();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new CredentialsError(`${what}: cannot read the OIDC token file ${path}${typeof code === 'string' ? ` (${code})` : ''}`, { cause: error });
  }
  if (token === '') throw new CredentialsError(`${what}: the OIDC token file ${path} is empty`);
  return token;
}
