// One mock server with signature verification on, reached by this repository's client and by the
// vendor's runtime @alicloud/pop-core (which sends structured parameters as its users write them:
// pre-flattened pairs or one JSON string), for the tests that compare the two; and the error of a
// call that must fail.
import RPCClient from '@alicloud/pop-core';
import { AcrClient } from '@acr-ee/client';
import { afterAll, beforeAll } from 'vitest';
import { startMockServer, type MockServer, type Seed } from '../../src/index.js';

export interface SignedClients {
  server: MockServer;
  client: AcrClient;
  pop: RPCClient;
}

/** Starts the server before the file's tests and closes it after; the fields are set once they run. */
export function signedClients(credentials: { accessKeyId: string; accessKeySecret: string }, seed: Seed): SignedClients {
  const clients = {} as SignedClients;
  beforeAll(async () => {
    clients.server = await startMockServer({ host: '127.0.0.1', port: 0, ...credentials, verifySignature: true, seed });
    clients.client = new AcrClient({ ...credentials, regionId: 'cn-hangzhou', endpoint: clients.server.url, retry: false });
    clients.pop = new RPCClient({ ...credentials, endpoint: clients.server.url, apiVersion: '2018-12-01' });
  });
  afterAll(async () => {
    clients.client?.close();
    await clients.server?.close();
  });
  return clients;
}

/** The error a call that must fail throws (its `code` and `message`); fails the test when it succeeds. */
export async function failure(promise: Promise<unknown>): Promise<{ code?: string; message?: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message?: string };
  }
  throw new Error('the call succeeded, but it should have failed');
}
