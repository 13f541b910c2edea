// What the server knows about the API and each operation: @acr-ee/api's table (generated from the
// spec, shared with the client), seen through the fields the server needs. `mockView` adds what the
// server reads by role rather than by name: the format parameter and the common parameters that
// carry a caller's key, token, nonce, time and version (found by their x-acr-value when generating:
// src/generated/callers.ts).
import type { ApiDescription, Operation } from '@acr-ee/api';
import type { ParamDescriptor } from '@acr-ee/wire';
import { callerParameters } from '../generated/callers.js';

/** A request parameter: wire name, scalar kind, and the constraints of its schema (@acr-ee/wire's descriptor). */
export type ParamSpec = ParamDescriptor;

/** An operation as the server routes, validates and authorizes it: @acr-ee/api's, as generated. */
export type OperationSpec = Operation;

/** The common parameters the server reads by what they carry: each role's parameter name. */
export type CommonNames = { readonly [Role in keyof typeof callerParameters]: string };

export type ApiSpec = ApiDescription & {
  /** `Format`: the common parameter choosing the response format. */
  readonly formatParameter: string;
  /**
   * The common parameters the server reads by what they carry, named as the spec's `x-acr-value`
   * says (`AccessKeyId`, `SecurityToken`, `SignatureNonce`, `Timestamp`, `Version`).
   */
  readonly commonNames: CommonNames;
};

/**
 * The API as the server reads it, with the caller parameters of the same spec (`commonNames`; the
 * generated ones unless a test passes a fixture spec's). The mock server's emitter refuses a spec
 * without a format parameter, so a failure here means a table that did not come from the generator.
 */
export function mockView(api: ApiDescription, commonNames: CommonNames = callerParameters): ApiSpec {
  const { formatParameter } = api;
  if (formatParameter === undefined) throw new Error('the API description names no format parameter (x-acs-rpc formatParameter)');
  return { ...api, formatParameter, commonNames };
}
