// RAM: the resource ARN of every operation from its chapter 5 template, policy documents (checked
// when loaded), and the server's decisions: allow, deny, wildcards, Deny wins, no policy allows all.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations, type OperationName } from '../../src/runtime/api.js';
import { startMockServer, type MockServer } from '../../src/index.js';
import { ArnTemplate, CompiledPolicy, PolicyError, type RamPolicy } from '../../src/runtime/policy/ram.js';
import { Wildcard } from '../../src/runtime/policy/wildcard.js';
import { ACTION_NAMES, exampleHandlers, exampleParams } from './support/stand-in.js';
import { call, encodeParams, http, json, KEY, signed } from './support/wire.js';

const ACCOUNT = '5555666677778888';

describe('resource ARNs', () => {
  it.each(ACTION_NAMES)('%s: every placeholder but $accountid is filled from the request or is *', (action) => {
    const template = new ArnTemplate(operations[action]);
    const arn = template.resource(exampleParams(action), ACCOUNT);
    expect(arn).not.toContain('$');
    const spec = operations[action];
    if (spec.ram.resource !== '*') expect(arn.startsWith(`acs:cr:${exampleParams(action).RegionId}:${ACCOUNT}:`)).toBe(true);
    for (const param of Object.values(template.bindings())) {
      if (param !== undefined) expect(spec.params.map((p) => p.name)).toContain(param);
    }
  });

  const bindings: [OperationName, Record<string, string | undefined>][] = [
    ['GetInstance', { regionid: 'RegionId', instanceid: 'InstanceId' }],
    ['CreateNamespace', { regionid: 'RegionId', instanceid: 'InstanceId', namespacename: 'NamespaceName' }],
    ['GetRepository', { regionid: 'RegionId', instanceid: 'InstanceId', namespacename: 'RepoNamespaceName', repositoryname: 'RepoName' }],
    ['ListRepoTag', { regionid: 'RegionId', instanceid: 'InstanceId', namespacename: undefined, repositoryname: undefined }],
    ['GetChartRepository', { regionid: 'RegionId', instanceid: 'InstanceId', chartnamespacename: 'RepoNamespaceName', chartrepositoryname: 'RepoName' }],
    ['GetChartNamespace', { regionid: 'RegionId', instanceid: 'InstanceId', chartnamespacename: 'NamespaceName' }],
  ];
  it.each(bindings)('%s binds its placeholders to %j', (action, want) => {
    expect(new ArnTemplate(operations[action]).bindings()).toEqual(want);
  });

  it('substitutes * for a parameter the request does not carry', () => {
    const template = new ArnTemplate(operations.ListRepoTag);
    expect(template.resource({ RegionId: 'cn-hangzhou', InstanceId: 'cri-1', RepoId: 'crr-1' }, ACCOUNT)).toBe(`acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-1/*/*`);
    const get = new ArnTemplate(operations.GetRepository);
    expect(get.resource({ RegionId: 'r', InstanceId: 'cri-1', RepoNamespaceName: 'ns', RepoName: 'app' }, ACCOUNT)).toBe(`acs:cr:r:${ACCOUNT}:repository/cri-1/ns/app`);
  });
});

describe('policy documents', () => {
  const allow = (Action: string | string[], Resource: string | string[]): RamPolicy => ({ Statement: [{ Effect: 'Allow', Action, Resource }] });
  const cases: [string, RamPolicy, string, string, boolean][] = [
    ['an exact match', allow('cr:GetInstance', 'acs:cr:r:1:instance/cri-1'), 'cr:GetInstance', 'acs:cr:r:1:instance/cri-1', true],
    ['another resource', allow('cr:GetInstance', 'acs:cr:r:1:instance/cri-1'), 'cr:GetInstance', 'acs:cr:r:1:instance/cri-2', false],
    ['* across : and /', allow('cr:*', 'acs:cr:*'), 'cr:GetRepository', 'acs:cr:r:1:repository/cri-1/ns/app', true],
    ['? for one character', allow('cr:Get*', 'acs:cr:cn-??????:*:instance/*'), 'cr:GetInstance', 'acs:cr:cn-bejing:1:instance/x', true],
    ['? not for two', allow('cr:Get*', 'acs:cr:cn-?:*:instance/*'), 'cr:GetInstance', 'acs:cr:cn-xx:1:instance/x', false],
    ['actions without regard to case', allow('CR:getinstance', '*'), 'cr:GetInstance', 'x', true],
    ['resources with regard to case', allow('cr:*', 'acs:cr:*:*:instance/CRI-1'), 'cr:GetInstance', 'acs:cr:r:1:instance/cri-1', false],
    ['regex characters literally', allow('cr:*', 'acs:cr:*:*:instance/a.c'), 'cr:GetInstance', 'acs:cr:r:1:instance/abc', false],
    ['lists', allow(['cr:List*', 'cr:Get*'], ['acs:cr:*:*:instance/a', 'acs:cr:*:*:instance/b']), 'cr:GetInstance', 'acs:cr:r:1:instance/b', true],
  ];
  it.each(cases)('%s', (_name, policy, action, resource, allowed) => {
    expect(new CompiledPolicy(policy).authorize(action, resource).allowed).toBe(allowed);
  });

  it('lets an explicit Deny win over any Allow', () => {
    const policy = new CompiledPolicy({
      Statement: [
        { Effect: 'Allow', Action: 'cr:*', Resource: '*' },
        { Effect: 'Deny', Action: 'cr:Delete*', Resource: 'acs:cr:*:*:repository/cri-1/*' },
      ],
    });
    expect(policy.authorize('cr:DeleteRepository', 'acs:cr:r:1:repository/cri-1/ns/app')).toEqual({ allowed: false, why: 'explicitly denied by the policy' });
    expect(policy.authorize('cr:DeleteRepository', 'acs:cr:r:1:repository/cri-2/ns/app').allowed).toBe(true);
    expect(policy.authorize('cr:GetRepository', 'acs:cr:r:1:repository/cri-1/ns/app').allowed).toBe(true);
  });

  it.each([
    ['not an object', [], 'the policy must be a JSON object'],
    ['no Statement', {}, 'Statement must be an array'],
    ['a bad Effect', { Statement: [{ Effect: 'allow', Action: '*', Resource: '*' }] }, 'Statement[0].Effect must be "Allow" or "Deny"'],
    ['no Action', { Statement: [{ Effect: 'Allow', Resource: '*' }] }, 'Statement[0].Action must be'],
    ['an empty Resource list', { Statement: [{ Effect: 'Allow', Action: '*', Resource: [] }] }, 'Statement[0].Resource must be'],
    ['a Condition', { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*', Condition: {} }] }, 'Statement[0].Condition is not supported'],
  ])('refuses %s, saying where', (_name, document, message) => {
    expect(() => new CompiledPolicy(document)).toThrow(PolicyError);
    expect(() => new CompiledPolicy(document)).toThrow(message);
  });
});

describe('the server with a policy', () => {
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({
      ...KEY,
      accountId: ACCOUNT,
      handlers: exampleHandlers(),
      policy: {
        Version: '1',
        Statement: [
          { Effect: 'Allow', Action: ['cr:Get*', 'cr:List*'], Resource: 'acs:cr:*:*:instance/*' },
          { Effect: 'Allow', Action: 'cr:*', Resource: `acs:cr:*:${ACCOUNT}:repository/cri-open/*` },
          { Effect: 'Deny', Action: 'cr:DeleteRepository', Resource: '*' },
        ],
      },
    });
  });
  afterAll(() => server?.stop());

  const instance = (id: string) => ({ ...exampleParams('GetInstance'), InstanceId: id });

  it('allows what a statement allows', async () => {
    expect((await call(server.url, instance('cri-any'))).status).toBe(200);
    const repo = { Action: 'GetRepository', RegionId: 'cn-hangzhou', InstanceId: 'cri-open', RepoNamespaceName: 'ns', RepoName: 'app' };
    expect((await call(server.url, repo)).status).toBe(200);
  });

  it('refuses what none allows with 403 Forbidden.RAM naming the action and resource', async () => {
    const reply = await call(server.url, { Action: 'GetRepository', RegionId: 'cn-hangzhou', InstanceId: 'cri-closed', RepoNamespaceName: 'ns', RepoName: 'app' });
    expect(reply.status).toBe(403);
    const body = json(reply);
    expect(body.Code).toBe('Forbidden.RAM');
    expect(body.Message).toContain('cr:GetRepository');
    expect(body.Message).toContain(`acs:cr:cn-hangzhou:${ACCOUNT}:repository/cri-closed/ns/app`);
    expect((await call(server.url, { Action: 'ListInstance', RegionId: 'cn-hangzhou' })).status).toBe(403);
  });

  it('lets Deny win', async () => {
    const reply = await call(server.url, { Action: 'DeleteRepository', RegionId: 'cn-hangzhou', InstanceId: 'cri-open', RepoId: 'crr-1' });
    expect([reply.status, json(reply).Code]).toEqual([403, 'Forbidden.RAM']);
    expect(json(reply).Message).toContain('explicitly denied');
  });

  it('checks the parameters before the policy', async () => {
    expect(json(await call(server.url, { Action: 'GetRepository', RegionId: 'r' })).Code).toBe('MissingParameter');
  });

  it('takes a new policy at run time (admin) and drops it', async () => {
    const put = await http(server.url, 'PUT', '/-/policy', JSON.stringify({ Statement: [{ Effect: 'Deny', Action: 'cr:*', Resource: '*' }] }));
    expect(put.status).toBe(200);
    expect(json(await call(server.url, instance('cri-any'))).Code).toBe('Forbidden.RAM');
    const bad = await http(server.url, 'PUT', '/-/policy', JSON.stringify({ Statement: [{ Effect: 'Maybe' }] }));
    expect([bad.status, json(bad).Code]).toEqual([400, 'InvalidParameter']);
    expect((await http(server.url, 'DELETE', '/-/policy')).status).toBe(200);
    expect(json(await http(server.url, 'GET', '/-/policy'))).toEqual({ policy: null });
    expect((await call(server.url, { Action: 'ListInstance', RegionId: 'cn-hangzhou' })).status).toBe(200);
    server.reset();
    expect((await call(server.url, { Action: 'ListInstance', RegionId: 'cn-hangzhou' })).status).toBe(403);
  });
});

describe('wildcards in linear time', () => {
  // The regular expression the patterns once became: the oracle for small inputs (it backtracks).
  const oracle = (pattern: string): RegExp =>
    new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^]*').replace(/\?/g, '[^]')}$`);

  it('agrees with the regular expression on every pattern and text over a small alphabet', () => {
    // Every pattern of up to 5 characters from `ab*?` and every text of up to 6 from `ab`.
    const words = (alphabet: string, max: number): string[] => {
      const out = [''];
      for (let i = 0; out[i] !== undefined && out[i].length < max; i++) for (const c of alphabet) out.push(out[i] + c);
      return out;
    };
    const texts = words('ab', 6);
    let compared = 0;
    const disagreements: string[] = [];
    for (const pattern of words('ab*?', 5)) {
      const wildcard = new Wildcard(pattern);
      const regex = oracle(pattern);
      for (const text of texts) {
        if (wildcard.matches(text) !== regex.test(text)) disagreements.push(`${pattern} on ${text}`);
        compared++;
      }
    }
    expect(disagreements).toEqual([]);
    expect(compared).toBe(1365 * 127);
  });

  it('matches actions without regard to case when asked', () => {
    expect(new Wildcard('CR:get*', { ignoreCase: true }).matches('cr:GetInstance')).toBe(true);
    expect(new Wildcard('CR:get*').matches('cr:GetInstance')).toBe(false);
  });

  it.each([
    ['*a*a*a*a*c', 'a'],
    ['*a*a*a*a*a*a*a*a*a*a*b', 'a'],
    ['*aaaaaaaab*', 'a'],
    ['acs:cr:*:*:repository/cri-mock0000000001/team/*', ':'],
    ['*?*?*?*?*?*?*?*?x', 'y'],
  ])('compares at most (text length + 1) x longest piece characters: %s', (pattern, fill) => {
    const longest = Math.max(...pattern.split('*').map((piece) => piece.length));
    const wildcard = new Wildcard(pattern);
    for (const length of [64, 6_000, 60_000]) {
      const meter = { steps: 0 };
      expect(wildcard.matches(fill.repeat(length), meter)).toBe(false);
      expect(meter.steps).toBeLessThanOrEqual((length + 1) * longest);
    }
  });
});

describe('the README example policy', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const policy = JSON.parse(/## RAM policies\s+```json\n([^]*?)```/.exec(readme)?.[1] ?? 'null') as RamPolicy;
  let server: MockServer;
  beforeAll(async () => {
    server = await startMockServer({ ...KEY, policy });
  });
  afterAll(() => server?.stop());

  it('answers a 60,000-character NamespaceName of colons with the 400 naming it, and health meanwhile', async () => {
    const params = signed({ Action: 'CreateNamespace', RegionId: 'cn-hangzhou', InstanceId: 'cri-mock0000000001', NamespaceName: ':'.repeat(60_000) });
    // The colons as they may be sent, unencoded: the query stays within the 64 KiB request target.
    const query = encodeParams(params).replace(/%3A/g, ':');
    const [reply, health] = await Promise.all([http(server.url, 'GET', `/?${query}`), http(server.url, 'GET', '/-/health')]);
    expect(health.status).toBe(200);
    expect([reply.status, json(reply).Code]).toEqual([400, 'InvalidParameter']);
    expect(json(reply).Message).toContain('"NamespaceName"');
    expect(json(reply).Message).toContain('60000 characters');
    expect(json(reply).Message).not.toContain('::');
  });

  it('refuses a value that would shape the resource, whatever the policy allows', async () => {
    for (const [name, value] of [['RegionId', 'x:y'], ['InstanceId', 'cri-mock0000000001/team'], ['NamespaceName', 'team/x'], ['NamespaceName', '*']]) {
      const params = { Action: 'CreateNamespace', RegionId: 'cn-hangzhou', InstanceId: 'cri-mock0000000001', NamespaceName: 'team', [name]: value };
      const reply = await call(server.url, params);
      expect([name, value, reply.status, json(reply).Code]).toEqual([name, value, 400, 'InvalidParameter']);
      expect(json(reply).Message).toContain(`"${name}"`);
    }
  });

  it('still allows what it allows and refuses the rest', async () => {
    const create = (NamespaceName: string) => call(server.url, { Action: 'CreateNamespace', RegionId: 'cn-hangzhou', InstanceId: 'cri-mock0000000001', NamespaceName });
    expect([(await create('elsewhere')).status, json(await create('elsewhere')).Code]).toEqual([403, 'Forbidden.RAM']);
    expect((await call(server.url, { Action: 'GetInstance', RegionId: 'cn-hangzhou', InstanceId: 'cri-mock0000000001' })).status).toBe(200);
  });
});
