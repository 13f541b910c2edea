// Command-line flags of the benchmarks: reading `--flag=value`, `--flag value` and bare boolean
// flags, and checking values, each mistake with a message that says what is accepted.

export class UsageError extends Error {}

/**
 * The flags given, by name (booleans as 'true'). Unknown flags, missing values, values given to
 * booleans and flags given twice are usage errors.
 */
export function readFlags(argv: readonly string[], valued: readonly string[], booleans: readonly string[]): Map<string, string> {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 1) {
    const match = /^--([a-z]+)(?:=(.*))?$/s.exec(argv[i]);
    if (!match) throw new UsageError(`unexpected argument ${JSON.stringify(argv[i])}`);
    const [, flag, inline] = match;
    if (values.has(flag)) throw new UsageError(`--${flag} is given twice`);
    if (booleans.includes(flag)) {
      if (inline !== undefined) throw new UsageError(`--${flag} takes no value`);
      values.set(flag, 'true');
    } else if (valued.includes(flag)) {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) throw new UsageError(`--${flag} needs a value`);
      values.set(flag, value);
    } else {
      throw new UsageError(`unknown flag --${flag}`);
    }
  }
  return values;
}

export function number(flag: string, raw: string, min: number, max: number, integer: boolean): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
    throw new UsageError(`--${flag}=${raw}: expected ${integer ? 'an integer' : 'a number'} from ${min} to ${max}`);
  }
  return value;
}

export function list(flag: string, raw: string): string[] {
  const items = raw.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) throw new UsageError(`--${flag}=${raw}: expected a comma-separated list`);
  if (new Set(items).size !== items.length) throw new UsageError(`--${flag}=${raw}: an item is repeated`);
  return items;
}

/** Names chosen from `known` (`what` names them in messages), kept in `known`'s order. */
export function choose<Name extends string>(flag: string, raw: string, known: readonly Name[], what: string): Name[] {
  const names = list(flag, raw);
  const unknown = names.filter((name) => !(known as readonly string[]).includes(name));
  if (unknown.length > 0) throw new UsageError(`--${flag}=${raw}: unknown ${what} ${unknown.join(', ')} (known: ${known.join(', ')})`);
  return known.filter((name) => names.includes(name));
}

/** The options `parse` reads from this process's arguments; on a usage error, the message and the usage, and exit code 2. */
export function optionsOrExit<Options>(parse: (argv: readonly string[]) => Options, usage: string, label: string): Options {
  try {
    return parse(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${label}: ${error.message}\n\n${usage}`);
    process.exit(2);
  }
}
