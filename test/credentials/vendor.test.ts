// The vendor's credentials library (@alicloud/credentials) as an independent peer: in a child
// process trusting the HTTPS mock server through NODE_EXTRA_CA_CERTS, it obtains credentials from
// the mock's STS (OIDC and AssumeRole) and credentials URI, which the mock's CR endpoints then
// accept; and on the same sources (files, environment, URI) our providers and chain yield what it yields.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cliProfileCredentials, defaultCredentialsChain, staticCredentials, type Credentials } from '@acr-ee/client';
import type { MockServer } from '@acr-ee/mock-server';
import { crClient, home, hostOf, instanceStatus, KEY, OIDC_ARN, oidcToken, roleArn, useCredentialsServers } from './support.js';

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);

interface Job {
  readonly name: string;
  readonly provider: 'oidc' | 'ramRoleArn' | 'uri' | 'cli' | 'default';
  readonly options?: Record<string, unknown>;
  readonly env?: Record<string, string>;
}
type Outcome = (Credentials & { providerName: string }) | { error: string };

const servers = useCredentialsServers();

/** Runs the jobs in one child process; nothing of the test's environment reaches it but PATH. */
async function vendor(jobs: readonly Job[]): Promise<Record<string, Outcome>> {
  const caFile = home().write('mock-ca.pem', servers.sts.certificate!);
  const { stdout } = await run(process.execPath, ['--require', join(here, 'loopback-only.cjs'), join(here, 'vendor-peer.cjs'), JSON.stringify(jobs)], {
    cwd: here,
    env: { PATH: process.env.PATH ?? '', HOME: home().dir, NODE_EXTRA_CA_CERTS: caFile },
    timeout: 120_000,
  });
  return JSON.parse(stdout) as Record<string, Outcome>;
}

function credentialsOf(outcome: Outcome | undefined): Credentials & { providerName: string } {
  if (outcome === undefined || 'error' in outcome) throw new Error(`the vendor's library failed: ${outcome === undefined ? 'no result' : outcome.error}`);
  return outcome;
}

async function accepted(server: MockServer, c: Credentials): Promise<void> {
  const client = crClient(server, staticCredentials({ accessKeyId: c.accessKeyId, accessKeySecret: c.accessKeySecret, securityToken: c.securityToken }), server === servers.sts ? servers.transport : undefined);
  try {
    await expect(instanceStatus(client)).resolves.toBe('RUNNING');
  } finally {
    client.close();
  }
}

describe('the vendor’s library against the mock server', () => {
  it('gets credentials from STS (AssumeRoleWithOIDC, AssumeRole over HTTPS) and the credentials URI, which the CR endpoints accept', async () => {
    const tokenFile = home().write('token', oidcToken(servers.sts.clock.now()));
    const oidcBefore = servers.stsCalls('AssumeRoleWithOIDC');
    const assumeBefore = servers.stsCalls('AssumeRole');
    const results = await vendor([
      { name: 'oidc', provider: 'oidc', options: { roleArn: roleArn('deployer'), oidcProviderArn: OIDC_ARN, oidcTokenFile: tokenFile, stsEndpoint: hostOf(servers.sts) } },
      { name: 'ramRoleArn', provider: 'ramRoleArn', options: { ...KEY, roleArn: roleArn('reader'), stsEndpoint: hostOf(servers.sts) } },
      { name: 'uri', provider: 'uri', options: { uri: `${servers.metadata.url}/credentials-uri` } },
    ]);
    const oidc = credentialsOf(results.oidc);
    const assumed = credentialsOf(results.ramRoleArn);
    expect(oidc.accessKeyId).toMatch(/^STS\./);
    expect(assumed.accessKeyId).toMatch(/^STS\./);
    expect(servers.stsCalls('AssumeRoleWithOIDC') - oidcBefore).toBe(1);
    expect(servers.stsCalls('AssumeRole') - assumeBefore).toBe(1);
    await accepted(servers.sts, oidc);
    await accepted(servers.sts, assumed);
    await accepted(servers.metadata, credentialsOf(results.uri));
  });

  it('cannot reach anything but loopback (its default chain would ask the ECS metadata address)', async () => {
    const results = await vendor([{ name: 'ecs', provider: 'default', env: { ALIBABA_CLOUD_CLI_PROFILE_DISABLED: 'true' } }]);
    expect(results.ecs).toEqual({ error: expect.stringContaining('loopback-only: a connection to 100.100.100.200 was refused') });
  });
});

describe('ours and the vendor’s agree on the same sources', () => {
  it('the CLI profile (RamRoleArn with its sts_endpoint): both assume the role, both accepted', async () => {
    const h = home();
    h.write('.aliyun/config.json', JSON.stringify({ current: 'ci', profiles: [{ name: 'ci', mode: 'RamRoleArn', ...profileKey(), ram_role_arn: roleArn('deployer'), ram_session_name: 'pipeline', sts_endpoint: hostOf(servers.sts) }] }));
    const theirs = credentialsOf((await vendor([{ name: 'cli', provider: 'cli', env: { HOME: h.dir } }])).cli);
    const ours = await cliProfileCredentials({ homeDir: h.dir, env: {}, transport: servers.transport })();
    expect(theirs.providerName).toBe('cli_profile/ram_role_arn/static_ak');
    for (const c of [theirs, ours]) {
      expect(c.accessKeyId).toMatch(/^STS\./);
      await accepted(servers.sts, c);
    }
  });

  it('the default chain: the environment, the ini file, and the credentials URI yield the same credentials', async () => {
    const iniHome = home();
    iniHome.write('.alibabacloud/credentials', '[default]\ntype = access_key\naccess_key_id = testid\naccess_key_secret = testsecret\n');
    const empty = home().dir;
    const noEcs = { ALIBABA_CLOUD_ECS_METADATA_DISABLED: 'true' };
    const sources: Record<string, { env: Record<string, string>; homeDir: string }> = {
      environment: { env: { ...noEcs, ALIBABA_CLOUD_ACCESS_KEY_ID: 'testid', ALIBABA_CLOUD_ACCESS_KEY_SECRET: 'testsecret', ALIBABA_CLOUD_SECURITY_TOKEN: 'sts-token' }, homeDir: empty },
      ini: { env: noEcs, homeDir: iniHome.dir },
      uri: { env: { ...noEcs, ALIBABA_CLOUD_CREDENTIALS_URI: `${servers.metadata.url}/credentials-uri` }, homeDir: empty },
    };
    const results = await vendor(Object.entries(sources).map(([name, s]) => ({ name, provider: 'default', env: { ...s.env, HOME: s.homeDir } })));
    for (const [name, s] of Object.entries(sources)) {
      const theirs = credentialsOf(results[name]);
      const ours = await defaultCredentialsChain({ env: s.env, homeDir: s.homeDir, transport: servers.transport })();
      expect({ name, ...pick(ours) }).toEqual({ name, ...pick(theirs) });
    }
    await accepted(servers.metadata, credentialsOf(results.uri));
  });
});

function profileKey() {
  return { access_key_id: KEY.accessKeyId, access_key_secret: KEY.accessKeySecret };
}

/** The fields both libraries hand out; a mismatch report shows the id, the secret and token only as digests. */
function pick(c: Credentials): Record<string, unknown> {
  const digest = (text: string | undefined) => (text === undefined ? null : createHash('sha256').update(text).digest('hex').slice(0, 16));
  return { accessKeyId: c.accessKeyId, secret: digest(c.accessKeySecret), securityToken: digest(c.securityToken) };
}
