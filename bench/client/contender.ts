// Child process: one contender, fresh. Loads only that contender's library, then for each
// concurrency warms it up and times it, and prints one result line for the parent (run.ts).
// Usage (by run.ts only): contender.ts '<ContenderJob as JSON>'
import { installLoopbackGuard } from '../shared/loopback-guard.mjs';
import { isContender, loadContender } from './contenders/index.js';
import { profileFile, RESULT_MARK, type ContenderJob, type ContenderResult } from './job.js';
import { runCount, runTimed, type PhaseResult } from './measure.js';
import { PhaseProfiler } from './profile.js';

async function main(): Promise<void> {
  installLoopbackGuard();
  const job = JSON.parse(process.argv[2] ?? '') as ContenderJob;
  if (!isContender(job.name)) throw new Error(`unknown contender ${job.name}`);
  const create = await loadContender(job.name);
  const call = await create(job.target);
  const expected = job.target.instanceId;
  const phases: PhaseResult[] = [];
  let totalCalls = 0;
  for (const concurrency of job.concurrencies) {
    await runCount(call, expected, job.name, concurrency, job.warmup);
    const profiler = job.profileDir ? new PhaseProfiler() : null;
    await profiler?.start();
    const phase = await runTimed(call, expected, job.name, concurrency, job.durationMs);
    if (profiler && job.profileDir) await profiler.stop(profileFile(job.profileDir, job.name, concurrency, job.round));
    phases.push(phase);
    totalCalls += job.warmup + phase.calls;
  }
  const result: ContenderResult = { name: job.name, totalCalls, phases };
  // Keep-alive sockets would hold the process open: exit once the line is written.
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`, () => process.exit(0));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
