// Request parameters as the spec describes them (a descriptor: wire name, scalar kind, required,
// and the constraints of its schema) and their checks, in one place: the client checks the values
// a caller passes, the mock server the strings it receives, with the same rules and the same words.
// Messages state what is wrong and, of the value, only its kind and length: a value may be a secret.

/** The wire type of a scalar request parameter (or of a scalar inside a structured one). */
export type ParamKind = 'string' | 'integer' | 'number' | 'boolean';

/** A parameter is a scalar, or an array or object sent in a wire style (see structured.ts). */
export type DescriptorKind = ParamKind | 'array' | 'object';

export type ParamValue = string | number | boolean;

/**
 * A request parameter: wire name, kind, whether it is required, its schema's constraints. An array
 * or object parameter also has its wire `style` and its shape (`items`, `properties`, ...), as
 * structured.ts's ArrayShape and ObjectShape; the scalar checks below are for scalar kinds only.
 */
export interface ParamDescriptor extends ScalarConstraints {
  /** The wire name, exactly as sent (`InstanceId`, `PageNo`). */
  readonly name: string;
  readonly kind: DescriptorKind;
  readonly required: boolean;
  /** How an array or object goes on the wire: `Name.1.Key=...` pairs, or one JSON string. */
  readonly style?: 'repeatList' | 'json';
  readonly items?: unknown;
  readonly properties?: unknown;
  readonly requiredProperties?: readonly string[];
  readonly minItems?: number;
  readonly maxItems?: number;
}

/** The constraints of a scalar's schema, on a parameter or on a scalar inside a structured one. */
export interface ScalarConstraints {
  /** The only values the parameter accepts, when the spec lists them. */
  readonly enum?: readonly (string | number)[];
  /** Lengths in code points, as JSON Schema counts them. */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** An ECMA-262 regular expression (JSON Schema `pattern`). */
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
}

/** Why a value is refused; a class so that a check returns a bare value on success. */
export class Problem {
  constructor(readonly message: string) {}
}

/** A descriptor made ready to check many values: its pattern compiled once. */
export interface CheckedParam<D extends ParamDescriptor = ParamDescriptor> {
  readonly descriptor: D;
  readonly pattern: RegExp | undefined;
}

const patterns = new Map<string, RegExp>();

/**
 * The compiled pattern, shared by every parameter that uses it. JSON Schema patterns are ECMA-262
 * with Unicode semantics, but the `u` flag rejects identity escapes (`\-` outside a class) that
 * specs often carry; those patterns get the legacy syntax. A pattern neither accepts throws.
 */
export function compilePattern(source: string): RegExp {
  let re = patterns.get(source);
  if (re === undefined) {
    try {
      re = new RegExp(source, 'u');
    } catch {
      re = new RegExp(source);
    }
    patterns.set(source, re);
  }
  return re;
}

export function checkedParam<D extends ParamDescriptor>(descriptor: D): CheckedParam<D> {
  return { descriptor, pattern: descriptor.pattern === undefined ? undefined : compilePattern(descriptor.pattern) };
}

/** The value's kind (and a string's length), never the value itself. */
export function describeKind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      const length = codePointLength(value);
      return `a string of ${length} character${length === 1 ? '' : 's'}`;
    }
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'bigint':
      return 'a bigint';
    case 'undefined':
      return 'undefined';
    default:
      return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
  }
}

/** Length in code points (an emoji is one character). For a well-formed string. */
export function codePointLength(value: string): number {
  let length = value.length;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xdc00 && unit <= 0xdfff) length--;
  }
  return length;
}

interface WellFormed {
  isWellFormed(): boolean;
}

/**
 * A lone surrogate has no UTF-8 form: it cannot be sent, signed or stored faithfully, so it is not
 * a character string at all. Both sides refuse it rather than count or replace it.
 */
export function isWellFormed(value: string): boolean {
  return (value as unknown as WellFormed).isWellFormed();
}

/**
 * Checks a value of the parameter's kind against the schema's constraints: well-formed Unicode,
 * enum, lengths, pattern, range. Undefined when it passes.
 */
export function constraintProblem(param: CheckedParam, value: ParamValue): Problem | undefined {
  const d = param.descriptor;
  if (typeof value === 'string') {
    if (!isWellFormed(value)) return new Problem('is not well-formed Unicode (it holds a lone surrogate)');
    if (d.enum !== undefined && !d.enum.includes(value)) return enumProblem(d.enum, value);
    if (d.minLength !== undefined || d.maxLength !== undefined) {
      const length = codePointLength(value);
      if (d.minLength !== undefined && length < d.minLength) {
        return new Problem(`must be at least ${d.minLength} characters long, got ${length}`);
      }
      if (d.maxLength !== undefined && length > d.maxLength) {
        return new Problem(`must be at most ${d.maxLength} characters long, got ${length}`);
      }
    }
    if (param.pattern !== undefined && !param.pattern.test(value)) {
      return new Problem(`must match /${d.pattern}/, got ${describeKind(value)}`);
    }
    return undefined;
  }
  if (typeof value === 'number') {
    if (d.enum !== undefined && !d.enum.includes(value)) return enumProblem(d.enum, value);
    if (d.minimum !== undefined && value < d.minimum) return new Problem(`must be >= ${d.minimum}`);
    if (d.maximum !== undefined && value > d.maximum) return new Problem(`must be <= ${d.maximum}`);
  }
  return undefined;
}

function enumProblem(allowed: readonly (string | number)[], value: ParamValue): Problem {
  return new Problem(`must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${describeKind(value)}`);
}

/** Checks a caller's value (any JavaScript value) against the parameter: kind, then constraints. */
export function valueProblem(param: CheckedParam, value: unknown): Problem | undefined {
  const kind = param.descriptor.kind;
  switch (kind) {
    case 'string':
      if (typeof value !== 'string') return new Problem(`must be a string, got ${describeKind(value)}`);
      break;
    case 'integer':
    case 'number':
      if (typeof value !== 'number') return new Problem(`must be a number, got ${describeKind(value)}`);
      if (!Number.isFinite(value)) return new Problem('must be a finite number');
      if (kind === 'integer' && !Number.isSafeInteger(value)) return new Problem('must be an integer (a safe one)');
      break;
    case 'boolean':
      if (typeof value !== 'boolean') return new Problem(`must be a boolean, got ${describeKind(value)}`);
      break;
    default:
      return new Problem(`is ${kind === 'array' ? 'an array' : 'an object'} parameter; check it with structuredProblem`);
  }
  return constraintProblem(param, value as ParamValue);
}

const INTEGER = /^[+-]?[0-9]+$/;
const NUMBER = /^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

/**
 * A wire string as the parameter's kind (integer, number, boolean as `true`/`false` in any case,
 * string as it is), checked against the constraints; or the Problem.
 */
export function parseWireValue(param: CheckedParam, raw: string): ParamValue | Problem {
  let value: ParamValue;
  switch (param.descriptor.kind) {
    case 'integer':
      value = INTEGER.test(raw) ? Number(raw) : NaN;
      if (!Number.isSafeInteger(value)) return new Problem('must be an integer');
      break;
    case 'number':
      value = NUMBER.test(raw) ? Number(raw) : NaN;
      if (!Number.isFinite(value)) return new Problem('must be a number');
      break;
    case 'boolean': {
      const lower = raw.toLowerCase();
      if (lower !== 'true' && lower !== 'false') return new Problem('must be true or false');
      value = lower === 'true';
      break;
    }
    case 'string':
      value = raw;
      break;
    default:
      return new Problem('is a structured parameter; read it with readStructured');
  }
  return constraintProblem(param, value) ?? value;
}
