// Scan rules (CURATION.md M-60 to M-64) over HTTP through this repository's client, with signature
// verification on: what each scope needs, the AUTO trigger (a push or copy of a covered tag starts
// its scan; a MANUAL rule or an uncovered tag does not), listing, and the json style parameters
// read back element by element (errors naming `Namespaces[1]`).
import RPCClient from '@alicloud/pop-core';
import { AcrClient } from '@acr-ee/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';

const CREDENTIALS = { accessKeyId: 'LTAIscanRulesKey', accessKeySecret: 'scan-rules-secret' };
const INSTANCE = 'cri-mock0000000001';
const SEED = {
  instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1' }, { tag: 'dev' }] }, { name: 'web', tags: [{ tag: 'v1' }] }] }] }],
};

let server: MockServer;
let client: AcrClient;

beforeAll(async () => {
  server = await startMockServer({ host: '127.0.0.1', port: 0, ...CREDENTIALS, verifySignature: true, seed: SEED });
  client = new AcrClient({ ...CREDENTIALS, regionId: 'cn-hangzhou', endpoint: server.url, retry: false });
});

afterAll(async () => {
  client?.close();
  await server?.close();
});

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code;
  }
  throw new Error('the call succeeded, but it should have failed');
}

async function repoId(name: string): Promise<string> {
  const repo = await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: name });
  return String(repo.RepoId);
}

async function scanned(repo: string, tag: string): Promise<boolean> {
  try {
    await client.getRepoTagScanStatus({ InstanceId: INSTANCE, RepoId: repo, Tag: tag });
    return true;
  } catch {
    return false;
  }
}

describe('scan rules', () => {
  it('need what their scope says of Namespaces and RepoNames, and a unique name', async () => {
    const base = { InstanceId: INSTANCE, TriggerType: 'MANUAL' as const, RepoTagFilterPattern: '.*' };
    expect(await code(client.createScanRule({ ...base, RuleName: 'a', ScanScope: 'NAMESPACE' }))).toBe('InvalidParameter');
    expect(await code(client.createScanRule({ ...base, RuleName: 'a', ScanScope: 'REPO', Namespaces: ['team', 'other'], RepoNames: ['api'] }))).toBe('InvalidParameter');
    expect(await code(client.createScanRule({ ...base, RuleName: 'a', ScanScope: 'INSTANCE', Namespaces: ['team'] }))).toBe('InvalidParameter');
    expect(await code(client.createScanRule({ ...base, RuleName: 'a', ScanScope: 'INSTANCE', RepoTagFilterPattern: '(' }))).toBe('InvalidParameter');
    const { ScanRuleId } = await client.createScanRule({ ...base, RuleName: 'all', ScanScope: 'INSTANCE' });
    expect(await code(client.createScanRule({ ...base, RuleName: 'all', ScanScope: 'INSTANCE' }))).toBe('SCAN_RULE_ALREADY_EXIST');
    const got = await client.getScanRule({ InstanceId: INSTANCE, ScanRuleId: String(ScanRuleId) });
    expect(got.ScanRule).toMatchObject({ ScanRuleId, InstanceId: INSTANCE, RuleName: 'all', ScanScope: 'INSTANCE', ScanType: 'VUL', Namespaces: [], RepoNames: [] });
    await client.deleteScanRule({ ScanRuleId: String(ScanRuleId) });
    expect(await code(client.getScanRule({ InstanceId: INSTANCE, ScanRuleId: String(ScanRuleId) }))).toBe('SCAN_RULE_NOT_EXIST');
    expect(await code(client.deleteScanRule({ InstanceId: INSTANCE }))).toBe('InvalidParameter');
  });

  it('AUTO scans a copied tag the rule covers; MANUAL and uncovered tags are not scanned', async () => {
    const api = await repoId('api');
    const web = await repoId('web');
    const rule = await client.createScanRule({
      InstanceId: INSTANCE, RuleName: 'release', ScanScope: 'REPO', TriggerType: 'AUTO', Namespaces: ['team'], RepoNames: ['api'], RepoTagFilterPattern: 'v[0-9]+',
    });
    await client.createRepoTag({ InstanceId: INSTANCE, NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: 'v2' });
    await client.createRepoTag({ InstanceId: INSTANCE, NamespaceName: 'team', RepoName: 'api', FromTag: 'dev', ToTag: 'dev2' });
    await client.createRepoTag({ InstanceId: INSTANCE, NamespaceName: 'team', RepoName: 'web', FromTag: 'v1', ToTag: 'v3' });
    expect([await scanned(api, 'v2'), await scanned(api, 'dev2'), await scanned(web, 'v3')]).toEqual([true, false, false]);

    await client.updateScanRule({
      InstanceId: INSTANCE, ScanRuleId: String(rule.ScanRuleId), RuleName: 'release', ScanScope: 'NAMESPACE', TriggerType: 'MANUAL', Namespaces: ['team'], RepoTagFilterPattern: '.*',
    });
    await client.createRepoTag({ InstanceId: INSTANCE, NamespaceName: 'team', RepoName: 'web', FromTag: 'v1', ToTag: 'v4' });
    expect(await scanned(web, 'v4')).toBe(false);

    const listed = await client.listScanRule({ InstanceId: INSTANCE });
    expect(listed.ScanRules?.map((r) => [r.RuleName, r.ScanScope, r.TriggerType, r.Namespaces, r.RepoNames])).toEqual([['release', 'NAMESPACE', 'MANUAL', ['team'], []]]);
    expect((await client.listScanRule({ ScanType: 'SBOM' })).ScanRules).toEqual([]);
  });

  it('reads Namespaces and RepoNames as one JSON string each, naming a wrong element', async () => {
    const pop = new RPCClient({ ...CREDENTIALS, endpoint: server.url, apiVersion: '2018-12-01' });
    const params = { RegionId: 'cn-hangzhou', InstanceId: INSTANCE, RuleName: 'json', ScanScope: 'REPO', TriggerType: 'MANUAL', RepoTagFilterPattern: '.*' };
    const refused = async (extra: Record<string, string>): Promise<string> => {
      try {
        await pop.request('CreateScanRule', { ...params, ...extra }, { method: 'POST' });
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(await refused({ Namespaces: '["team"]', RepoNames: '["api",""]' })).toContain('"RepoNames[1]" is not valid: it must be at least 1 characters long');
    expect(await refused({ Namespaces: 'team', RepoNames: '["api"]' })).toContain('"Namespaces" is not valid: it must be JSON');
    expect(await refused({ Namespaces: '["team"]', RepoNames: '[1]' })).toContain('"RepoNames[0]" is not valid: it must be a string, got a number');
    const created = await pop.request<{ ScanRuleId: string }>('CreateScanRule', { ...params, Namespaces: '["team"]', RepoNames: '["api","web"]' }, { method: 'POST' });
    const got = await client.getScanRule({ InstanceId: INSTANCE, ScanRuleId: created.ScanRuleId });
    expect(got.ScanRule).toMatchObject({ Namespaces: ['team'], RepoNames: ['api', 'web'] });
  });
});
