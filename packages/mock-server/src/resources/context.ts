// What a handler module needs of the server: the CR API's handler contract (src/services/cr/
// handler.ts: the context a handler gets, its typed parameters and result, MockError), under the
// name the modules import.
export * from '../services/cr/handler.js';
