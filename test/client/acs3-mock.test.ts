// The client's ACS3-HMAC-SHA256 signing (signatureVersion: 'acs3') as the mock server verifies it:
// reads and writes, GET and POST, are accepted with the right secret and refused with a wrong one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AcrClient, ServiceError, type HttpMethod } from '@acr-ee/client';
import { startMockServer, type MockServer } from '@acr-ee/mock-server';

const KEY = { accessKeyId: 'testid', accessKeySecret: 'testsecret' } as const;
const INSTANCE = 'cri-mock0000000001';

let server: MockServer;
beforeAll(async () => {
  server = await startMockServer({});
});
afterAll(() => server.close());

function client(method: HttpMethod, accessKeySecret: string = KEY.accessKeySecret): AcrClient {
  return new AcrClient({ regionId: 'cn-hangzhou', endpoint: server.url, ...KEY, accessKeySecret, method, signatureVersion: 'acs3', retry: false });
}

describe('ACS3-signed calls against the mock server', () => {
  for (const method of ['GET', 'POST'] as const) {
    it(`${method}: a read and a write are accepted`, async () => {
      const c = client(method);
      try {
        expect((await c.getInstance({ InstanceId: INSTANCE })).InstanceStatus).toBeDefined();
        const name = `acs3-${method.toLowerCase()}`;
        await c.createNamespace({ InstanceId: INSTANCE, NamespaceName: name, AutoCreateRepo: false, DefaultRepoType: 'PRIVATE' });
        const listed = await c.listNamespace({ InstanceId: INSTANCE });
        expect(listed.Namespaces?.map((n) => n.NamespaceName)).toContain(name);
      } finally {
        c.close();
      }
    });
  }

  it('a wrong secret is refused with the signature error', async () => {
    const c = client('GET', 'not-the-secret');
    try {
      const error = await c.getInstance({ InstanceId: INSTANCE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect((error as ServiceError).code).toMatch(/Signature/);
    } finally {
      c.close();
    }
  });
});
