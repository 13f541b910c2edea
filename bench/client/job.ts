// What run.ts asks of one contender process and what that process answers: the contract between
// the parent (run.ts) and the child (contender.ts).
import { join } from 'node:path';
import type { Target } from './contenders/types.js';
import type { PhaseResult } from './measure.js';

export interface ContenderJob {
  readonly name: string;
  readonly target: Target;
  /** Calls before each timed phase, at that phase's concurrency (opens its sockets, warms the JIT). */
  readonly warmup: number;
  readonly durationMs: number;
  readonly concurrencies: readonly number[];
  /** 1-based; names the profile files. */
  readonly round: number;
  /** With --profile: where to write a CPU profile of each timed phase. */
  readonly profileDir?: string;
}

export interface ContenderResult {
  readonly name: string;
  /** Requests this process sent: warm-ups and timed phases (the server must have seen as many). */
  readonly totalCalls: number;
  readonly phases: readonly PhaseResult[];
}

/** Marks the result line on stdout, so that a library's own output cannot be mistaken for it. */
export const RESULT_MARK = '@@bench-result ';

/** Where the profile of one timed phase goes. */
export function profileFile(profileDir: string, name: string, concurrency: number, round: number): string {
  return join(profileDir, `${name}-c${concurrency}-r${round}.cpuprofile`);
}
