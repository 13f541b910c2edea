// Registry credentials carry the identity that asked for them: GetAuthorizationToken called with an
// STS role session's key gives a temporary login that the token endpoint holds to that session's
// policies (the role's and the session's own Policy, as the API does), with real HTTP to /auth and
// /v2/; a session with no restricting policy gets pull and push; the login password
// (ResetLoginPassword) stays the account's, under the server's policy.
import { AcrClient } from '@acr-ee/client';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../../src/index.js';
import { KEY } from '../../runtime/support/wire.js';
import { ACCOUNT, crClient, INSTANCE, issuedOf, roleArn, sts } from '../support.js';

const APP = `acs:cr:*:*:repository/${INSTANCE}/team/app`;
const RESOURCE = (name: string): string => `acs:cr:cn-hangzhou:${ACCOUNT}:repository/${INSTANCE}/${name}`;
const SEED = { instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'app', tags: [{ tag: 'v1' }] }, { name: 'other', tags: [{ tag: 'v1' }] }] }] }] };

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({ ...KEY, seed: SEED, roles: { deployer: {} } });
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

/** A client signing with a new session of role deployer, narrowed by `statements` when given. */
async function session(statements?: readonly Record<string, unknown>[]): Promise<AcrClient> {
  const policy: Record<string, string> = statements === undefined ? {} : { Policy: JSON.stringify({ Version: '1', Statement: statements }) };
  const reply = await sts(server.url, { Action: 'AssumeRole', RoleArn: roleArn('deployer'), RoleSessionName: 'ci-run', DurationSeconds: '900', ...policy }, { timestamp: server.clock.now() });
  expect(reply.status).toBe(200);
  return crClient(server.url, issuedOf(reply.body));
}

async function login(client: AcrClient): Promise<string> {
  const token = await client.getAuthorizationToken({ InstanceId: INSTANCE });
  return `Basic ${Buffer.from(`${token.TempUsername}:${token.AuthorizationToken}`).toString('base64')}`;
}

/** `/auth` for the scopes; the bearer header when it answers 200, else its status. */
async function bearer(basic: string, scope: string): Promise<string | number> {
  const service = encodeURIComponent(`registry.aliyuncs.com:cn-hangzhou:${INSTANCE}`);
  const answer = await fetch(`${server.url}/auth?service=${service}&scope=${encodeURIComponent(scope)}`, { headers: { authorization: basic } });
  if (answer.status !== 200) return answer.status;
  return `Bearer ${((await answer.json()) as { token: string }).token}`;
}

async function registry(path: string, auth: string | number, method = 'GET'): Promise<{ status: number; code?: string; message?: string }> {
  expect(typeof auth).toBe('string');
  const answer = await fetch(`${server.url}${path}`, { method, headers: { authorization: String(auth) } });
  if (answer.status < 400) {
    await answer.arrayBuffer();
    return { status: answer.status };
  }
  const error = ((await answer.json()) as { errors: { code: string; message: string }[] }).errors[0];
  return { status: answer.status, code: error.code, message: error.message };
}

const BOTH = 'repository:team/app:pull,push repository:team/other:pull,push';

describe("registry credentials of a role session", () => {
  it("are held to the session's policy: pull allowed on one repository, push refused there, nothing elsewhere", async () => {
    const client = await session([
      { Effect: 'Allow', Action: ['cr:GetAuthorizationToken', 'cr:ResetLoginPassword'], Resource: '*' },
      { Effect: 'Allow', Action: 'cr:PullRepository', Resource: APP },
    ]);
    const auth = await bearer(await login(client), BOTH);
    expect(await registry('/v2/team/app/tags/list', auth)).toEqual({ status: 200 });
    expect((await registry('/v2/team/app/manifests/v1', auth)).status).toBe(200);
    const push = await registry('/v2/team/app/blobs/uploads/', auth, 'POST');
    expect(push).toMatchObject({ status: 403, code: 'DENIED' });
    expect(push.message).toContain(`cr:PushRepository on ${RESOURCE('team/app')}`);
    const elsewhere = await registry('/v2/team/other/tags/list', auth);
    expect(elsewhere).toMatchObject({ status: 403, code: 'DENIED' });
    expect(elsewhere.message).toContain(`cr:PullRepository on ${RESOURCE('team/other')}`);

    // The login password the session sets is the account's: the server has no policy, so it may push.
    await client.resetLoginPassword({ InstanceId: INSTANCE, Password: 'Account-login-1' });
    const password = await bearer(`Basic ${Buffer.from('someone:Account-login-1').toString('base64')}`, BOTH);
    expect((await registry('/v2/team/app/blobs/uploads/', password, 'POST')).status).toBe(202);
    client.close();
  });

  it('without a restricting policy pull and push, as the account does; the server policy binds the account, not the session, as in the API', async () => {
    const client = await session();
    const auth = await bearer(await login(client), BOTH);
    expect((await registry('/v2/team/other/tags/list', auth)).status).toBe(200);
    expect((await registry('/v2/team/app/blobs/uploads/', auth, 'POST')).status).toBe(202);

    server.setPolicy({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'cr:GetAuthorizationToken', Resource: '*' }] });
    expect((await registry('/v2/team/app/blobs/uploads/', await bearer(await login(client), BOTH), 'POST')).status).toBe(202);
    const account = new AcrClient({ ...KEY, regionId: 'cn-hangzhou', endpoint: server.url, retry: false });
    const refused = await registry('/v2/team/app/blobs/uploads/', await bearer(await login(account), BOTH), 'POST');
    expect(refused).toMatchObject({ status: 403, code: 'DENIED' });
    expect(refused.message).toContain(`cr:PushRepository on ${RESOURCE('team/app')}`);
    account.close();
    client.close();
  });

  it('last no longer than the session', async () => {
    const client = await session();
    const basic = await login(client);
    server.clock.advance(899_000);
    expect(typeof (await bearer(basic, BOTH))).toBe('string');
    server.clock.advance(2_000);
    expect(await bearer(basic, BOTH)).toBe(401);
    client.close();
  });
});
