// What a handler module needs of the server: the contract of src/runtime/handler.ts (the context a
// handler gets, its typed parameters and result, MockError), under the name the modules import.
export * from '../runtime/handler.js';
