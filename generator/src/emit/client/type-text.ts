// Renders a model type as a TypeScript type, with writer functions for object literals
// so that nested fields keep their doc comments.
import type { CodeBlockWriter, WriterFunction } from '../shared/ts-file.js';
import type { PropertyModel, TypeModel } from '../../model/index.js';
import { docText } from './docs.js';

export type TypeText = string | WriterFunction;

/**
 * How properties and arrays are written. The client's types are plain (callers may build and change
 * requests and results); the mock server's are read-only (a handler reads the validated request and
 * answers a value that only the serialiser reads).
 */
export interface TypeStyle {
  readonly readonly: boolean;
  /**
   * For what the service answers (the client's result types): the named string value sets, by
   * schema name, whose values are written open (`RepoType | (string & {})`), as inline string enums
   * are. The service adds values to the sets it answers (a trigger's `RepoEvent` gained
   * `BUILD_Fail`); a closed union would make a user's exhaustive code fail to build, or hide the
   * new value, when the client is regenerated. Editors still offer the known values. Absent for
   * requests (the client checks what it sends against the spec) and for the mock server (it only
   * answers values the spec lists).
   */
  readonly openEnums?: ReadonlySet<string>;
}

export const PLAIN: TypeStyle = { readonly: false };
export const READ_ONLY: TypeStyle = { readonly: true };

/** A value set the service may extend: its known values, then any string. */
const OPEN = '(string & {})';

export function typeText(type: TypeModel, style: TypeStyle = PLAIN): TypeText {
  const text = baseText(type, style);
  if (!type.nullable) return text;
  return typeof text === 'string' ? `${text} | null` : (w: CodeBlockWriter) => (text(w), w.write(' | null'));
}

function baseText(type: TypeModel, style: TypeStyle): TypeText {
  switch (type.kind) {
    case 'string':
      if (!type.enum) return 'string';
      return [...type.enum.map((v) => `'${escape(v)}'`), ...(style.openEnums ? [OPEN] : [])].join(' | ');
    case 'integer':
      return type.enum ? type.enum.map(String).join(' | ') : 'number';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'ref':
      return style.openEnums?.has(type.name) ? `${type.name} | ${OPEN}` : type.name;
    case 'array':
      return arrayText(typeText(type.items, style), style);
    case 'object':
      return objectText(type.bases, type.properties, type.additionalProperties, style);
  }
}

function arrayText(items: TypeText, style: TypeStyle): TypeText {
  const generic = style.readonly ? 'ReadonlyArray' : 'Array';
  if (typeof items === 'string') return /[ |&]/.test(items) ? `${generic}<${items}>` : `${style.readonly ? 'readonly ' : ''}${items}[]`;
  return (w: CodeBlockWriter) => (w.write(`${generic}<`), items(w), w.write('>'));
}

function objectText(bases: readonly string[], properties: readonly PropertyModel[], open: boolean, style: TypeStyle): TypeText {
  if (properties.length === 0 && !open && bases.length > 0) return bases.join(' & ');
  if (properties.length === 0 && bases.length === 0) return open ? 'Record<string, unknown>' : 'Record<string, never>';
  return (w: CodeBlockWriter) => {
    for (const base of bases) w.write(`${base} & `);
    w.write('{').newLine();
    w.indent(() => {
      for (const p of properties) writeProperty(w, p, style);
      if (open) w.writeLine(`${style.readonly ? 'readonly ' : ''}[key: string]: unknown;`);
    });
    w.write('}');
  };
}

/** One property with its doc comment, as in an interface body. */
export function writeProperty(w: CodeBlockWriter, p: PropertyModel, style: TypeStyle = PLAIN): void {
  const doc = docText(p.type);
  if (doc) {
    w.writeLine('/**');
    for (const line of doc.split('\n')) w.writeLine(line ? ` * ${line}` : ' *');
    w.writeLine(' */');
  }
  w.write(`${style.readonly ? 'readonly ' : ''}${propertyName(p.name)}${p.required ? '' : '?'}: `);
  const text = typeText(p.type, style);
  if (typeof text === 'string') w.write(text);
  else text(w);
  w.write(';').newLine();
}

export function propertyName(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `'${escape(name)}'`;
}

function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}
