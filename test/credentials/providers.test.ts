// Every credentials provider of the client against the mock server's STS (over HTTPS, as the real
// one), its ECS metadata paths and its credentials URI (over HTTP): the credentials each yields are
// then accepted by the same server's CR endpoints, as far as the role allows.
import * as http from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assumeRoleCredentials,
  cliProfileCredentials,
  ConfigError,
  credentialsUriCredentials,
  CredentialsError,
  ecsRamRoleCredentials,
  environmentCredentials,
  iniProfileCredentials,
  oidcRoleCredentials,
  ServiceError,
  staticCredentials,
  type Credentials,
  type Transport,
} from '@acr-ee/client';
import type { MockServer } from '@acr-ee/mock-server';
import {
  crClient,
  hostOf,
  INSTANCE_ROLE,
  instanceStatus,
  KEY,
  OIDC_ARN,
  oidcToken,
  roleArn,
  home,
  useCredentialsServers,
} from './support.js';

let sts: MockServer;
let stsCalls: (action: string) => number;
let metadata: MockServer;
let transport: Transport;

const servers = useCredentialsServers();
beforeAll(() => {
  ({ sts, stsCalls, metadata, transport } = servers);
});

/** Options every STS provider of these tests takes: the HTTPS mock, trusted, on its own clock. */
function viaSts() {
  return { stsEndpoint: sts.url, transport, clock: () => sts.clock.now(), env: {} };
}

function viaMetadata() {
  return { metadataEndpoint: metadata.url, transport, clock: () => metadata.clock.now(), env: {} };
}

async function accepted(server: MockServer, provider: () => Credentials | Promise<Credentials>): Promise<void> {
  const client = crClient(server, provider, server === sts ? transport : undefined);
  try {
    await expect(instanceStatus(client)).resolves.toBe('RUNNING');
  } finally {
    client.close();
  }
}

async function refusal(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error as Error,
  );
}

describe('static and environment', () => {
  it('staticCredentials hands out the given key', async () => {
    const provider = staticCredentials(KEY);
    expect(provider.providerName).toBe('static');
    expect(provider()).toEqual(KEY);
    await accepted(metadata, provider);
  });

  it('environmentCredentials reads the three variables, and names the missing ones', async () => {
    const provider = environmentCredentials({ env: { ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret' } });
    await accepted(metadata, provider);
    expect(() => environmentCredentials({ env: { ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret' } })).toThrow(
      new ConfigError('environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set'),
    );
  });
});

describe('OIDC role', () => {
  it('exchanges the token file at STS (unsigned AssumeRoleWithOIDC) from the environment settings', async () => {
    const h = home();
    const tokenFile = h.write('token', oidcToken(sts.clock.now()));
    const provider = oidcRoleCredentials({
      ...viaSts(),
      env: { ALIBABA_CLOUD_ROLE_ARN: roleArn('deployer'), ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile, ALIBABA_CLOUD_ROLE_SESSION_NAME: 'ci-run' },
    });
    const before = stsCalls('AssumeRoleWithOIDC');
    const credentials = await provider();
    expect(credentials.accessKeyId).toMatch(/^STS\./);
    expect(credentials.securityToken).toBeTruthy();
    await accepted(sts, provider);
    // Held: the client's call asked STS no second time.
    expect(stsCalls('AssumeRoleWithOIDC') - before).toBe(1);
  });

  it('names every missing setting at once, and a token STS refuses by its code', async () => {
    expect(() => oidcRoleCredentials({ env: {} })).toThrow(
      'oidc role: ALIBABA_CLOUD_ROLE_ARN is not set; ALIBABA_CLOUD_OIDC_PROVIDER_ARN is not set; ALIBABA_CLOUD_OIDC_TOKEN_FILE is not set',
    );
    const h = home();
    const stale = oidcToken(sts.clock.now() - 7_200_000);
    const provider = oidcRoleCredentials({ ...viaSts(), roleArn: roleArn('deployer'), oidcProviderArn: OIDC_ARN, oidcTokenFile: h.write('token', stale) });
    const error = await refusal(Promise.resolve(provider()));
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/^oidc role: STS answered HTTP 400 AuthenticationFail\.OIDCToken\.Expired/);
    expect(error.message).not.toContain(stale);
  });
});

describe('AssumeRole', () => {
  it('signs with the source key; RoleArn, Policy and DurationSeconds reach STS, and the role policy holds', async () => {
    const provider = assumeRoleCredentials({ ...viaSts(), source: KEY, roleArn: roleArn('reader'), roleSessionName: 'ci-run', durationSeconds: 1800, externalId: 'abc-123' });
    const credentials = await provider();
    expect(new Date(credentials.expiration!).getTime() - sts.clock.now()).toBeGreaterThan(1_700_000);
    await accepted(sts, provider);
    // The reader role may read only: a write is refused for the session.
    const client = crClient(sts, provider, transport);
    const error = await refusal(client.createNamespace({ InstanceId: 'cri-mock0000000001', NamespaceName: 'team', AutoCreateRepo: true, DefaultRepoType: 'PRIVATE' }));
    client.close();
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).status).toBe(403);
  });

  it('a session Policy narrows what the role may do', async () => {
    const policy = { Version: '1', Statement: [{ Effect: 'Allow', Action: ['cr:GetInstance'], Resource: '*' }] };
    const provider = assumeRoleCredentials({ ...viaSts(), source: KEY, roleArn: roleArn('deployer'), policy });
    await accepted(sts, provider);
    const client = crClient(sts, provider, transport);
    const error = await refusal(client.listNamespace({ InstanceId: 'cri-mock0000000001' }));
    client.close();
    expect((error as ServiceError).status).toBe(403);
  });

  it('chains: a role assumed with another role’s credentials', async () => {
    const first = assumeRoleCredentials({ ...viaSts(), source: KEY, roleArn: roleArn('deployer') });
    const second = assumeRoleCredentials({ ...viaSts(), source: first, roleArn: roleArn('reader') });
    const before = stsCalls('AssumeRole');
    await accepted(sts, second);
    expect(stsCalls('AssumeRole') - before).toBe(2);
  });

  it('a wrong source secret is refused by its code, the secret unnamed', async () => {
    const provider = assumeRoleCredentials({ ...viaSts(), source: { accessKeyId: 'testid', accessKeySecret: 'not-the-secret-xyz' }, roleArn: roleArn('deployer') });
    const error = await refusal(Promise.resolve(provider()));
    expect(error.message).toMatch(/^assume role: STS answered HTTP 40\d SignatureDoesNotMatch/);
    expect(error.message).not.toContain('not-the-secret-xyz');
  });

  it('reaches STS at ALIBABA_CLOUD_STS_ENDPOINT (a host, over HTTPS)', async () => {
    const provider = assumeRoleCredentials({ transport, clock: () => sts.clock.now(), env: { ALIBABA_CLOUD_STS_ENDPOINT: hostOf(sts) }, source: KEY, roleArn: roleArn('deployer') });
    await accepted(sts, provider);
  });
});

describe('ECS instance RAM role', () => {
  it('IMDSv2: a token, the role name from the service, then its credentials', async () => {
    const provider = ecsRamRoleCredentials(viaMetadata());
    const credentials = await provider();
    expect(credentials.accessKeyId).toMatch(/^STS\./);
    await accepted(metadata, provider);
  });

  it('the role named by ALIBABA_CLOUD_ECS_METADATA; an unknown one is the service’s 404', async () => {
    await accepted(metadata, ecsRamRoleCredentials({ ...viaMetadata(), env: { ALIBABA_CLOUD_ECS_METADATA: INSTANCE_ROLE } }));
    const error = await refusal(Promise.resolve(ecsRamRoleCredentials({ ...viaMetadata(), roleName: 'other' })()));
    expect(error.message).toBe('ecs ram role: the metadata service answered HTTP 404 for the role credentials');
  });

  it('falls back to IMDSv1 when the token is refused, unless ALIBABA_CLOUD_IMDSV1_DISABLED=true', async () => {
    // A loopback front for the metadata server that refuses IMDSv2 tokens, as older services do.
    const front = http.createServer((req, res) => {
      if (req.method === 'PUT') {
        res.writeHead(403).end();
        return;
      }
      const upstream = http.request(`${metadata.url}${req.url}`, { method: req.method }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.end();
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const frontUrl = `http://127.0.0.1:${(front.address() as { port: number }).port}`;
    try {
      await accepted(metadata, ecsRamRoleCredentials({ ...viaMetadata(), metadataEndpoint: frontUrl }));
      const strict = ecsRamRoleCredentials({ ...viaMetadata(), metadataEndpoint: frontUrl, env: { ALIBABA_CLOUD_IMDSV1_DISABLED: 'true' } });
      const error = await refusal(Promise.resolve(strict()));
      expect(error.message).toBe('ecs ram role: the metadata service refused an IMDSv2 token (HTTP 403) and IMDSv1 is disabled');
    } finally {
      await new Promise((resolve) => front.close(resolve));
    }
  });

  it('ALIBABA_CLOUD_ECS_METADATA_DISABLED=true switches it off', () => {
    expect(() => ecsRamRoleCredentials({ env: { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'TRUE' } })).toThrow(
      new ConfigError('ecs ram role: disabled by ALIBABA_CLOUD_ECS_METADATA_DISABLED=true'),
    );
  });
});

describe('credentials URI', () => {
  it('GETs ALIBABA_CLOUD_CREDENTIALS_URI', async () => {
    const provider = credentialsUriCredentials({ transport, clock: () => metadata.clock.now(), env: { ALIBABA_CLOUD_CREDENTIALS_URI: `${metadata.url}/credentials-uri` } });
    await accepted(metadata, provider);
  });

  it('a failing URI names its origin and status only', async () => {
    const provider = credentialsUriCredentials({ transport, uri: `${metadata.url}/credentials-uri?role=nobody&secret=abc` });
    const error = await refusal(Promise.resolve(provider()));
    expect(error.message).toMatch(/^credentials uri: http:\/\/127\.0\.0\.1:\d+ answered HTTP 404$/);
  });
});

describe('aliyun CLI profiles (~/.aliyun/config.json)', () => {
  function cliHome(profiles: object[], current = 'default') {
    const h = home();
    h.write('.aliyun/config.json', JSON.stringify({ current, profiles }));
    return h.dir;
  }

  it.each([
    ['AK', { mode: 'AK', access_key_id: 'testid', access_key_secret: 'testsecret' }, 'metadata'],
    ['RamRoleArn', { mode: 'RamRoleArn', access_key_id: 'testid', access_key_secret: 'testsecret', ram_role_arn: roleArn('deployer'), ram_session_name: 'cli', expired_seconds: 900 }, 'sts'],
    ['EcsRamRole', { mode: 'EcsRamRole', ram_role_name: INSTANCE_ROLE }, 'metadata'],
    ['CredentialsURI', { mode: 'CredentialsURI', credentials_uri: 'URI' }, 'metadata'],
  ] as const)('mode %s', async (_mode, profile, where) => {
    const server = where === 'sts' ? sts : metadata;
    const fields = { ...profile, ...('credentials_uri' in profile ? { credentials_uri: `${metadata.url}/credentials-uri` } : {}) };
    const dir = cliHome([{ name: 'default', ...fields }]);
    const provider = cliProfileCredentials({ ...viaSts(), ...viaMetadata(), clock: () => server.clock.now(), homeDir: dir });
    await accepted(server, provider);
  });

  it('modes StsToken, OIDC and ChainableRamRoleArn; the profile from ALIBABA_CLOUD_PROFILE, else `current`', async () => {
    const issued = await assumeRoleCredentials({ ...viaSts(), source: KEY, roleArn: roleArn('deployer') })();
    const tokenFile = home().write('token', oidcToken(sts.clock.now()));
    const dir = cliHome(
      [
        { name: 'sts', mode: 'StsToken', access_key_id: issued.accessKeyId, access_key_secret: issued.accessKeySecret, sts_token: issued.securityToken },
        { name: 'oidc', mode: 'OIDC', ram_role_arn: roleArn('deployer'), oidc_provider_arn: OIDC_ARN, oidc_token_file: tokenFile },
        { name: 'base', mode: 'AK', access_key_id: 'testid', access_key_secret: 'testsecret' },
        { name: 'chained', mode: 'ChainableRamRoleArn', source_profile: 'base', ram_role_arn: roleArn('reader') },
      ],
      'sts',
    );
    await accepted(sts, cliProfileCredentials({ ...viaSts(), homeDir: dir }));
    const before = stsCalls('AssumeRoleWithOIDC');
    await accepted(sts, cliProfileCredentials({ ...viaSts(), homeDir: dir, env: { ALIBABA_CLOUD_PROFILE: 'oidc' } }));
    expect(stsCalls('AssumeRoleWithOIDC') - before).toBe(1);
    await accepted(sts, cliProfileCredentials({ ...viaSts(), homeDir: dir, profile: 'chained' }));
  });

  it('says what is missing: the file, the profile, a field, the switch; never the file’s text', () => {
    const none = home().dir;
    expect(() => cliProfileCredentials({ homeDir: none, env: {} })).toThrow(`cli profile: ${none}/.aliyun/config.json does not exist`);
    const dir = cliHome([{ name: 'default', mode: 'AK', access_key_id: 'testid' }]);
    expect(() => cliProfileCredentials({ homeDir: dir, env: {} })).toThrow(`cli profile "default" (${dir}/.aliyun/config.json): mode AK needs access_key_secret`);
    expect(() => cliProfileCredentials({ homeDir: dir, env: { ALIBABA_CLOUD_PROFILE: 'ci' } })).toThrow(`cli profile "ci" (${dir}/.aliyun/config.json): no profile named "ci"`);
    expect(() => cliProfileCredentials({ homeDir: dir, env: { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' } })).toThrow('cli profile: disabled by ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true');
    const broken = home();
    broken.write('.aliyun/config.json', '{"profiles": [{"access_key_secret": "leaky-secret-1"');
    const error = (() => {
      try {
        cliProfileCredentials({ homeDir: broken.dir, env: {} });
      } catch (e) {
        return e as Error;
      }
      throw new Error('expected a ConfigError');
    })();
    expect(error.message).toBe(`cli profile: ${broken.dir}/.aliyun/config.json is not valid JSON`);
  });
});

describe('the credentials file (~/.alibabacloud/credentials)', () => {
  const ini = (body: string) => {
    const h = home();
    h.write('.alibabacloud/credentials', body);
    return h.dir;
  };

  it('types access_key, ecs_ram_role and ram_role_arn; section default, else ALIBABA_CLOUD_PROFILE', async () => {
    const dir = ini(
      [
        '# pipeline credentials',
        '[default]',
        'type = access_key',
        'access_key_id = testid',
        'access_key_secret = "testsecret"',
        '',
        '[ecs]',
        'type = ecs_ram_role',
        `role_name = ${INSTANCE_ROLE}`,
        '',
        '[role]',
        'type = ram_role_arn',
        'access_key_id = testid',
        'access_key_secret = testsecret',
        `role_arn = ${roleArn('reader')}`,
        'role_session_name = from-ini',
      ].join('\n'),
    );
    await accepted(metadata, iniProfileCredentials({ homeDir: dir, env: {}, transport }));
    await accepted(metadata, iniProfileCredentials({ ...viaMetadata(), homeDir: dir, env: { ALIBABA_CLOUD_PROFILE: 'ecs' } }));
    await accepted(sts, iniProfileCredentials({ ...viaSts(), homeDir: dir, profile: 'role' }));
  });

  it('ALIBABA_CLOUD_CREDENTIALS_FILE names the file; a missing section or type is named', () => {
    const h = home();
    const file = h.write('elsewhere.ini', '[default]\ntype = access_key\naccess_key_id = testid\n');
    expect(() => iniProfileCredentials({ env: { ALIBABA_CLOUD_CREDENTIALS_FILE: file } })).toThrow(`ini profile [default] (${file}): type access_key needs access_key_secret`);
    expect(() => iniProfileCredentials({ env: { ALIBABA_CLOUD_CREDENTIALS_FILE: file, ALIBABA_CLOUD_PROFILE: 'x' } })).toThrow(`ini profile [x] (${file}): no such section`);
    const bad = h.write('bad.ini', '[default]\ntype = rsa_key_pair\n');
    expect(() => iniProfileCredentials({ env: { ALIBABA_CLOUD_CREDENTIALS_FILE: bad } })).toThrow(
      `ini profile [default] (${bad}): type "rsa_key_pair" is not supported (supported: access_key, ecs_ram_role, ram_role_arn)`,
    );
  });
});
