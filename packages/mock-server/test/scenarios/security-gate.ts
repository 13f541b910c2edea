import { AcrClient, type ListRepoTagScanResultRequest, type Vulnerability } from '@acr-ee/client';

type Severity = NonNullable<ListRepoTagScanResultRequest['Severity']>;

export interface GateOptions {
  readonly instanceId: string;
  readonly repoId: string;
  readonly tag: string;
  /** Severities that fail the gate. The service reports High, Medium, Low and Unknown; High is the most severe. */
  readonly failOn?: readonly Severity[];
  /** How long to wait between two status checks, and how many checks to make before giving up. */
  readonly pollMs?: number;
  readonly maxPolls?: number;
  /** How to wait (a test passes one that moves a mock server's clock). */
  readonly sleep?: (ms: number) => Promise<void>;
}

export interface GateResult {
  readonly passed: boolean;
  /** Every vulnerability of a failing severity, most severe first. */
  readonly blocking: readonly Vulnerability[];
}

/** Scans the image a tag names, waits for the scan, and fails on vulnerabilities of the chosen severities. */
export async function securityGate(client: AcrClient, options: GateOptions): Promise<GateResult> {
  const { instanceId: InstanceId, repoId: RepoId, tag: Tag } = options;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  await client.createRepoTagScanTask({ InstanceId, RepoId, Tag });
  for (let poll = 0; ; poll++) {
    const { Status } = await client.getRepoTagScanStatus({ InstanceId, RepoId, Tag });
    if (Status === 'COMPLETE') break;
    if (Status === 'FAILED') throw new Error(`the scan of ${Tag} failed`);
    if (poll + 1 >= (options.maxPolls ?? 60)) throw new Error(`the scan of ${Tag} did not complete (last status ${Status})`);
    await sleep(options.pollMs ?? 5_000);
  }
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
