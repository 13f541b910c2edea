// Runs one contender's calls at a fixed number in flight and measures this process's CPU time.
import { performance } from 'node:perf_hooks';
import type { Call } from './contenders/types.js';

export interface PhaseResult {
  /** Calls in flight at once. */
  readonly concurrency: number;
  readonly calls: number;
  readonly wallMs: number;
  /** CPU time of this process during the phase (user + system), in microseconds. */
  readonly cpuUs: number;
  readonly userUs: number;
  readonly systemUs: number;
}

/** One call, checked: a contender that does not hand back the expected InstanceId fails loudly. */
async function checkedCall(call: Call, expected: string, name: string): Promise<void> {
  const got = await call();
  if (got !== expected) {
    throw new Error(`${name}: the call resolved to InstanceId ${JSON.stringify(got)}, expected ${JSON.stringify(expected)}`);
  }
}

/** Runs `count` calls with `concurrency` in flight (the warm-up). */
export async function runCount(call: Call, expected: string, name: string, concurrency: number, count: number): Promise<void> {
  let remaining = count;
  const worker = async (): Promise<void> => {
    while (remaining > 0) {
      remaining -= 1;
      await checkedCall(call, expected, name);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

/** Keeps `concurrency` calls in flight for `durationMs`, then waits for the last ones. */
export async function runTimed(
  call: Call,
  expected: string,
  name: string,
  concurrency: number,
  durationMs: number,
): Promise<PhaseResult> {
  let calls = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const deadline = start + durationMs;
  const worker = async (): Promise<void> => {
    while (performance.now() < deadline) {
      await checkedCall(call, expected, name);
      calls += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { concurrency, calls, wallMs, cpuUs: cpu.user + cpu.system, userUs: cpu.user, systemUs: cpu.system };
}
