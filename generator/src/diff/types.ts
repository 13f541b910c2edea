// Compares two types of the model as a user of the generated client sees them. The direction
// matters: a value the user sends (`request`) may accept more without harm but not less; a value
// the user reads (`response`) may hold less without harm but not more.
//
// Request: a value or field removed, an enum value removed, an enum introduced, a constraint
// narrowed, a format added or changed, `nullable` dropped or a field made required is major; the
// reverse of each is minor.
// Response: a field removed, a type changed, a field made optional, `nullable` added or an enum
// dropped (the type widens to its base type) is major. A field or enum value added is minor: the
// value can appear in answers an exhaustive `switch` did not expect, but an API that may never add
// a value cannot evolve, so users are expected to keep a default branch (documented in the README).
// Constraints and formats of response values do not change the generated types: patch.
// Both: descriptions and examples are patch; a default changed is minor (a caller who omits the
// value gets other behaviour); deprecation added is minor (new advice), removed is patch.
// A reference to the same named schema is not followed: the named schemas are compared once each
// (api.ts), so a change to a shared shape is reported once, with the operations that use it. A value
// that now refers to another schema (or inlines it) is compared by shape.
import { type ApiModel, type ObjectType, type PropertyModel, type TypeModel, resolveType } from '../model/index.js';
import { type ChangeList, sameValue } from './change.js';

export type Direction = 'request' | 'response';

export interface TypeContext {
  readonly base: ApiModel;
  readonly head: ApiModel;
  readonly direction: Direction;
  readonly changes: ChangeList;
  /** Pairs of differently named schemas already being compared (recursive shapes end there). */
  readonly seen?: ReadonlySet<string>;
}

export function compareType(before: TypeModel, after: TypeModel, where: string, ctx: TypeContext): void {
  const { changes } = ctx;
  if ((before.kind === 'ref' || after.kind === 'ref') && !(before.kind === 'ref' && after.kind === 'ref' && before.name === after.name)) {
    // A value that now refers to another named shape (or to none) is compared by what it holds:
    // the name alone is documentation here (a named type removed is reported as such).
    const pair = `${typeName(before)}>${typeName(after)}`;
    changes.add('docs-changed', 'patch', `${where}: now described by ${typeName(after)} instead of ${typeName(before)}`);
    if (ctx.seen?.has(pair)) return;
    const next = { ...ctx, seen: new Set([...(ctx.seen ?? []), pair]) };
    return compareType(resolveType(ctx.base, before), resolveType(ctx.head, after), where, next);
  }
  if (before.kind !== after.kind) {
    changes.add('type-changed', 'major', `${where}: type changed from ${typeName(before)} to ${typeName(after)}`);
    return;
  }
  changes.text(`${where}: description`, before.description, after.description);
  changes.example(`${where}: example`, before.example, after.example);
  compareDefault(before.default, after.default, where, changes);
  if (Boolean(before.deprecated) !== Boolean(after.deprecated)) {
    changes.add('deprecated-changed', after.deprecated ? 'minor' : 'patch', `${where}: ${after.deprecated ? 'deprecated' : 'no longer deprecated'}`);
  }
  if (Boolean(before.nullable) !== Boolean(after.nullable)) {
    const harmful = ctx.direction === 'response' ? Boolean(after.nullable) : Boolean(before.nullable);
    changes.add('nullable-changed', harmful ? 'major' : 'minor', `${where}: ${after.nullable ? 'may now be null' : 'may no longer be null'}`);
  }
  switch (before.kind) {
    case 'string':
    case 'integer':
      compareEnum(before.enum, (after as typeof before).enum, where, ctx);
      compareFormat(before.format, (after as typeof before).format, where, ctx);
      break;
    case 'number':
      compareFormat(before.format, (after as typeof before).format, where, ctx);
      break;
    case 'array':
      compareType(before.items, (after as typeof before).items, `${where}[]`, ctx);
      break;
    case 'object':
      compareObject(before, after as ObjectType, where, ctx);
      break;
  }
  compareConstraints(before, after, where, ctx);
}

function compareEnum(before: readonly (string | number)[] | undefined, after: readonly (string | number)[] | undefined, where: string, ctx: TypeContext): void {
  const { changes, direction } = ctx;
  if (!before && !after) return;
  if (!before || !after) {
    // An enum introduced narrows the type; dropped, it widens it to the base type.
    const narrowed = !before;
    const harmful = direction === 'request' ? narrowed : !narrowed;
    changes.add(narrowed ? 'enum-added' : 'enum-removed', harmful ? 'major' : 'minor', `${where}: ${narrowed ? `now limited to ${list(after!)}` : 'no longer limited to a set of values'}`);
    return;
  }
  for (const value of before.filter((v) => !after.includes(v))) {
    changes.add('enum-value-removed', direction === 'request' ? 'major' : 'minor', `${where}: value ${show(value)} removed`);
  }
  for (const value of after.filter((v) => !before.includes(v))) {
    changes.add('enum-value-added', 'minor', `${where}: value ${show(value)} added`);
  }
}

/** int32 -> int64 widens a request value; a string format added or changed narrows it. */
function compareFormat(before: string | undefined, after: string | undefined, where: string, ctx: TypeContext): void {
  if (before === after) return;
  const detail = `${where}: format changed from ${before ?? '(none)'} to ${after ?? '(none)'}`;
  if (ctx.direction === 'response') return ctx.changes.add('format-changed', 'patch', detail);
  const widened = (before === 'int32' && after === 'int64') || (before === 'float' && after === 'double') || after === undefined;
  ctx.changes.add('format-changed', widened ? 'minor' : 'major', detail);
}

type Limits = { minLength?: number; maxLength?: number; minimum?: number; maximum?: number; pattern?: string };

function compareConstraints(before: TypeModel, after: TypeModel, where: string, ctx: TypeContext): void {
  const b = before as Limits;
  const a = after as Limits;
  const found: { name: string; narrowed: boolean }[] = [];
  const lower = (name: 'minLength' | 'minimum') => {
    if (b[name] !== a[name]) found.push({ name, narrowed: a[name] !== undefined && (b[name] === undefined || a[name]! > b[name]!) });
  };
  const upper = (name: 'maxLength' | 'maximum') => {
    if (b[name] !== a[name]) found.push({ name, narrowed: a[name] !== undefined && (b[name] === undefined || a[name]! < b[name]!) });
  };
  lower('minLength');
  lower('minimum');
  upper('maxLength');
  upper('maximum');
  // A pattern cannot be compared for inclusion: any new or changed pattern counts as narrowing.
  if (b.pattern !== a.pattern) found.push({ name: 'pattern', narrowed: a.pattern !== undefined });
  for (const { name, narrowed } of found) {
    const detail = `${where}: ${name} changed from ${show(b[name as keyof Limits])} to ${show(a[name as keyof Limits])}`;
    if (ctx.direction === 'response') ctx.changes.add('constraint-changed', 'patch', detail);
    else ctx.changes.add(narrowed ? 'constraint-narrowed' : 'constraint-widened', narrowed ? 'major' : 'minor', detail);
  }
}

function compareObject(before: ObjectType, after: ObjectType, where: string, ctx: TypeContext): void {
  const { changes, direction } = ctx;
  for (const base of before.bases.filter((n) => !after.bases.includes(n))) {
    changes.add('field-removed', 'major', `${where}: no longer includes the fields of ${base}`);
  }
  for (const base of after.bases.filter((n) => !before.bases.includes(n))) {
    const required = direction === 'request' && requiredFieldsOf(ctx.head, base) > 0;
    changes.add('field-added', required ? 'major' : 'minor', `${where}: now includes the fields of ${base}`);
  }
  if (before.additionalProperties !== after.additionalProperties) {
    const harmful = direction === 'request' ? !after.additionalProperties : after.additionalProperties;
    changes.add('type-changed', harmful ? 'major' : 'minor', `${where}: ${after.additionalProperties ? 'now' : 'no longer'} a free-form map`);
  }
  const afterByName = new Map(after.properties.map((p) => [p.name, p]));
  const beforeNames = new Set(before.properties.map((p) => p.name));
  for (const field of before.properties) {
    const next = afterByName.get(field.name);
    const at = `${where}.${field.name}`;
    if (!next) changes.add('field-removed', 'major', `${at}: field removed`);
    else compareField(field, next, at, ctx);
  }
  for (const field of after.properties.filter((p) => !beforeNames.has(p.name))) {
    const bump = direction === 'request' && field.required ? 'major' : 'minor';
    changes.add('field-added', bump, `${where}.${field.name}: ${field.required ? 'required' : 'optional'} field added`);
  }
}

function compareField(before: PropertyModel, after: PropertyModel, where: string, ctx: TypeContext): void {
  if (before.required !== after.required) {
    // Required in a request or optional in a response asks more of the user.
    const harmful = ctx.direction === 'request' ? after.required : before.required;
    ctx.changes.add(after.required ? 'field-required' : 'field-optional', harmful ? 'major' : 'minor', `${where}: now ${after.required ? 'required' : 'optional'}`);
  }
  compareType(before.type, after.type, where, ctx);
}

function requiredFieldsOf(model: ApiModel, name: string): number {
  const named = model.schemas.find((s) => s.name === name);
  return named && named.type.kind === 'object' ? named.type.properties.filter((p) => p.required).length : 0;
}

export function typeName(type: TypeModel): string {
  if (type.kind === 'ref') return type.name;
  if (type.kind === 'array') return `${typeName(type.items)}[]`;
  return type.kind;
}

/** A default changed: minor (a caller who omits the value gets other behaviour). */
export function compareDefault(before: unknown, after: unknown, where: string, changes: ChangeList): void {
  if (!sameValue(before, after)) changes.add('default-changed', 'minor', `${where}: default changed from ${show(before)} to ${show(after)}`);
}

function list(values: readonly (string | number)[]): string {
  return values.map(show).join(', ');
}

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}
