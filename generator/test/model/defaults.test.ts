// A parameter's default, given in its schema (directly, or beside an allOf of a shared schema), as
// the model carries it: the type keeps its reference with the facts added, the parameter its default.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import { miniSpecCopy } from '../fixtures.js';

type Doc = Record<string, any>;

/** The model of CreateWidget's parameter `Extra`, declared with `schema`. */
function extraParameter(schema: Doc) {
  const spec = miniSpecCopy({
    file: 'paths/widgets.yaml',
    change: (d) => d.CreateWidget.get.parameters.push({ name: 'Extra', in: 'query', required: false, description: 'Extra.', schema, example: 'RED' }),
  });
  const op = buildModel(spec).operations.find((o) => o.name === 'CreateWidget');
  return op?.parameters.find((p) => p.name === 'Extra');
}

describe('a parameter default', () => {
  const cases: { name: string; given: Doc; want: { type: Doc; default: unknown } }[] = [
    {
      name: 'an allOf of one non-object shared schema is that reference with the facts added',
      given: { allOf: [{ $ref: '../components/schemas/widgets.yaml#/Color' }], default: 'GREEN', description: 'Painted.' },
      want: { type: { kind: 'ref', name: 'Color', default: 'GREEN', description: 'Painted.' }, default: 'GREEN' },
    },
    {
      name: 'a reference without facts needs no allOf',
      given: { $ref: '../components/schemas/widgets.yaml#/Color' },
      want: { type: { kind: 'ref', name: 'Color' }, default: undefined },
    },
    {
      name: 'a scalar schema states it directly',
      given: { type: 'string', minLength: 1, default: 'x' },
      want: { type: { kind: 'string', minLength: 1, default: 'x' }, default: 'x' },
    },
    {
      name: 'an integer default is a number',
      given: { type: 'integer', format: 'int32', minimum: 1, default: 2 },
      want: { type: { kind: 'integer', format: 'int32', minimum: 1, default: 2 }, default: 2 },
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      const parameter = extraParameter(given);
      expect(parameter?.type).toEqual(want.type);
      expect(parameter?.default).toEqual(want.default);
    });
  }
});
