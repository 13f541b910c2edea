// Compares every operation of the spec, the source document's and those taken from the metadata
// alike, with the vendor's published API metadata (../shared/reference, see its README): request
// parameter names, types and required-ness from the December 2025 file (the newer; the June 2024
// file for the two operations it no longer lists), response field names and types from the June
// 2024 file (the only one with response schemas).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIV3 } from 'openapi-types';
import { SPEC_DIR } from './load.js';
import { listOperations, parameterSchema, successContent, throughLoneAllOf } from './operations.js';

/** The reference folder: `ACR_REFERENCE`, or the one beside the repository (as CI lays it out). */
export const REFERENCE_DIR = process.env.ACR_REFERENCE ?? join(SPEC_DIR, '..', '..', 'shared', 'reference');
export const METADATA_FILES = {
  '2024-06': 'cr-2018-12-01.metadata-2024-06.json',
  '2025-12': 'cr-2018-12-01.metadata-2025-12.json',
} as const;
export type MetadataVersion = keyof typeof METADATA_FILES;

/** The part of a metadata schema this comparison reads. */
export interface MetadataSchema {
  type?: string;
  format?: string;
  required?: boolean;
  properties?: Record<string, MetadataSchema>;
  items?: MetadataSchema;
  /** `#/components/schemas/<Name>`: a shape the file declares once (DefaultRepoConfiguration's). */
  $ref?: string;
}
export interface MetadataOperation {
  parameters?: { name: string; in: string; style?: string; schema: MetadataSchema }[];
  responses?: { '200'?: { schema?: MetadataSchema } };
}
export interface Metadata {
  apis: Record<string, MetadataOperation>;
  components?: { schemas?: Record<string, MetadataSchema> };
}

const COMPONENT = '#/components/schemas/';

/** A schema with its `$ref` followed, keeping the referring schema's own `required`. */
function resolved(metadata: Metadata, schema: MetadataSchema): MetadataSchema {
  if (schema.$ref === undefined) return schema;
  const target = schema.$ref.startsWith(COMPONENT) ? metadata.components?.schemas?.[schema.$ref.slice(COMPONENT.length)] : undefined;
  if (target === undefined) throw new Error(`the metadata refers to ${schema.$ref}, which it does not declare`);
  return { ...target, required: schema.required };
}

export function readMetadata(version: MetadataVersion): Metadata {
  const file = join(REFERENCE_DIR, METADATA_FILES[version]);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`cannot read the vendor's API metadata ${file} (set ACR_REFERENCE to its folder): ${(error as Error).message}`);
  }
  return JSON.parse(text) as Metadata;
}

const SOURCE = /^metadata (2024-06|2025-12)$/;

/** The operations whose `x-acs-source` names a metadata file, in path-key order. */
export function metadataOperations(doc: OpenAPIV3.Document): string[] {
  return listOperations(doc)
    .filter((o) => SOURCE.test(String((o.operation as Record<string, unknown>)['x-acs-source'])))
    .map((o) => o.operationId);
}

export type Issue = 'spec-only' | 'metadata-only' | 'type' | 'required' | 'style' | 'absent';
export interface MetadataDifference {
  operation: string;
  kind: 'request' | 'response';
  issue: Issue;
  /** A parameter name, or a response field's path (`Items[].Name`); empty for `absent`. */
  name: string;
  detail: string;
}

/** `type` or `type/format` of a scalar, `array` or `object`. */
function typeName(given: { type?: string; format?: string; allOf?: unknown[] } | undefined): string {
  // A shared schema with facts added (a parameter's default) is an allOf of it alone: its type is the member's.
  const schema = throughLoneAllOf(given);
  if (!schema?.type) return 'untyped';
  return schema.type === 'integer' && schema.format ? `integer/${schema.format}` : schema.type;
}

/** Every field of a response schema, by path, with its type; allOf members merged. */
function specFields(schema: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  const s = schema as OpenAPIV3.SchemaObject | undefined;
  if (!s) return out;
  for (const member of s.allOf ?? []) specFields(member, prefix, out);
  if (s.type === 'array') specFields(s.items, `${prefix}[]`, out);
  for (const [name, sub] of Object.entries(s.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    const subSchema = sub as OpenAPIV3.SchemaObject;
    const type = subSchema.type ?? (subSchema.allOf?.map((m) => (m as OpenAPIV3.SchemaObject).type).find(Boolean));
    out.set(path, typeName({ type, format: subSchema.format }));
    specFields(sub, path, out);
  }
  return out;
}

function metadataFields(schema: MetadataSchema | undefined, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (!schema) return out;
  if (schema.type === 'array') metadataFields(schema.items, `${prefix}[]`, out);
  for (const [name, sub] of Object.entries(schema.properties ?? {})) {
    const path = prefix ? `${prefix}.${name}` : name;
    out.set(path, typeName(sub));
    metadataFields(sub, path, out);
  }
  return out;
}

function compareMaps(
  operation: string,
  kind: 'request' | 'response',
  spec: Map<string, string>,
  metadata: Map<string, string>,
): MetadataDifference[] {
  const out: MetadataDifference[] = [];
  for (const [name, type] of [...spec].sort()) {
    const other = metadata.get(name);
    if (other === undefined) out.push({ operation, kind, issue: 'spec-only', name, detail: type });
    else if (other !== type) out.push({ operation, kind, issue: 'type', name, detail: `spec ${type}, metadata ${other}` });
  }
  for (const [name, type] of [...metadata].sort()) {
    if (!spec.has(name)) out.push({ operation, kind, issue: 'metadata-only', name, detail: type });
  }
  return out;
}

/**
 * The differences between the spec's operations and the metadata. The spec's Action and
 * RegionId (and the common parameters, declared on the path item) are not compared: the metadata
 * lists only each operation's own parameters (CURATION.md M-01).
 */
export function compareWithMetadata(doc: OpenAPIV3.Document, older: Metadata, newer: Metadata): MetadataDifference[] {
  const out: MetadataDifference[] = [];
  for (const entry of listOperations(doc)) {
    const operation = entry.operationId;
    const params = ((entry.operation.parameters ?? []) as OpenAPIV3.ParameterObject[])
      .filter((p) => p.name !== 'Action' && p.name !== 'RegionId');
    const source = newer.apis[operation] ? newer : older;
    const current = source.apis[operation];
    if (!current) {
      out.push({ operation, kind: 'request', issue: 'absent', name: '', detail: 'in neither metadata file' });
      continue;
    }
    // Some operations (the resource tag ones) list RegionId among their own parameters; the spec's
    // is the shared one every operation references (M-01, G-06), so it is left out on both sides.
    const metaParams = (current.parameters ?? []).filter((p) => p.name !== 'RegionId');
    out.push(...compareMaps(
      operation, 'request',
      new Map(params.map((p) => [p.name, typeName(parameterSchema(p))])),
      new Map(metaParams.map((p) => [p.name, typeName(resolved(source, p.schema))])),
    ));
    for (const p of params) {
      const meta = metaParams.find((m) => m.name === p.name);
      if (meta && Boolean(meta.schema.required) !== Boolean(p.required)) {
        out.push({ operation, kind: 'request', issue: 'required', name: p.name, detail: `spec ${Boolean(p.required)}, metadata ${Boolean(meta.schema.required)}` });
      }
      // The wire style of an array or object parameter (CURATION G-21): `x-acr-style` in the spec.
      const style = (p as unknown as Record<string, unknown>)['x-acr-style'];
      if (meta && (meta.style ?? undefined) !== style) {
        out.push({ operation, kind: 'request', issue: 'style', name: p.name, detail: `spec ${String(style)}, metadata ${String(meta.style)}` });
      }
    }
    const response = older.apis[operation]?.responses?.['200']?.schema;
    if (!response) {
      out.push({ operation, kind: 'response', issue: 'absent', name: '', detail: 'no response schema in the June 2024 metadata' });
      continue;
    }
    out.push(...compareMaps(operation, 'response', specFields(successContent(entry)?.schema), metadataFields(response)));
  }
  return out;
}
