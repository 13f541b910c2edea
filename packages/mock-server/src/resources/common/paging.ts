// Pagination of every list operation: PageNo defaults to 1 and PageSize to 30 (the spec gives no
// default; 30 is the vendor's, printed in every list example); TotalCount is the number of
// matching entries across all pages; a page past the end is an empty list. A handler answers
// `{ ...paging, <ItemsField>: items.map(view) }`, the items field written out so that its name is
// checked against the operation's result.
import type { RequestContext } from '../context.js';

export const DEFAULT_PAGE_SIZE = 30;

/** The paging parameters of a list operation. */
export type PagingRequest = RequestContext<{ readonly PageNo?: number; readonly PageSize?: number }>;

export interface Page<T> {
  /** The paging fields of the response. */
  readonly paging: { readonly PageNo: number; readonly PageSize: number; readonly TotalCount: number };
  /** The entries of the requested page. */
  readonly items: T[];
}

/** The requested page of `all` (already filtered and sorted). */
export function page<T>(context: PagingRequest, all: readonly T[]): Page<T> {
  const pageNo = Math.max(1, context.params.PageNo ?? 1);
  const pageSize = Math.max(1, context.params.PageSize ?? DEFAULT_PAGE_SIZE);
  const start = (pageNo - 1) * pageSize;
  return { paging: { PageNo: pageNo, PageSize: pageSize, TotalCount: all.length }, items: all.slice(start, start + pageSize) };
}

/** Sorts by the keys `keyOf` returns, compared in order (strings by code unit, numbers numerically). */
export function sortBy<T>(items: T[], keyOf: (item: T) => readonly (string | number)[]): T[] {
  return items.sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i] < kb[i]) return -1;
      if (ka[i] > kb[i]) return 1;
    }
    return 0;
  });
}
