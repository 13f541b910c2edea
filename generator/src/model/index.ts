// The intermediate model: its types and how it is built.
export type * from './types.js';
export { buildModel } from './build.js';
export { PAGING, isReadOnlyAction, lowerCamel } from './names.js';
export { cursorParameter, flattenProperties, referencedSchemas, resolveType } from './walk.js';
