// The default chain against the mock server: the vendor's order, the first provider that yields
// kept, the error naming what each one missed; the client's default when given no credentials; and
// renewal of temporary credentials on the mock's clock: once for concurrent calls, and a failed
// renewal that does not fail calls while the credentials held are valid.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AcrClient, CredentialsError, defaultCredentialsChain, type Transport } from '@acr-ee/client';
import type { MockServer } from '@acr-ee/mock-server';
import { crClient, instanceStatus, OIDC_ARN, oidcToken, roleArn, home, useCredentialsServers } from './support.js';

let sts: MockServer;
let stsCalls: (action: string) => number;
let metadata: MockServer;
let metadataLogged: (fragment: string) => number;
let transport: Transport;

const servers = useCredentialsServers();
beforeAll(() => {
  ({ sts, stsCalls, metadata, metadataLogged, transport } = servers);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const AK_PROFILE = { current: 'default', profiles: [{ name: 'default', mode: 'AK', access_key_id: 'testid', access_key_secret: 'testsecret' }] };

describe('the default chain', () => {
  it('takes the providers in the vendor’s order: environment, OIDC, CLI profile, ini file, ECS, credentials URI', async () => {
    const h = home();
    const tokenFile = h.write('token', oidcToken(sts.clock.now()));
    h.write('.aliyun/config.json', JSON.stringify(AK_PROFILE));
    h.write('.alibabacloud/credentials', `[default]\ntype = ram_role_arn\naccess_key_id = testid\naccess_key_secret = testsecret\nrole_arn = ${roleArn('reader')}\n`);
    const uri = `${metadata.url}/credentials-uri`;
    const oidc = { ALIBABA_CLOUD_ROLE_ARN: roleArn('deployer'), ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile };
    const chainWith = (env: Record<string, string>, homeDir = h.dir) =>
      defaultCredentialsChain({ env: { ALIBABA_CLOUD_CREDENTIALS_URI: uri, ...env }, homeDir, stsEndpoint: sts.url, metadataEndpoint: metadata.url, transport, clock: () => sts.clock.now() });

    // Environment first: its key as it is.
    const env = await chainWith({ ...oidc, ALIBABA_CLOUD_ACCESS_KEY_ID: 'envid', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'envsecret' })();
    expect(env.accessKeyId).toBe('envid');
    // Then OIDC (an STS key, from AssumeRoleWithOIDC), before the CLI profile.
    const before = stsCalls('AssumeRoleWithOIDC');
    expect((await chainWith(oidc)()).accessKeyId).toMatch(/^STS\./);
    expect(stsCalls('AssumeRoleWithOIDC') - before).toBe(1);
    // Then the CLI profile, before the ini file.
    expect((await chainWith({})()).accessKeyId).toBe('testid');
    // Then the ini file (AssumeRole of its role) when the CLI's profiles are switched off.
    const assumed = stsCalls('AssumeRole');
    expect((await chainWith({ ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' })()).accessKeyId).toMatch(/^STS\./);
    expect(stsCalls('AssumeRole') - assumed).toBe(1);
    // Then the ECS metadata service, before the credentials URI.
    const empty = home().dir;
    const tokens = metadataLogged('PUT /latest/api/token 200');
    await chainWith({}, empty)();
    expect(metadataLogged('PUT /latest/api/token 200') - tokens).toBe(1);
    // Last, the credentials URI.
    const uriCalls = metadataLogged('GET /credentials-uri 200');
    await chainWith({ ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' }, empty)();
    expect(metadataLogged('GET /credentials-uri 200') - uriCalls).toBe(1);
  });

  it('keeps the provider that yielded first, whatever changes later', async () => {
    const h = home();
    h.write('.aliyun/config.json', JSON.stringify(AK_PROFILE));
    const env: Record<string, string> = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
    const chain = defaultCredentialsChain({ env, homeDir: h.dir, transport });
    expect((await chain()).accessKeyId).toBe('testid');
    env.ALIBABA_CLOUD_ACCESS_KEY_ID = 'envid';
    env.ALIBABA_CLOUD_ACCESS_KEY_SECRET = 'envsecret';
    h.remove();
    expect((await chain()).accessKeyId).toBe('testid');
    const client = crClient(metadata, chain);
    await expect(instanceStatus(client)).resolves.toBe('RUNNING');
    client.close();
  });

  it('when none yields, one error names what each provider found missing or was refused, and no secret', async () => {
    const h = home();
    const stale = oidcToken(sts.clock.now() - 7_200_000);
    const env = {
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'half-set-secret-must-not-show',
      ALIBABA_CLOUD_ROLE_ARN: roleArn('deployer'),
      ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_ARN,
      ALIBABA_CLOUD_OIDC_TOKEN_FILE: h.write('token', stale),
      ALIBABA_CLOUD_ECS_METADATA: 'no-such-role',
      ALIBABA_CLOUD_CREDENTIALS_URI: `${metadata.url}/credentials-uri?role=nobody`,
    };
    h.write('.alibabacloud/credentials', '[default]\ntype = access_key\naccess_key_id = testid\n');
    const chain = defaultCredentialsChain({ env, homeDir: h.dir, stsEndpoint: sts.url, metadataEndpoint: metadata.url, transport });
    const error = (await Promise.resolve(chain()).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CredentialsError);
    const reasons = error.message.replace(/^default credentials chain: no provider yielded credentials\. /, '').split('; ');
    expect(reasons).toEqual([
      'environment: ALIBABA_CLOUD_ACCESS_KEY_ID is not set',
      expect.stringMatching(/^oidc role: STS answered HTTP 400 AuthenticationFail\.OIDCToken\.Expired/),
      `cli profile: ${h.dir}/.aliyun/config.json does not exist`,
      `ini profile [default] (${h.dir}/.alibabacloud/credentials): type access_key needs access_key_secret`,
      'ecs ram role: the metadata service answered HTTP 404 for the role credentials',
      expect.stringMatching(/^credentials uri: http:\/\/127\.0\.0\.1:\d+ answered HTTP 404$/),
    ]);
    expect(error.message).not.toContain('half-set-secret-must-not-show');
    expect(error.message).not.toContain(stale);
  });

  it('is the client’s default when given no credentials (process.env and the home directory)', async () => {
    const h = home();
    h.write('.aliyun/config.json', JSON.stringify(AK_PROFILE));
    vi.stubEnv('HOME', h.dir);
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_ID', '');
    vi.stubEnv('ALIBABA_CLOUD_ACCESS_KEY_SECRET', '');
    vi.stubEnv('ALIBABA_CLOUD_ROLE_ARN', '');
    vi.stubEnv('ALIBABA_CLOUD_CREDENTIALS_FILE', '');
    vi.stubEnv('ALIBABA_CLOUD_CREDENTIALS_URI', '');
    vi.stubEnv('ALIBABA_CLOUD_PROFILE', '');
    vi.stubEnv('ALIBABA_CLOUD_CLI_PROFILE_DISABLED', '');
    vi.stubEnv('ALIBABA_CLOUD_ECS_METADATA_DISABLED', 'true');
    const client = new AcrClient({ regionId: 'cn-hangzhou', endpoint: metadata.url, retry: false });
    expect(client.toJSON().credentials).toBe('default chain');
    await expect(instanceStatus(client)).resolves.toBe('RUNNING');
    client.close();
  });
});

describe('renewal on the mock’s clock', () => {
  function oidcChainClient(tokenFile: string) {
    const chain = defaultCredentialsChain({
      env: { ALIBABA_CLOUD_ROLE_ARN: roleArn('deployer'), ALIBABA_CLOUD_OIDC_PROVIDER_ARN: OIDC_ARN, ALIBABA_CLOUD_OIDC_TOKEN_FILE: tokenFile, ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' },
      homeDir: home().dir,
      stsEndpoint: sts.url,
      transport,
      clock: () => sts.clock.now(),
    });
    return { chain, client: crClient(sts, chain, transport) };
  }

  it('renews ahead of expiry, once for all concurrent calls', async () => {
    const h = home();
    // A session of 3,600 s (the default) is renewed a quarter of an hour before it expires.
    const { chain, client } = oidcChainClient(h.write('token', oidcToken(sts.clock.now())));
    const before = stsCalls('AssumeRoleWithOIDC');
    await instanceStatus(client);
    const first = (await chain()).accessKeyId;
    expect(stsCalls('AssumeRoleWithOIDC') - before).toBe(1);
    sts.clock.advance(3_000_000); // 50 of the 60 minutes: inside the quarter hour before expiry
    const statuses = await Promise.all(Array.from({ length: 8 }, () => instanceStatus(client)));
    expect(statuses).toEqual(Array(8).fill('RUNNING'));
    expect(stsCalls('AssumeRoleWithOIDC') - before).toBe(2);
    expect((await chain()).accessKeyId).not.toBe(first);
    client.close();
  });

  it('a failed renewal keeps the valid credentials in use; once they expire the call fails; the token file is read again', async () => {
    const h = home();
    const tokenFile = h.write('token', oidcToken(sts.clock.now()));
    const { chain, client } = oidcChainClient(tokenFile);
    await instanceStatus(client);
    const first = (await chain()).accessKeyId;
    // The platform's next token is one STS refuses (issued by another key: not a valid signature).
    h.write('token', `${oidcToken(sts.clock.now()).slice(0, -8)}AAAAAAAA`);
    sts.clock.advance(3_000_000);
    const calls = await Promise.all(Array.from({ length: 4 }, () => instanceStatus(client)));
    expect(calls).toEqual(Array(4).fill('RUNNING'));
    expect((await chain()).accessKeyId).toBe(first);
    // Past expiry on the server's clock: no credentials left to use.
    sts.clock.advance(700_000);
    const error = (await instanceStatus(client).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toMatch(/^GetInstance: oidc role: STS answered HTTP 400 AuthenticationFail\.OIDCToken\.SignatureInvalid/);
    // A good token in the file again: the next call renews with it.
    h.write('token', oidcToken(sts.clock.now()));
    await expect(instanceStatus(client)).resolves.toBe('RUNNING');
    expect((await chain()).accessKeyId).not.toBe(first);
    client.close();
  });
});
