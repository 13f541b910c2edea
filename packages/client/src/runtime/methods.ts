// The generated AcrClient is written chapter by chapter (one generated file per chapter of the
// spec, so a change to one chapter changes that chapter's file): each chapter is an interface of
// methods merged into the class's type and an object implementing them, installed here on the
// class's prototype. Not exported from the package: only the generated code uses it.
import type { CallOptions, PaginateOptions } from './config.js';
import type { OperationMeta } from './operation.js';
import type { WaitOptions, WaiterMeta, WaiterResult } from './waiter.js';

/** What a chapter's methods run on: the client's `call`, `paginate` and `wait` (see RpcClient). */
export interface OperationCalls {
  call<Res>(op: OperationMeta, request: object | undefined, options?: CallOptions): Promise<Res>;
  paginate<Item>(op: OperationMeta, request: object | undefined, options?: PaginateOptions): AsyncGenerator<Item, void, undefined>;
  wait<Res>(op: OperationMeta, waiter: WaiterMeta, request: object | undefined, options?: WaitOptions): Promise<WaiterResult<Res>>;
}

/**
 * Defines every method of `chapters` on `target`'s prototype as a class body would (writable,
 * configurable, not enumerable). A name the prototype already has (a runtime method, or another
 * chapter's) is a generator bug: it throws at once rather than shadowing it.
 */
export function installMethods(target: abstract new (...args: never[]) => object, ...chapters: readonly object[]): void {
  const prototype = target.prototype as Record<string, unknown>;
  for (const chapter of chapters) {
    for (const [name, value] of Object.entries(chapter)) {
      if (name in prototype) throw new TypeError(`${target.name}: the method ${name} is defined twice`);
      Object.defineProperty(prototype, name, { value, writable: true, configurable: true, enumerable: false });
    }
  }
}
