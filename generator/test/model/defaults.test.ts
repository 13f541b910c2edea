// A parameter's default, given in its schema (directly, or beside an allOf of a shared schema), as
// the model carries it: once, as the parameter's default; the type keeps its reference with the
// other facts added. A default in a shared schema the parameter refers to is refused.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/index.js';
import { miniSpecCopy } from '../fixtures.js';

type Doc = Record<string, any>;

/** The model of CreateWidget's parameter `Extra`, declared with `schema` (`shared`: one more shared schema, `Shade`). */
function extraParameter(schema: Doc, shared?: Doc) {
  const spec = miniSpecCopy(
    {
      file: 'paths/widgets.yaml',
      change: (d) => d.CreateWidget.get.parameters.push({ name: 'Extra', in: 'query', required: false, description: 'Extra.', schema, example: 'RED' }),
    },
    shared === undefined ? undefined : { file: 'components/schemas/widgets.yaml', change: (d) => (d.Shade = shared) },
  );
  const op = buildModel(spec).operations.find((o) => o.name === 'CreateWidget');
  return op?.parameters.find((p) => p.name === 'Extra');
}

describe('a parameter default', () => {
  const cases: { name: string; given: Doc; want: { type: Doc; default: unknown } }[] = [
    {
      name: 'an allOf of one non-object shared schema is that reference with the facts added',
      given: { allOf: [{ $ref: '../components/schemas/widgets.yaml#/Color' }], default: 'GREEN', description: 'Painted.' },
      want: { type: { kind: 'ref', name: 'Color', description: 'Painted.' }, default: 'GREEN' },
    },
    {
      name: 'a reference without facts needs no allOf',
      given: { $ref: '../components/schemas/widgets.yaml#/Color' },
      want: { type: { kind: 'ref', name: 'Color' }, default: undefined },
    },
    {
      name: 'a scalar schema states it directly',
      given: { type: 'string', minLength: 1, default: 'x' },
      want: { type: { kind: 'string', minLength: 1 }, default: 'x' },
    },
    {
      name: 'an integer default is a number',
      given: { type: 'integer', format: 'int32', minimum: 1, default: 2 },
      want: { type: { kind: 'integer', format: 'int32', minimum: 1 }, default: 2 },
    },
  ];
  for (const { name, given, want } of cases) {
    it(name, () => {
      const parameter = extraParameter(given);
      expect(parameter?.type).toEqual(want.type);
      expect(parameter?.default).toEqual(want.default);
      // One copy: the type does not repeat the parameter's default.
      expect(parameter?.type.default).toBeUndefined();
    });
  }

  const shade = { type: 'string', enum: ['LIGHT', 'DARK'], default: 'DARK' };
  const refused = /paths\/widgets\.yaml#\/CreateWidget\/get\/parameters\/\d+\/schema: parameter 'Extra' refers to the shared schema 'Shade', which has a default: a default belongs to the parameter/;

  it('refuses a default in a shared schema a parameter refers to with a plain $ref (it would otherwise be lost)', () => {
    expect(() => extraParameter({ $ref: '../components/schemas/widgets.yaml#/Shade' }, shade)).toThrow(refused);
  });

  it('refuses a default in a shared schema a parameter wraps in an allOf, with or without its own', () => {
    const wrapped = { allOf: [{ $ref: '../components/schemas/widgets.yaml#/Shade' }], description: 'Shaded.' };
    expect(() => extraParameter(wrapped, shade)).toThrow(refused);
    expect(() => extraParameter({ ...wrapped, default: 'LIGHT' }, shade)).toThrow(refused);
  });
});
