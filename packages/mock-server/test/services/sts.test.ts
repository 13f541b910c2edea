// STS on the mock server: AssumeRole, AssumeRoleWithOIDC and GetCallerIdentity; issued keys work on
// the CR endpoints until they expire on the server's clock, and only as far as their role allows.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ServiceError } from '@acr-ee/client';
import { startMockServer, type MockServer } from '../../src/index.js';
import { KEY } from '../runtime/support/wire.js';
import { ACCOUNT, CLIENT_ID, crClient, INSTANCE, ISSUER, issuedOf, jwt, OIDC_ARN, oidcProvider, otherKeys, roleArn, sts } from './support.js';

const readOnly = { Version: '1', Statement: [{ Effect: 'Allow' as const, Action: ['cr:Get*', 'cr:List*'], Resource: '*' }] };

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({
    ...KEY,
    roles: { deployer: {}, reader: { policy: readOnly }, 'long-runner': { maxSessionDurationSeconds: 7200 } },
    oidcProviders: [oidcProvider],
  });
});
afterAll(() => server.stop());
beforeEach(() => server.reset());

async function assume(name: string, extra: Record<string, string> = {}) {
  return sts(server.url, { Action: 'AssumeRole', RoleArn: roleArn(name), RoleSessionName: 'ci-run', ...extra }, { timestamp: server.clock.now() });
}

async function expectServiceError(promise: Promise<unknown>, status: number, code: string): Promise<ServiceError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).status).toBe(status);
  expect((error as ServiceError).code).toBe(code);
  return error as ServiceError;
}

describe('AssumeRole', () => {
  it('issues STS credentials that the CR endpoints accept, and GetCallerIdentity names the session', async () => {
    const { status, body } = await assume('deployer', { DurationSeconds: '900' });
    expect(status).toBe(200);
    expect(body.AssumedRoleUser).toEqual({ AssumedRoleId: expect.stringMatching(/^[0-9]{17}:ci-run$/), Arn: `acs:ram::${ACCOUNT}:role/deployer/ci-run` });
    const c = issuedOf(body);
    expect(c.AccessKeyId).toMatch(/^STS\./);
    expect(Date.parse(c.Expiration) - server.clock.now()).toBeGreaterThan(890_000);
    const client = crClient(server.url, c);
    await expect(client.getInstance({ InstanceId: INSTANCE })).resolves.toMatchObject({ InstanceId: INSTANCE });
    client.close();
    const who = await sts(server.url, { Action: 'GetCallerIdentity' }, { accessKeyId: c.AccessKeyId, secret: c.AccessKeySecret, token: c.SecurityToken });
    expect(who.body).toMatchObject({ IdentityType: 'AssumedRoleUser', AccountId: ACCOUNT, Arn: `acs:ram::${ACCOUNT}:assumed-role/deployer/ci-run` });
    const root = await sts(server.url, { Action: 'GetCallerIdentity' });
    expect(root.body).toMatchObject({ IdentityType: 'Account', AccountId: ACCOUNT, Arn: `acs:ram::${ACCOUNT}:root` });
  });

  it('keys stop working when they expire on the server clock', async () => {
    const c = issuedOf((await assume('deployer', { DurationSeconds: '900' })).body);
    const client = crClient(server.url, c);
    await client.getInstance({ InstanceId: INSTANCE });
    server.clock.advance(901_000);
    await expectServiceError(client.getInstance({ InstanceId: INSTANCE }), 403, 'InvalidSecurityToken.Expired');
    client.close();
  });

  it('an issued key needs its own SecurityToken', async () => {
    const c = issuedOf((await assume('deployer')).body);
    const other = issuedOf((await assume('deployer')).body);
    const client = crClient(server.url, { ...c, SecurityToken: other.SecurityToken });
    await expectServiceError(client.getInstance({ InstanceId: INSTANCE }), 403, 'InvalidSecurityToken.MismatchWithAccessKey');
    client.close();
    const tokenless = crClient(server.url, { ...c, SecurityToken: undefined as unknown as string });
    await expectServiceError(tokenless.getInstance({ InstanceId: INSTANCE }), 403, 'InvalidSecurityToken.MismatchWithAccessKey');
    tokenless.close();
  });

  it("applies the role's policy, and the session's Policy on top of it", async () => {
    const reader = crClient(server.url, issuedOf((await assume('reader')).body));
    await reader.getInstance({ InstanceId: INSTANCE });
    const denied = await expectServiceError(reader.createNamespace({ InstanceId: INSTANCE, NamespaceName: 'team-a' }), 403, 'Forbidden.RAM');
    expect(denied.serviceMessage).toContain('cr:CreateNamespace');
    reader.close();
    const sessionPolicy = JSON.stringify({ Version: '1', Statement: [{ Effect: 'Allow', Action: 'cr:ListNamespace', Resource: '*' }] });
    const narrow = crClient(server.url, issuedOf((await assume('deployer', { Policy: sessionPolicy })).body));
    await narrow.listNamespace({ InstanceId: INSTANCE });
    await expectServiceError(narrow.getInstance({ InstanceId: INSTANCE }), 403, 'Forbidden.RAM');
    narrow.close();
  });

  it('chains: a session may assume another role (at most one hour)', async () => {
    const first = issuedOf((await assume('deployer')).body);
    const { status, body } = await sts(
      server.url,
      { Action: 'AssumeRole', RoleArn: roleArn('long-runner'), RoleSessionName: 'chained', DurationSeconds: '7200' },
      { accessKeyId: first.AccessKeyId, secret: first.AccessKeySecret, token: first.SecurityToken },
    );
    expect(status).toBe(200);
    expect(Date.parse(issuedOf(body).Expiration) - server.clock.now()).toBeLessThanOrEqual(3600_000);
  });

  it.each([
    [{ RoleArn: roleArn('nobody') }, 404, 'EntityNotExist.Role'],
    [{ RoleArn: `acs:ram::999:role/deployer` }, 404, 'EntityNotExist.Role'],
    [{ RoleArn: 'arn:aws:iam::1:role/x' }, 400, 'InvalidParameter.RoleArn'],
    [{ RoleSessionName: 'a' }, 400, 'InvalidParameter.RoleSessionName'],
    [{ DurationSeconds: '600' }, 400, 'InvalidParameter.DurationSeconds'],
    [{ DurationSeconds: '7200' }, 400, 'InvalidParameter.DurationSeconds'],
    [{ Policy: '{not json' }, 400, 'InvalidParameter.PolicyGrammar'],
    [{ ExternalId: 'a' }, 400, 'InvalidParameter.ExternalId'],
    [{ RoleArn: '' }, 400, 'MissingParameter'],
  ])('refuses %j: %i %s', async (change, status, code) => {
    const params: Record<string, string> = { Action: 'AssumeRole', RoleArn: roleArn('deployer'), RoleSessionName: 'ci-run', ...change };
    const reply = await sts(server.url, params, { timestamp: server.clock.now() });
    expect(reply.status).toBe(status);
    expect(reply.body.Code).toBe(code);
  });

  it('is signed: a wrong secret is SignatureDoesNotMatch, an unknown key InvalidAccessKeyId.NotFound', async () => {
    const params = { Action: 'AssumeRole', RoleArn: roleArn('deployer'), RoleSessionName: 'ci-run' };
    expect((await sts(server.url, params, { secret: 'wrong' })).body.Code).toBe('SignatureDoesNotMatch');
    expect((await sts(server.url, params, { accessKeyId: 'nobody' })).body.Code).toBe('InvalidAccessKeyId.NotFound');
  });

  it('reset forgets every issued key', async () => {
    const c = issuedOf((await assume('deployer')).body);
    server.reset();
    const client = crClient(server.url, c);
    await expectServiceError(client.getInstance({ InstanceId: INSTANCE }), 403, 'InvalidAccessKeyId.NotFound');
    client.close();
  });
});

describe('AssumeRoleWithOIDC', () => {
  const oidc = (token: string, extra: Record<string, string> = {}) =>
    sts(server.url, { Action: 'AssumeRoleWithOIDC', OIDCProviderArn: OIDC_ARN, RoleArn: roleArn('reader'), OIDCToken: token, RoleSessionName: 'gh-actions', ...extra }, { accessKeyId: 'unused', secret: 'unsigned-anyway' });

  it('exchanges a token signed by the provider for credentials of the role (with its policy)', async () => {
    const { status, body } = await oidc(jwt({}, server.clock.now()));
    expect(status).toBe(200);
    expect(body.OIDCTokenInfo).toMatchObject({ Issuer: ISSUER, ClientIds: CLIENT_ID, Subject: 'system:serviceaccount:ci:builder', VerificationInfo: 'Success' });
    const client = crClient(server.url, issuedOf(body));
    await client.getInstance({ InstanceId: INSTANCE });
    await expectServiceError(client.deleteNamespace({ InstanceId: INSTANCE, NamespaceName: 'x' }), 403, 'Forbidden.RAM');
    client.close();
  });

  it('accepts an aud list that contains a client id', async () => {
    expect((await oidc(jwt({ aud: ['other', CLIENT_ID] }, server.clock.now()))).status).toBe(200);
  });

  it.each([
    ['another key', () => jwt({}, server.clock.now(), otherKeys.privateKey), 'AuthenticationFail.OIDCToken.SignatureInvalid'],
    ['another issuer', () => jwt({ iss: 'https://evil.example' }, server.clock.now()), 'AuthenticationFail.OIDCToken.IssuerMismatch'],
    ['another audience', () => jwt({ aud: 'someone-else' }, server.clock.now()), 'AuthenticationFail.OIDCToken.AudienceMismatch'],
    ['expired', () => jwt({}, server.clock.now() - 7200_000), 'AuthenticationFail.OIDCToken.Expired'],
    ['alg none', () => jwt({}, server.clock.now(), undefined, 'none'), 'InvalidParameter.OIDCToken'],
    ['not a JWT', () => 'abc', 'InvalidParameter.OIDCToken'],
  ])('refuses a token from %s', async (_what, token, code) => {
    const reply = await oidc(token());
    expect(reply.status).toBe(400);
    expect(reply.body.Code).toBe(code);
    expect(JSON.stringify(reply.body)).not.toContain(token().slice(0, 40));
  });

  it('a token that was valid expires with the server clock', async () => {
    const token = jwt({}, server.clock.now());
    server.clock.advance(3601_000);
    expect((await oidc(token)).body.Code).toBe('AuthenticationFail.OIDCToken.Expired');
  });

  it('an unknown provider is EntityNotExist.OIDCProvider', async () => {
    const reply = await oidc(jwt({}, server.clock.now()), { OIDCProviderArn: `acs:ram::${ACCOUNT}:oidc-provider/other` });
    expect(reply.status).toBe(404);
    expect(reply.body.Code).toBe('EntityNotExist.OIDCProvider');
  });
});

describe('options', () => {
  it.each([
    [{ roles: { 'bad name!': {} } }, /roles: "bad name!" is not a role name/],
    [{ roles: { r: { maxSessionDurationSeconds: 60 } } }, /roles.r.maxSessionDurationSeconds/],
    [{ roles: { r: { policy: { Statement: 'x' } } } }, /roles.r.policy: Statement must be an array/],
    [{ oidcProviders: [{ ...oidcProvider, arn: 'x' }] }, /oidcProviders\[0\].arn/],
    [{ oidcProviders: [{ ...oidcProvider, publicKey: 'not a key' }] }, /oidcProviders\[0\].publicKey is not a public key/],
    [{ oidcProviders: [{ ...oidcProvider, clientIds: [] }] }, /oidcProviders\[0\].clientIds/],
    [{ instanceRole: 'x y' }, /instanceRole must be a role name/],
    [{ roles: {}, instanceRole: 'missing' }, /instanceRole missing is not one of the roles/],
  ])('%j is refused', async (options, message) => {
    await expect(startMockServer(options as never)).rejects.toThrow(message);
  });
});
