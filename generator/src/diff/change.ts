// One change between two versions of the API and the version bump it deserves from a user of the
// generated client. The rules that decide each bump are written next to the comparison that finds
// the change (operations.ts, types.ts, api.ts) and summarised in generator/README.md.

export const BUMPS = ['none', 'patch', 'minor', 'major'] as const;
export type Bump = (typeof BUMPS)[number];

export interface Change {
  /** The operation (Action) it concerns, or `(api)`, `(common parameters)`, `(schema Name)`. */
  readonly operation: string;
  /** What kind of change, e.g. `parameter-added`, `enum-value-removed` (see KINDS). */
  readonly kind: ChangeKind;
  /** What changed, in words, naming the parameter or field. */
  readonly detail: string;
  readonly bump: Exclude<Bump, 'none'>;
}

export const KINDS = [
  'operation-added',
  'operation-removed',
  'operation-deprecated',
  'operation-undeprecated',
  'parameter-added',
  'parameter-removed',
  'parameter-required',
  'parameter-optional',
  'field-added',
  'field-removed',
  'field-required',
  'field-optional',
  'type-changed',
  'enum-value-added',
  'enum-value-removed',
  'enum-added',
  'enum-removed',
  'constraint-narrowed',
  'constraint-widened',
  'constraint-changed',
  'format-changed',
  'nullable-changed',
  'default-changed',
  'deprecated-changed',
  'pagination-changed',
  'waiter-added',
  'waiter-removed',
  'waiter-changed',
  'ram-changed',
  'schema-added',
  'schema-removed',
  'wire-changed',
  'docs-changed',
  'example-changed',
] as const;
export type ChangeKind = (typeof KINDS)[number];

/** The larger of two bumps. */
export function maxBump(a: Bump, b: Bump): Bump {
  return BUMPS.indexOf(a) >= BUMPS.indexOf(b) ? a : b;
}

/** The bump a whole set of changes deserves: the largest of its changes', `none` for no change. */
export function overallBump(changes: readonly Change[]): Bump {
  return changes.reduce<Bump>((bump, c) => maxBump(bump, c.bump), 'none');
}

/** Collects changes for one operation (or pseudo-operation), in the order they are found. */
export class ChangeList {
  readonly changes: Change[] = [];

  constructor(private readonly operation: string) {}

  add(kind: ChangeKind, bump: Change['bump'], detail: string): void {
    this.changes.push({ operation: this.operation, kind, detail, bump });
  }

  /** A documentation-only difference between two texts (a patch), when they differ. */
  text(what: string, before: string | undefined, after: string | undefined): void {
    if ((before ?? '') !== (after ?? '')) this.add('docs-changed', 'patch', `${what} changed`);
  }

  /** An example differs (a patch). */
  example(what: string, before: unknown, after: unknown): void {
    if (!sameValue(before, after)) this.add('example-changed', 'patch', `${what} changed`);
  }
}

/** Deep equality of plain JSON-like values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}
