// The package's public surface: the generated client and types, and the runtime's options,
// errors, transports and signer, and the credentials providers.
export * from './generated/index.js';
export * from './runtime/index.js';
export * from './credentials/index.js';
