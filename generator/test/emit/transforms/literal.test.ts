// Given a value, want it as a one-line TypeScript literal.
import { describe, expect, it } from 'vitest';
import { literal } from '../../../src/emit/shared/literal.js';

describe('literal', () => {
  it.each([
    { given: 'a plain string', value: 'GetInstance', want: "'GetInstance'" },
    { given: 'a string with a quote, a backslash and a newline', value: "a'b\\c\nd", want: "'a\\'b\\\\c\\nd'" },
    { given: 'numbers, booleans and null', value: [1, -2.5, true, null], want: '[1, -2.5, true, null]' },
    { given: 'an empty array and object', value: [[], {}], want: '[[], {  }]' },
    { given: 'an object with identifier keys', value: { name: 'Id', required: true }, want: "{ name: 'Id', required: true }" },
    { given: 'an object with keys that are not identifiers', value: { 'a-b': 1, '1x': 2, $ok: 3 }, want: "{ 'a-b': 1, '1x': 2, $ok: 3 }" },
    { given: 'nesting', value: { enum: ['A', 'B'], inner: { pattern: '^[a-z]+$' } }, want: "{ enum: ['A', 'B'], inner: { pattern: '^[a-z]+$' } }" },
  ])('$given', ({ value, want }) => expect(literal(value)).toBe(want));
});
