// Types as the reference shows them: a short type text (`integer (int64)`, `array of object`),
// the allowed values, and the response as rows of a nested field table.
import type { ApiModel, ObjectType, ParameterModel, TypeModel } from '../../model/index.js';
import { flattenProperties, resolveType } from '../../model/index.js';
import { flattenValue } from '@acr-ee/wire';
import { blockHtml, plainText, wireValue } from './text.js';

/** Nesting deeper than this is not shown (the table gets unreadable; the API never goes deeper). */
const MAX_DEPTH = 6;

export interface ParameterRow {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  /** Plain text (search), Markdown as the spec writes it, and rendered. */
  readonly description: string;
  readonly descriptionMarkdown: string;
  readonly descriptionHtml: string;
  readonly values: readonly string[];
  readonly example: string | undefined;
  readonly constraints: string | undefined;
  /** The value the service takes when the parameter is not sent (the spec's default), as on the wire. */
  readonly defaultValue: string | undefined;
  /** How an array or object parameter goes on the wire (its style, and the example so written). */
  readonly wireForm: string | undefined;
}

export interface FieldRow {
  readonly name: string;
  /** `Repositories[].RepoName` */
  readonly path: string;
  readonly depth: number;
  readonly type: string;
  readonly description: string;
  readonly descriptionMarkdown: string;
  readonly descriptionHtml: string;
  readonly values: readonly string[];
  readonly example: string | undefined;
  readonly deprecated: boolean;
}

export function typeText(model: ApiModel, type: TypeModel): string {
  const named = type.kind === 'ref' ? type.name : undefined;
  const resolved = resolveType(model, type);
  switch (resolved.kind) {
    case 'string':
      return resolved.format ? `string (${resolved.format})` : 'string';
    case 'integer':
      return `integer (${resolved.format})`;
    case 'number':
      return resolved.format ? `number (${resolved.format})` : 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `array of ${typeText(model, resolved.items)}`;
    case 'object':
      if (resolved.properties.length === 0 && resolved.bases.length === 0 && resolved.additionalProperties) return 'object (map)';
      return named ? `object (${named})` : 'object';
    default:
      return 'unknown';
  }
}

/** The values an enum allows, as written on the wire. */
export function allowedValues(model: ApiModel, type: TypeModel): string[] {
  const resolved = resolveType(model, type);
  if ((resolved.kind === 'string' || resolved.kind === 'integer') && resolved.enum) return resolved.enum.map((v) => wireValue(v));
  return [];
}

function constraintsOf(model: ApiModel, type: TypeModel): string | undefined {
  const resolved = resolveType(model, type);
  const parts: string[] = [];
  if (resolved.kind === 'string') {
    if (resolved.minLength !== undefined && resolved.minLength > 1) parts.push(`at least ${resolved.minLength} characters`);
    if (resolved.maxLength !== undefined) parts.push(`at most ${resolved.maxLength} characters`);
    if (resolved.pattern !== undefined) parts.push(`matches \`${resolved.pattern}\``);
  }
  if (resolved.kind === 'integer' || resolved.kind === 'number') {
    if (resolved.minimum !== undefined) parts.push(`minimum ${resolved.minimum}`);
    if (resolved.maximum !== undefined) parts.push(`maximum ${resolved.maximum}`);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

export function parameterRow(model: ApiModel, parameter: ParameterModel): ParameterRow {
  const description = parameter.description || resolveType(model, parameter.type).description || '';
  return {
    name: parameter.name,
    type: typeText(model, parameter.type),
    required: parameter.required,
    description: plainText(description),
    descriptionMarkdown: description,
    descriptionHtml: blockHtml(description),
    values: allowedValues(model, parameter.type),
    example: parameter.example === undefined ? undefined : parameter.style === undefined ? wireValue(parameter.example) : JSON.stringify(parameter.example),
    constraints: constraintsOf(model, parameter.type),
    defaultValue: parameter.default === undefined ? undefined : wireValue(parameter.default),
    wireForm: wireFormOf(model, parameter),
  };
}

/**
 * The wire form of a structured parameter: repeatList as its numbered names (`Tag.N.Key`,
 * `Tag.N.Value`) and the example so flattened; json as one JSON string.
 */
function wireFormOf(model: ApiModel, parameter: ParameterModel): string | undefined {
  if (parameter.style === undefined) return undefined;
  const example = parameter.example === undefined ? undefined : flattenValue(parameter.name, parameter.style, parameter.example).map(([n, v]) => `${n}=${v}`).join('&');
  if (parameter.style === 'json') {
    return `one JSON string (json style)${example === undefined ? '' : `: ${example}`}`;
  }
  const names = wireNames(model, parameter.type, parameter.name, 0);
  return `one parameter per element, numbered from 1 (repeatList style): ${names.join(', ')}${example === undefined ? '' : `; the example is sent as ${example}`}`;
}

function wireNames(model: ApiModel, type: TypeModel, prefix: string, depth: number): string[] {
  const resolved = resolveType(model, type);
  if (depth > MAX_DEPTH) return [prefix];
  if (resolved.kind === 'array') return wireNames(model, resolved.items, `${prefix}.N`, depth + 1);
  if (resolved.kind === 'object') return flattenProperties(model, resolved).flatMap((p) => wireNames(model, p.type, `${prefix}.${p.name}`, depth + 1));
  return [prefix];
}

/** The rows of an object's fields, depth first: a field, then the fields inside it. */
export function fieldRows(model: ApiModel, type: ObjectType): FieldRow[] {
  const rows: FieldRow[] = [];
  const visit = (object: ObjectType, prefix: string, depth: number): void => {
    for (const property of flattenProperties(model, object)) {
      const resolved = resolveType(model, property.type);
      const description = property.type.description ?? resolved.description ?? '';
      const path = prefix ? `${prefix}.${property.name}` : property.name;
      const example = property.type.example ?? resolved.example;
      rows.push({
        name: property.name,
        path,
        depth,
        type: typeText(model, property.type),
        description: plainText(description),
        descriptionMarkdown: description,
        descriptionHtml: blockHtml(description),
        values: allowedValues(model, property.type),
        example: example === undefined || typeof example === 'object' ? undefined : wireValue(example),
        deprecated: Boolean(property.type.deprecated ?? resolved.deprecated),
      });
      if (depth + 1 > MAX_DEPTH) continue;
      const inner = innerObject(model, resolved);
      if (inner) visit(inner.object, `${path}${inner.suffix}`, depth + 1);
    }
  };
  visit(type, '', 0);
  return rows;
}

/** The object a field holds (directly, or as the items of an array, or arrays of arrays). */
function innerObject(model: ApiModel, type: TypeModel): { object: ObjectType; suffix: string } | undefined {
  let current = resolveType(model, type);
  let suffix = '';
  while (current.kind === 'array') {
    suffix += '[]';
    current = resolveType(model, current.items);
  }
  return current.kind === 'object' ? { object: current, suffix } : undefined;
}
