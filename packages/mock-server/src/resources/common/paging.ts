// Pagination of every list operation: PageNo defaults to 1 and PageSize to 30 (the spec gives no
// default; 30 is the vendor's, printed in every list example); TotalCount is the number of
// matching entries across all pages; a page past the end is an empty list.
import type { RequestContext } from '../context.js';
import { optInt } from './params.js';

export const DEFAULT_PAGE_SIZE = 30;

export interface Page<T> {
  readonly PageNo: number;
  readonly PageSize: number;
  readonly TotalCount: number;
  readonly items: T[];
}

/** The requested page of `all` (already filtered and sorted). */
export function page<T>(context: RequestContext, all: readonly T[]): Page<T> {
  const pageNo = Math.max(1, optInt(context, 'PageNo') ?? 1);
  const pageSize = Math.max(1, optInt(context, 'PageSize') ?? DEFAULT_PAGE_SIZE);
  const start = (pageNo - 1) * pageSize;
  return { PageNo: pageNo, PageSize: pageSize, TotalCount: all.length, items: all.slice(start, start + pageSize) };
}

/** The response of a list operation: the paging fields and the page under `itemsField`. */
export function pageResponse<T, U>(
  context: RequestContext,
  all: readonly T[],
  itemsField: string,
  view: (item: T) => U,
): Record<string, unknown> {
  const { items, ...paging } = page(context, all);
  return { ...paging, [itemsField]: items.map(view) };
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
