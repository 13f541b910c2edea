// Command-line flags of the client benchmark, validated with a message that says what is accepted.
import { CONTENDERS, type ContenderName } from './contenders/index.js';
import { choose, list, number, readFlags, UsageError } from '../shared/flags.js';

export interface Options {
  /** Seconds of each timed phase. */
  readonly durationS: number;
  /** Rounds: every contender runs once per round, interleaved (A B C D A B C D ...). */
  readonly rounds: number;
  /** Calls before each timed phase, at that phase's concurrency. */
  readonly warmup: number;
  readonly concurrencies: readonly number[];
  readonly only: readonly ContenderName[];
  /** Write a V8 CPU profile of every contender process and print its hottest functions. */
  readonly profile: boolean;
  readonly help: boolean;
}

export const USAGE = `Usage: npm run bench -w @acr-ee/bench -- [flags]

  --duration=S        seconds of each timed phase (0.1 to 120; default 3)
  --rounds=N          rounds, contenders interleaved, median taken (1 to 50; default 5)
  --warmup=N          calls before each timed phase (0 to 1000000; default 2000)
  --concurrency=LIST  calls in flight, comma-separated (each 1 to 256; default 1,16)
  --only=LIST         contenders, comma-separated, from: ${CONTENDERS.join(', ')} (default all)
  --profile           write a CPU profile per contender process to bench/reports/profiles/
                      and print each contender's hottest functions
  --help              this text`;

export { UsageError };

/** Reads `--flag=value`, `--flag value` and the bare boolean flags. */
export function parseOptions(argv: readonly string[]): Options {
  const values = readFlags(argv, ['duration', 'rounds', 'warmup', 'concurrency', 'only'], ['profile', 'help']);
  const get = (flag: string, fallback: string): string => values.get(flag) ?? fallback;
  return {
    durationS: number('duration', get('duration', '3'), 0.1, 120, false),
    rounds: number('rounds', get('rounds', '5'), 1, 50, true),
    warmup: number('warmup', get('warmup', '2000'), 0, 1_000_000, true),
    concurrencies: list('concurrency', get('concurrency', '1,16')).map((c) => number('concurrency', c, 1, 256, true)),
    only: values.has('only') ? choose('only', get('only', ''), CONTENDERS, 'contender') : [...CONTENDERS],
    profile: values.has('profile'),
    help: values.has('help'),
  };
}
