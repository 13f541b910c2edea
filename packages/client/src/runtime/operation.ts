// What the runtime needs to know about the API and about each operation. The generator writes the
// ApiDescription and one OperationMeta per operation of the spec (src/generated/operations.ts); the
// runtime reads nothing else about the API.
import type { ParamDescriptor } from '@acr-ee/wire';

/** The API as a whole: its version, default endpoint and what every request carries (from the spec). */
export interface ApiDescription {
  /** The spec's info.version (`2018-12-01`). */
  readonly version: string;
  /**
   * The endpoint of each network (the spec's servers): `public` (the default) and `vpc`. Each maps
   * a region to an origin; its `regions`, when listed, are the only ones it serves.
   */
  readonly endpoints: { readonly public: EndpointMeta } & Readonly<Record<string, EndpointMeta>>;
  /** The parameter naming the operation (`Action`). */
  readonly actionParameter: string;
  /** The parameter carrying the signature (`Signature`), appended after signing. */
  readonly signatureParameter: string;
  /**
   * The common parameters that belong to signature v1 (`AccessKeyId`, `SignatureMethod`, ...): an
   * ACS3-signed request carries none of them (its Authorization header and `x-acs-*` headers do).
   */
  readonly v1SigningParams: readonly string[];
  /** The common parameters, in spec order, with what the client sends for each. */
  readonly commonParams: readonly CommonParamMeta[];
}

export interface EndpointMeta {
  /** The origin, `{regionId}` being the client's region (`https://cr.{regionId}.aliyuncs.com`). */
  readonly urlTemplate: string;
  /** The regions the endpoint serves (the spec's `regionId` enum); absent: any region. */
  readonly regions?: readonly string[];
}

/**
 * What an attempt fills a common parameter from: the signing identity (`accessKeyId`,
 * `securityToken`), a fresh nonce, the current time, or the client's `resourceOwnerAccount` option.
 */
export type RequestSource = 'accessKeyId' | 'securityToken' | 'signatureNonce' | 'timestamp' | 'resourceOwnerAccount';

/**
 * A common parameter: sent with a fixed `value`, filled `from` the attempt, or (neither) never sent
 * by the client. The caller can pass none of them.
 */
export interface CommonParamMeta {
  readonly name: string;
  readonly value?: string;
  /** The API-wide constant `value` is, when the spec names one (`Version` is the API version). */
  readonly of?: 'apiVersion' | 'signatureMethod' | 'signatureVersion';
  readonly from?: RequestSource;
}

/**
 * A request parameter as @acr-ee/wire describes it (wire name, kind, required, constraints), and
 * where the client fills it from when the caller leaves it out.
 */
export interface ParamMeta extends ParamDescriptor {
  /**
   * Filled from the client's configuration when the caller omits it: `regionId` for `RegionId`
   * (the spec's server URL variable of the same name).
   */
  readonly fromConfig?: 'regionId';
}

export interface PaginationMeta {
  /** The response field holding the page's items (`Repositories`). */
  readonly itemsField: string;
  /** When `itemsField` is an object wrapping the list (`TagResources: { TagResource: [...] }`), the list's field in it. */
  readonly itemsInnerField?: string;
  /**
   * The item fields whose values together identify an item (`['RepoId']`, from the spec's
   * `x-acr-item-key`). The item iterator yields each identity once; without it, no de-duplication.
   */
  readonly itemKey?: readonly string[];
  /**
   * Present when the operation pages by token: the request parameter that asks for the page after
   * a token, and the response field holding the next page's token (absent or empty on the last).
   * Absent: it pages by PageNo/PageSize/TotalCount.
   */
  readonly token?: { readonly parameter: string; readonly field: string };
}

export interface OperationMeta {
  /** The Action, exactly as sent. */
  readonly action: string;
  /** Reads are retried by default (Get*, List*); writes only when the caller opts in. */
  readonly readOnly: boolean;
  /** The operation's own parameters (RegionId included; Action and the common parameters not). */
  readonly params: readonly ParamMeta[];
  /** Present when the operation pages with PageNo/PageSize and answers TotalCount. */
  readonly pagination?: PaginationMeta;
}
