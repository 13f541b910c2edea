// Calls handlers in-process, as the server would: validated parameters (defaults filled in), a transaction around the
// handler, and the envelope (RequestId, IsSuccess, Code) added to what it returns.
import { handlerFor, MockError, type RequestValue } from '../../src/resources/context.js';
import { handlers, seedState, type Seed } from '../../src/resources/index.js';
import { operations, type OperationName } from '../../src/runtime/api.js';
import { MemoryStore } from '../../src/store/memory.js';

export const T0 = Date.UTC(2026, 0, 15, 8, 0, 0);
export const REGION = 'cn-hangzhou';

export type Params = Record<string, RequestValue | undefined>;

export class Harness {
  readonly store = new MemoryStore();
  now = T0;
  private requests = 0;

  constructor(seed: Seed = {}) {
    seedState(this.store, seed, this.now);
  }

  advance(ms: number): void {
    this.now += ms;
  }

  /** Calls `action` with RegionId filled in; returns the full response body. */
  call(action: OperationName, params: Params = {}): Record<string, unknown> {
    const given: Params = { RegionId: REGION, ...params };
    // A parameter not sent has its default, as validateParams fills it in on the server.
    for (const p of operations[action].params) if (p.default !== undefined && given[p.name] === undefined) given[p.name] = p.default;
    const context = { action, params: given, store: this.store, now: this.now, accountId: '1234567890123456' };
    const handler = handlerFor(handlers, action);
    const result = this.store.transaction(() => handler(context));
    this.requests++;
    const code = operations[action].successCode ?? 'success';
    return { RequestId: `00000000-0000-4000-8000-${String(this.requests).padStart(12, '0')}`, IsSuccess: true, Code: code, ...result };
  }

  /** The MockError `action` throws (fails when it succeeds). */
  fail(action: OperationName, params: Params = {}): MockError {
    try {
      this.call(action, params);
    } catch (error) {
      if (error instanceof MockError) return error;
      throw error;
    }
    throw new Error(`${action} succeeded; a MockError was expected`);
  }
}
