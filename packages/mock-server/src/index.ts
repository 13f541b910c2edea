// The package's public surface: `startMockServer` (start.ts), the option and result types, and
// what tests build on.
import { DEFAULTS, type RuntimeOptions, type StoreFactory } from './runtime/operate/options.js';
import type { RunningServer } from './runtime/http/server.js';

export { startMockServer, type MockServer, type MockServerOptions } from './start.js';
export { DEFAULTS };
export type { RunningServer, RuntimeOptions, StoreFactory };
export type { Handler, HandlerResult, Handlers, ParamValue, RequestContext } from './services/cr/handler.js';
export { MockError } from './runtime/http/wire-errors.js';
export type { ApiSpec, OperationSpec, ParamSpec } from './runtime/operation.js';
export type { Store } from './store/store.js';
export type { FaultConfig, FaultSpec } from './runtime/policy/faults.js';
export type { PolicyStatement, RamPolicy } from './runtime/policy/ram.js';
export type { Clock } from './runtime/callers/clock.js';
export type { Seed } from './resources/index.js';
export { MemoryStore } from './store/memory.js';
export { SqliteStore } from './store/sqlite.js';
export { api, operations, type OperationName } from './runtime/api.js';
