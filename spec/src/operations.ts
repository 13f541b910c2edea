// Walks the operations of a (dereferenced or raw) document in path-key order.
import type { OpenAPIV3 } from 'openapi-types';

export interface OperationEntry {
  pathKey: string;
  method: string;
  operationId: string;
  pathItem: OpenAPIV3.PathItemObject;
  operation: OpenAPIV3.OperationObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export function listOperations(doc: OpenAPIV3.Document): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const [pathKey, pathItem] of Object.entries(doc.paths ?? {})) {
    if (!pathItem) continue;
    for (const method of METHODS) {
      const operation = pathItem[method];
      if (!operation) continue;
      entries.push({ pathKey, method, operationId: operation.operationId ?? '', pathItem, operation });
    }
  }
  return entries;
}

/** Path-item and operation parameters together, as a consumer sees them. */
export function allParameters(entry: OperationEntry): OpenAPIV3.ParameterObject[] {
  return [...(entry.pathItem.parameters ?? []), ...(entry.operation.parameters ?? [])] as OpenAPIV3.ParameterObject[];
}

/** The JSON schema and example of the 200 response. */
export function successContent(entry: OperationEntry): OpenAPIV3.MediaTypeObject | undefined {
  const ok = entry.operation.responses?.['200'] as OpenAPIV3.ResponseObject | undefined;
  return ok?.content?.['application/json'];
}

/**
 * A parameter's schema: `schema` for a scalar, the `application/json` content's schema for an array
 * or object parameter (CURATION G-21: its `x-acr-style` says how it goes on the wire).
 */
export function parameterSchema(parameter: OpenAPIV3.ParameterObject): OpenAPIV3.SchemaObject | undefined {
  return (parameter.schema ?? parameter.content?.['application/json']?.schema) as OpenAPIV3.SchemaObject | undefined;
}

/**
 * The schema a value has: a shared schema with facts added (a parameter's default, a description)
 * is written as an allOf of it alone, since OpenAPI 3.0 ignores a $ref's siblings; that wrapper is
 * looked through (an untyped allOf of one member is that member). Any other schema is itself.
 */
export function throughLoneAllOf<T extends { type?: unknown; allOf?: unknown[] }>(schema: T | undefined): T | undefined {
  return schema?.type === undefined && schema?.allOf?.length === 1 ? throughLoneAllOf(schema.allOf[0] as T) : schema;
}
