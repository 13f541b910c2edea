// Given a parameter of the model, want the descriptor the runtimes check it with.
import { describe, expect, it } from 'vitest';
import type { ApiModel, ParameterModel, TypeModel } from '../../../src/model/index.js';
import { scalarParameter } from '../../../src/emit/shared/scalar-parameter.js';
import { SpecError } from '../../../src/load/spec-error.js';

/** A model with one named schema, which is all scalarParameter reads of it. */
const model = { schemas: [{ name: 'RepoType', type: { kind: 'string', enum: ['PUBLIC', 'PRIVATE'] }, location: 'x' }] } as unknown as ApiModel;
const param = (type: TypeModel, required = false): ParameterModel => ({ name: 'P', in: 'query', required, description: '', type });

describe('scalarParameter', () => {
  it.each([
    { given: 'a plain string', type: { kind: 'string' } as TypeModel, want: { name: 'P', kind: 'string', required: false } },
    {
      given: 'a string with every constraint',
      type: { kind: 'string', enum: ['a'], minLength: 1, maxLength: 9, pattern: '^a$', description: 'dropped', example: 'a' } as TypeModel,
      want: { name: 'P', kind: 'string', required: false, enum: ['a'], minLength: 1, maxLength: 9, pattern: '^a$' },
    },
    { given: 'an integer range', type: { kind: 'integer', format: 'int32', minimum: 1, maximum: 100 } as TypeModel, want: { name: 'P', kind: 'integer', required: false, minimum: 1, maximum: 100 } },
    { given: 'a boolean', type: { kind: 'boolean' } as TypeModel, want: { name: 'P', kind: 'boolean', required: false } },
    { given: 'a reference, resolved', type: { kind: 'ref', name: 'RepoType' } as TypeModel, want: { name: 'P', kind: 'string', required: false, enum: ['PUBLIC', 'PRIVATE'] } },
  ])('$given', ({ type, want }) => expect(scalarParameter(model, 'here', param(type))).toEqual(want));

  it('keeps required', () => {
    expect(scalarParameter(model, 'here', param({ kind: 'number' }, true))).toEqual({ name: 'P', kind: 'number', required: true });
  });

  it.each([
    { given: 'an array', type: { kind: 'array', items: { kind: 'string' } } as TypeModel, want: /here: parameter 'P' is an array; RPC parameters are scalars/ },
    { given: 'an object', type: { kind: 'object', bases: [], properties: [], additionalProperties: true } as TypeModel, want: /here: parameter 'P' is an object/ },
  ])('refuses $given, naming where', ({ type, want }) => {
    expect(() => scalarParameter(model, 'here', param(type))).toThrow(SpecError);
    expect(() => scalarParameter(model, 'here', param(type))).toThrow(want);
  });
});
