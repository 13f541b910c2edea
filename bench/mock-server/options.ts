// Command-line flags of the mock-server benchmark, validated with a message that says what is accepted.

import { choose, number, readFlags, UsageError } from '../shared/flags.js';

/** The servers measured, in the order every round runs them. */
export const SERVERS = ['mock-server', 'prism', 'bare'] as const;
export type ServerName = (typeof SERVERS)[number];

export interface Options {
  /** Seconds of each timed phase. */
  readonly durationS: number;
  /** Rounds: every server is measured once per round, interleaved (A B C A B C ...). */
  readonly rounds: number;
  /** Requests before each timed phase (opens the connections, warms the JITs). */
  readonly warmup: number;
  /** Requests in flight, each on its own keep-alive connection. */
  readonly connections: number;
  readonly only: readonly ServerName[];
  readonly help: boolean;
}

export const USAGE = `Usage: npm run bench:mock -w @acr-ee/bench -- [flags]

  --duration=S        seconds of each timed phase (0.5 to 120; default 3)
  --rounds=N          rounds, servers interleaved, median taken (1 to 50; default 5)
  --warmup=N          requests before each timed phase (500 to 1000000; default 2000)
  --connections=N     requests in flight, one keep-alive connection each (1 to 256; default 16)
  --only=LIST         servers, comma-separated, from: ${SERVERS.join(', ')} (default all;
                      the ratios need mock-server and the server compared with it)
  --help              this text`;

export { UsageError };

/** Reads `--flag=value`, `--flag value` and `--help`. */
export function parseOptions(argv: readonly string[]): Options {
  const values = readFlags(argv, ['duration', 'rounds', 'warmup', 'connections', 'only'], ['help']);
  const get = (flag: string, fallback: string): string => values.get(flag) ?? fallback;
  return {
    durationS: number('duration', get('duration', '3'), 0.5, 120, false),
    rounds: number('rounds', get('rounds', '5'), 1, 50, true),
    warmup: number('warmup', get('warmup', '2000'), 500, 1_000_000, true),
    connections: number('connections', get('connections', '16'), 1, 256, true),
    only: values.has('only') ? choose('only', get('only', ''), SERVERS, 'server') : [...SERVERS],
    help: values.has('help'),
  };
}
