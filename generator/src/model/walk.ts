// Helpers for emitters that walk types: follow named references, list an object's fields.
import type { ApiModel, ObjectType, PaginationModel, PropertyModel, TypeModel } from './types.js';

/** The type a reference names (followed until it is not a reference). */
export function resolveType(model: ApiModel, type: TypeModel): TypeModel {
  let current = type;
  while (current.kind === 'ref') {
    const name = current.name;
    const named = model.schemas.find((s) => s.name === name);
    if (!named) throw new Error(`the model has no schema named ${name}`);
    current = named.type;
  }
  return current;
}

/** Every field of an object type, its bases' first, in declaration order. */
export function flattenProperties(model: ApiModel, type: ObjectType): PropertyModel[] {
  const fields = new Map<string, PropertyModel>();
  for (const base of type.bases) {
    const resolved = resolveType(model, { kind: 'ref', name: base });
    if (resolved.kind === 'object') for (const p of flattenProperties(model, resolved)) fields.set(p.name, p);
  }
  for (const p of type.properties) fields.set(p.name, p);
  return [...fields.values()];
}

/** The named schemas a type refers to directly (not through them), added to `into`. */
export function referencedSchemas(type: TypeModel, into: Set<string>): Set<string> {
  switch (type.kind) {
    case 'ref':
      into.add(type.name);
      break;
    case 'array':
      referencedSchemas(type.items, into);
      break;
    case 'object':
      for (const base of type.bases) into.add(base);
      for (const p of type.properties) referencedSchemas(p.type, into);
      break;
  }
  return into;
}

/** The request parameter a paged operation's iterator advances: the page number, or the token. */
export function cursorParameter(paging: PaginationModel): string {
  return paging.kind === 'page-number' ? paging.pageNumberParameter : paging.tokenParameter;
}
