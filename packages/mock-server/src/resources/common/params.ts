// Typed access to a request's parameters. The server has already validated and coerced them
// against the spec (required ones are present, `PageNo` is a number, `Enable` a boolean); these
// helpers only narrow the types, and stay tolerant of a handler called directly with strings.
import { operations } from '../../generated/index.js';
import type { RequestContext } from '../context.js';
import { invalidParameter } from './errors.js';

/** A required string parameter. */
export function str(context: RequestContext, name: string): string {
  const value = context.params[name];
  if (value === undefined || value === '') throw invalidParameter(name, 'it is required');
  return String(value);
}

/** An optional string parameter; undefined when absent. */
export function optStr(context: RequestContext, name: string): string | undefined {
  const value = context.params[name];
  return value === undefined ? undefined : String(value);
}

/** An optional string parameter that is absent when empty (filters: `RepoName=` selects nothing). */
export function filter(context: RequestContext, name: string): string | undefined {
  const value = optStr(context, name);
  return value === '' ? undefined : value;
}

/** An optional boolean parameter. */
export function optBool(context: RequestContext, name: string): boolean | undefined {
  const value = context.params[name];
  if (value === undefined) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidParameter(name, 'it must be true or false');
}

/** An optional integer parameter. */
export function optInt(context: RequestContext, name: string): number | undefined {
  const value = context.params[name];
  if (value === undefined) return undefined;
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(n)) throw invalidParameter(name, 'it must be an integer');
  return n;
}

/** A required value of a value set (the server has checked it; this narrows the type). */
export function oneOf<T extends string>(context: RequestContext, name: string): T {
  const value = str(context, name);
  const values = specValues(context, name);
  if (!values.includes(value)) throw invalidParameter(name, `valid values: ${values.join(', ')}`);
  return value as T;
}

/** The value set the spec gives this parameter of the current operation (never re-listed here). */
function specValues(context: RequestContext, name: string): readonly string[] {
  const values = operations[context.action].params.find((p) => p.name === name)?.enum;
  if (values === undefined) throw new Error(`${context.action}: the spec gives ${name} no value set`);
  return values.map(String);
}

/** An optional value of a value set. */
export function optOneOf<T extends string>(context: RequestContext, name: string): T | undefined {
  return context.params[name] === undefined ? undefined : oneOf<T>(context, name);
}
