// Names derived from the wire names, in one place.

/** `ListRepository` -> `listRepository`; `GetAuthorizationToken` -> `getAuthorizationToken`. */
export function lowerCamel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** Get* and List* operations only read state (the API's naming convention). */
export function isReadOnlyAction(action: string): boolean {
  return /^(Get|List)[A-Z]/.test(action);
}

/** The paging convention of the API: a request pages with these, the response counts with that. */
export const PAGING = { pageNumber: 'PageNo', pageSize: 'PageSize', totalCount: 'TotalCount' } as const;

/** The token convention of the newer operations: the request and the response both carry `NextToken`. */
export const TOKEN_PAGING = { parameter: 'NextToken', field: 'NextToken' } as const;
