// Array and object parameters (CURATION G-21): the client takes natural values (`Tag: [{ Key, Value }]`),
// checks every element, and sends them flattened (repeatList: `Tag.1.Key=...`) or as one JSON string
// (json), signed with both signature v1 and ACS3. Held to the vendor: the received pairs are what
// @alicloud/openapi-util's query() makes of the same value, and the ACS3 Authorization is what its
// getAuthorization computes for the request as received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureOf } from '@acr-ee/wire';
import { ValidationError, type OperationMeta } from '../../src/runtime/index.js';
import { integer, mulberry32, pick, randomValue, seedFrom } from '../../../wire/test/support/random.js';
import { ACCESS_KEY_ID, SECRET, TestClient } from './support/client.js';
import { json, startServer, type Received, type TestServer } from './support/server.js';
import { OpenApiUtil, vendorAuthorization } from './support/vendor-signing.js';

const TagResources: OperationMeta = {
  action: 'TagResources',
  readOnly: false,
  params: [
    { name: 'RegionId', kind: 'string', required: true, serverVariable: 'regionId' },
    { name: 'ResourceId', kind: 'array', required: true, style: 'repeatList', items: { kind: 'string', minLength: 1 }, minItems: 1, maxItems: 50 },
    {
      name: 'Tag',
      kind: 'array',
      required: false,
      style: 'repeatList',
      items: { kind: 'object', properties: { Key: { kind: 'string', minLength: 1 }, Value: { kind: 'string' } }, requiredProperties: ['Key'] },
      maxItems: 20,
    },
    { name: 'Namespaces', kind: 'array', required: false, style: 'json', items: { kind: 'string', minLength: 1 } },
    // Sorts right after every `Tag.N...` pair ('.' < 'A'): the pairs must stay together, in place.
    { name: 'TagA', kind: 'string', required: false },
  ],
};

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_received, res) => json(res, 200, { RequestId: 'structured' }));
});
afterAll(() => server.close());

function client(config: Partial<ConstructorParameters<typeof TestClient>[0]> = {}): TestClient {
  return new TestClient({ regionId: 'cn-hangzhou', endpoint: server.url, accessKeyId: ACCESS_KEY_ID, accessKeySecret: SECRET, retry: false, ...config });
}

function randomRequest(random: () => number): Record<string, unknown> {
  const request: Record<string, unknown> = { ResourceId: Array.from({ length: integer(random, 1, 12) }, () => `cri-${integer(random, 0, 1e6)}`) };
  if (random() < 0.8) {
    request.Tag = Array.from({ length: integer(random, 0, 12) }, () => ({ Key: randomValue(random) || 'k', ...(random() < 0.7 ? { Value: randomValue(random) } : {}) }));
  }
  if (random() < 0.5) request.Namespaces = Array.from({ length: integer(random, 0, 4) }, () => randomValue(random) || 'ns');
  if (random() < 0.3) request.TagA = randomValue(random);
  return request;
}

/** What the vendor's runtime puts on the wire for the same request. */
function vendorPairs(request: Record<string, unknown>): Record<string, string> {
  const { Namespaces, ...rest } = request;
  return { ...OpenApiUtil.query(rest), ...(Namespaces === undefined ? {} : { Namespaces: JSON.stringify(Namespaces) }) };
}

function ownParams(received: Received): Record<string, string> {
  return Object.fromEntries(Object.entries(received.params).filter(([name]) => /^(ResourceId|Tag|Namespaces|TagA)(\.|$)/.test(name)));
}

describe('structured parameters on the wire', () => {
  it('sends what @alicloud/openapi-util sends for random values, signed with v1 and ACS3 (GET and POST)', async () => {
    const seed = seedFrom('ACR_STRUCTURED_SEED');
    const random = mulberry32(seed);
    for (let i = 0; i < 120; i++) {
      const request = randomRequest(random);
      const method = pick(random, ['GET', 'POST'] as const);
      const signatureVersion = pick(random, ['v1', 'acs3'] as const);
      const c = client({ method, signatureVersion });
      try {
        await c.call(TagResources, request);
      } finally {
        c.close();
      }
      const received = server.received.at(-1)!;
      const context = `request ${i} of seed ${seed} (${method}, ${signatureVersion}; reproduce with ACR_STRUCTURED_SEED=${seed})`;
      expect(ownParams(received), context).toEqual(vendorPairs(request));
      if (signatureVersion === 'acs3') expect(received.headers.authorization, context).toBe(vendorAuthorization(received, ACCESS_KEY_ID, SECRET));
      else {
        const { Signature, ...signed } = received.params;
        expect(Signature, context).toBe(signatureOf(method, signed, SECRET));
      }
    }
  });

  it('names the element that is wrong, and sends nothing', async () => {
    const before = server.received.length;
    const c = client();
    const refused = async (request: object) => {
      const error = await c.call(TagResources, request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues;
    };
    expect(await refused({ ResourceId: ['cri-1'], Tag: [{ Key: 'a' }, { Key: 7 }] })).toEqual([{ param: 'Tag.2.Key', message: 'must be a string, got a number' }]);
    expect(await refused({ ResourceId: ['cri-1'], Tag: [{ Key: 'a', Colour: 'red' }] })).toMatchObject([{ param: 'Tag.1.Colour' }]);
    expect(await refused({ ResourceId: ['cri-1'], Tag: [{ Value: 'v' }] })).toEqual([{ param: 'Tag.1.Key', message: 'is required' }]);
    expect(await refused({ ResourceId: [] })).toMatchObject([{ param: 'ResourceId', message: 'must hold at least 1 element, got 0' }]);
    expect(await refused({ ResourceId: 'cri-1' })).toMatchObject([{ param: 'ResourceId', message: 'must be an array, got a string of 5 characters' }]);
    expect(await refused({ ResourceId: new Array(51).fill('cri-1') })).toMatchObject([{ param: 'ResourceId', message: 'must hold at most 50 elements, got 51' }]);
    expect(await refused({ ResourceId: ['cri-1'], Namespaces: ['ok', ''] })).toMatchObject([{ param: 'Namespaces[1]' }]);
    c.close();
    expect(server.received.length).toBe(before);
  });

  it('sends an empty optional list as nothing, and a json list as one value', async () => {
    const c = client();
    await c.call(TagResources, { ResourceId: ['cri-1'], Tag: [], Namespaces: [] });
    c.close();
    expect(ownParams(server.received.at(-1)!)).toEqual({ 'ResourceId.1': 'cri-1', Namespaces: '[]' });
  });
});
