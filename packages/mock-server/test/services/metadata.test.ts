// The ECS metadata paths (IMDSv2 token, role name, role credentials, IMDSv1) and the credentials
// URI: what they answer, and that the credentials they hand out work on the CR endpoints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { http, json } from '../runtime/support/wire.js';
import { crClient, INSTANCE, type Issued } from './support.js';

const TTL = 'x-aliyun-ecs-metadata-token-ttl-seconds';
const TOKEN = 'x-aliyun-ecs-metadata-token';
const ROLES = '/latest/meta-data/ram/security-credentials/';

let server: MockServer;
let hardened: MockServer;
let bare: MockServer;
beforeAll(async () => {
  server = await startMockServer({ instanceRole: 'EcsRunnerRole' });
  hardened = await startMockServer({ instanceRole: 'EcsRunnerRole', imdsV1: false });
  bare = await startMockServer();
});
afterAll(() => Promise.all([server.stop(), hardened.stop(), bare.stop()]));

async function token(on: MockServer, ttl = '21600'): Promise<string> {
  const reply = await http(on.url, 'PUT', '/latest/api/token', undefined, { [TTL]: ttl });
  expect(reply.status).toBe(200);
  return reply.text;
}

describe('IMDSv2', () => {
  it('token, role name, role credentials: credentials the CR endpoints accept', async () => {
    const t = await token(server);
    const name = await http(server.url, 'GET', ROLES, undefined, { [TOKEN]: t });
    expect(name).toMatchObject({ status: 200, text: 'EcsRunnerRole' });
    const reply = await http(server.url, 'GET', `${ROLES}EcsRunnerRole`, undefined, { [TOKEN]: t });
    expect(reply.status).toBe(200);
    const c = json(reply) as unknown as Issued & { Code: string; LastUpdated: string };
    expect(c).toMatchObject({ Code: 'Success', AccessKeyId: expect.stringMatching(/^STS\./), LastUpdated: expect.any(String) });
    expect(Date.parse(c.Expiration) - server.clock.now()).toBeGreaterThan(5 * 3600_000);
    const client = crClient(server.url, c);
    await expect(client.getInstance({ InstanceId: INSTANCE })).resolves.toMatchObject({ InstanceId: INSTANCE });
    client.close();
    // The same credentials until shortly before they expire, as the real service.
    const again = json(await http(server.url, 'GET', `${ROLES}EcsRunnerRole`, undefined, { [TOKEN]: t }));
    expect(again.AccessKeyId).toBe(c.AccessKeyId);
  });

  it.each([['0'], ['21601'], ['abc'], [undefined]])('a token TTL of %s is refused', async (ttl) => {
    const reply = await http(server.url, 'PUT', '/latest/api/token', undefined, ttl === undefined ? {} : { [TTL]: ttl });
    expect(reply.status).toBe(400);
    expect(reply.text).toContain(TTL);
  });

  it('an unknown or expired token is 401', async () => {
    expect((await http(server.url, 'GET', ROLES, undefined, { [TOKEN]: 'made-up' })).status).toBe(401);
    const t = await token(server, '1');
    server.clock.advance(1000);
    expect((await http(server.url, 'GET', ROLES, undefined, { [TOKEN]: t })).status).toBe(401);
  });

  it('another role name, another path, another method: 404 / 405', async () => {
    expect((await http(server.url, 'GET', `${ROLES}OtherRole`)).status).toBe(404);
    expect((await http(server.url, 'GET', '/latest/meta-data/instance-id')).status).toBe(404);
    expect((await http(server.url, 'GET', '/latest/api/token')).status).toBe(405);
  });
});

describe('IMDSv1', () => {
  it('answers without a token by default', async () => {
    expect(await http(server.url, 'GET', ROLES)).toMatchObject({ status: 200, text: 'EcsRunnerRole' });
  });

  it('is refused with imdsV1: false (403), while tokens still work', async () => {
    expect((await http(hardened.url, 'GET', ROLES)).status).toBe(403);
    expect((await http(hardened.url, 'GET', ROLES, undefined, { [TOKEN]: await token(hardened) })).status).toBe(200);
  });

  it('an instance without a role has none to list', async () => {
    expect((await http(bare.url, 'GET', ROLES)).status).toBe(404);
  });
});

describe('credentials URI', () => {
  it('GET /credentials-uri: the instance role, or ?role=NAME; credentials the CR endpoints accept', async () => {
    for (const path of ['/credentials-uri', '/credentials-uri?role=AnyRole']) {
      const reply = await http(server.url, 'GET', path);
      expect(reply.status).toBe(200);
      const c = json(reply) as unknown as Issued;
      const client = crClient(server.url, c);
      await expect(client.listNamespace({ InstanceId: INSTANCE })).resolves.toMatchObject({ IsSuccess: true });
      client.close();
    }
  });

  it('without a role to give: 404 with a JSON error', async () => {
    const reply = await http(bare.url, 'GET', '/credentials-uri');
    expect(reply.status).toBe(404);
    expect(json(reply).Code).toBe('EntityNotExist.Role');
  });
});
