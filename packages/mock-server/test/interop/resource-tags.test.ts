// Resource tags over HTTP, with signature verification on. Two servers with the same seed run the
// same scenario: one driven by @alicloud/pop-core 1.8.0 sending the pre-flattened wire pairs
// (`ResourceId.1`, `Tag.1.Key`, ... as its users write them), the other by this repository's client
// taking natural values (`Tag: [{ Key, Value }]`); their answers must be the same. Then the server's
// own semantics (filters, NextToken paging, the metadata's error codes) and its reading of the wire
// (errors that name the element: `Tag.2.Key`).
import RPCClient from '@alicloud/pop-core';
import { AcrClient } from '@acr-ee/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';

const CREDENTIALS = { accessKeyId: 'LTAIresourceTagsKey', accessKeySecret: 'resource-tags-secret' };
const REGION_ID = 'cn-hangzhou';
const SEED = { instances: [{ instanceName: 'a' }, { instanceName: 'b' }, { instanceName: 'c' }, { instanceName: 'far', regionId: 'cn-shanghai' }] };
const [A, B, C, FAR] = ['cri-mock0000000001', 'cri-mock0000000002', 'cri-mock0000000003', 'cri-mock0000000004'];

type Body = Record<string, unknown>;
let popServer: MockServer;
let ourServer: MockServer;
let pop: RPCClient;
let client: AcrClient;

beforeAll(async () => {
  popServer = await startMockServer({ host: '127.0.0.1', port: 0, ...CREDENTIALS, verifySignature: true, seed: SEED });
  ourServer = await startMockServer({ host: '127.0.0.1', port: 0, ...CREDENTIALS, verifySignature: true, seed: SEED });
  pop = new RPCClient({ ...CREDENTIALS, endpoint: popServer.url, apiVersion: '2018-12-01' });
  client = new AcrClient({ ...CREDENTIALS, regionId: REGION_ID, endpoint: ourServer.url, retry: false });
});

afterAll(async () => {
  client?.close();
  await popServer?.close();
  await ourServer?.close();
});

/** The answer without what differs between two servers by design (the request's own ID). */
function comparable(body: Body): Body {
  const { RequestId: _id, ...rest } = body;
  return rest;
}

/** pop-core's parameters: the wire pairs of a natural request, as a pop-core user writes them by hand. */
function flattened(request: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (prefix: string, value: unknown): void => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(`${prefix}.${i + 1}`, item));
    else if (value !== null && typeof value === 'object') for (const [key, inner] of Object.entries(value)) walk(`${prefix}.${key}`, inner);
    else out[prefix] = String(value);
  };
  for (const [name, value] of Object.entries(request)) walk(name, value);
  return out;
}

const steps: [string, Record<string, unknown>][] = [
  ['TagResources', { ResourceType: 'Instance', ResourceId: [A, B], Tag: [{ Key: 'team', Value: 'payments' }, { Key: 'env', Value: 'prod' }] }],
  ['TagResources', { ResourceType: 'Instance', ResourceId: [C], Tag: [{ Key: 'team', Value: 'search' }, { Key: 'cost', Value: '' }] }],
  ['ListTagResources', { ResourceType: 'Instance', ResourceId: [A] }],
  ['ListTagResources', { ResourceType: 'Instance', Tag: [{ Key: 'team' }] }],
  ['ListTagResources', { ResourceType: 'Instance', Tag: [{ Key: 'team', Value: 'payments' }, { Key: 'env', Value: 'prod' }] }],
  ['ListTagResources', { ResourceType: 'Instance', ResourceId: [B, C], Tag: [{ Key: 'team', Value: 'search' }] }],
  ['TagResources', { ResourceType: 'Instance', ResourceId: [B], Tag: [{ Key: 'env', Value: 'staging' }] }],
  ['UntagResources', { ResourceType: 'Instance', ResourceId: [A], TagKey: ['env', 'absent'] }],
  ['UntagResources', { ResourceType: 'Instance', ResourceId: [C], All: true }],
  ['ListTagResources', { ResourceType: 'Instance', ResourceId: [A, B, C] }],
  ['ChangeResourceGroup', { ResourceId: A, ResourceRegionId: REGION_ID, ResourceGroupId: 'rg-aekz5nlvlaksnvi' }],
];

describe('a pop-core user sending Tag.1.Key and a user of this client', () => {
  it.each(['GET', 'POST'] as const)('get the same answers from the mock server (pop-core %s)', async (method) => {
    for (const [action, request] of steps) {
      const theirs = await pop.request<Body>(action, { RegionId: REGION_ID, ...flattened(request) }, { method });
      const ours = await (client as unknown as Record<string, (r: unknown) => Promise<Body>>)[action.charAt(0).toLowerCase() + action.slice(1)](request);
      expect(comparable(theirs), `${action} ${JSON.stringify(request)}`).toEqual(comparable(ours));
    }
    const listed = await client.listTagResources({ ResourceType: 'Instance', ResourceId: [A, B, C] });
    expect(listed.TagResources?.TagResource).toEqual([
      { ResourceId: A, ResourceType: 'Instance', TagKey: 'team', TagValue: 'payments' },
      { ResourceId: B, ResourceType: 'Instance', TagKey: 'env', TagValue: 'staging' },
      { ResourceId: B, ResourceType: 'Instance', TagKey: 'team', TagValue: 'payments' },
    ]);
    // Reset both for the other method.
    await client.untagResources({ ResourceType: 'Instance', ResourceId: [A, B, C], All: true });
    await pop.request('UntagResources', { RegionId: REGION_ID, ResourceType: 'Instance', ...flattened({ ResourceId: [A, B, C] }), All: true }, { method });
  });
});

async function refused(promise: Promise<unknown>): Promise<{ code?: string; message: string; data?: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('the call succeeded, but it should have failed');
}

describe('the mock server', () => {
  it('pages ListTagResources by NextToken, 50 pairs a page', async () => {
    const tags = Array.from({ length: 20 }, (_, i) => ({ Key: `k${String(i).padStart(2, '0')}`, Value: `v${i}` }));
    await client.tagResources({ ResourceType: 'Instance', ResourceId: [A, B, C], Tag: tags });
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.listTagResources({ ResourceType: 'Instance', Tag: [{ Key: 'k00' }], ...(token ? { NextToken: token } : {}) });
      pages++;
      for (const pair of page.TagResources?.TagResource ?? []) seen.push(`${pair.ResourceId}/${pair.TagKey}`);
      token = page.NextToken || undefined;
    } while (token !== undefined);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
    // The client's iterator follows the same tokens and yields the same pairs, in the same order.
    const iterated: string[] = [];
    for await (const pair of client.listTagResourcesAll({ ResourceType: 'Instance', Tag: [{ Key: 'k00' }] })) iterated.push(`${pair.ResourceId}/${pair.TagKey}`);
    expect(iterated).toEqual(seen);
    const error = await refused(client.listTagResources({ ResourceType: 'Instance', ResourceId: [A], NextToken: 'not-a-token' }));
    expect(error).toMatchObject({ code: 'InvalidParameter.NextToken' });
    // A 21st tag is over the per-resource quota.
    expect(await refused(client.tagResources({ ResourceType: 'Instance', ResourceId: [A], Tag: [{ Key: 'one-more', Value: 'x' }] }))).toMatchObject({ code: 'QuotaExceed.TagsPerResource' });
    await client.untagResources({ ResourceType: 'Instance', ResourceId: [A, B, C], All: true });
  });

  it('answers the metadata error codes', async () => {
    const tag = [{ Key: 'k', Value: 'v' }];
    expect(await refused(client.tagResources({ ResourceType: 'Instance', ResourceId: [FAR], Tag: tag }))).toMatchObject({ code: 'InvalidResourceId.NotFound' });
    expect(await refused(client.tagResources({ ResourceType: 'Instance', ResourceId: ['cri-nothere'], Tag: tag }))).toMatchObject({ code: 'InvalidResourceId.NotFound' });
    expect(await refused(client.tagResources({ ResourceType: 'Instance', ResourceId: [A], Tag: [...tag, { Key: 'k', Value: 'w' }] }))).toMatchObject({ code: 'Duplicate.TagKey' });
    expect(await refused(client.untagResources({ ResourceType: 'Instance', ResourceId: [A] }))).toMatchObject({ code: 'InvalidParameter.TagKeysOrDeleteAll' });
    expect(await refused(client.untagResources({ ResourceType: 'Instance', TagKey: ['k'] }))).toMatchObject({ code: 'MissingParameter.ResourceIds' });
    expect(await refused(client.listTagResources({ ResourceType: 'Instance' }))).toMatchObject({ code: 'MissingParameter.ResourceIdsOrTags' });
    expect(await refused(client.changeResourceGroup({ ResourceId: A, ResourceRegionId: 'cn-shanghai', ResourceGroupId: 'rg-x1' }))).toMatchObject({ code: 'ResourceNotFound' });
    expect(await refused(client.changeResourceGroup({ ResourceId: A, ResourceRegionId: REGION_ID, ResourceGroupId: 'group' }))).toMatchObject({ code: 'InvalidResourceGroup' });
  });

  it('reads the wire pairs back element by element, naming the wrong one', async () => {
    const call = (params: Record<string, string>) => refused(pop.request('TagResources', { RegionId: REGION_ID, ResourceType: 'Instance', 'ResourceId.1': A, ...params }, { method: 'GET' }));
    const cases: [Record<string, string>, string][] = [
      [{ 'Tag.1.Key': 'a', 'Tag.1.Value': 'b', 'Tag.2.Value': 'c' }, '"Tag.2.Key" is not valid: it is required'],
      [{ 'Tag.1.Key': 'a', 'Tag.1.Value': 'b', 'Tag.1.Colour': 'red' }, '"Tag.1.Colour" is not valid'],
      [{ 'Tag.0.Key': 'a', 'Tag.0.Value': 'b' }, '"Tag.0" is not valid'],
      [{ Tag: 'a=b' }, '"Tag" is not valid'],
      [{ 'Tag.1.Key': '', 'Tag.1.Value': 'b' }, '"Tag.1.Key" is not valid: it must be at least 1 characters long'],
    ];
    for (const [params, message] of cases) {
      const error = await call(params);
      expect(error.code, JSON.stringify(params)).toBe('InvalidParameter');
      expect(error.message, JSON.stringify(params)).toContain(message);
    }
    const missing = await refused(pop.request('TagResources', { RegionId: REGION_ID, ResourceType: 'Instance', 'ResourceId.1': A }, { method: 'GET' }));
    expect(missing).toMatchObject({ code: 'MissingParameter' });
    expect(missing.message).toContain('"Tag"');
    // Gaps, as the vendor's runtime leaves for a null element, are closed in index order.
    await pop.request('TagResources', { RegionId: REGION_ID, ResourceType: 'Instance', 'ResourceId.3': B, 'ResourceId.1': A, 'Tag.2.Key': 'gap', 'Tag.2.Value': 'ok' }, { method: 'GET' });
    const popClientView = await pop.request<Body>('ListTagResources', { RegionId: REGION_ID, ResourceType: 'Instance', 'Tag.1.Key': 'gap' }, { method: 'GET' });
    expect((popClientView.TagResources as { TagResource: Body[] }).TagResource.map((t) => t.ResourceId)).toEqual([A, B]);
  });
});
