// Validates examples against the spec's schemas, strictly: besides types, formats and enums, an
// example may not carry a property its schema does not declare (a misspelt field is an error,
// not an "additional property"). OpenAPI 3.0 schemas leave additionalProperties open, so each
// object schema is checked with `unevaluatedProperties: false`, which also sees through allOf.
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormats from 'ajv-formats';
import type { ErrorObject } from 'ajv';

type Schema = Record<string, unknown>;

const INT_RANGES = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const;

function createAjv(): Ajv2019 {
  const ajv = new Ajv2019({ allErrors: true, strict: true, strictTypes: false });
  addFormats.default(ajv);
  for (const [name, [min, max]] of Object.entries(INT_RANGES)) {
    ajv.addFormat(name, { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= min && n <= max });
  }
  ajv.addFormat('password', true);
  for (const keyword of ['example', 'xml', 'externalDocs', 'discriminator']) ajv.addKeyword(keyword);
  return ajv;
}

/** A copy of `schema` in which every object schema rejects undeclared properties. */
export function closeObjects(schema: unknown, insideAllOf = false): unknown {
  if (Array.isArray(schema)) return schema.map((s) => closeObjects(s, insideAllOf));
  if (!schema || typeof schema !== 'object') return schema;
  const source = schema as Schema;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'example' || key.startsWith('x-')) continue;
    if (key === 'allOf') copy.allOf = (value as unknown[]).map((s) => closeObjects(s, true));
    else if (key === 'properties') {
      copy.properties = Object.fromEntries(
        Object.entries(value as Schema).map(([name, s]) => [name, closeObjects(s)]),
      );
    } else if (key === 'items' || key === 'additionalProperties') copy[key] = closeObjects(value);
    else if (key === 'nullable') continue;
    else copy[key] = value;
  }
  const isObject = 'properties' in source || 'allOf' in source || source.type === 'object';
  if (isObject && !insideAllOf && !('additionalProperties' in source)) copy.unevaluatedProperties = false;
  return copy;
}

export interface ValidationFailure {
  path: string;
  message: string;
}

const ajv = createAjv();

export function validateExample(schema: unknown, example: unknown): ValidationFailure[] {
  const validate = ajv.compile(closeObjects(schema) as Schema);
  if (validate(example)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => ({
    path: e.instancePath || '/',
    message: e.keyword === 'unevaluatedProperties'
      ? `undeclared property ${JSON.stringify(e.params.unevaluatedProperty)}`
      : `${e.message ?? e.keyword}`,
  }));
}
