// The spec package's public surface for the rest of the monorepo: where the spec is, how to load
// it, how to walk its operations, and the strict validator its examples pass (undeclared fields
// are errors), for checking answers against the spec's schemas.
export { ROOT_FILE, SPEC_DIR, loadDereferenced, readRoot, type Document } from './load.js';
export { allParameters, listOperations, parameterSchema, successContent, type OperationEntry } from './operations.js';
export { validateExample, type ValidationFailure } from './schema-validator.js';
