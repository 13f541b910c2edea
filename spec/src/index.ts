// The spec package's public surface for the rest of the monorepo: where the spec is, how to load
// it, and how to walk its operations.
export { ROOT_FILE, SPEC_DIR, loadDereferenced, readRoot, type Document } from './load.js';
export { allParameters, listOperations, successContent, type OperationEntry } from './operations.js';
