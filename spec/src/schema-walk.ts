// Walks the properties of a dereferenced schema at any depth: through allOf/oneOf/anyOf, object
// properties, array items and map values.
import type { OpenAPIV3 } from 'openapi-types';

/** Called once per property: its name, its path (`.SyncTasks[].ImageFrom.RegionId`) and schema. */
export type PropertyVisitor = (name: string, path: string, schema: unknown) => void;

export function walkProperties(schema: unknown, visit: PropertyVisitor, at = ''): void {
  if (!schema || typeof schema !== 'object') return;
  const s = schema as OpenAPIV3.SchemaObject & { items?: unknown };
  for (const part of [...(s.allOf ?? []), ...(s.oneOf ?? []), ...(s.anyOf ?? [])]) walkProperties(part, visit, at);
  for (const [name, sub] of Object.entries(s.properties ?? {})) {
    visit(name, `${at}.${name}`, sub);
    walkProperties(sub, visit, `${at}.${name}`);
  }
  if (s.items) walkProperties(s.items, visit, `${at}[]`);
  if (typeof s.additionalProperties === 'object') walkProperties(s.additionalProperties, visit, `${at}{}`);
}
