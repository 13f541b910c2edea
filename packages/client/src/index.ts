// The package's public surface: the generated client and types, and the runtime's options,
// errors, transports and signer.
export * from './generated/index.js';
export * from './runtime/index.js';
