// Parameter errors name the parameter and say how long the value was, never what it was: a value
// may be a secret, markup or megabytes. Real handlers over real HTTP.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import { call, json, KEY } from './support/wire.js';

const INSTANCE = 'cri-mock0000000001';

describe('parameter errors of the handlers', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ ...KEY });
  });
  afterAll(() => server?.stop());

  it.each([
    ['markup', 'x<&>y', 5],
    ['a secret-looking value', 'Zk9SecretValue+/=', 17],
    ['a long value', `a${'_b'.repeat(600)}`, 1201],
    ['astral characters', 'team-\u{1F600}', 6],
  ])('never echo %s, only its length', async (_what, value, length) => {
    const reply = await call(server.url, { Action: 'CreateNamespace', InstanceId: INSTANCE, NamespaceName: value });
    const body = json(reply);
    expect([reply.status, body.Code]).toEqual([400, 'InvalidParameter']);
    expect(body.Message).toContain('NamespaceName');
    expect(body.Message).toContain(`got a string of ${length} characters`);
    expect(reply.text).not.toContain(value.slice(0, 5));
  });

  it('never echo a trigger URL', async () => {
    const reply = await call(server.url, { Action: 'CreateNamespace', InstanceId: INSTANCE, NamespaceName: 'echo' });
    expect(reply.status).toBe(200);
    const repo = await call(server.url, { Action: 'CreateRepository', InstanceId: INSTANCE, RepoNamespaceName: 'echo', RepoName: 'r', RepoType: 'PRIVATE', Summary: 's' });
    expect(repo.status).toBe(200);
    const url = 'ftp://user:hunter2@hooks.local/x';
    const trigger = await call(server.url, {
      Action: 'CreateRepoTrigger',
      InstanceId: INSTANCE,
      RepoId: json(repo).RepoId as string,
      TriggerName: 't',
      TriggerTag: '*',
      TriggerType: 'ALL',
      TriggerUrl: url,
    });
    expect([trigger.status, json(trigger).Code]).toEqual([400, 'InvalidParameter']);
    expect(json(trigger).Message).toContain(`got a string of ${url.length} characters`);
    expect(trigger.text).not.toContain('hunter2');
  });
});
