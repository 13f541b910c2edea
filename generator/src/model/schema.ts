// Turns the spec's schemas into the model's TypeModel. A `$ref` to a shared schema (one under
// components/schemas, or #/components/schemas in a root document) becomes a named RefType and the
// schema is converted once into the named registry; every other `$ref` is followed and inlined.
import { SpecError } from '../load/spec-error.js';
import { type Located, type SpecFiles, isRecord } from '../load/spec-files.js';
import type { NamedSchema, ObjectType, PropertyModel, TypeModel } from './types.js';

const UNSUPPORTED = ['oneOf', 'anyOf', 'not'] as const;

export class SchemaConverter {
  private readonly named = new Map<string, NamedSchema>();
  private readonly converting = new Set<string>();

  constructor(private readonly files: SpecFiles) {}

  /** The named schemas met so far, in the order they were first referenced. */
  namedSchemas(): NamedSchema[] {
    return [...this.named.values()];
  }

  convert(node: Located): TypeModel {
    const at = this.files.where(node.file, node.pointer);
    if (!isRecord(node.value)) throw new SpecError(at, 'a schema must be an object');
    if (typeof node.value.$ref === 'string') return this.convertRef(node);
    for (const keyword of UNSUPPORTED) {
      if (keyword in node.value) throw new SpecError(at, `'${keyword}' is not supported by the generator`);
    }
    const facts = readFacts(node.value);
    if ('allOf' in node.value) {
      const ref = this.factsOnRef(node);
      if (ref !== undefined) return { ...ref, ...facts };
      return { ...this.convertAllOf(node), ...facts };
    }
    const type = node.value.type ?? (isRecord(node.value.properties) ? 'object' : undefined);
    switch (type) {
      case 'string':
        return { kind: 'string', ...facts, ...pick(node.value, ['enum', 'format', 'pattern', 'minLength', 'maxLength']) };
      case 'integer':
        return { kind: 'integer', format: integerFormat(node.value.format, at), ...facts, ...pick(node.value, ['enum', 'minimum', 'maximum']) };
      case 'number':
        return { kind: 'number', ...facts, ...pick(node.value, ['format', 'minimum', 'maximum']) };
      case 'boolean':
        return { kind: 'boolean', ...facts };
      case 'array':
        if (!isRecord(node.value.items)) throw new SpecError(at, "an array schema needs 'items'");
        return { kind: 'array', items: this.convert(this.files.child(node, 'items')), ...facts, ...pick(node.value, ['minItems', 'maxItems']) };
      case 'object':
        return { ...this.convertObject(node), ...facts };
      case undefined:
        throw new SpecError(at, "a schema needs a 'type' (or 'properties', 'allOf' or '$ref')");
      default:
        throw new SpecError(`${at}/type`, `unknown type '${String(type)}' (expected string, integer, number, boolean, array or object)`);
    }
  }

  /** The properties of an object type, its named bases' first, in declaration order. */
  flatten(type: ObjectType): PropertyModel[] {
    const seen = new Map<string, PropertyModel>();
    for (const base of type.bases) {
      const named = this.resolveNamed(base);
      if (named.kind === 'object') for (const p of this.flatten(named)) seen.set(p.name, p);
    }
    for (const p of type.properties) seen.set(p.name, p);
    return [...seen.values()];
  }

  resolveNamed(name: string): TypeModel {
    const named = this.named.get(name);
    if (!named) throw new Error(`no named schema ${name}`);
    return named.type;
  }

  private convertRef(node: Located): TypeModel {
    const target = this.files.target(node);
    const name = this.sharedName(target);
    if (name === undefined) return this.convert(target);
    const location = this.files.where(target.file, target.pointer);
    const known = this.named.get(name);
    if (known) {
      if (known.location !== location) {
        throw new SpecError(location, `schema name '${name}' is already used by ${known.location}; shared schema names must be unique`);
      }
      return { kind: 'ref', name };
    }
    if (this.converting.has(location)) throw new SpecError(location, 'recursive schemas are not supported');
    this.converting.add(location);
    const type = this.convert(target);
    this.converting.delete(location);
    this.named.set(name, { name, type, location });
    return { kind: 'ref', name };
  }

  private sharedName(target: Located): string | undefined {
    const where = this.files.where(target.file, target.pointer);
    const match = /^components\/schemas\/[^#]+#\/([^/]+)$/.exec(where) ?? /#\/components\/schemas\/([^/]+)$/.exec(where);
    return match?.[1];
  }

  /**
   * OpenAPI 3.0 ignores the siblings of a `$ref`, so a schema that adds facts (a default, a
   * description) to a shared non-object schema wraps it: `allOf: [{$ref: ...}]` beside the facts.
   * That is a reference carrying the facts; only facts may sit beside it (a constraint there would
   * narrow the shared type, which the model cannot say). Undefined: not this form (an object's allOf).
   */
  private factsOnRef(node: Located): TypeModel | undefined {
    const at = this.files.where(node.file, node.pointer);
    const value = node.value as Record<string, unknown>;
    const members = value.allOf;
    if (!Array.isArray(members) || members.length !== 1 || !isRecord(members[0]) || typeof members[0].$ref !== 'string') return undefined;
    const member = this.convert(this.files.child(this.files.child(node, 'allOf'), 0));
    if (member.kind !== 'ref') throw new SpecError(`${at}/allOf/0`, 'a single-member allOf must $ref a shared schema (components/schemas)');
    if (this.resolveNamed(member.name).kind === 'object') return undefined;
    if (Object.keys(members[0]).length !== 1) throw new SpecError(`${at}/allOf/0`, "a $ref takes no siblings (OpenAPI 3.0 ignores them): put the facts beside 'allOf'");
    const others = Object.keys(value).filter((key) => key !== 'allOf' && !(FACTS as readonly string[]).includes(key));
    if (others.length > 0) {
      throw new SpecError(at, `an allOf of the non-object schema '${member.name}' may add only ${FACTS.join(', ')} (found ${others.join(', ')})`);
    }
    return member;
  }

  private convertAllOf(node: Located): ObjectType {
    const at = this.files.where(node.file, node.pointer);
    const members = node.value as { allOf: unknown };
    if (!Array.isArray(members.allOf)) throw new SpecError(`${at}/allOf`, "'allOf' must be a list");
    const bases: string[] = [];
    const properties: PropertyModel[] = [];
    let additionalProperties = false;
    members.allOf.forEach((_, index) => {
      const member = this.convert(this.files.child(this.files.child(node, 'allOf'), index));
      if (member.kind === 'ref') {
        if (this.resolveNamed(member.name).kind !== 'object') throw new SpecError(`${at}/allOf/${index}`, `'${member.name}' is not an object schema`);
        bases.push(member.name);
      } else if (member.kind === 'object') {
        bases.push(...member.bases);
        properties.push(...member.properties);
        additionalProperties ||= member.additionalProperties;
      } else {
        throw new SpecError(`${at}/allOf/${index}`, 'every allOf member must be an object schema or a $ref to one');
      }
    });
    return { kind: 'object', bases, properties, additionalProperties };
  }

  private convertObject(node: Located): ObjectType {
    const at = this.files.where(node.file, node.pointer);
    const value = node.value as Record<string, unknown>;
    const props = value.properties ?? {};
    if (!isRecord(props)) throw new SpecError(`${at}/properties`, "'properties' must be a map");
    const required = value.required ?? [];
    if (!Array.isArray(required)) throw new SpecError(`${at}/required`, "'required' must be a list");
    for (const name of required) {
      if (!(name in props)) throw new SpecError(`${at}/required`, `required property '${String(name)}' is not among the properties`);
    }
    const additional = value.additionalProperties ?? false;
    if (typeof additional !== 'boolean') throw new SpecError(`${at}/additionalProperties`, 'only true or false is supported');
    const propsNode = this.files.child(node, 'properties');
    const properties = Object.keys(props).map((name) => ({
      name,
      required: required.includes(name),
      type: this.convert(this.files.child(propsNode, name)),
    }));
    return { kind: 'object', bases: [], properties, additionalProperties: additional };
  }
}

function integerFormat(format: unknown, at: string): 'int32' | 'int64' {
  if (format === 'int32' || format === 'int64') return format;
  throw new SpecError(`${at}/format`, `an integer needs format int32 or int64 (found ${JSON.stringify(format)})`);
}

/** What any schema may state about its values without changing their type. */
const FACTS = ['description', 'deprecated', 'nullable', 'example', 'default'] as const;

function readFacts(schema: Record<string, unknown>) {
  return pick(schema, FACTS);
}

function pick(source: Record<string, unknown>, keys: readonly string[]): Record<string, never> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out as Record<string, never>;
}
