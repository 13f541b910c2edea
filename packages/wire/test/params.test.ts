import { describe, expect, it } from 'vitest';
import { checkedParam, codePointLength, parseWireValue, Problem, valueProblem, type ParamDescriptor } from '../src/index.js';

const param = (d: Omit<ParamDescriptor, 'name' | 'required'>) => checkedParam({ name: 'P', required: false, ...d });
const messageOf = (result: unknown) => (result instanceof Problem ? result.message : undefined);

describe('a caller value (the client)', () => {
  const cases: [descriptor: Omit<ParamDescriptor, 'name' | 'required'>, value: unknown, want: string | undefined][] = [
    [{ kind: 'string' }, 'x', undefined],
    [{ kind: 'string' }, 5, 'must be a string, got a number'],
    [{ kind: 'string' }, null, 'must be a string, got null'],
    [{ kind: 'string' }, ['x'], 'must be a string, got an array'],
    [{ kind: 'string' }, { a: 1 }, 'must be a string, got an object'],
    [{ kind: 'integer' }, 3, undefined],
    [{ kind: 'integer' }, 1.5, 'must be an integer (a safe one)'],
    [{ kind: 'integer' }, 2 ** 60, 'must be an integer (a safe one)'],
    [{ kind: 'integer' }, '30', 'must be a number, got a string of 2 characters'],
    [{ kind: 'number' }, Number.NaN, 'must be a finite number'],
    [{ kind: 'number' }, Infinity, 'must be a finite number'],
    [{ kind: 'boolean' }, 'true', 'must be a boolean, got a string of 4 characters'],
    [{ kind: 'boolean' }, true, undefined],
    [{ kind: 'integer', minimum: 1, maximum: 100 }, 0, 'must be >= 1'],
    [{ kind: 'integer', minimum: 1, maximum: 100 }, 101, 'must be <= 100'],
    [{ kind: 'integer', enum: [1, 2, 3] }, 4, 'must be one of 1, 2, 3, got a number'],
    [{ kind: 'string', enum: ['PUBLIC', 'PRIVATE'] }, 'public', 'must be one of "PUBLIC", "PRIVATE", got a string of 6 characters'],
    [{ kind: 'string', minLength: 2, maxLength: 4 }, 'a', 'must be at least 2 characters long, got 1'],
    [{ kind: 'string', minLength: 2, maxLength: 4 }, 'abcde', 'must be at most 4 characters long, got 5'],
    [{ kind: 'string', minLength: 2, maxLength: 4 }, '🐳🐳🐳🐳', undefined],
    [{ kind: 'string', pattern: '^[a-z]+$' }, 'AB', 'must match /^[a-z]+$/, got a string of 2 characters'],
    [{ kind: 'string', pattern: '^a\\-b$' }, 'a-b', undefined],
  ];
  it.each(cases)('%j %j', (descriptor, value, want) => {
    expect(messageOf(valueProblem(param(descriptor), value))).toBe(want);
  });

  it('never echoes the value', () => {
    const secret = 'sk-live-0123456789';
    const problems = [
      valueProblem(param({ kind: 'integer' }), secret),
      valueProblem(param({ kind: 'string', enum: ['A'] }), secret),
      valueProblem(param({ kind: 'string', pattern: '^[0-9]+$' }), secret),
      valueProblem(param({ kind: 'string', maxLength: 3 }), secret),
    ];
    for (const problem of problems) {
      expect(problem).toBeInstanceOf(Problem);
      expect(problem!.message).not.toContain('sk-live');
    }
  });
});

describe('a wire string (the mock server)', () => {
  const cases: [descriptor: Omit<ParamDescriptor, 'name' | 'required'>, raw: string, want: unknown][] = [
    [{ kind: 'integer' }, '42', 42],
    [{ kind: 'integer' }, '+7', 7],
    [{ kind: 'integer' }, '4.2', 'must be an integer'],
    [{ kind: 'integer' }, '9007199254740993', 'must be an integer'],
    [{ kind: 'number' }, '.5e1', 5],
    [{ kind: 'number' }, 'NaN', 'must be a number'],
    [{ kind: 'boolean' }, 'TRUE', true],
    [{ kind: 'boolean' }, 'false', false],
    [{ kind: 'boolean' }, 'yes', 'must be true or false'],
    [{ kind: 'string', enum: ['JSON', 'XML'] }, 'json', 'must be one of "JSON", "XML", got a string of 4 characters'],
    [{ kind: 'integer', maximum: 100 }, '101', 'must be <= 100'],
    [{ kind: 'string', minLength: 1 }, '', 'must be at least 1 characters long, got 0'],
  ];
  it.each(cases)('%j %j', (descriptor, raw, want) => {
    const result = parseWireValue(param(descriptor), raw);
    expect(result instanceof Problem ? result.message : result).toEqual(want);
  });
});

describe('lone surrogates (the decision: not well-formed, refused on both sides)', () => {
  // The client and the mock server used to disagree: one refused the value, the other counted a
  // lone high surrogate as a character. It has no UTF-8 form, so it can be neither sent nor signed.
  it.each(['i\ud800', '\udc00x', 'a\ud83d'])('%j is refused by both checks, whatever the constraints', (value) => {
    const want = 'is not well-formed Unicode (it holds a lone surrogate)';
    expect(messageOf(valueProblem(param({ kind: 'string' }), value))).toBe(want);
    expect(messageOf(parseWireValue(param({ kind: 'string', maxLength: 10 }), value))).toBe(want);
  });

  it('counts a surrogate pair as one code point', () => {
    expect(codePointLength('a🐳b')).toBe(3);
  });
});
