// Every provider checks its options when it is made, with a ConfigError that names the option or
// variable and never quotes a secret. Nothing is sent: a provider sends only when asked.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/runtime/index.js';
import {
  assumeRoleCredentials,
  credentialsUriCredentials,
  defaultCredentialsChain,
  ecsRamRoleCredentials,
  oidcRoleCredentials,
  staticCredentials,
} from '../../src/credentials/index.js';

const SOURCE = { accessKeyId: 'LTAIsource', accessKeySecret: 'source-secret-never-shown' };
const ROLE = 'acs:ram::1234567890123456:role/deployer';
const OIDC = { roleArn: ROLE, oidcProviderArn: 'acs:ram::1234567890123456:oidc-provider/ci', oidcTokenFile: '/var/run/token', env: {} };

describe('provider options', () => {
  it.each([
    [() => oidcRoleCredentials({ ...OIDC, roleArm: ROLE } as never), 'oidc role: unknown option "roleArm" (did you mean "roleArn"?)'],
    [() => oidcRoleCredentials({ ...OIDC, oidcProviderArn: 'github' }), 'oidc role: oidcProviderArn must look like acs:ram::<account id>:oidc-provider/<name>'],
    [() => oidcRoleCredentials({ ...OIDC, roleArn: 'deployer' }), 'oidc role: roleArn must look like acs:ram::<account id>:role/<role name>'],
    [() => oidcRoleCredentials({ ...OIDC, env: { ALIBABA_CLOUD_ROLE_SESSION_NAME: 'a b' } }), 'oidc role: ALIBABA_CLOUD_ROLE_SESSION_NAME must be 2 to 64 of A-Z a-z 0-9 . @ _ -'],
    [() => oidcRoleCredentials({ ...OIDC, durationSeconds: 600 }), 'oidc role: durationSeconds must be an integer from 900 to 43,200'],
    [() => oidcRoleCredentials({ ...OIDC, timeoutMs: 0 }), 'oidc role: timeoutMs must be a positive number of milliseconds (at most 600,000)'],
    [() => assumeRoleCredentials({ source: SOURCE } as never), 'assume role: roleArn is required'],
    [() => assumeRoleCredentials({ roleArn: ROLE } as never), 'assume role: source must be credentials ({ accessKeyId, accessKeySecret }) or a credentials provider'],
    [() => assumeRoleCredentials({ source: { accessKeyId: 'LTAIsource' } as never, roleArn: ROLE }), 'assume role: source.accessKeySecret is missing or empty'],
    [() => assumeRoleCredentials({ source: SOURCE, roleArn: ROLE, externalId: 'a b' }), 'assume role: externalId must be 2 to 1,224 of A-Z a-z 0-9 = , . @ : / -'],
    [() => assumeRoleCredentials({ source: SOURCE, roleArn: ROLE, policy: 42 as never }), 'assume role: policy must be a RAM policy document (an object or JSON text)'],
    [() => assumeRoleCredentials({ source: SOURCE, roleArn: ROLE, transport: 'x' as never }), 'assume role: transport must be a function'],
    [() => ecsRamRoleCredentials({ env: { ALIBABA_CLOUD_ECS_METADATA: '../etc' } }), 'ecs ram role: ALIBABA_CLOUD_ECS_METADATA must be 1 to 64 of A-Z a-z 0-9 . _ -'],
    [() => ecsRamRoleCredentials({ env: {}, metadataEndpoint: 'http://100.100.100.200/latest' }), 'ecs ram role: metadataEndpoint must be scheme://host[:port] only (no user info, path, query or fragment)'],
    [() => ecsRamRoleCredentials({ env: {}, disableImdsV1: 'yes' as never }), 'ecs ram role: disableImdsV1 must be a boolean'],
    [() => credentialsUriCredentials({ env: { ALIBABA_CLOUD_CREDENTIALS_URI: 'file:///etc/creds' } }), 'credentials uri: ALIBABA_CLOUD_CREDENTIALS_URI must be an http(s) URL without user info'],
    [() => credentialsUriCredentials({ env: {} }), 'credentials uri: ALIBABA_CLOUD_CREDENTIALS_URI is not set'],
    [() => staticCredentials({ accessKeyId: 'LTAIx', accessKeySecret: '' }), 'static credentials: accessKeySecret is missing or empty'],
    [() => defaultCredentialsChain({ homedir: '/tmp' } as never), 'default credentials chain: unknown option "homedir" (did you mean "homeDir"?)'],
  ])('rejects bad options with a ConfigError naming them (%#)', (make, message) => {
    expect(make).toThrow(new ConfigError(message));
  });

  it('the source secret is never in a message', () => {
    try {
      assumeRoleCredentials({ source: SOURCE, roleArn: 'nope' });
    } catch (error) {
      expect((error as Error).message).not.toContain(SOURCE.accessKeySecret);
      return;
    }
    throw new Error('expected a ConfigError');
  });
});
