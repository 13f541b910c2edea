// What the runtime reads about the API and about each operation: the client's view of @acr-ee/api's
// table (generated from the spec, shared with the mock server). Each type picks the fields the
// client uses, so the runtime and its tests name only those; the table itself satisfies every one.
import type { ApiDescription as Api, CommonParameter, Operation, Pagination, Parameter } from '@acr-ee/api';

export type { EndpointMeta, RequestSource } from '@acr-ee/api';

/** The API as the client reads it: its version, endpoints, the Action and Signature parameters and the common parameters. */
export type ApiDescription = Pick<Api, 'version' | 'endpoints' | 'actionParameter' | 'signatureParameter' | 'v1SigningParams'> & {
  readonly commonParameters: readonly CommonParamMeta[];
};

/**
 * A common parameter as the client reads it: sent with a fixed `value`, filled `from` the attempt,
 * or (neither) never sent by the client. The caller can pass none of them.
 */
export type CommonParamMeta = Pick<CommonParameter, 'name' | 'value' | 'of' | 'from'>;

/**
 * A request parameter as @acr-ee/wire describes it (wire name, kind, required, constraints); one
 * mirroring the server variable `regionId` is filled from the client's `regionId` option when the
 * caller leaves it out.
 */
export type ParamMeta = Parameter;

export type PaginationMeta = Pagination;

/** An operation as the client calls it: its Action, whether it only reads (retried by default), its parameters and paging. */
export type OperationMeta = Pick<Operation, 'action' | 'readOnly' | 'params' | 'pagination'>;
