// The CI security gate of the client's README, run against a real mock server: the seed gives one
// image a High CVE (by its digest), the gate scans both tags, waits for the scans (the client's
// scan waiter) by moving the server's clock, and fails only the vulnerable one. The README shows
// security-gate.ts verbatim.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WaiterError, type WaitOptions } from '@acr-ee/client';
import { securityGate } from './security-gate.js';
import { serviceError, startScenario, type Scenario } from './setup.js';

const I1 = 'cri-mock0000000001';
const VULNERABLE = 'sha256:3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b';
let s: Scenario;
let repoId = '';

beforeAll(async () => {
  s = await startScenario({
    timings: { scanMs: 30_000 },
    scanFindings: {
      [VULNERABLE]: {
        vulnerabilities: [
          { CveName: 'CVE-2024-6387', Severity: 'High', Feature: 'openssh-server', Version: '1:9.2p1-2', VersionFixed: '1:9.2p1-2+deb12u3' },
          { CveName: 'CVE-2023-4039', Severity: 'Low', Feature: 'gcc-12' },
        ],
      },
    },
    instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1', digest: VULNERABLE }, { tag: 'v2' }] }] }] }],
  });
  repoId = (await s.client.getRepository({ InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'api' })).RepoId!;
});
afterAll(() => s?.stop());

describe('the CI security gate', () => {
  // Each wait moves the server's clock instead of the wall clock's, and the waiter reads that clock.
  const wait = (intervalMs: number, timeoutMs = 180_000): WaitOptions => ({ intervalMs, timeoutMs, sleep: (ms) => s.advance(ms), clock: () => s.server.clock.now() });

  it('fails a tag whose image has a High vulnerability, naming it, after waiting for the scan', async () => {
    const result = await securityGate(s.client, { instanceId: I1, repoId, tag: 'v1', wait: wait(10_000) });
    expect(result.passed).toBe(false);
    expect(result.blocking.map((v) => [v.CveName, v.Severity, v.Feature, v.VersionFixed])).toEqual([['CVE-2024-6387', 'High', 'openssh-server', '1:9.2p1-2+deb12u3']]);
    const summary = await s.client.getRepoTagScanSummary({ InstanceId: I1, RepoId: repoId, Tag: 'v1' });
    expect(summary).toMatchObject({ TotalSeverity: 2, HighSeverity: 1, LowSeverity: 1 });
  });

  it('passes a clean image, and fails on Low when asked to', async () => {
    expect(await securityGate(s.client, { instanceId: I1, repoId, tag: 'v2', wait: wait(10_000) })).toEqual({ passed: true, blocking: [] });
    const strict = await securityGate(s.client, { instanceId: I1, repoId, tag: 'v1', failOn: ['High', 'Low'], wait: wait(10_000) });
    expect(strict.blocking.map((v) => v.CveName)).toEqual(['CVE-2024-6387', 'CVE-2023-4039']);
  });

  it('gives up when the scan does not complete in time, naming the last status, and a missing tag is the service error', async () => {
    const late = await securityGate(s.client, { instanceId: I1, repoId, tag: 'v2', wait: wait(1_000, 2_000) }).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(WaiterError);
    expect(late).toMatchObject({ waiter: 'RepoTagScanComplete', reason: 'timeout', lastState: 'SCANNING' });
    expect(await serviceError(securityGate(s.client, { instanceId: I1, repoId, tag: 'v9', wait: wait(1_000) }))).toMatchObject({ status: 404, code: 'TAG_NOT_EXIST' });
  });

  it('is shown verbatim in the client README', () => {
    const example = readFileSync(new URL('./security-gate.ts', import.meta.url), 'utf8');
    const readme = readFileSync(new URL('../../../client/README.md', import.meta.url), 'utf8');
    expect(readme).toContain('```ts\n' + example + '```\n');
  });
});
