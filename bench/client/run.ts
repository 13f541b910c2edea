// The client benchmark: GetInstance against a loopback server in another process, our client and
// its peers side by side, each contender in a fresh process per round, rounds interleaved.
// Prints a table, the ratios and the verdict on the targets, then one JSON line. Exits 0 whatever
// the verdict; 1 when anything fails (a call, a process, a count), 2 on bad flags.
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { ContenderName } from './contenders/index.js';
import type { Target } from './contenders/types.js';
import { getInstanceExample } from './example.js';
import { profileFile, RESULT_MARK, type ContenderJob, type ContenderResult } from './job.js';
import { parseOptions, USAGE, type Options } from './options.js';
import { optionsOrExit } from '../shared/flags.js';
import { hottest } from './profile.js';
import { jsonLine, render, summarize, type Machine } from './report.js';
import { requestCount, startServer } from './server-process.js';
import { runJobProcess } from '../shared/child-job.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));
const PROFILE_DIR = here('../reports/profiles');
/** A made-up key pair: the server checks no signature, but every client signs as it would. */
const CREDENTIALS = { accessKeyId: 'LTAIbenchmarkKeyId', accessKeySecret: 'benchmark-secret-not-a-real-one' };

/** Runs one contender in a fresh process and returns what it measured. */
function runContender(job: ContenderJob, options: Options): Promise<ContenderResult> {
  const limitMs = 60_000 + job.concurrencies.length * (2 * options.durationS * 1000 + 60_000);
  return runJobProcess<ContenderResult>(here('./contender.ts'), job, RESULT_MARK, `${job.name}: contender process`, limitMs);
}

function progress(round: number, options: Options, result: ContenderResult): void {
  const parts = result.phases.map(
    (p) => `${p.concurrency} in flight: ${Math.round((p.calls * 1000) / p.wallMs)} calls/s, ${(p.cpuUs / p.calls).toFixed(1)} µs CPU/call`,
  );
  process.stderr.write(`round ${round}/${options.rounds}  ${result.name.padEnd(15)} ${parts.join('; ')}\n`);
}

async function bench(options: Options, server: ChildProcess, target: Target): Promise<Map<ContenderName, ContenderResult[]>> {
  const results = new Map<ContenderName, ContenderResult[]>(options.only.map((name) => [name, []]));
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const name of options.only) {
      const before = await requestCount(server);
      const result = await runContender(
        {
          name,
          target,
          warmup: options.warmup,
          durationMs: options.durationS * 1000,
          concurrencies: options.concurrencies,
          round,
          profileDir: options.profile ? PROFILE_DIR : undefined,
        },
        options,
      );
      const seen = (await requestCount(server)) - before;
      if (seen !== result.totalCalls) {
        throw new Error(`${name}: made ${result.totalCalls} calls but the server saw ${seen} requests (one request per call expected)`);
      }
      results.get(name)?.push(result);
      progress(round, options, result);
    }
  }
  return results;
}

function printProfiles(options: Options): void {
  console.log('\nHottest functions by self time in the timed phases (--profile; figures above are slowed by it):');
  for (const name of options.only) {
    for (const c of options.concurrencies) {
      const files = Array.from({ length: options.rounds }, (_, i) => profileFile(PROFILE_DIR, name, c, i + 1));
      console.log(`\n${name}, ${c} in flight:`);
      for (const line of hottest(files)) console.log(`  ${line}`);
    }
  }
}

async function main(): Promise<void> {
  const options = optionsOrExit(parseOptions, USAGE, 'bench');
  if (options.help) {
    console.log(USAGE);
    return;
  }
  if (options.profile) {
    rmSync(PROFILE_DIR, { recursive: true, force: true });
    mkdirSync(PROFILE_DIR, { recursive: true });
  }
  const example = await getInstanceExample();
  const { server, port } = await startServer(example.body, example.instanceId);
  try {
    const target: Target = { port, regionId: 'cn-hangzhou', instanceId: example.instanceId, ...CREDENTIALS };
    const loadStart = loadavg()[0];
    const figures = summarize(await bench(options, server, target));
    const machine: Machine = { cpus: availableParallelism(), loadStart, loadEnd: loadavg()[0] };
    console.log(render(figures, options, machine));
    if (options.profile) printProfiles(options);
    console.log(jsonLine(figures, options, machine));
  } finally {
    server.kill();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
