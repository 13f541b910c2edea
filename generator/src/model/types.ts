// The intermediate model: everything the emitters (client, mock server, docs) know about the API.
// It is built once per run from the spec (model/build.ts) and is the only contract between the
// loader and the emitters: an emitter never reads the spec itself.
//
// Names stay exactly as on the wire (`InstanceId`, `PageNo`). Every list is in a fixed order:
// operations, groups and named schemas in spec order, properties in declaration order.

export interface ApiModel {
  readonly title: string;
  /** The API version sent as `Version` (`2018-12-01`). */
  readonly apiVersion: string;
  readonly description: string;
  /** The default (public) endpoint: `servers[0]`. */
  readonly server: ServerModel;
  /** Every endpoint the spec declares, one per network (`public`, `vpc`). */
  readonly servers: readonly ServerModel[];
  readonly rpc: RpcModel;
  readonly signature: SignatureModel;
  /** The chapters of the API (the spec's tags), each with its operations in spec order. */
  readonly groups: readonly GroupModel[];
  /** Parameters every operation accepts (format, version, signing), in spec order, each with what a client sends. */
  readonly commonParameters: readonly CommonParameterModel[];
  readonly operations: readonly OperationModel[];
  /** Shared schemas, named by their component key (`Repository`, `RepoType`), in the order the spec first references them. */
  readonly schemas: readonly NamedSchema[];
  /** The body of a failed call (the named schema every 4XX/5XX response uses). */
  readonly errorSchema: string;
}

export interface ServerModel {
  /** `https://cr.{regionId}.aliyuncs.com` */
  readonly urlTemplate: string;
  /** Which network the endpoint serves (the spec's `x-acs-network`; `public` when absent). */
  readonly network: string;
  /** `enum`: the values the variable may take (for `regionId`, the regions this endpoint serves). */
  readonly variables: readonly { name: string; default: string; description: string; enum?: readonly string[] }[];
}

/** How an operation is carried on the wire (the spec's root `x-acs-rpc`). */
export interface RpcModel {
  /** Request path of every operation (`/`). */
  readonly path: string;
  readonly methods: readonly ('GET' | 'POST')[];
  readonly postContentType: string;
  /** The query parameter naming the operation (`Action`). */
  readonly actionParameter: string;
  /** The spec's path key of an operation, `{operationId}` being the placeholder. */
  readonly pathKeyTemplate: string;
  /**
   * The response format when the request has no format parameter: that parameter's schema
   * `default` (stated there once). Absent when the spec names no format parameter.
   */
  readonly defaultFormat?: 'XML' | 'JSON';
  /**
   * The common parameter choosing the response format (`Format`): what a server reads the format
   * from (specs before it was declared have none; the mock server's emitter requires it).
   */
  readonly formatParameter?: string;
}

export interface SignatureModel {
  /** The query parameter carrying the signature (`Signature`). */
  readonly parameterName: string;
  readonly version: string;
  readonly method: string;
  readonly keySuffix: string;
  readonly stringToSign: string;
  /** Common parameters that belong to the signing scheme. */
  readonly parameters: readonly string[];
  readonly description: string;
}

export interface GroupModel {
  readonly name: string;
  readonly description: string;
  /** Operation names, in spec order. */
  readonly operations: readonly string[];
}

export interface OperationModel {
  /** The Action, exactly as on the wire (`ListRepository`). */
  readonly name: string;
  /** lowerCamelCase of the Action (`listRepository`). */
  readonly methodName: string;
  /** The group (tag) it belongs to. */
  readonly group: string;
  readonly summary: string;
  readonly description: string;
  /** The section of the source document that describes it (`§11.4`). */
  readonly source: string;
  /** The spec's path key (`/#Action=ListRepository`). */
  readonly pathKey: string;
  readonly ram: RamRule;
  /** Get* and List* operations only read state: safe to retry, cacheable, side-effect free. */
  readonly readOnly: boolean;
  /** The operation's own parameters (RegionId included; Action and common parameters not). */
  readonly parameters: readonly ParameterModel[];
  /** The parameter values of the spec's examples, by wire name (own parameters only). */
  readonly requestExample: Readonly<Record<string, unknown>>;
  readonly response: ResponseModel;
  readonly errors: readonly ErrorResponseModel[];
  readonly pagination?: PaginationModel;
  /** The waiters that poll this operation (its `x-acr-waiters`), in spec order; empty when none. */
  readonly waiters: readonly WaiterModel[];
  readonly deprecated: boolean;
  /** Where the operation is written, for messages (`paths/11-repository.yaml#/ListRepository/get`). */
  readonly location: string;
}

export interface RamRule {
  /** `cr:ListRepository` */
  readonly action: string;
  /** `acs:cr:$regionid:$accountid:repository/$instanceid/*` */
  readonly resource: string;
  /** `documented` (as printed), `corrected` (misprint fixed) or `inferred` (no row in chapter 5). */
  readonly source: 'documented' | 'corrected' | 'inferred';
}

export interface ParameterModel {
  /** Wire name. */
  readonly name: string;
  /** Every parameter of this API is in the query (or the form body of a POST). */
  readonly in: 'query';
  readonly required: boolean;
  readonly description: string;
  /** Its schema's type, without the schema's `default`: the parameter's `default` is the one copy. */
  readonly type: TypeModel;
  readonly example?: unknown;
  /** The server URL variable this parameter mirrors (`regionId` for `RegionId`), if any. */
  readonly serverVariable?: string;
  /** The component key when the parameter is shared (`Format`, `RegionId`). */
  readonly component?: string;
  /** What a client sends, when the spec says (its `x-acr-value`; common parameters only). */
  readonly sent?: SentValue;
  /**
   * How an array or object parameter goes on the wire (its `x-acr-style`): `repeatList` as
   * `Name.1`, `Name.1.Key`, ... pairs, `json` as one JSON string. Scalars have none.
   */
  readonly style?: ParameterStyle;
  /**
   * The value the service takes when the request does not send the parameter (its schema's
   * `default`, stated beside the schema, never in a shared one): a scalar of its kind. A client
   * leaves it unsent; the mock server fills it in. Every emitter reads the default here.
   */
  readonly default?: string | number | boolean;
}

export type ParameterStyle = 'repeatList' | 'json';

/**
 * What a client fills a common parameter from at request time: the access key (`accessKeyId`,
 * `securityToken`), a fresh nonce and the current time (`signatureNonce`, `timestamp`), or the
 * client's configuration (`resourceOwnerAccount`).
 */
/** The API-wide constants a common parameter's `x-acr-value` can name with `from`. */
export type ApiConstant = 'apiVersion' | 'signatureMethod' | 'signatureVersion';

export type RequestSource = 'accessKeyId' | 'securityToken' | 'signatureNonce' | 'timestamp' | 'resourceOwnerAccount';

/**
 * The value a client sends for a common parameter: one fixed value (the parameter's `x-acr-value`
 * `value`, the API version or a signature constant it names with `from`, or its only enum value),
 * a value of the request, or none (optional, and nothing in the spec says what to send).
 */
export type SentValue =
  | {
      readonly kind: 'constant';
      readonly value: string;
      /** The constant the spec named with `from` (ACS3 sends the API version in a header, not as a parameter). */
      readonly of?: ApiConstant;
    }
  | { readonly kind: 'request'; readonly source: RequestSource }
  | { readonly kind: 'omitted' };

export interface CommonParameterModel extends ParameterModel {
  readonly sent: SentValue;
}

export interface ResponseModel {
  readonly description: string;
  /** Always an object type (possibly built from named bases). */
  readonly type: ObjectType;
  readonly example: unknown;
}

export interface ErrorResponseModel {
  /** `4XX`, `5XX` or an exact status. */
  readonly status: string;
  readonly description: string;
  readonly type: TypeModel;
  readonly example: unknown;
}

/**
 * How a list operation pages: by page number (`PageNo`, `PageSize`, `TotalCount`) or by a token the
 * previous page hands back (`NextToken`). Either way one response field holds the page's items.
 */
export type PaginationModel = PageNumberPaging | TokenPaging;

interface PagingItems {
  /** The response field holding the page's items. */
  readonly itemsField: string;
  /**
   * When `itemsField` is an object wrapping the list (as the service's XML-shaped answers do:
   * `TagResources: { TagResource: [...] }`), the list's field inside it.
   */
  readonly itemsInnerField?: string;
  readonly itemType: TypeModel;
  /**
   * The item fields whose values together identify an item (`['RepoId']`), from the operation's
   * `x-acr-item-key`: an iterator yields each identity once, though offset paging under concurrent
   * writes can serve an item on two pages. Absent: no de-duplication.
   */
  readonly itemKey?: readonly string[];
}

export interface PageNumberPaging extends PagingItems {
  readonly kind: 'page-number';
  readonly pageNumberParameter: string;
  readonly pageSizeParameter: string;
  readonly totalCountField: string;
}

export interface TokenPaging extends PagingItems {
  readonly kind: 'token';
  /** The request parameter that asks for the page after a token (`NextToken`). */
  readonly tokenParameter: string;
  /** The response field with the token of the next page, empty or absent on the last (`NextToken`). */
  readonly nextTokenField: string;
}

/**
 * A waiter: calls a read operation until its answer says the awaited state is reached (success),
 * can no longer be reached (failure), or time runs out. Declared in the spec by the operation's
 * `x-acr-waiters`. A value read that no list names means "not yet": the waiter polls again.
 */
export interface WaiterModel {
  /** PascalCase (`InstanceRunning`); the client's method is `waitUntil` + name. */
  readonly name: string;
  /** `waitUntilInstanceRunning` */
  readonly methodName: string;
  /** What the waiter waits for, one sentence (`The instance is running.`). */
  readonly description: string;
  /** The response field read, as a path of field names from the body (`['InstanceStatus']`); absent for waiters that only wait for an error. */
  readonly field?: readonly string[];
  /** Values of `field` that end the wait successfully. */
  readonly success: readonly string[];
  /** Values of `field` after which the awaited state cannot be reached: the wait fails at once. */
  readonly failure: readonly string[];
  /** Values of `field` the spec documents as "in progress" (polled again, as any unlisted value is). */
  readonly retry: readonly string[];
  /** Service error codes that end the wait successfully (`NAMESPACE_NOT_EXIST` for a namespace gone). */
  readonly successErrors: readonly string[];
  /** Compare values without regard to case (the service spells some statuses in either case). */
  readonly ignoreCase: boolean;
}

export interface NamedSchema {
  readonly name: string;
  readonly type: TypeModel;
  /** Where it is defined (`components/schemas/11-repository.yaml#/Repository`). */
  readonly location: string;
}

/** Facts every type can carry. */
interface TypeFacts {
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly nullable?: boolean;
  readonly example?: unknown;
  readonly default?: unknown;
}

export interface StringType extends TypeFacts {
  readonly kind: 'string';
  readonly enum?: readonly string[];
  readonly format?: string;
  readonly pattern?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
}

export interface IntegerType extends TypeFacts {
  readonly kind: 'integer';
  /** int64 values above 2^53 lose precision as JavaScript numbers; emitters say so. */
  readonly format: 'int32' | 'int64';
  readonly enum?: readonly number[];
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface NumberType extends TypeFacts {
  readonly kind: 'number';
  readonly format?: 'float' | 'double';
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface BooleanType extends TypeFacts {
  readonly kind: 'boolean';
}

export interface ArrayType extends TypeFacts {
  readonly kind: 'array';
  readonly items: TypeModel;
  readonly minItems?: number;
  readonly maxItems?: number;
}

export interface ObjectType extends TypeFacts {
  readonly kind: 'object';
  /** Named schemas whose properties this one includes (an `allOf` of references). */
  readonly bases: readonly string[];
  readonly properties: readonly PropertyModel[];
  /** `true` for a free-form map (`additionalProperties: true`), else `false`. */
  readonly additionalProperties: boolean;
}

/** A reference to a named shared schema. */
export interface RefType extends TypeFacts {
  readonly kind: 'ref';
  readonly name: string;
}

export type TypeModel = StringType | IntegerType | NumberType | BooleanType | ArrayType | ObjectType | RefType;

export interface PropertyModel {
  readonly name: string;
  readonly required: boolean;
  readonly type: TypeModel;
}
