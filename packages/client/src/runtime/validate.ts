// Checks a request against its operation before anything is sent, and turns each value into its
// percent-encoded wire form in the same pass (validation and encoding visit the same values, and the
// encoding is reused by every attempt). All problems are reported at once.
import { didYouMean } from './closest.js';
import { RESERVED_NAMES, type CompiledOperation, type CompiledParam } from './compile.js';
import { ValidationError, type ValidationIssue } from './errors.js';
import { percentEncode } from './signer.js';

/** Values filled from the client's configuration (see ParamMeta.fromConfig). */
export interface ConfigValues {
  readonly regionId: string;
}

/**
 * The encoded value of each of the operation's parameters (index as in `op.params`), undefined
 * where the request leaves it out. Throws ValidationError.
 */
export function encodeRequest(
  compiled: CompiledOperation,
  request: object | undefined,
  config: ConfigValues,
): (string | undefined)[] {
  const values: Record<string, unknown> = request === undefined ? {} : checkShape(compiled, request);
  let issues: ValidationIssue[] | undefined;
  for (const name of Object.keys(values)) {
    if (!compiled.indexByName.has(name) && values[name] !== undefined) {
      (issues ??= []).push({ param: name, message: unknownMessage(compiled, name) });
    }
  }
  const encoded = new Array<string | undefined>(compiled.params.length);
  for (let i = 0; i < compiled.params.length; i++) {
    const param = compiled.params[i];
    let value = values[param.meta.name];
    if (value === undefined && param.meta.fromConfig === 'regionId') value = config.regionId;
    if (value === undefined) {
      if (param.meta.required) (issues ??= []).push({ param: param.meta.name, message: 'is required' });
      continue;
    }
    const result = encodeValue(param, value);
    if (typeof result === 'string') encoded[i] = result;
    else (issues ??= []).push({ param: param.meta.name, message: result.message });
  }
  if (issues !== undefined) throw new ValidationError(compiled.op.action, issues);
  return encoded;
}

function checkShape(compiled: CompiledOperation, request: object): Record<string, unknown> {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new ValidationError(compiled.op.action, [{ param: '(request)', message: `must be an object, got ${describe(request)}` }]);
  }
  return request as Record<string, unknown>;
}

function unknownMessage(compiled: CompiledOperation, name: string): string {
  if (RESERVED_NAMES.has(name)) return 'is set by the client and cannot be passed';
  return `is not a parameter of ${compiled.op.action}${didYouMean(name, compiled.indexByName.keys())}`;
}

// The encoded value, or why there is none. A bare string on success keeps the hot path allocation-free.
type Encoded = string | Failure;

class Failure {
  constructor(readonly message: string) {}
}

function encodeValue(param: CompiledParam, value: unknown): Encoded {
  switch (param.meta.kind) {
    case 'string':
      return encodeString(param, value);
    case 'integer':
    case 'number':
      return encodeNumber(param, value);
    case 'boolean':
      if (typeof value !== 'boolean') return fail(`must be a boolean, got ${describe(value)}`);
      return value ? 'true' : 'false';
  }
}

function encodeString(param: CompiledParam, value: unknown): Encoded {
  const meta = param.meta;
  if (typeof value !== 'string') return fail(`must be a string, got ${describe(value)}`);
  if (meta.enum !== undefined && !meta.enum.includes(value)) return fail(enumMessage(meta.enum, value));
  if (meta.minLength !== undefined || meta.maxLength !== undefined) {
    const length = codePointLength(value);
    if (meta.minLength !== undefined && length < meta.minLength) {
      return fail(`must be at least ${meta.minLength} characters long, got ${length}`);
    }
    if (meta.maxLength !== undefined && length > meta.maxLength) {
      return fail(`must be at most ${meta.maxLength} characters long, got ${length}`);
    }
  }
  if (param.pattern !== undefined && !param.pattern.test(value)) {
    return fail(`must match /${meta.pattern}/, got ${describe(value)}`);
  }
  try {
    return percentEncode(value);
  } catch {
    // encodeURIComponent's URIError: the value has a lone surrogate and no UTF-8 form.
    return fail('is not well-formed Unicode (it holds a lone surrogate)');
  }
}

function encodeNumber(param: CompiledParam, value: unknown): Encoded {
  const meta = param.meta;
  if (typeof value !== 'number') return fail(`must be a number, got ${describe(value)}`);
  if (!Number.isFinite(value)) return fail(`must be a finite number, got ${String(value)}`);
  if (meta.kind === 'integer' && !Number.isSafeInteger(value)) {
    return fail(`must be an integer, got ${String(value)}`);
  }
  if (meta.enum !== undefined && !meta.enum.includes(value)) return fail(enumMessage(meta.enum, value));
  if (meta.minimum !== undefined && value < meta.minimum) return fail(`must be >= ${meta.minimum}, got ${value}`);
  if (meta.maximum !== undefined && value > meta.maximum) return fail(`must be <= ${meta.maximum}, got ${value}`);
  // Decimal digits (and `.`/`-`) only for the values that pass: nothing to percent-encode.
  return String(value);
}

function fail(message: string): Failure {
  return new Failure(message);
}

function enumMessage(allowed: readonly (string | number)[], value: unknown): string {
  return `must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, got ${describe(value)}`;
}

// JSON Schema lengths count code points, not UTF-16 units: an emoji is one character.
function codePointLength(value: string): number {
  let length = 0;
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    if (unit < 0xdc00 || unit > 0xdfff) length++;
  }
  return length;
}

/** A short, safe description of a value for a message. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}...` : JSON.stringify(value);
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${String(value)}`;
    default:
      return typeof value === 'object' ? 'an object' : typeof value;
  }
}
