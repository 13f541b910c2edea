// A request parameter as the runtimes check it (@acr-ee/wire's ParamDescriptor): its wire name,
// kind, whether it is required, and the constraints of its schema (named schemas resolved). An array
// or object parameter also carries its wire style and its shape down to every scalar (items,
// properties, required properties, element counts). Both the client and the mock server validate
// requests with this shape.
import { MAX_DEPTH } from '@acr-ee/wire';
import { type ApiModel, type ParameterModel, type TypeModel, flattenProperties, resolveType } from '../../model/index.js';
import { SpecError } from '../../load/spec-error.js';

const CONSTRAINTS = ['enum', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum'] as const;

export interface ScalarParameter {
  readonly name: string;
  readonly kind: 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object';
  readonly required: boolean;
  readonly [constraint: string]: unknown;
}

export function scalarParameter(model: ApiModel, where: string, p: ParameterModel): ScalarParameter {
  const type = resolveType(model, p.type);
  if (type.kind === 'array' || type.kind === 'object') {
    if (p.style === undefined) throw new SpecError(where, `parameter '${p.name}' is ${type.kind === 'array' ? 'an array' : 'an object'} without an x-acr-style`);
    const { kind, ...parts } = shape(model, where, p.name, p.type, 0);
    return { name: p.name, kind, required: p.required, style: p.style, ...parts } as unknown as ScalarParameter;
  }
  const { kind, ...constraints } = shape(model, where, p.name, p.type, 0);
  return { name: p.name, kind, required: p.required, ...constraints } as unknown as ScalarParameter;
}

/** @acr-ee/wire's ValueShape of a type: kind and constraints, and for arrays and objects their parts. */
function shape(model: ApiModel, where: string, name: string, given: TypeModel, depth: number): Record<string, unknown> {
  const type = resolveType(model, given);
  if (type.kind === 'array' || type.kind === 'object') {
    if (depth >= MAX_DEPTH) throw new SpecError(where, `parameter '${name}' nests more than ${MAX_DEPTH} levels of arrays and objects`);
  }
  if (type.kind === 'array') {
    return {
      kind: 'array',
      items: shape(model, where, name, type.items, depth + 1),
      ...(type.minItems !== undefined ? { minItems: type.minItems } : {}),
      ...(type.maxItems !== undefined ? { maxItems: type.maxItems } : {}),
    };
  }
  if (type.kind === 'object') {
    if (type.additionalProperties) throw new SpecError(where, `parameter '${name}' has a free-form object; the wire styles need named properties`);
    const properties = flattenProperties(model, type);
    const required = properties.filter((p) => p.required).map((p) => p.name);
    return {
      kind: 'object',
      properties: Object.fromEntries(properties.map((p) => [p.name, shape(model, where, name, p.type, depth + 1)])),
      ...(required.length > 0 ? { requiredProperties: required } : {}),
    };
  }
  const constraints = Object.fromEntries(
    CONSTRAINTS.map((key) => [key, (type as unknown as Record<string, unknown>)[key]]).filter(([, value]) => value !== undefined),
  );
  return { kind: type.kind, ...constraints };
}
