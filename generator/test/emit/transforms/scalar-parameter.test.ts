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

  it('describes an array parameter with its wire style and the shape of its elements', () => {
    const tags: TypeModel = {
      kind: 'array',
      maxItems: 20,
      items: {
        kind: 'object',
        bases: [],
        additionalProperties: false,
        properties: [
          { name: 'Key', required: true, type: { kind: 'string', minLength: 1 } },
          { name: 'Kind', required: false, type: { kind: 'ref', name: 'RepoType' } },
        ],
      },
    };
    expect(scalarParameter(model, 'here', { ...param(tags, true), style: 'repeatList' })).toEqual({
      name: 'P',
      kind: 'array',
      required: true,
      style: 'repeatList',
      items: { kind: 'object', properties: { Key: { kind: 'string', minLength: 1 }, Kind: { kind: 'string', enum: ['PUBLIC', 'PRIVATE'] } }, requiredProperties: ['Key'] },
      maxItems: 20,
    });
  });

  it.each([
    { given: 'an array without a style', type: { kind: 'array', items: { kind: 'string' } } as TypeModel, style: undefined, want: /here: parameter 'P' is an array without an x-acr-style/ },
    { given: 'a free-form object', type: { kind: 'object', bases: [], properties: [], additionalProperties: true } as TypeModel, style: 'json' as const, want: /here: parameter 'P' has a free-form object/ },
    {
      given: 'a shape nested six levels deep',
      type: { kind: 'array', items: { kind: 'array', items: { kind: 'array', items: { kind: 'array', items: { kind: 'array', items: { kind: 'array', items: { kind: 'string' } } } } } } } as TypeModel,
      style: 'json' as const,
      want: /here: parameter 'P' nests more than 5 levels/,
    },
  ])('refuses $given, naming where', ({ type, style, want }) => {
    const p = { ...param(type), ...(style ? { style } : {}) };
    expect(() => scalarParameter(model, 'here', p)).toThrow(SpecError);
    expect(() => scalarParameter(model, 'here', p)).toThrow(want);
  });
});
