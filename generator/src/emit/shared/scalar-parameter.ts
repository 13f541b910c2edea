// A request parameter as the runtimes check it: its wire name, scalar kind, whether it is required,
// and the constraints of its schema (named schemas resolved). Both the client and the mock server
// validate requests with this shape.
import { type ApiModel, type ParameterModel, resolveType } from '../../model/index.js';
import { SpecError } from '../../load/spec-error.js';

const CONSTRAINTS = ['enum', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum'] as const;

export interface ScalarParameter {
  readonly name: string;
  readonly kind: 'string' | 'integer' | 'number' | 'boolean';
  readonly required: boolean;
  readonly [constraint: string]: unknown;
}

export function scalarParameter(model: ApiModel, where: string, p: ParameterModel): ScalarParameter {
  const type = resolveType(model, p.type);
  if (type.kind === 'array' || type.kind === 'object') {
    throw new SpecError(where, `parameter '${p.name}' is ${type.kind === 'array' ? 'an array' : 'an object'}; RPC parameters are scalars`);
  }
  const constraints = Object.fromEntries(
    CONSTRAINTS.map((key) => [key, (type as unknown as Record<string, unknown>)[key]]).filter(([, value]) => value !== undefined),
  );
  return { name: p.name, kind: type.kind, required: p.required, ...constraints };
}

