// Given a model type, want its TypeScript text (client style, and the mock server's read-only style).
import { describe, expect, it } from 'vitest';
import { CodeBlockWriter } from 'ts-morph';
import type { PropertyModel, TypeModel } from '../../../src/model/index.js';
import { propertyName, READ_ONLY, typeText, type TypeText } from '../../../src/emit/client/type-text.js';

function render(text: TypeText): string {
  if (typeof text === 'string') return text;
  const writer = new CodeBlockWriter({ indentNumberOfSpaces: 2, useSingleQuote: true });
  text(writer);
  return writer.toString();
}

const str: TypeModel = { kind: 'string' };
const prop = (name: string, type: TypeModel, required = true): PropertyModel => ({ name, type, required });

const cases: { given: string; type: TypeModel; want: string; readOnly?: string }[] = [
  { given: 'a string', type: str, want: 'string' },
  { given: 'a string enum, quotes escaped', type: { kind: 'string', enum: ['A', "it's", 'back\\slash'] }, want: "'A' | 'it\\'s' | 'back\\\\slash'" },
  { given: 'an integer', type: { kind: 'integer', format: 'int64' }, want: 'number' },
  { given: 'an integer enum', type: { kind: 'integer', format: 'int32', enum: [1, 2] }, want: '1 | 2' },
  { given: 'a number and a boolean', type: { kind: 'number' }, want: 'number' },
  { given: 'a nullable boolean', type: { kind: 'boolean', nullable: true }, want: 'boolean | null' },
  { given: 'a reference', type: { kind: 'ref', name: 'Repository' }, want: 'Repository' },
  { given: 'an array of a simple type', type: { kind: 'array', items: str }, want: 'string[]', readOnly: 'readonly string[]' },
  {
    given: 'an array of a union',
    type: { kind: 'array', items: { kind: 'string', enum: ['A', 'B'] } },
    want: "Array<'A' | 'B'>",
    readOnly: "ReadonlyArray<'A' | 'B'>",
  },
  { given: 'a free-form map', type: { kind: 'object', bases: [], properties: [], additionalProperties: true }, want: 'Record<string, unknown>' },
  { given: 'an empty closed object', type: { kind: 'object', bases: [], properties: [], additionalProperties: false }, want: 'Record<string, never>' },
  { given: 'an object that only names its bases', type: { kind: 'object', bases: ['A', 'B'], properties: [], additionalProperties: false }, want: 'A & B' },
  {
    given: 'an object with a base, fields and an open map',
    type: { kind: 'object', bases: ['Base'], properties: [prop('Name', str), prop('x-y', { kind: 'integer', format: 'int32' }, false)], additionalProperties: true },
    want: "Base & {\n  Name: string;\n  'x-y'?: number;\n  [key: string]: unknown;\n}",
    readOnly: "Base & {\n  readonly Name: string;\n  readonly 'x-y'?: number;\n  readonly [key: string]: unknown;\n}",
  },
  {
    given: 'a field with a description, as a doc comment',
    type: { kind: 'object', bases: [], properties: [prop('Id', { kind: 'string', description: 'The ID.' })], additionalProperties: false },
    want: '{\n  /**\n   * The ID.\n   */\n  Id: string;\n}',
    readOnly: '{\n  /**\n   * The ID.\n   */\n  readonly Id: string;\n}',
  },
  {
    given: 'a nullable array of objects',
    type: { kind: 'array', nullable: true, items: { kind: 'object', bases: [], properties: [prop('A', str)], additionalProperties: false } },
    want: 'Array<{\n  A: string;\n}> | null',
    readOnly: 'ReadonlyArray<{\n  readonly A: string;\n}> | null',
  },
];

describe('typeText', () => {
  it.each(cases)('$given', ({ type, want, readOnly }) => {
    expect(render(typeText(type))).toBe(want);
    expect(render(typeText(type, READ_ONLY))).toBe(readOnly ?? want);
  });
});

describe('typeText of what the service answers (open value sets)', () => {
  const answer = { readonly: false, openEnums: new Set(['RepoType']) };
  it.each([
    { given: 'an inline string enum', type: { kind: 'string', enum: ['A', 'B'] } as TypeModel, want: "'A' | 'B' | (string & {})" },
    { given: 'a named string value set', type: { kind: 'ref', name: 'RepoType' } as TypeModel, want: 'RepoType | (string & {})' },
    { given: 'a named object', type: { kind: 'ref', name: 'Repository' } as TypeModel, want: 'Repository' },
    { given: 'a nullable enum', type: { kind: 'string', enum: ['A'], nullable: true } as TypeModel, want: "'A' | (string & {}) | null" },
    { given: 'a string without values', type: str, want: 'string' },
    {
      given: 'an enum nested in an object',
      type: { kind: 'object', bases: [], properties: [prop('Type', { kind: 'ref', name: 'RepoType' })], additionalProperties: false } as TypeModel,
      want: '{\n  Type: RepoType | (string & {});\n}',
    },
    { given: 'an array of enums', type: { kind: 'array', items: { kind: 'string', enum: ['A'] } } as TypeModel, want: "Array<'A' | (string & {})>" },
  ])('$given', ({ type, want }) => expect(render(typeText(type, answer))).toBe(want));
});

describe('propertyName', () => {
  it.each([
    { given: 'InstanceId', want: 'InstanceId' },
    { given: '$ok_1', want: '$ok_1' },
    { given: 'Tag.1.Key', want: "'Tag.1.Key'" },
    { given: "it's", want: "'it\\'s'" },
  ])('$given -> $want', ({ given, want }) => expect(propertyName(given)).toBe(want));
});
