import { describe, expect, it } from 'vitest';
import { validateExample } from '../src/schema-validator.js';

const envelope = { type: 'object', properties: { RequestId: { type: 'string' } }, required: ['RequestId'] };
const body = { type: 'object', properties: { ModifiedTime: { type: 'integer', format: 'int64' } } };
const composed = { allOf: [envelope, body] };

describe('validateExample', () => {
  const cases: { name: string; schema: unknown; example: unknown; want: string[] }[] = [
    { name: 'accepts an example that uses the properties of every allOf member', schema: composed,
      example: { RequestId: 'r', ModifiedTime: 1 }, want: [] },
    { name: 'rejects a misspelt property even though OpenAPI leaves objects open', schema: composed,
      example: { RequestId: 'r', ModifedTime: 1 }, want: ['/: undeclared property "ModifedTime"'] },
    { name: 'rejects undeclared properties in nested array items', schema: {
        type: 'object', properties: { Items: { type: 'array', items: body } } },
      example: { Items: [{ ModifiedTime: 1, Extra: true }] }, want: ['/Items/0: undeclared property "Extra"'] },
    { name: 'rejects a string where the schema wants an integer', schema: body,
      example: { ModifiedTime: '1' }, want: ['/ModifiedTime: must be integer'] },
    { name: 'checks int32 bounds', schema: { type: 'integer', format: 'int32' },
      example: 2 ** 31, want: ['/: must match format "int32"'] },
    { name: 'accepts int64 timestamps in milliseconds', schema: { type: 'integer', format: 'int64' },
      example: 1571926439000, want: [] },
    { name: 'checks enums', schema: { type: 'string', enum: ['RUNNING'] },
      example: 'running', want: ['/: must be equal to one of the allowed values'] },
    { name: 'reports a missing required property', schema: composed,
      example: {}, want: ["/: must have required property 'RequestId'"] },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(validateExample(c.schema, c.example).map((f) => `${f.path}: ${f.message}`)).toEqual(c.want);
    });
  }
});
