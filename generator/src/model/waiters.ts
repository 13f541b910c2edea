// Reads an operation's `x-acr-waiters`: the states a client can wait for by polling it.
//
//   x-acr-waiters:
//     - name: InstanceRunning
//       description: The instance is running.
//       field: InstanceStatus            # a response field; `A.B` for a nested one
//       success: [RUNNING]               # the wait ends
//       failure: [INIT_ERROR, DELETED]   # the state cannot be reached any more: the wait fails
//       retry: [PENDING, STARTING]       # documented "in progress" values (polled again)
//     - name: NamespaceDeleted
//       description: The namespace no longer exists.
//       successErrors: [NAMESPACE_NOT_EXIST]  # these service errors end the wait successfully
//
// Every problem is a SpecError at the declaration, with what is wrong and what is allowed.
import { SpecError } from '../load/spec-error.js';
import { isRecord } from '../load/spec-files.js';
import type { ParameterContext } from './parameters.js';
import type { ObjectType, TypeModel, WaiterModel } from './types.js';

export const WAITERS = 'x-acr-waiters';

const KEYS = ['name', 'description', 'field', 'success', 'failure', 'retry', 'successErrors', 'ignoreCase'] as const;
const NAME = /^[A-Z][A-Za-z0-9]*$/;
const ERROR_CODE = /^[A-Za-z][A-Za-z0-9_.]*$/;

interface Target {
  readonly operation: string;
  readonly readOnly: boolean;
  readonly response: ObjectType;
}

export function readWaiters(value: unknown, target: Target, context: ParameterContext, at: string): WaiterModel[] {
  if (value === undefined) return [];
  const where = `${at}/${WAITERS}`;
  if (!Array.isArray(value) || value.length === 0) throw new SpecError(where, `${WAITERS} must be a non-empty list of waiters`);
  if (!target.readOnly) throw new SpecError(where, `${WAITERS} is only for operations that only read (Get*, List*); ${target.operation} changes state`);
  const waiters = value.map((entry, index) => readWaiter(entry, target, context, `${where}/${index}`));
  const names = waiters.map((w) => w.name);
  const twice = names.find((name, index) => names.indexOf(name) !== index);
  if (twice !== undefined) throw new SpecError(where, `the waiter '${twice}' is declared twice`);
  return waiters;
}

function readWaiter(entry: unknown, target: Target, context: ParameterContext, at: string): WaiterModel {
  if (!isRecord(entry)) throw new SpecError(at, 'a waiter must be an object');
  const unknown = Object.keys(entry).find((key) => !(KEYS as readonly string[]).includes(key));
  if (unknown !== undefined) throw new SpecError(`${at}/${unknown}`, `'${unknown}' is not a waiter key (use ${KEYS.join(', ')})`);
  const { name, description, ignoreCase } = entry;
  if (typeof name !== 'string' || !NAME.test(name)) throw new SpecError(`${at}/name`, `a waiter needs a PascalCase name (found ${JSON.stringify(name)})`);
  if (typeof description !== 'string' || description.trim() === '') throw new SpecError(`${at}/description`, `waiter ${name} needs a description (what it waits for)`);
  if (ignoreCase !== undefined && typeof ignoreCase !== 'boolean') throw new SpecError(`${at}/ignoreCase`, 'ignoreCase must be true or false');
  const success = strings(entry.success, `${at}/success`, 'values');
  const failure = strings(entry.failure, `${at}/failure`, 'values');
  const retry = strings(entry.retry, `${at}/retry`, 'values');
  const successErrors = strings(entry.successErrors, `${at}/successErrors`, 'error codes');
  const badCode = successErrors.find((code) => !ERROR_CODE.test(code));
  if (badCode !== undefined) throw new SpecError(`${at}/successErrors`, `'${badCode}' is not an error code`);
  const field = entry.field === undefined ? undefined : readField(entry.field, target, context, `${at}/field`);
  if (field === undefined) {
    const listed = success.length + failure.length + retry.length > 0;
    if (listed) throw new SpecError(at, `waiter ${name} lists values but names no 'field' to read them from`);
    if (successErrors.length === 0) throw new SpecError(at, `waiter ${name} can never succeed: give 'field' and 'success' values, or 'successErrors'`);
  } else {
    if (success.length === 0) throw new SpecError(`${at}/success`, `waiter ${name} reads '${field.path.join('.')}' but lists no success value`);
    checkValues(name, { success, failure, retry }, field.values, ignoreCase === true, at);
  }
  return {
    name,
    methodName: `waitUntil${name}`,
    description: description.trim(),
    ...(field === undefined ? {} : { field: field.path }),
    success,
    failure,
    retry,
    successErrors,
    ignoreCase: ignoreCase === true,
  };
}

function strings(value: unknown, at: string, what: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string' && v !== '')) {
    throw new SpecError(at, `must be a non-empty list of ${what} (strings)`);
  }
  return value as string[];
}

/** The path of a string field of the success response (through object fields), and its enum when it has one. */
function readField(value: unknown, target: Target, context: ParameterContext, at: string): { path: string[]; values?: readonly string[] } {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/.test(value)) {
    throw new SpecError(at, `field must name a response field, with '.' between nested names (found ${JSON.stringify(value)})`);
  }
  const path = value.split('.');
  let current: TypeModel = target.response;
  for (const [index, name] of path.entries()) {
    const object = resolve(current, context);
    const fields = object.kind === 'object' ? context.schemas.flatten(object) : [];
    const found = fields.find((f) => f.name === name);
    if (found === undefined) {
      const parent = index === 0 ? `the response of ${target.operation}` : `'${path.slice(0, index).join('.')}'`;
      throw new SpecError(at, `${parent} has no field '${name}' (fields: ${fields.map((f) => f.name).join(', ') || 'none'})`);
    }
    current = found.type;
  }
  const leaf = resolve(current, context);
  if (leaf.kind !== 'string') throw new SpecError(at, `'${value}' is a ${leaf.kind} field; a waiter reads a string field`);
  return { path, ...(leaf.enum === undefined ? {} : { values: leaf.enum }) };
}

function checkValues(name: string, lists: Record<'success' | 'failure' | 'retry', string[]>, documented: readonly string[] | undefined, ignoreCase: boolean, at: string): void {
  const norm = (v: string) => (ignoreCase ? v.toUpperCase() : v);
  const seen = new Map<string, string>();
  for (const [list, values] of Object.entries(lists)) {
    for (const v of values) {
      const earlier = seen.get(norm(v));
      if (earlier !== undefined) throw new SpecError(`${at}/${list}`, `waiter ${name} lists '${v}' in both ${earlier} and ${list}`);
      seen.set(norm(v), list);
      if (documented !== undefined && !documented.some((d) => norm(d) === norm(v))) {
        throw new SpecError(`${at}/${list}`, `'${v}' is not a value of the field (its enum: ${documented.join(', ')})`);
      }
    }
  }
}

function resolve(type: TypeModel, context: ParameterContext): TypeModel {
  return type.kind === 'ref' ? resolve(context.schemas.resolveNamed(type.name), context) : type;
}
