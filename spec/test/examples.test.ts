// checkExamples on small documents: a parameter's default is checked like its example, so the spec
// cannot state a value the service assumes that no request could carry.
import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { checkExamples } from '../src/examples.js';

function docWith(parameter: Record<string, unknown>): OpenAPIV3.Document {
  return {
    openapi: '3.0.3',
    info: { title: 't', version: '1' },
    paths: { '/#Action=Op': { get: { operationId: 'Op', parameters: [parameter as unknown as OpenAPIV3.ParameterObject], responses: {} } } },
  };
}

function problems(parameter: Record<string, unknown>): string[] {
  return checkExamples(docWith(parameter)).flatMap((c) => c.failures.map((f) => `${c.where} ${f.path}: ${f.message}`));
}

describe('checkExamples on parameter defaults', () => {
  const base = { name: 'Mode', in: 'query', required: false, example: 'A' };
  it('accepts a default the schema allows, also on an allOf of a shared schema', () => {
    expect(problems({ ...base, schema: { type: 'string', enum: ['A', 'B'], default: 'B' } })).toEqual([]);
    expect(problems({ ...base, schema: { allOf: [{ type: 'string', enum: ['A', 'B'] }], default: 'A' } })).toEqual([]);
  });

  it('refuses a default outside the enum, of another type, or on a required parameter', () => {
    expect(problems({ ...base, schema: { type: 'string', enum: ['A', 'B'], default: 'C' } })).toEqual([
      'parameter Mode default /: must be equal to one of the allowed values',
    ]);
    expect(problems({ ...base, schema: { allOf: [{ type: 'string', enum: ['A'] }], default: true } }).length).toBeGreaterThan(0);
    expect(problems({ ...base, required: true, schema: { type: 'string', default: 'A' } })).toEqual([
      'parameter Mode default /: a required parameter has a default',
    ]);
  });
});
