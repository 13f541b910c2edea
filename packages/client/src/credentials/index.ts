// The credentials providers: each usable on its own (call it for credentials, or pass it as the
// client's `credentials`), and the default chain the client uses when given no credentials.
export { staticCredentials, environmentCredentials, type StaticCredentialsOptions } from './static.js';
export { oidcRoleCredentials, ENV_OIDC_PROVIDER_ARN, ENV_OIDC_TOKEN_FILE, ENV_ROLE_ARN, type OidcRoleCredentialsOptions } from './oidc.js';
export { assumeRoleCredentials, type AssumeRoleCredentialsOptions } from './assume-role.js';
export { ecsRamRoleCredentials, ECS_METADATA_ENDPOINT, ENV_ECS_METADATA, ENV_ECS_METADATA_DISABLED, ENV_IMDSV1_DISABLED, type EcsRamRoleCredentialsOptions } from './ecs.js';
export { credentialsUriCredentials, ENV_CREDENTIALS_URI, type CredentialsUriOptions } from './uri.js';
export { cliProfileCredentials, CLI_MODES, ENV_CLI_PROFILE_DISABLED, ENV_PROFILE, type ProfileOptions } from './cli-profile.js';
export { iniProfileCredentials, ENV_CREDENTIALS_FILE, INI_TYPES } from './ini-profile.js';
export { credentialsChain, defaultCredentialsChain, type DefaultCredentialsChainOptions } from './chain.js';
export { stsOrigin, ENV_ROLE_SESSION_NAME, ENV_STS_ENDPOINT, ENV_STS_REGION, ENV_VPC_ENDPOINT_ENABLED, type RoleSessionOptions, type StsOptions } from './sts.js';
export type { Environment, ProviderOptions, RemoteProviderOptions } from './provider.js';
