// What the credentials tests share: mock servers standing in for STS, the ECS metadata service and
// a credentials URI (one over HTTPS, one over HTTP), an OIDC key of the test's own and JWTs signed
// with it, temporary home directories, a transport that trusts the HTTPS server's certificate, and
// a count of the STS actions a server answered.
import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as https from 'node:https';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { AcrClient, createNodeTransport, type CredentialsProvider, type Transport } from '@acr-ee/client';
import { startMockServer, type MockServer } from '@acr-ee/mock-server';

export const ACCOUNT = '1234567890123456';
export const INSTANCE = 'cri-mock0000000001';
export const OIDC_ARN = `acs:ram::${ACCOUNT}:oidc-provider/ci`;
export const ISSUER = 'https://oidc.example.test/ci';
export const AUDIENCE = 'sts.aliyuncs.com';
export const INSTANCE_ROLE = 'ecs-builder';
export const KEY = { accessKeyId: 'testid', accessKeySecret: 'testsecret' } as const;
export const roleArn = (name: string): string => `acs:ram::${ACCOUNT}:role/${name}`;

const oidcKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const readOnlyPolicy = { Version: '1', Statement: [{ Effect: 'Allow' as const, Action: ['cr:Get*', 'cr:List*'], Resource: '*' }] };

/** A mock server with the roles, the OIDC provider and the instance role these tests use; its log counts requests (STS's successes by action). */
export async function startCredentialsServer(tls: boolean): Promise<{ server: MockServer; stsCalls: (action: string) => number; logged: (fragment: string) => number }> {
  const lines: string[] = [];
  const server = await startMockServer({
    tls,
    roles: { deployer: {}, reader: { policy: readOnlyPolicy }, [INSTANCE_ROLE]: {} },
    oidcProviders: [{ arn: OIDC_ARN, issuer: ISSUER, clientIds: [AUDIENCE], publicKey: oidcKeys.publicKey.export({ type: 'spki', format: 'pem' }) as string }],
    instanceRole: INSTANCE_ROLE,
    log: (line) => lines.push(line),
    // Tests move the server clock by hours; the client signs with the machine's time.
    timestampWindowMs: 24 * 3_600_000,
  });
  const logged = (fragment: string) => lines.filter((line) => line.includes(fragment)).length;
  return { server, stsCalls: (action) => logged(` sts:${action} 200 `), logged };
}

/** An RS256 JWT for the test's OIDC provider, valid for an hour from `nowMs` (the mock's clock). */
export function oidcToken(nowMs: number, claims: Record<string, unknown> = {}): string {
  const now = Math.floor(nowMs / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ iss: ISSUER, aud: AUDIENCE, sub: 'system:serviceaccount:ci:builder', iat: now, exp: now + 3600, ...claims })}`;
  return `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), oidcKeys.privateKey).toString('base64url')}`;
}

/** A temporary directory standing in for a home; `write` puts a file under it. */
export function tempHome(): { dir: string; write: (path: string, text: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'acr-credentials-'));
  return {
    dir,
    write: (path, text) => {
      const file = join(dir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

const homes: { remove: () => void }[] = [];

/** A temporary home that `removeHomes` (a test file's afterEach) removes. */
export function home(): ReturnType<typeof tempHome> {
  const h = tempHome();
  homes.push(h);
  return h;
}

export function removeHomes(): void {
  for (const h of homes.splice(0)) h.remove();
}

/**
 * A transport that trusts the HTTPS mock server's generated certificate, and refuses any origin
 * that is not loopback (a provider that fell back to a real endpoint would fail, not leave).
 */
export function trustingTransport(server: MockServer): Transport {
  const inner = createNodeTransport({ httpsAgent: new https.Agent({ ca: server.certificate, keepAlive: false }) });
  const transport: Transport = (request) => {
    const host = new URL(request.origin).hostname;
    if (!/^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)$/.test(host)) return Promise.reject(new Error(`test transport: ${host} is not loopback`));
    return inner(request);
  };
  transport.close = () => inner.close?.();
  return transport;
}

/** `127.0.0.1:PORT`: a host the way ALIBABA_CLOUD_STS_ENDPOINT and the CLI's sts_endpoint hold it. */
export function hostOf(server: MockServer): string {
  return new URL(server.url).host;
}

/** A CR client of the mock server signing with `credentials`; no retries, so a refusal shows at once. */
export function crClient(server: MockServer, credentials: CredentialsProvider, transport?: Transport): AcrClient {
  return new AcrClient({ regionId: 'cn-hangzhou', endpoint: server.url, credentials, retry: false, transport });
}

/** Resolves with what the CR endpoints say of the instance: proof the credentials are accepted. */
export async function instanceStatus(client: AcrClient): Promise<string | undefined> {
  const answer = await client.getInstance({ InstanceId: INSTANCE });
  return answer.InstanceStatus;
}

export interface CredentialsServers {
  /** HTTPS: STS, and the CR endpoints for what it issues. */
  sts: MockServer;
  stsCalls: (action: string) => number;
  /** HTTP: the metadata paths, the credentials URI, and the CR endpoints for what they hand out. */
  metadata: MockServer;
  metadataLogged: (fragment: string) => number;
  /** Trusts `sts`'s certificate; refuses non-loopback origins. */
  transport: Transport;
}

/**
 * Starts both servers before a test file's tests and stops them after; after each test, resets
 * them and removes the temporary homes. The fields are set once the file's first hook has run.
 */
export function useCredentialsServers(): CredentialsServers {
  const servers = {} as CredentialsServers;
  beforeAll(async () => {
    ({ server: servers.sts, stsCalls: servers.stsCalls } = await startCredentialsServer(true));
    ({ server: servers.metadata, logged: servers.metadataLogged } = await startCredentialsServer(false));
    servers.transport = trustingTransport(servers.sts);
  });
  afterAll(async () => {
    servers.transport.close?.();
    await Promise.all([servers.sts.stop(), servers.metadata.stop()]);
  });
  afterEach(async () => {
    removeHomes();
    await Promise.all([servers.sts.reset(), servers.metadata.reset()]);
  });
  return servers;
}
