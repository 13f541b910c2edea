// The package's public surface: the generated description of the API and its types.
export * from './generated/index.js';
export type * from './description.js';
