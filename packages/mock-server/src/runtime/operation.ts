// What the server knows about the API and each operation. The generator writes `api` and one
// OperationSpec per operation of the spec (src/generated/operations.ts); nothing else lists them.
import type { ParamDescriptor } from '@acr-ee/wire';

/** A request parameter: wire name, scalar kind, and the constraints of its schema (@acr-ee/wire's descriptor). */
export type ParamSpec = ParamDescriptor;

export interface ApiSpec {
  /** The only accepted `Version`. */
  readonly version: string;
  /** The response format when a request has no `Format`. */
  readonly defaultFormat: 'XML' | 'JSON';
  /** `Format`: the common parameter choosing the response format. */
  readonly formatParameter: string;
  /** `Action` */
  readonly actionParameter: string;
  /** `Signature` */
  readonly signatureParameter: string;
  readonly signatureMethod: string;
  readonly signatureVersion: string;
  readonly endpointTemplate: string;
  readonly methods: readonly ('GET' | 'POST')[];
  readonly postContentType: string;
  /** Format, Version, AccessKeyId, SignatureMethod, ... as the spec defines them. */
  readonly commonParameters: readonly ParamSpec[];
  /**
   * The common parameters the server reads by what they carry, named as the spec's `x-acr-value`
   * says (`AccessKeyId`, `SecurityToken`, `SignatureNonce`, `Timestamp`, `Version`).
   */
  readonly commonNames: {
    readonly accessKeyId: string;
    readonly securityToken: string;
    readonly signatureNonce: string;
    readonly timestamp: string;
    readonly apiVersion: string;
  };
}

export interface OperationSpec {
  readonly action: string;
  /** The chapter (tag) it belongs to. */
  readonly group: string;
  /** Get* and List* only read state. */
  readonly readOnly: boolean;
  /** The RAM action and resource ARN template of chapter 5 (`acs:cr:$regionid:$accountid:instance/$instanceid`). */
  readonly ram: { readonly action: string; readonly resource: string };
  /** The operation's own parameters (RegionId included; Action and the common parameters not). */
  readonly params: readonly ParamSpec[];
  /** Present when the operation pages with PageNo/PageSize and answers TotalCount. */
  readonly pagination?: { readonly itemsField: string };
  /** The success Code when the spec types it as a number (ListScanBaselineByTask: 0); `success` otherwise. */
  readonly successCode?: number;
}
