// Request validation compiled from the spec: each ParamSpec becomes one small checker, once, at
// start (patterns compiled and cached, enum sets built), so a request only runs the checks.
// Strings are coerced to the parameter's kind: integer, number, boolean ("true"/"false", any case).
import type { ParamValue } from '../resources/context.js';
import type { ParamSpec } from './operation.js';
import type { WireParams } from './params.js';
import { invalidParameter, missingParameter, type MockError } from './wire-errors.js';

/** Turns a wire string into the parameter's value, or throws InvalidParameter. */
type Coerce = (raw: string) => ParamValue;

export interface CompiledParam {
  readonly name: string;
  readonly required: boolean;
  readonly coerce: Coerce;
}

const INTEGER = /^[+-]?[0-9]+$/;
const NUMBER = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;
const patterns = new Map<string, RegExp>();

/** The compiled pattern, shared by every parameter that uses it. Bad patterns fail at start. */
export function compiledPattern(source: string): RegExp {
  let re = patterns.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, 'u');
    } catch {
      // JSON Schema patterns are ECMA-262; some valid ones (`\_`) are rejected in Unicode mode.
      re = new RegExp(source);
    }
    patterns.set(source, re);
  }
  return re;
}

/** Length in code points, as JSON Schema counts it. */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

function kindOf(spec: ParamSpec): Coerce {
  const fail = (why: string): MockError => invalidParameter(spec.name, why);
  switch (spec.kind) {
    case 'integer':
      return (raw) => {
        const value = INTEGER.test(raw) ? Number(raw) : NaN;
        if (!Number.isSafeInteger(value)) throw fail('it must be an integer');
        return value;
      };
    case 'number':
      return (raw) => {
        const value = NUMBER.test(raw) ? Number(raw) : NaN;
        if (!Number.isFinite(value)) throw fail('it must be a number');
        return value;
      };
    case 'boolean':
      return (raw) => {
        const lower = raw.toLowerCase();
        if (lower === 'true') return true;
        if (lower === 'false') return false;
        throw fail('it must be true or false');
      };
    default:
      return (raw) => raw;
  }
}

/** The checks of one parameter, in order: kind, enum, lengths, pattern, range. */
export function compileParam(spec: ParamSpec): CompiledParam {
  const name = spec.name;
  const fail = (why: string): MockError => invalidParameter(name, why);
  const checks: ((value: ParamValue) => void)[] = [];
  if (spec.enum !== undefined) {
    const allowed = new Set<ParamValue>(spec.enum);
    const list = spec.enum.join(', ');
    checks.push((value) => {
      if (!allowed.has(value)) throw fail(`it must be one of ${list}`);
    });
  }
  const { minLength, maxLength, pattern, minimum, maximum } = spec;
  if (minLength !== undefined) {
    checks.push((value) => {
      if (typeof value === 'string' && codePoints(value) < minLength) {
        throw fail(minLength === 1 ? 'it must not be empty' : `it must be at least ${minLength} characters long`);
      }
    });
  }
  if (maxLength !== undefined) {
    checks.push((value) => {
      if (typeof value === 'string' && value.length > maxLength && codePoints(value) > maxLength) {
        throw fail(`it must be at most ${maxLength} characters long`);
      }
    });
  }
  if (pattern !== undefined) {
    const re = compiledPattern(pattern);
    checks.push((value) => {
      if (typeof value === 'string' && !re.test(value)) throw fail(`it must match ${pattern}`);
    });
  }
  if (minimum !== undefined) {
    checks.push((value) => {
      if (typeof value === 'number' && value < minimum) throw fail(`it must be at least ${minimum}`);
    });
  }
  if (maximum !== undefined) {
    checks.push((value) => {
      if (typeof value === 'number' && value > maximum) throw fail(`it must be at most ${maximum}`);
    });
  }
  const kind = kindOf(spec);
  const coerce: Coerce =
    checks.length === 0
      ? kind
      : (raw) => {
          const value = kind(raw);
          for (const check of checks) check(value);
          return value;
        };
  return { name, required: spec.required, coerce };
}

export function compileParams(specs: readonly ParamSpec[]): readonly CompiledParam[] {
  return specs.map(compileParam);
}

/** Checks parameters without keeping their values (the common parameters). */
export function checkParams(compiled: readonly CompiledParam[], wire: WireParams): void {
  for (const param of compiled) {
    const raw = wire.get(param.name);
    if (raw === undefined) {
      if (param.required) throw missingParameter(param.name);
    } else param.coerce(raw);
  }
}

/**
 * The operation's own parameters, validated and coerced. Parameters the operation does not define
 * are ignored (as the vendor's gateway does); the first failure throws.
 */
export function validateParams(compiled: readonly CompiledParam[], wire: WireParams): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const param of compiled) {
    const raw = wire.get(param.name);
    if (raw === undefined) {
      if (param.required) throw missingParameter(param.name);
      continue;
    }
    out[param.name] = param.coerce(raw);
  }
  return out;
}
