// What the server knows about the API and each operation: @acr-ee/api's table (generated from the
// spec, shared with the client), seen through the fields the server needs. `mockView` adds what the
// server reads by role rather than by name: the format parameter and the common parameters that
// carry a caller's key, token, nonce, time and version (their x-acr-value says which is which).
import type { ApiDescription, ConstantRole, Operation, RequestSource } from '@acr-ee/api';
import type { ParamDescriptor } from '@acr-ee/wire';

/** A request parameter: wire name, scalar kind, and the constraints of its schema (@acr-ee/wire's descriptor). */
export type ParamSpec = ParamDescriptor;

/** An operation as the server routes, validates and authorizes it: @acr-ee/api's, as generated. */
export type OperationSpec = Operation;

/** What the common parameters the server reads carry (their x-acr-value's `from` or `of`). */
const ROLES = ['accessKeyId', 'securityToken', 'signatureNonce', 'timestamp', 'apiVersion'] as const satisfies readonly (RequestSource | ConstantRole)[];

/** The common parameters the server reads by what they carry: each role's parameter name. */
export type CommonNames = { readonly [Role in (typeof ROLES)[number]]: string };

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
 * The API as the server reads it. The mock server's emitter refuses a spec without a format
 * parameter or without one of these roles, so a failure here means a table that did not come from
 * the generator.
 */
export function mockView(api: ApiDescription): ApiSpec {
  const { formatParameter } = api;
  if (formatParameter === undefined) throw new Error('the API description names no format parameter (x-acs-rpc formatParameter)');
  const nameOf = (role: (typeof ROLES)[number]): string => {
    const found = api.commonParameters.find((p) => p.from === role || p.of === role);
    if (found === undefined) throw new Error(`the API description names no common parameter carrying ${role} (x-acr-value)`);
    return found.name;
  };
  const commonNames = Object.fromEntries(ROLES.map((role) => [role, nameOf(role)])) as CommonNames;
  return { ...api, formatParameter, commonNames };
}
