// The key under which util.inspect (and so console.log) looks for an object's own rendering.
// Node registers it with Symbol.for, so taking it from there spares every process that imports the
// client the load of node:util; util.inspect passes itself to the method as its third argument.
export const inspectCustom: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;

/** util.inspect's signature, as it hands itself to an object's custom method. */
export type Inspect = (value: unknown, options?: object) => string;
