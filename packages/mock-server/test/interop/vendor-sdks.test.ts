// Interoperability with the vendor's own client runtimes, with signature verification on: each one
// runs the same create / list / get / delete scenario against the server, and a copy of it holding
// the wrong secret is refused with SignatureDoesNotMatch (so a pass cannot come from a server that
// checks nothing).
//
//  - @alicloud/pop-core 1.8.0 (RPCClient, signature v1): GET (parameters in the query) and POST
//    (parameters in a form body), called as its README shows.
//  - @alicloud/openapi-client 0.4.15, the runtime of the official generated SDK, called the way the
//    SDK (`@alicloud/cr20181201`) calls it: see sdk-style.ts. `callApi` signs with
//    ACS3-HMAC-SHA256 (an Authorization header); `doRPCRequest`, what the SDK's earlier generations
//    call, signs with v1 and sends the parameters as a form body.
import RPCClient from '@alicloud/pop-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/index.js';
import { crClient, type ApiStyle } from './sdk-style.js';

const CREDENTIALS = { accessKeyId: 'LTAIinteropTestKeyId', accessKeySecret: 'interop-test-secret' };
const WRONG = { ...CREDENTIALS, accessKeySecret: 'not-the-secret' };
/** The instance every server has when its seed names none. */
const INSTANCE_ID = 'cri-mock0000000001';
const REGION_ID = 'cn-hangzhou';

type Body = Record<string, unknown>;
/** One call: Action and its own parameters (wire names) in, the parsed response body out. */
type Call = (action: string, params: Record<string, string | number | boolean>) => Promise<Body>;

let server: Awaited<ReturnType<typeof startMockServer>>;
let port: number;

beforeAll(async () => {
  server = await startMockServer({ host: '127.0.0.1', port: 0, ...CREDENTIALS, verifySignature: true });
  port = Number(new URL(server.url).port);
});

afterAll(async () => {
  await server?.close();
});

function popCore(method: 'GET' | 'POST', credentials = CREDENTIALS): Call {
  const client = new RPCClient({ ...credentials, endpoint: `http://127.0.0.1:${port}`, apiVersion: '2018-12-01' });
  // pop-core passes what it is given: RegionId is one of the operation's parameters.
  return (action, params) => client.request<Body>(action, { RegionId: REGION_ID, ...params }, { method });
}

function openApi(style: ApiStyle, credentials = CREDENTIALS): Call {
  const client = crClient({ ...credentials, regionId: REGION_ID, endpoint: `127.0.0.1:${port}` }, style);
  return async (action, params) => (await client.call(action, params)).body ?? {};
}

/** The error a client rejects with: its Code (pop-core and openapi-client both set `code`). */
async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('the call succeeded, but it should have failed');
}

async function scenario(call: Call, namespace: string): Promise<void> {
  const created = await call('CreateNamespace', { InstanceId: INSTANCE_ID, NamespaceName: namespace, AutoCreateRepo: true, DefaultRepoType: 'PRIVATE' });
  expect(created).toMatchObject({ IsSuccess: true, Code: 'success' });
  expect(created.RequestId).toEqual(expect.any(String));

  const listed = await call('ListNamespace', { InstanceId: INSTANCE_ID, PageNo: 1, PageSize: 100 });
  const names = (listed.Namespaces as Body[]).map((ns) => ns.NamespaceName);
  expect(names).toContain(namespace);
  expect(listed.TotalCount).toBe(names.length);

  const got = await call('GetNamespace', { InstanceId: INSTANCE_ID, NamespaceName: namespace });
  expect(got).toMatchObject({
    IsSuccess: true,
    InstanceId: INSTANCE_ID,
    NamespaceName: namespace,
    AutoCreateRepo: true,
    DefaultRepoType: 'PRIVATE',
    NamespaceStatus: 'NORMAL',
  });
  expect(got.NamespaceId).toEqual(expect.stringMatching(/^crn-/));

  const deleted = await call('DeleteNamespace', { InstanceId: INSTANCE_ID, NamespaceName: namespace });
  expect(deleted).toMatchObject({ IsSuccess: true });

  const gone = await failure(call('GetNamespace', { InstanceId: INSTANCE_ID, NamespaceName: namespace }));
  expect(gone.code).toEqual(expect.any(String));
  expect(gone.code).not.toBe('SignatureDoesNotMatch');
  const after = await call('ListNamespace', { InstanceId: INSTANCE_ID, PageNo: 1, PageSize: 100 });
  expect((after.Namespaces as Body[]).map((ns) => ns.NamespaceName)).not.toContain(namespace);
}

const CLIENTS: readonly { name: string; make: (credentials?: typeof CREDENTIALS) => Call }[] = [
  { name: '@alicloud/pop-core RPCClient, GET', make: (c) => popCore('GET', c) },
  { name: '@alicloud/pop-core RPCClient, POST', make: (c) => popCore('POST', c) },
  { name: '@alicloud/openapi-client callApi (ACS3-HMAC-SHA256), as the official SDK', make: (c) => openApi('callApi', c) },
  { name: '@alicloud/openapi-client doRPCRequest (signature v1, form body)', make: (c) => openApi('doRPCRequest', c) },
];

describe('vendor client runtimes against the server, signatures verified', () => {
  CLIENTS.forEach(({ name, make }, i) => {
    describe(name, () => {
      it('creates, lists, gets and deletes a namespace', async () => {
        await scenario(make(), `interop-${i}`);
      });

      it('is refused with SignatureDoesNotMatch when it signs with the wrong secret', async () => {
        const error = await failure(make(WRONG)('GetInstance', { InstanceId: INSTANCE_ID }));
        expect(error.code).toBe('SignatureDoesNotMatch');
      });
    });
  });
});
