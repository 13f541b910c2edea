// Structured parameters (repeatList and json styles) against the vendor's own flattening:
// @alicloud/openapi-util's `query` (what @alicloud/openapi-client does to an RPC request's query
// before signing) and `arrayToStringWithSpecifiedStyle(..., 'json')` (what the vendor's generated
// SDKs do to a `style: json` parameter), on seeded random values; then reading the pairs back.
import OpenApiUtilModule from '@alicloud/openapi-util';
import { describe, expect, it } from 'vitest';
import {
  checkShapeDepth,
  ElementProblem,
  flattenValue,
  MAX_DEPTH,
  MAX_ELEMENTS,
  MAX_JSON_LENGTH,
  readJson,
  readRepeatList,
  readStructured,
  shapeProblem,
  structuredProblem,
  type StructuredDescriptor,
  type ValueShape,
} from '../src/index.js';
import { integer, mulberry32, pick, randomValue, seedFrom, type Random } from './support/random.js';

type Util = typeof OpenApiUtilModule.default;
const OpenApiUtil: Util = OpenApiUtilModule.default ?? (OpenApiUtilModule as unknown as Util);

const TAGS: ValueShape = {
  kind: 'array',
  maxItems: 20,
  items: { kind: 'object', properties: { Key: { kind: 'string' }, Value: { kind: 'string' } } },
};
const IDS: ValueShape = { kind: 'array', maxItems: 50, items: { kind: 'string', minLength: 1 } };
const NESTED: ValueShape = {
  kind: 'array',
  items: {
    kind: 'object',
    properties: {
      Name: { kind: 'string' },
      Weight: { kind: 'integer', minimum: 0 },
      Ratio: { kind: 'number' },
      On: { kind: 'boolean' },
      Routes: { kind: 'array', items: { kind: 'object', properties: { Host: { kind: 'string' }, Port: { kind: 'integer' } } } },
      Labels: { kind: 'array', items: { kind: 'string' } },
    },
  },
};

/** A random value that fits the shape (undefined properties included, as callers leave them). */
function valueOf(random: Random, shape: ValueShape): unknown {
  switch (shape.kind) {
    case 'array': {
      const out: unknown[] = [];
      for (let n = integer(random, 0, Math.min(shape.maxItems ?? 12, 12)); n > 0; n--) out.push(valueOf(random, shape.items));
      return out;
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(shape.properties)) if (random() < 0.8) out[key] = valueOf(random, child);
      return out;
    }
    case 'string': {
      const text = randomValue(random);
      return text === '' && shape.minLength !== undefined ? 'x' : text;
    }
    case 'integer':
      return integer(random, 0, 1e6);
    case 'number':
      return pick(random, [0.5, 1e-7, 3, 12.25, 1e21]);
    case 'boolean':
      return random() < 0.5;
  }
}

const asRecord = (pairs: [string, string][]): Record<string, string> => Object.fromEntries(pairs);

describe('repeatList', () => {
  it('flattens as @alicloud/openapi-util query() does, and reads back to the same value', () => {
    const seed = seedFrom('ACR_STRUCTURED_SEED');
    const random = mulberry32(seed);
    for (let n = 0; n < 1000; n++) {
      const [name, shape] = pick(random, [['Tag', TAGS], ['ResourceId', IDS], ['Rules', NESTED]] as const);
      const value = valueOf(random, shape);
      expect(shapeProblem(shape, value, name, 'repeatList'), `seed ${seed}`).toBeUndefined();
      const ours = flattenValue(name, 'repeatList', value);
      expect(asRecord(ours), `seed ${seed}`).toEqual(OpenApiUtil.query({ [name]: value }));
      const back = readRepeatList(name, shape, ours);
      // An empty list has no pairs, so it reads back as absent; objects without fields likewise vanish.
      expect(back, `seed ${seed}`).toEqual(ours.length === 0 ? undefined : JSON.parse(JSON.stringify(value, (_k, v: unknown) => dropEmpty(v))));
    }
  });

  it('names the element that is wrong', () => {
    const pairs: [string, string][] = [['Tag.1.Key', 'a'], ['Tag.2.Key', 'b'], ['Tag.2.Nope', 'c']];
    expect(readRepeatList('Tag', TAGS, pairs)).toMatchObject({ at: 'Tag.2.Nope' });
    expect(readRepeatList('Tag', TAGS, [['Tag.0.Key', 'a']])).toMatchObject({ at: 'Tag.0', message: expect.stringContaining('numbered from 1') });
    expect(readRepeatList('Tag', TAGS, [['Tag.01.Key', 'a']])).toMatchObject({ at: 'Tag.01' });
    expect(readRepeatList('Tag', TAGS, [['Tag.1', 'a']])).toMatchObject({ at: 'Tag.1', message: expect.stringContaining('not as one value') });
    expect(readRepeatList('ResourceId', IDS, [['ResourceId.1', '']])).toMatchObject({ at: 'ResourceId.1', message: expect.stringContaining('at least 1') });
    expect(readRepeatList('ResourceId', IDS, [['ResourceId.1.X', 'a']])).toMatchObject({ at: 'ResourceId.1.X' });
    expect(readRepeatList('Rules', NESTED, [['Rules.1.Weight', 'ten']])).toMatchObject({ at: 'Rules.1.Weight', message: 'must be an integer' });
    expect(readRepeatList('Rules', NESTED, [['Rules.3.Routes.2.Port', '-']])).toMatchObject({ at: 'Rules.3.Routes.2.Port' });
  });

  it('keeps index order across gaps (the vendor runtime skips a null element but counts it)', () => {
    const sent = OpenApiUtil.query({ ResourceId: ['a', null, 'c', undefined, 'e'] });
    expect(Object.keys(sent).sort()).toEqual(['ResourceId.1', 'ResourceId.3', 'ResourceId.5']);
    expect(readRepeatList('ResourceId', IDS, Object.entries(sent))).toEqual(['a', 'c', 'e']);
    expect(readRepeatList('ResourceId', IDS, [['ResourceId.10', 'j'], ['ResourceId.2', 'b']])).toEqual(['b', 'j']);
  });

  it('bounds element counts by maxItems and MAX_ELEMENTS', () => {
    const many = Array.from({ length: 21 }, (_, i) => [`Tag.${i + 1}.Key`, 'k'] as [string, string]);
    expect(readRepeatList('Tag', TAGS, many)).toMatchObject({ at: 'Tag', message: 'must hold at most 20 elements, got 21' });
    const unbounded: ValueShape = { kind: 'array', items: { kind: 'string' } };
    const flood = Array.from({ length: MAX_ELEMENTS + 1 }, (_, i) => [`L.${i + 1}`, 'v'] as [string, string]);
    expect(readRepeatList('L', unbounded, flood)).toMatchObject({ message: `must hold at most ${MAX_ELEMENTS} elements, got ${MAX_ELEMENTS + 1}` });
    expect(shapeProblem(unbounded, new Array(MAX_ELEMENTS + 1).fill('v'), 'L', 'repeatList')).toBeInstanceOf(ElementProblem);
    expect(readRepeatList('L', unbounded, [['Other', 'x']])).toBeUndefined();
  });

  it('checks a caller value element by element, naming it as it goes on the wire', () => {
    expect(shapeProblem(TAGS, [{ Key: 'a' }, { Key: 1 }], 'Tag', 'repeatList')).toMatchObject({ at: 'Tag.2.Key', message: 'must be a string, got a number' });
    expect(shapeProblem(TAGS, [{ Key: 'a', Colour: 'red' }], 'Tag', 'repeatList')).toMatchObject({ at: 'Tag.1.Colour' });
    expect(shapeProblem(TAGS, { Key: 'a' }, 'Tag', 'repeatList')).toMatchObject({ at: 'Tag', message: 'must be an array, got an object' });
    expect(shapeProblem(IDS, ['ok', null], 'ResourceId', 'repeatList')).toMatchObject({ at: 'ResourceId.2', message: 'must be a string, got null' });
    expect(shapeProblem(IDS, ['\ud800'], 'ResourceId', 'repeatList')).toMatchObject({ at: 'ResourceId.1', message: expect.stringContaining('lone surrogate') });
  });

  it('refuses a repeatList parameter sent as one value', () => {
    const descriptor: StructuredDescriptor = { name: 'ResourceId', kind: 'array', required: true, style: 'repeatList', items: { kind: 'string' } };
    expect(readStructured(descriptor, new Map([['ResourceId', 'a']]))).toMatchObject({ at: 'ResourceId', message: expect.stringContaining('ResourceId.1') });
    expect(readStructured(descriptor, new Map([['ResourceId.1', 'a'], ['ResourceId.2', 'b']]))).toEqual(['a', 'b']);
    expect(structuredProblem(descriptor, ['a', 2])).toMatchObject({ at: 'ResourceId.2' });
  });
});

describe('json', () => {
  it('is the JSON text the vendor SDKs send, and reads back to the same value', () => {
    const seed = seedFrom('ACR_STRUCTURED_SEED');
    const random = mulberry32(seed);
    for (let n = 0; n < 500; n++) {
      const [name, shape] = pick(random, [['Namespaces', IDS], ['Rules', NESTED]] as const);
      const value = valueOf(random, shape);
      const pairs = flattenValue(name, 'json', value);
      expect(pairs).toHaveLength(1);
      expect(pairs[0][1], `seed ${seed}`).toBe(OpenApiUtil.arrayToStringWithSpecifiedStyle(value, name, 'json'));
      expect(readJson(name, shape, pairs[0][1]), `seed ${seed}`).toEqual(JSON.parse(pairs[0][1]));
    }
  });

  it('names the element that is wrong, 0-based as in the JSON text', () => {
    expect(readJson('Namespaces', IDS, '["a",""]')).toMatchObject({ at: 'Namespaces[1]', message: expect.stringContaining('at least 1') });
    expect(readJson('Namespaces', IDS, '["a",')).toMatchObject({ at: 'Namespaces', message: expect.stringContaining('must be JSON') });
    expect(readJson('Namespaces', IDS, '{"a":1}')).toMatchObject({ at: 'Namespaces', message: 'must be an array, got an object' });
    expect(readJson('Rules', NESTED, '[{"Routes":[{"Port":"80"}]}]')).toMatchObject({ at: 'Rules[0].Routes[0].Port' });
    expect(readJson('Namespaces', IDS, `["${'x'.repeat(MAX_JSON_LENGTH)}"]`)).toMatchObject({ message: expect.stringContaining(`at most ${MAX_JSON_LENGTH}`) });
    // Nesting beyond the shape is refused at the first level the shape does not expect.
    expect(readJson('Namespaces', IDS, `[${'['.repeat(5000)}${']'.repeat(5000)}]`)).toMatchObject({ at: 'Namespaces[0]', message: 'must be a string, got an array' });
  });
});

it('refuses a shape that nests deeper than MAX_DEPTH', () => {
  let shape: ValueShape = { kind: 'string' };
  for (let i = 0; i < MAX_DEPTH + 1; i++) shape = { kind: 'array', items: shape };
  expect(() => checkShapeDepth('Deep', shape)).toThrow(new RegExp(`Deep nests more than ${MAX_DEPTH} levels`));
  expect(() => checkShapeDepth('Rules', NESTED)).not.toThrow();
});

// What a value reads back as: objects without any field and empty lists send no pair at all.
function dropEmpty(value: unknown): unknown {
  if (Array.isArray(value)) {
    const kept = value.map(dropEmpty).filter((v) => v !== undefined);
    return kept.length === 0 ? undefined : kept;
  }
  if (value !== null && typeof value === 'object') {
    const kept = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, dropEmpty(v)]).filter(([, v]) => v !== undefined));
    return Object.keys(kept).length === 0 ? undefined : kept;
  }
  return value;
}
