import { AcrClient, type ListRepoTagScanResultRequest, type Vulnerability, type WaitOptions } from '@acr-ee/client';

type Severity = NonNullable<ListRepoTagScanResultRequest['Severity']>;

export interface GateOptions {
  readonly instanceId: string;
  readonly repoId: string;
  readonly tag: string;
  /** Severities that fail the gate. The service reports High, Medium, Low and Unknown; High is the most severe. */
  readonly failOn?: readonly Severity[];
  /**
   * How to wait for the scan: `intervalMs` between two status checks (default 5 s), `timeoutMs` in
   * all (default 180 s), `signal`; a test also passes `sleep` and `clock` to move a mock server's clock.
   */
  readonly wait?: WaitOptions;
}

export interface GateResult {
  readonly passed: boolean;
  /** Every vulnerability of a failing severity, most severe first. */
  readonly blocking: readonly Vulnerability[];
}

/**
 * Scans the image a tag names, waits for the scan, and fails on vulnerabilities of the chosen
 * severities. A scan that fails or does not complete in time rejects with a WaiterError naming the
 * last status seen.
 */
export async function securityGate(client: AcrClient, options: GateOptions): Promise<GateResult> {
  const { instanceId: InstanceId, repoId: RepoId, tag: Tag } = options;
  await client.createRepoTagScanTask({ InstanceId, RepoId, Tag });
  await client.waitUntilRepoTagScanComplete({ InstanceId, RepoId, Tag }, options.wait);
  const blocking: Vulnerability[] = [];
  for (const Severity of options.failOn ?? (['High'] as const)) {
    for await (const vulnerability of client.listRepoTagScanResultAll({ InstanceId, RepoId, Tag, Severity })) blocking.push(vulnerability);
  }
  return { passed: blocking.length === 0, blocking };
}

// In a CI job (environment: ACR_INSTANCE_ID, ACR_REPO_ID, IMAGE_TAG, and the usual credentials):
//
//   const client = new AcrClient({ regionId: 'cn-hangzhou' });
//   const result = await securityGate(client, { instanceId: process.env.ACR_INSTANCE_ID!, repoId: process.env.ACR_REPO_ID!, tag: process.env.IMAGE_TAG! });
//   for (const v of result.blocking) console.error(`${v.Severity} ${v.CveName} in ${v.Feature} ${v.Version} (fixed in ${v.VersionFixed || 'no release yet'})`);
//   process.exit(result.passed ? 0 : 1);
