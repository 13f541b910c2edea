// Request validation compiled from the spec: each parameter's descriptor is made ready once, at
// start (its pattern compiled), so a request only runs the checks. The checks themselves (kind,
// enum, length in code points, pattern, range, a lone surrogate refused) are @acr-ee/wire's, the
// same the client runs on a caller's values; this module turns their Problem into the gateway's
// InvalidParameter and applies "required", and a parameter the request does not send takes the
// value the spec states the service assumes (its default), so a handler reads the value in effect.
// An array or object parameter (repeatList or json style) is read back from the wire with wire's
// readStructured and checked element by element; its errors name the element (`Tag.2.Key`).
import { checkedParam, isStructured, parseWireValue, Problem, readStructured, type ParamDescriptor, type ParamValue } from '@acr-ee/wire';
import type { Parameter } from '@acr-ee/api';
import type { WireParams } from './params.js';
import { invalidParameter, missingParameter } from './wire-errors.js';

/** Turns a wire string into the parameter's value, or throws InvalidParameter. */
type Coerce = (raw: string) => ParamValue;

/** A validated request value: a scalar, or the array or object a structured parameter holds. */
export type RequestValue = ParamValue | readonly unknown[] | { readonly [key: string]: unknown };

/** A parameter as the API table describes it: its checks, and (an operation's own) the value the service assumes when it is not sent. */
export type ServedParam = ParamDescriptor & Pick<Parameter, 'default'>;

export interface CompiledParam {
  readonly name: string;
  readonly required: boolean;
  /** The value a request that does not send the parameter has (the spec's default). */
  readonly fallback?: ParamValue;
  readonly coerce: Coerce;
  /** A structured parameter's reader: from every received pair, its value (undefined: not sent). */
  readonly read?: (wire: WireParams) => RequestValue | undefined;
}

/** The checks of one parameter: a wire string to its kind, then its constraints. */
export function compileParam(descriptor: ServedParam): CompiledParam {
  const name = descriptor.name;
  if (isStructured(descriptor)) {
    const read = (wire: WireParams): RequestValue | undefined => {
      const value = readStructured(descriptor, wire);
      if (value instanceof Problem) throw invalidParameter('at' in value ? String(value.at) : name, `it ${value.message}`);
      return value as RequestValue | undefined;
    };
    const coerce: Coerce = () => {
      throw invalidParameter(name, `it is ${descriptor.style === 'json' ? 'a JSON' : 'a repeatList'} parameter`);
    };
    return { name, required: descriptor.required, coerce, read };
  }
  const checked = checkedParam(descriptor);
  const coerce: Coerce = (raw) => {
    const value = parseWireValue(checked, raw);
    // Wire's messages read "must be ..." / "is not ...": the subject is the value.
    if (value instanceof Problem) throw invalidParameter(name, `it ${value.message}`);
    return value;
  };
  return { name, required: descriptor.required, coerce, ...(descriptor.default === undefined ? {} : { fallback: descriptor.default }) };
}

export function compileParams(descriptors: readonly ServedParam[]): readonly CompiledParam[] {
  return descriptors.map(compileParam);
}

/** Checks parameters without keeping their values (the common parameters). */
export function checkParams(compiled: readonly CompiledParam[], wire: WireParams): void {
  for (const param of compiled) {
    const raw = wire.get(param.name);
    if (raw === undefined) {
      if (param.required) throw missingParameter(param.name);
    } else param.coerce(raw);
  }
}

/**
 * The operation's own parameters, validated and coerced, each one not sent that has a default
 * holding it. Parameters the operation does not define are ignored (as the vendor's gateway does);
 * the first failure throws.
 */
export function validateParams(compiled: readonly CompiledParam[], wire: WireParams): Record<string, RequestValue> {
  const out: Record<string, RequestValue> = {};
  for (const param of compiled) {
    if (param.read !== undefined) {
      const value = param.read(wire);
      if (value !== undefined) out[param.name] = value;
      else if (param.required) throw missingParameter(param.name);
      continue;
    }
    const raw = wire.get(param.name);
    if (raw === undefined) {
      if (param.required) throw missingParameter(param.name);
      if (param.fallback !== undefined) out[param.name] = param.fallback;
      continue;
    }
    out[param.name] = param.coerce(raw);
  }
  return out;
}
