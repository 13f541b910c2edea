// Command-line flags of the client benchmark, validated with a message that says what is accepted.
import { CONTENDERS, isContender, type ContenderName } from './contenders/index.js';

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

export class UsageError extends Error {}

function number(flag: string, raw: string, min: number, max: number, integer: boolean): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new UsageError(`--${flag}=${raw}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

function list(flag: string, raw: string): string[] {
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`--${flag}=${raw}: expected a comma-separated list`);
  if (new Set(items).size !== items.length) throw new UsageError(`--${flag}=${raw}: an item is repeated`);
  return items;
}

function contenders(raw: string): ContenderName[] {
  const names = list('only', raw);
  const unknown = names.filter((name) => !isContender(name));
  if (unknown.length > 0) {
    throw new UsageError(`--only=${raw}: unknown contender ${unknown.join(', ')} (known: ${CONTENDERS.join(', ')})`);
  }
  // Keep the fixed order, whatever order they were named in.
  return CONTENDERS.filter((name) => names.includes(name));
}

/** Reads `--flag=value`, `--flag value` and the bare boolean flags. */
export function parseOptions(argv: readonly string[]): Options {
  const values = new Map<string, string>();
  const booleans = new Set(['profile', 'help']);
  const valued = new Set(['duration', 'rounds', 'warmup', 'concurrency', 'only']);
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(argv[i]);
    if (!match) throw new UsageError(`unexpected argument ${JSON.stringify(argv[i])}`);
    const [, flag, inline] = match;
    if (booleans.has(flag)) {
      if (inline !== undefined) throw new UsageError(`--${flag} takes no value`);
      values.set(flag, 'true');
    } else if (valued.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new UsageError(`--${flag} needs a value`);
      }
      values.set(flag, value);
    } else {
      throw new UsageError(`unknown flag --${flag}`);
    }
  }
  const get = (flag: string, fallback: string): string => values.get(flag) ?? fallback;
  return {
    durationS: number('duration', get('duration', '3'), 0.1, 120, false),
    rounds: number('rounds', get('rounds', '5'), 1, 50, true),
    warmup: number('warmup', get('warmup', '2000'), 0, 1_000_000, true),
    concurrencies: list('concurrency', get('concurrency', '1,16')).map((c) => number('concurrency', c, 1, 256, true)),
    only: values.has('only') ? contenders(get('only', '')) : [...CONTENDERS],
    profile: values.has('profile'),
    help: values.has('help'),
  };
}
