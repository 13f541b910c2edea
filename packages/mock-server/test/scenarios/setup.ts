// A real server (signatures verified, with its own key pair) and the real client pointed at it,
// for the end-to-end scenarios. The server's clock moves through its admin endpoint.
import { AcrClient, ServiceError } from '@acr-ee/client';
import { expect } from 'vitest';
import { startMockServer, type MockServer } from '../../src/index.js';
import type { Seed } from '../../src/resources/index.js';

export const ACCESS_KEY_ID = 'scenario-key';
export const ACCESS_KEY_SECRET = 'scenario-secret-0123456789';
export const REGION = 'cn-hangzhou';

export interface Scenario {
  readonly server: MockServer;
  readonly client: AcrClient;
  /** Moves the server's clock forward through `POST /-/clock`. */
  advance(ms: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startScenario(seed: Seed): Promise<Scenario> {
  const server = await startMockServer({ seed, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, verifySignature: true });
  const client = new AcrClient({ regionId: REGION, endpoint: server.url, accessKeyId: ACCESS_KEY_ID, accessKeySecret: ACCESS_KEY_SECRET, retry: false });
  return {
    server,
    client,
    async advance(ms) {
      const response = await fetch(`${server.url}/-/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: ms }) });
      expect(response.status).toBe(200);
    },
    stop: () => server.close(),
  };
}

/** The ServiceError `promise` rejects with; fails when it resolves or rejects otherwise. */
export async function serviceError(promise: Promise<unknown>): Promise<ServiceError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error('the call succeeded; a ServiceError was expected');
}

/** Every item of an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
