// The generator's public surface: build the model; emit the packages.
export * from './model/index.js';
export { SpecError, SpecErrors } from './load/spec-error.js';
export * from './diff/index.js';
