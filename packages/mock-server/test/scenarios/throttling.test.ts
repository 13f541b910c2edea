// Throttling end to end: the mock server's injected 429 Throttling.User says when to come back
// (`x-acs-retry-after` in milliseconds, `Retry-After` in seconds), and the real client waits at
// least that long before its retry, though its own backoff would have retried sooner.
import { AcrClient, ServiceError, type RetryEvent } from '@acr-ee/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_KEY_ID, ACCESS_KEY_SECRET, REGION, startScenario, type Scenario } from './setup.js';

const I1 = 'cri-mock0000000001';
const RETRY_AFTER_MS = 250;
let s: Scenario;

beforeAll(async () => {
  s = await startScenario({ instances: [{}] });
});
afterAll(() => s?.stop());

function clientWith(onRetry: (event: RetryEvent) => void): AcrClient {
  // A backoff of at most 1 ms: any longer wait comes from the server's headers.
  return new AcrClient({
    regionId: REGION,
    endpoint: s.server.url,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: ACCESS_KEY_SECRET,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1, onRetry },
  });
}

describe('throttling through the client', () => {
  it('carries the server’s wait on the ServiceError', async () => {
    s.server.setFaults({ actions: { GetInstance: { throttleRate: 1, retryAfterMs: RETRY_AFTER_MS } } });
    try {
      const error = await s.client.getInstance({ InstanceId: I1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({ status: 429, code: 'Throttling.User', retryAfterMs: RETRY_AFTER_MS });
    } finally {
      s.server.setFaults(undefined);
    }
  });

  it('waits at least x-acs-retry-after before retrying, then succeeds', async () => {
    const retries: RetryEvent[] = [];
    const client = clientWith((event) => {
      retries.push(event);
      // The next attempt goes through.
      s.server.setFaults(undefined);
    });
    s.server.setFaults({ actions: { GetInstance: { throttleRate: 1, retryAfterMs: RETRY_AFTER_MS } } });
    try {
      const instance = await client.getInstance({ InstanceId: I1 });
      expect(instance.InstanceId).toBe(I1);
      expect(retries).toHaveLength(1);
      expect(retries[0].error).toMatchObject({ code: 'Throttling.User' });
      expect(retries[0].delayMs).toBeGreaterThanOrEqual(RETRY_AFTER_MS);
    } finally {
      s.server.setFaults(undefined);
      client.close();
    }
  });
});
