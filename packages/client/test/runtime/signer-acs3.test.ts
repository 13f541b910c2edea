// ACS3-HMAC-SHA256 (signatureVersion: 'acs3'), held to an independent implementation: the vendor's
// @alicloud/openapi-util 0.3.3, whose getAuthorization is what @alicloud/openapi-client signs with.
// For random parameter sets, random keys and both methods, our client sends to a loopback server;
// the test rebuilds the received request as a Tea request and asks openapi-util for its
// Authorization header, which must be the one our client sent, byte for byte.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, type OperationMeta, type ParamMeta } from '../../src/runtime/index.js';
import { TestClient, TOKEN } from './support/client.js';
import { integer, mulberry32, pick, randomName, randomSecret, randomValue, seedFrom } from '../../../wire/test/support/random.js';
import { json, startServer, type TestServer } from './support/server.js';
import { vendorAuthorization } from './support/vendor-signing.js';

const SETS = 300;
const SEED_VARIABLE = 'ACR_ACS3_SEED';
const RESERVED = new Set(['Action', 'Format', 'Version', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'SecurityToken', 'ResourceOwnerAccount', 'Signature', 'RegionId']);

let server: TestServer;
beforeAll(async () => {
  server = await startServer((_received, res) => json(res, 200, { RequestId: 'acs3' }));
});
afterAll(() => server.close());

describe('ACS3-HMAC-SHA256 signing', () => {
  it(`agrees with @alicloud/openapi-util on ${SETS} random requests (GET and POST, with and without a token)`, async () => {
    const seed = seedFrom(SEED_VARIABLE);
    const random = mulberry32(seed);
    for (let i = 0; i < SETS; i++) {
      const accessKeyId = `LTAI${randomName(random)}`;
      const accessKeySecret = randomSecret(random);
      const names = new Set<string>();
      while (names.size < integer(random, 0, 6)) {
        const name = randomName(random);
        if (!RESERVED.has(name)) names.add(name);
      }
      const params: ParamMeta[] = [...names].map((name) => ({ name, kind: 'string', required: false }));
      const op: OperationMeta = { action: `Op${randomName(random)}`, readOnly: true, params };
      const request = Object.fromEntries([...names].map((name) => [name, randomValue(random)]));
      const method = pick(random, ['GET', 'POST'] as const);
      const client = new TestClient({
        regionId: 'cn-hangzhou',
        endpoint: server.url,
        signatureVersion: 'acs3',
        method,
        accessKeyId,
        accessKeySecret,
        ...(random() < 0.3 ? { securityToken: TOKEN } : {}),
      });
      try {
        await client.call(op, request);
      } finally {
        client.close();
      }
      const received = server.received.at(-1)!;
      const context = `set ${i} of seed ${seed} (reproduce with ${SEED_VARIABLE}=${seed})`;
      expect(received.headers.authorization, context).toBe(vendorAuthorization(received, accessKeyId, accessKeySecret));
      // The request's own parameters arrive as sent; the v1 parameters do not travel at all.
      expect(received.params, context).toMatchObject(request);
      expect(received.params.Signature, context).toBeUndefined();
      expect(received.params.SignatureNonce, context).toBeUndefined();
      expect(received.headers['x-acs-action'], context).toBe(op.action);
    }
    expect(server.received.length).toBe(SETS);
  });

  it('is refused as an unknown option value', () => {
    expect(() => new TestClient({ regionId: 'cn-hangzhou', endpoint: server.url, accessKeyId: 'a', accessKeySecret: 'b', signatureVersion: 'v3' as never })).toThrow(ConfigError);
  });
});
