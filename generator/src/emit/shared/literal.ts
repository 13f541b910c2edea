// Values as TypeScript literals, on one line: single quotes, unquoted identifier keys.
export function literal(value: unknown): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{ ${Object.entries(value).map(([k, v]) => `${key(k)}: ${literal(v)}`).join(', ')} }`;
  }
  return String(value);
}

function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : literal(name);
}

/** A union of string literals written one member per line (starting on a new line), or `never`. */
export function unionText(values: readonly string[]): string {
  return values.length === 0 ? 'never' : values.map((v) => `\n  | ${literal(v)}`).join('');
}
