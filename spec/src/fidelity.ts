// Compares the inventory of the source document with the spec: which operations, request
// parameters and response fields the document prints that the spec lacks, and the reverse.
import type { OpenAPIV3 } from 'openapi-types';
import type { Inventory } from './inventory.js';
import { listOperations, parameterSchema, successContent, throughLoneAllOf } from './operations.js';
import { walkProperties } from './schema-walk.js';

export type Kind = 'request' | 'response';
/** `document`: printed in the document, absent from the spec; `spec`: the reverse. */
export type Side = 'document' | 'spec';

export interface Difference {
  operation: string;
  kind: Kind;
  side: Side;
  name: string;
}

/** Every property name of a dereferenced schema, at any depth. */
export function schemaPropertyNames(schema: unknown): Set<string> {
  const names = new Set<string>();
  walkProperties(schema, (name) => names.add(name));
  return names;
}

function compare(operation: string, kind: Kind, document: Iterable<string>, spec: Set<string>): Difference[] {
  const doc = new Set(document);
  const out: Difference[] = [];
  for (const name of [...doc].sort()) if (!spec.has(name)) out.push({ operation, kind, side: 'document', name });
  for (const name of [...spec].sort()) if (!doc.has(name)) out.push({ operation, kind, side: 'spec', name });
  return out;
}

export interface FidelityReport {
  missingOperations: string[];
  extraOperations: string[];
  differences: Difference[];
}

export function compareWithInventory(doc: OpenAPIV3.Document, inventory: Inventory): FidelityReport {
  const specOps = new Map(listOperations(doc).map((o) => [o.operationId, o]));
  const docOps = new Set(inventory.operations.map((o) => o.name));
  const differences: Difference[] = [];
  for (const printed of inventory.operations) {
    const entry = specOps.get(printed.name);
    if (!entry) continue;
    const params = new Set((entry.operation.parameters ?? []).map((p) => (p as OpenAPIV3.ParameterObject).name));
    differences.push(...compare(printed.name, 'request', [...printed.requestTable, ...printed.sampleRequest], params));
    const fields = schemaPropertyNames(successContent(entry)?.schema);
    differences.push(...compare(printed.name, 'response', [...printed.responseTable, ...printed.jsonExampleKeys], fields));
  }
  return {
    missingOperations: [...docOps].filter((n) => !specOps.has(n)).sort(),
    extraOperations: [...specOps.keys()].filter((n) => !docOps.has(n)).sort(),
    differences,
  };
}

/** The schemas of every property called `name` in a dereferenced schema, at any depth. */
export function schemasOfProperty(schema: unknown, name: string): unknown[] {
  const found: unknown[] = [];
  walkProperties(schema, (key, _path, sub) => {
    if (key === name) found.push(sub);
  });
  return found;
}

/** The enum of a schema, looking through a lone allOf wrapper (used to attach a description). */
export function enumOf(schema: unknown): unknown[] | undefined {
  return throughLoneAllOf(schema as OpenAPIV3.SchemaObject | undefined)?.enum;
}

/**
 * Names whose table row lists valid values but whose spec schema has no enum: in the request
 * (the operation's parameter of that name) and the response (every property of that name).
 * A name the spec does not use at all (renamed) is not reported here: the name comparison and its
 * allowances account for it.
 */
export function namesWithoutEnum(doc: OpenAPIV3.Document, inventory: Inventory): Difference[] {
  const specOps = new Map(listOperations(doc).map((o) => [o.operationId, o]));
  const out: Difference[] = [];
  for (const printed of inventory.operations) {
    const entry = specOps.get(printed.name);
    if (!entry) continue;
    for (const name of printed.requestWithValidValues) {
      const param = (entry.operation.parameters ?? []).find((p) => (p as OpenAPIV3.ParameterObject).name === name);
      if (param && !enumOf(parameterSchema(param as OpenAPIV3.ParameterObject))) {
        out.push({ operation: printed.name, kind: 'request', side: 'spec', name });
      }
    }
    for (const name of printed.responseWithValidValues) {
      for (const sub of schemasOfProperty(successContent(entry)?.schema, name)) {
        if (!enumOf(sub)) out.push({ operation: printed.name, kind: 'response', side: 'spec', name });
      }
    }
  }
  return out;
}
