// The shape of the API's description as data (src/generated/operations.ts fills it from the spec):
// what every request carries and, per operation, its Action, chapter, RAM rule, parameters with
// their checks, and paging. The client sends from it and the mock server serves from it; each reads
// the fields it needs, so a fact of the spec is written once for both.
import type { ParamDescriptor, ParamValue } from '@acr-ee/wire';

/** The API as a whole: its version, endpoints and what every request carries (from the spec). */
export interface ApiDescription {
  /** The spec's info.version (`2018-12-01`), the only `Version` a server accepts. */
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
  /** The response format when a request names none. */
  readonly defaultFormat: 'XML' | 'JSON';
  /** The common parameter choosing the response format (`Format`); absent when the spec names none. */
  readonly formatParameter?: string;
  /** The common parameters, in spec order: each one's checks, and what a client sends for it. */
  readonly commonParameters: readonly CommonParameter[];
}

export interface EndpointMeta {
  /** The origin, `{regionId}` being the client's region (`https://cr.{regionId}.aliyuncs.com`). */
  readonly urlTemplate: string;
  /** The regions the endpoint serves (the spec's `regionId` enum); absent: any region. */
  readonly regions?: readonly string[];
}

/**
 * What a request fills a common parameter from (the spec's `x-acr-value`): the signing identity
 * (`accessKeyId`, `securityToken`), a fresh nonce, the current time, or the caller's
 * `resourceOwnerAccount`.
 */
export type RequestSource = 'accessKeyId' | 'securityToken' | 'signatureNonce' | 'timestamp' | 'resourceOwnerAccount';

/** The API-wide constants a common parameter may carry (`Version` is the API version). */
export type ConstantRole = 'apiVersion' | 'signatureMethod' | 'signatureVersion';

/**
 * A common parameter: its checks (@acr-ee/wire's descriptor), and what a client sends for it: a
 * fixed `value`, a value `from` the request, or (neither) nothing.
 */
export interface CommonParameter extends ParamDescriptor {
  readonly value?: string;
  /** The API-wide constant `value` is, when the spec names one. */
  readonly of?: ConstantRole;
  readonly from?: RequestSource;
}

/** An operation's own parameter: its checks, and the server URL variable it mirrors (`regionId` for `RegionId`), if any. */
export interface Parameter extends ParamDescriptor {
  readonly serverVariable?: string;
  /**
   * The value the service takes when a request does not send the parameter (the spec's schema
   * `default`). A client does not send it (the service applies it); the mock server fills it in.
   */
  readonly default?: ParamValue;
}

export interface Pagination {
  /** The response field holding the page's items (`Repositories`). */
  readonly itemsField: string;
  /** When `itemsField` is an object wrapping the list (`TagResources: { TagResource: [...] }`), the list's field in it. */
  readonly itemsInnerField?: string;
  /**
   * The item fields whose values together identify an item (`['RepoId']`, from the spec's
   * `x-acr-item-key`); absent: items have no stated identity.
   */
  readonly itemKey?: readonly string[];
  /**
   * Present when the operation pages by token: the request parameter that asks for the page after
   * a token, and the response field holding the next page's token (absent or empty on the last).
   * Absent: it pages by PageNo/PageSize/TotalCount.
   */
  readonly token?: { readonly parameter: string; readonly field: string };
}

export interface Operation {
  /** The Action, exactly as sent. */
  readonly action: string;
  /** The chapter (the spec's tag) it belongs to. */
  readonly group: string;
  /** It only reads state (Get*, List*): safe to retry. */
  readonly readOnly: boolean;
  /** The RAM action and resource ARN template that authorize it (`acs:cr:$regionid:$accountid:instance/$instanceid`). */
  readonly ram: { readonly action: string; readonly resource: string };
  /** The operation's own parameters (RegionId included; Action and the common parameters not). */
  readonly params: readonly Parameter[];
  /** Present when the operation pages. */
  readonly pagination?: Pagination;
  /** The success `Code` when the spec types it as a number (ListScanBaselineByTask: 0); `success` otherwise. */
  readonly successCode?: number;
}
