// Non-scalar request parameters: what a value of a structured shape looks like on the wire, and
// back. RPC requests carry only name=value pairs, so an array or object parameter is written in one
// of two styles (the vendor's API metadata names them):
//   repeatList  Tag: [{ Key: 'a', Value: 'b' }]  ->  Tag.1.Key=a, Tag.1.Value=b   (1-based indices)
//   json        Namespaces: ['ns1', 'ns2']         ->  Namespaces=["ns1","ns2"]    (one JSON string)
// The client flattens a caller's value before signing; the mock server reads the pairs back into the
// value and checks every element, naming it (`Tag.2.Key`). Both follow the shape only: traversal is
// bounded by the shape's depth, element counts by the shape's maxItems and by MAX_ELEMENTS.
import { constraintProblem, checkedParam, describeKind, parseWireValue, Problem, type ParamDescriptor, type ParamKind, type ParamValue, type ScalarConstraints } from './params.js';

export type WireStyle = 'repeatList' | 'json';

/** A scalar inside a structured value, with its schema's constraints. */
export interface ScalarShape extends ScalarConstraints {
  readonly kind: ParamKind;
}

export interface ArrayShape {
  readonly kind: 'array';
  readonly items: ValueShape;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface ObjectShape {
  readonly kind: 'object';
  readonly properties: Readonly<Record<string, ValueShape>>;
  /** Property names an element must have. */
  readonly requiredProperties?: readonly string[];
}

export type ValueShape = ScalarShape | ArrayShape | ObjectShape;

/** The most elements one array may hold when its shape names no maxItems (a bound on memory). */
export const MAX_ELEMENTS = 1000;
/** The most array/object levels a shape may nest; deeper shapes are refused when compiled. */
export const MAX_DEPTH = 5;
/** The longest `json` style value, in UTF-16 code units, read before parsing. */
export const MAX_JSON_LENGTH = 65536;

/** A Problem found inside a structured value, with the wire path of the element (`Tag.2.Key`). */
export class ElementProblem extends Problem {
  constructor(
    readonly at: string,
    message: string,
  ) {
    super(message);
  }
}

function isScalar(shape: ValueShape): shape is ScalarShape {
  return shape.kind !== 'array' && shape.kind !== 'object';
}

function elementLimit(shape: ArrayShape): number {
  return Math.min(shape.maxItems ?? MAX_ELEMENTS, MAX_ELEMENTS);
}

/** Throws when a shape nests deeper than MAX_DEPTH (a spec error, found once when compiling). */
export function checkShapeDepth(name: string, shape: ValueShape, depth = 0): void {
  if (isScalar(shape)) return;
  if (depth >= MAX_DEPTH) throw new RangeError(`parameter ${name} nests more than ${MAX_DEPTH} levels of arrays and objects`);
  if (shape.kind === 'array') checkShapeDepth(name, shape.items, depth + 1);
  else for (const child of Object.values(shape.properties)) checkShapeDepth(name, child, depth + 1);
}

/** How a style names an element: `Tag.2.Key` (repeatList, 1-based) or `Namespaces[1]` (json, 0-based). */
function childPath(style: WireStyle, path: string, key: number | string): string {
  if (style === 'repeatList') return `${path}.${typeof key === 'number' ? key + 1 : key}`;
  return typeof key === 'number' ? `${path}[${key}]` : `${path}.${key}`;
}

const scalarChecks = new WeakMap<ScalarShape, ReturnType<typeof checkedParam>>();

function checkedScalar(shape: ScalarShape): ReturnType<typeof checkedParam> {
  let checked = scalarChecks.get(shape);
  if (checked === undefined) {
    checked = checkedParam({ name: '', required: true, ...shape });
    scalarChecks.set(shape, checked);
  }
  return checked;
}

function scalarKindProblem(kind: ParamKind, value: unknown): Problem | undefined {
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? undefined : new Problem(`must be a string, got ${describeKind(value)}`);
    case 'integer':
      if (typeof value !== 'number') return new Problem(`must be a number, got ${describeKind(value)}`);
      return Number.isSafeInteger(value) ? undefined : new Problem('must be an integer (a safe one)');
    case 'number':
      if (typeof value !== 'number') return new Problem(`must be a number, got ${describeKind(value)}`);
      return Number.isFinite(value) ? undefined : new Problem('must be a finite number');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : new Problem(`must be a boolean, got ${describeKind(value)}`);
  }
}

/**
 * Checks a caller's value (any JavaScript value) against a structured shape: kinds, every element's
 * constraints, element counts, required and unknown properties. The first problem, with its path.
 */
export function shapeProblem(shape: ValueShape, value: unknown, path: string, style: WireStyle): ElementProblem | undefined {
  if (isScalar(shape)) {
    const problem = scalarKindProblem(shape.kind, value) ?? constraintProblem(checkedScalar(shape), value as ParamValue);
    return problem === undefined ? undefined : new ElementProblem(path, problem.message);
  }
  if (shape.kind === 'array') {
    if (!Array.isArray(value)) return new ElementProblem(path, `must be an array, got ${describeKind(value)}`);
    const limit = elementLimit(shape);
    if (value.length > limit) return new ElementProblem(path, `must hold at most ${limit} elements, got ${value.length}`);
    if (shape.minItems !== undefined && value.length < shape.minItems) {
      return new ElementProblem(path, `must hold at least ${shape.minItems} element${shape.minItems === 1 ? '' : 's'}, got ${value.length}`);
    }
    for (let i = 0; i < value.length; i++) {
      const problem = shapeProblem(shape.items, value[i], childPath(style, path, i), style);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return new ElementProblem(path, `must be an object, got ${describeKind(value)}`);
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (record[key] === undefined) continue;
    if (!Object.hasOwn(shape.properties, key)) {
      return new ElementProblem(childPath(style, path, key), `is not a property (expected one of ${Object.keys(shape.properties).join(', ')})`);
    }
    const problem = shapeProblem(shape.properties[key], record[key], childPath(style, path, key), style);
    if (problem !== undefined) return problem;
  }
  for (const key of shape.requiredProperties ?? []) {
    if (record[key] === undefined) return new ElementProblem(childPath(style, path, key), 'is required');
  }
  return undefined;
}

function scalarText(value: ParamValue): string {
  return typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

/**
 * The wire pairs of a value already checked against its shape: repeatList as `Name.1`, `Name.1.Key`
 * ... in the value's order (undefined properties left out), json as one `Name=<JSON>` pair. An empty
 * repeatList array has no pairs.
 */
export function flattenValue(name: string, style: WireStyle, value: unknown): [string, string][] {
  if (style === 'json') return [[name, JSON.stringify(value)]];
  const out: [string, string][] = [];
  const walk = (path: string, item: unknown): void => {
    if (item === undefined) return;
    if (Array.isArray(item)) {
      for (let i = 0; i < item.length; i++) walk(`${path}.${i + 1}`, item[i]);
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) walk(`${path}.${key}`, child);
    } else out.push([path, scalarText(item as ParamValue)]);
  };
  walk(name, value);
  return out;
}

// A 1-based index as the vendor's runtime writes it: decimal, no sign, no leading zero.
const INDEX = /^[1-9][0-9]{0,8}$/;

interface Node {
  value?: string;
  children?: Map<string, Node>;
}

/**
 * Reads a repeatList parameter back from the received pairs: every name that starts with `name.`.
 * Indices may have gaps (the vendor's runtime skips a null element but still counts it): elements
 * keep their index order. Each element is parsed and checked as its shape says. Undefined when no
 * pair names the parameter; an ElementProblem naming the element (`Tag.2.Key`) when one is wrong.
 */
export function readRepeatList(name: string, shape: ValueShape, received: Iterable<readonly [string, string]>): unknown | ElementProblem {
  const root: Node = { children: new Map() };
  const prefix = `${name}.`;
  let count = 0;
  for (const [key, raw] of received) {
    if (!key.startsWith(prefix)) continue;
    if (++count > MAX_ELEMENTS * 4) return new ElementProblem(name, `has more than ${MAX_ELEMENTS * 4} values`);
    let node = root;
    for (const segment of key.slice(prefix.length).split('.')) {
      let child = node.children?.get(segment);
      if (child === undefined) {
        child = {};
        (node.children ??= new Map()).set(segment, child);
      }
      node = child;
    }
    node.value = raw;
  }
  if (count === 0) return undefined;
  return readNode(shape, root, name);
}

function readNode(shape: ValueShape, node: Node, path: string): unknown | ElementProblem {
  if (isScalar(shape)) {
    if (node.children !== undefined && node.children.size > 0) {
      const first = node.children.keys().next().value as string;
      return new ElementProblem(`${path}.${first}`, `is not a parameter (${path} is a single value)`);
    }
    const value = parseWireValue(checkedScalar(shape), node.value ?? '');
    return value instanceof Problem ? new ElementProblem(path, value.message) : value;
  }
  if (node.value !== undefined) {
    return new ElementProblem(path, `must be sent as ${path}.${shape.kind === 'array' ? '1' : 'Key'}... (a ${shape.kind === 'array' ? 'list' : 'set of fields'}), not as one value`);
  }
  const children = node.children ?? new Map<string, Node>();
  if (shape.kind === 'array') {
    const indexed: [number, Node][] = [];
    for (const [segment, child] of children) {
      if (!INDEX.test(segment)) return new ElementProblem(`${path}.${segment}`, `is not a parameter (elements of ${path} are numbered from 1)`);
      indexed.push([Number(segment), child]);
    }
    const limit = elementLimit(shape);
    if (indexed.length > limit) return new ElementProblem(path, `must hold at most ${limit} elements, got ${indexed.length}`);
    if (shape.minItems !== undefined && indexed.length < shape.minItems) {
      return new ElementProblem(path, `must hold at least ${shape.minItems} element${shape.minItems === 1 ? '' : 's'}, got ${indexed.length}`);
    }
    indexed.sort((a, b) => a[0] - b[0]);
    const out: unknown[] = [];
    for (const [index, child] of indexed) {
      const value = readNode(shape.items, child, `${path}.${index}`);
      if (value instanceof ElementProblem) return value;
      out.push(value);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [segment, child] of children) {
    if (!Object.hasOwn(shape.properties, segment)) {
      return new ElementProblem(`${path}.${segment}`, `is not a parameter (${path} has ${Object.keys(shape.properties).join(', ')})`);
    }
    const value = readNode(shape.properties[segment], child, `${path}.${segment}`);
    if (value instanceof ElementProblem) return value;
    out[segment] = value;
  }
  for (const key of shape.requiredProperties ?? []) {
    if (out[key] === undefined) return new ElementProblem(`${path}.${key}`, 'is required');
  }
  return out;
}

/** Reads a json style parameter: one JSON text, parsed, then checked against the shape. */
export function readJson(name: string, shape: ValueShape, raw: string): unknown | ElementProblem {
  if (raw.length > MAX_JSON_LENGTH) return new ElementProblem(name, `must be at most ${MAX_JSON_LENGTH} characters of JSON, got ${raw.length}`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return new ElementProblem(name, `must be JSON (${shape.kind === 'array' ? 'an array' : shape.kind === 'object' ? 'an object' : 'a value'}), got ${describeKind(raw)} that does not parse`);
  }
  return shapeProblem(shape, value, name, 'json') ?? value;
}

/** A parameter descriptor of an array or object parameter, with its wire style. */
export type StructuredDescriptor = ParamDescriptor & { readonly kind: 'array' | 'object'; readonly style: WireStyle };

export function isStructured(descriptor: ParamDescriptor): descriptor is StructuredDescriptor {
  return descriptor.kind === 'array' || descriptor.kind === 'object';
}

/** The descriptor's shape (a structured descriptor carries its ArrayShape or ObjectShape fields). */
export function shapeOf(descriptor: StructuredDescriptor): ArrayShape | ObjectShape {
  return descriptor as unknown as ArrayShape | ObjectShape;
}

/** Checks a caller's value for a structured parameter: the first problem, naming the element. */
export function structuredProblem(descriptor: StructuredDescriptor, value: unknown): ElementProblem | undefined {
  return shapeProblem(shapeOf(descriptor), value, descriptor.name, descriptor.style);
}

/** The wire pairs of a checked value of a structured parameter (see flattenValue). */
export function flattenParam(descriptor: StructuredDescriptor, value: unknown): [string, string][] {
  return flattenValue(descriptor.name, descriptor.style, value);
}

/**
 * A structured parameter read from the received parameters: repeatList from the `Name.N...` pairs,
 * json from the `Name` pair. Undefined when the request does not carry it.
 */
export function readStructured(descriptor: StructuredDescriptor, received: ReadonlyMap<string, string>): unknown | ElementProblem {
  if (descriptor.style === 'json') {
    const raw = received.get(descriptor.name);
    return raw === undefined ? undefined : readJson(descriptor.name, shapeOf(descriptor), raw);
  }
  if (received.has(descriptor.name)) {
    return new ElementProblem(descriptor.name, `must be sent as ${descriptor.name}.1${descriptor.kind === 'array' ? '' : '.Key'}, ... (repeatList style), not as one value`);
  }
  return readRepeatList(descriptor.name, shapeOf(descriptor), received.entries());
}
