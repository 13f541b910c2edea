// A stand-in for the resource modules in tests of the HTTP core: every operation answers the
// spec's example response (enumerated from the generated examples, never listed by hand), so these
// tests depend on the wire and not on what the handlers do. Tests override single operations.
import { flattenParam, isStructured } from '@acr-ee/wire';
import { examples } from '../../../src/generated/index.js';
import { operations, type OperationName } from '../../../src/runtime/api.js';
import type { Handler, Handlers } from '../../../src/resources/context.js';

export const ACTION_NAMES = Object.keys(operations) as OperationName[];

/** The example response of an operation without the three fields the server adds. */
export function exampleResult(action: OperationName): Record<string, unknown> {
  const { RequestId: _r, IsSuccess: _i, Code: _c, ...rest } = examples[action].response as Record<string, unknown>;
  return structuredClone(rest);
}

export function exampleHandlers(overrides: Partial<Record<OperationName, Handler>> = {}): Handlers {
  const table = {} as Record<OperationName, Handler>;
  for (const action of ACTION_NAMES) table[action] = () => exampleResult(action);
  // Stand-ins answer what the spec's examples say (untyped JSON) and, in some tests, fields the
  // spec does not have: they are the server's handlers as the server calls them, untyped.
  return { ...table, ...overrides } as unknown as Handlers;
}

/** The example request of an operation as wire strings, Action included; arrays and objects in their style. */
export function exampleParams(action: OperationName): Record<string, string> {
  const out: Record<string, string> = { Action: action };
  for (const [name, value] of Object.entries(examples[action].request)) {
    const descriptor = operations[action].params.find((p) => p.name === name);
    if (descriptor !== undefined && isStructured(descriptor)) for (const [key, text] of flattenParam(descriptor, value)) out[key] = text;
    else out[name] = String(value);
  }
  return out;
}
