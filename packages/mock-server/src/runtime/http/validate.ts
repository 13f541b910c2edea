// Request validation compiled from the spec: each parameter's descriptor is made ready once, at
// start (its pattern compiled), so a request only runs the checks. The checks themselves (kind,
// enum, length in code points, pattern, range, a lone surrogate refused) are @acr-ee/wire's, the
// same the client runs on a caller's values; this module turns their Problem into the gateway's
// InvalidParameter and applies "required".
import { checkedParam, parseWireValue, Problem, type ParamDescriptor, type ParamValue } from '@acr-ee/wire';
import type { WireParams } from './params.js';
import { invalidParameter, missingParameter } from './wire-errors.js';

/** Turns a wire string into the parameter's value, or throws InvalidParameter. */
type Coerce = (raw: string) => ParamValue;

export interface CompiledParam {
  readonly name: string;
  readonly required: boolean;
  readonly coerce: Coerce;
}

/** The checks of one parameter: a wire string to its kind, then its constraints. */
export function compileParam(descriptor: ParamDescriptor): CompiledParam {
  const checked = checkedParam(descriptor);
  const name = descriptor.name;
  const coerce: Coerce = (raw) => {
    const value = parseWireValue(checked, raw);
    // Wire's messages read "must be ..." / "is not ...": the subject is the value.
    if (value instanceof Problem) throw invalidParameter(name, `it ${value.message}`);
    return value;
  };
  return { name, required: descriptor.required, coerce };
}

export function compileParams(descriptors: readonly ParamDescriptor[]): readonly CompiledParam[] {
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
 * The operation's own parameters, validated and coerced. Parameters the operation does not define
 * are ignored (as the vendor's gateway does); the first failure throws.
 */
export function validateParams(compiled: readonly CompiledParam[], wire: WireParams): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const param of compiled) {
    const raw = wire.get(param.name);
    if (raw === undefined) {
      if (param.required) throw missingParameter(param.name);
      continue;
    }
    out[param.name] = param.coerce(raw);
  }
  return out;
}
