// Checks a request against its operation before anything is sent, and turns each value into its
// percent-encoded wire form in the same pass (validation and encoding visit the same values, and the
// encoding is reused by every attempt). All problems are reported at once.
import { compareEncoded, describeKind, ElementProblem, flattenParam, isStructured, percentEncode, Problem, structuredProblem, valueProblem } from '@acr-ee/wire';
import { didYouMean } from './closest.js';
import { type CompiledOperation, type CompiledParam } from './compile.js';
import { ValidationError, type ValidationIssue } from './errors.js';

/** Values filled from the client's configuration (see ParamMeta.serverVariable). */
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
    let value = values[param.descriptor.name];
    if (value === undefined && param.descriptor.serverVariable === 'regionId') value = config.regionId;
    if (value === undefined) {
      if (param.descriptor.required) (issues ??= []).push({ param: param.descriptor.name, message: 'is required' });
      continue;
    }
    const result = encodeValue(param, value);
    if (result instanceof Problem) (issues ??= []).push({ param: result instanceof ElementProblem ? result.at : param.descriptor.name, message: result.message });
    else if (result !== '' || param.descriptor.style !== 'repeatList') encoded[i] = result;
    else if (param.descriptor.required) (issues ??= []).push({ param: param.descriptor.name, message: 'is required (an empty list sends nothing)' });
  }
  if (issues !== undefined) throw new ValidationError(compiled.op.action, issues);
  return encoded;
}

function checkShape(compiled: CompiledOperation, request: object): Record<string, unknown> {
  if (request === null || typeof request !== 'object' || Array.isArray(request)) {
    throw new ValidationError(compiled.op.action, [{ param: '(request)', message: `must be an object, got ${describeKind(request)}` }]);
  }
  return request as Record<string, unknown>;
}

function unknownMessage(compiled: CompiledOperation, name: string): string {
  if (compiled.reserved.has(name)) return 'is set by the client and cannot be passed';
  return `is not a parameter of ${compiled.op.action}${didYouMean(name, compiled.indexByName.keys())}`;
}

// The encoded value, or why there is none (wire's checks: kind, well-formed Unicode, enum, lengths,
// pattern, range). A bare string on success keeps the hot path allocation-free.
function encodeValue(param: CompiledParam, value: unknown): string | Problem {
  const d = param.descriptor;
  if (isStructured(d)) {
    const problem = structuredProblem(d, value);
    if (problem !== undefined) return problem;
    const pairs = flattenParam(d, value);
    if (d.style === 'json') return percentEncode(pairs[0][1]);
    // repeatList: the pairs as one run of the canonical query, sorted by encoded name ('' if none).
    const encodedPairs = pairs.map(([name, text]) => [percentEncode(name), percentEncode(text)] as const);
    encodedPairs.sort((a, b) => compareEncoded(a[0], b[0]));
    let run = '';
    for (const [name, text] of encodedPairs) run += run === '' ? `${name}=${text}` : `&${name}=${text}`;
    return run;
  }
  const problem = valueProblem(param, value);
  if (problem !== undefined) return problem;
  switch (param.descriptor.kind) {
    case 'string':
      return percentEncode(value as string);
    case 'boolean':
      return value ? 'true' : 'false';
    default:
      // Decimal digits (and `.`/`-`) only for the values that pass: nothing to percent-encode.
      return String(value);
  }
}
