// Command-line flags of the mock-server benchmark, validated with a message that says what is accepted.

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

export class UsageError extends Error {}

function number(flag: string, raw: string, min: number, max: number, integer: boolean): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new UsageError(`--${flag}=${raw}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

function servers(raw: string): ServerName[] {
  const names = raw.split(',').map((item) => item.trim());
  if (names.some((name) => name === '')) throw new UsageError(`--only=${raw}: expected a comma-separated list`);
  if (new Set(names).size !== names.length) throw new UsageError(`--only=${raw}: a server is repeated`);
  const unknown = names.filter((name) => !(SERVERS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`--only=${raw}: unknown server ${unknown.join(', ')} (known: ${SERVERS.join(', ')})`);
  // Keep the fixed order, whatever order they were named in.
  return SERVERS.filter((name) => names.includes(name));
}

/** Reads `--flag=value`, `--flag value` and `--help`. */
export function parseOptions(argv: readonly string[]): Options {
  const values = new Map<string, string>();
  const valued = new Set(['duration', 'rounds', 'warmup', 'connections', 'only']);
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(argv[i]);
    if (!match) throw new UsageError(`unexpected argument ${JSON.stringify(argv[i])}`);
    const [, flag, inline] = match;
    if (values.has(flag)) throw new UsageError(`--${flag} is given twice`);
    if (flag === 'help') {
      if (inline !== undefined) throw new UsageError('--help takes no value');
      values.set(flag, 'true');
    } else if (valued.has(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${flag} needs a value`);
      values.set(flag, value);
    } else {
      throw new UsageError(`unknown flag --${flag}`);
    }
  }
  const get = (flag: string, fallback: string): string => values.get(flag) ?? fallback;
  return {
    durationS: number('duration', get('duration', '3'), 0.5, 120, false),
    rounds: number('rounds', get('rounds', '5'), 1, 50, true),
    warmup: number('warmup', get('warmup', '2000'), 500, 1_000_000, true),
    connections: number('connections', get('connections', '16'), 1, 256, true),
    only: values.has('only') ? servers(get('only', '')) : [...SERVERS],
    help: values.has('help'),
  };
}
