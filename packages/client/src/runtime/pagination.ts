// Walks the pages of a list operation: by PageNo/PageSize/TotalCount, or by NextToken.
// By page number: the service's paging fields are not always trustworthy (TotalCount arrives as a
// number or a string, or not at all), so the walk stops on whichever comes first: the last page by
// TotalCount, an empty page, or a page shorter than the page size. A page that repeats the previous
// one is an error rather than an endless loop.
// By token: each answer's token asks for the next page; an answer without one (absent or empty) is
// the last. A token answered twice is an error rather than an endless loop.
// Either way, more pages than `maxPages` is an error.
import { AcrError, InvalidResponseError } from './errors.js';
import type { OperationMeta } from './operation.js';

export type Page = Record<string, unknown>;
export type PageFetcher = (request: Record<string, unknown>) => Promise<Page>;

export async function* walkPages(
  op: OperationMeta,
  request: object | undefined,
  fetchPage: PageFetcher,
  maxPages: number,
): AsyncGenerator<Page, void, undefined> {
  const itemsField = op.pagination?.itemsField;
  if (itemsField === undefined) throw new AcrError('the operation does not page', { action: op.action });
  if (op.pagination?.token !== undefined) {
    yield* walkTokens(op, op.pagination.token, request, fetchPage, maxPages);
    return;
  }
  const base: Record<string, unknown> = { ...request };
  const firstPageNo = base.PageNo ?? 1; // a wrong type is rejected by the first call's validation
  const requestedSize = positiveInteger(base.PageSize);
  let pageNo = firstPageNo as number;
  let seen = 0;
  let pageSize: number | undefined;
  let previous: string | undefined;
  for (let count = 1; ; count++, pageNo++) {
    if (count > maxPages) throw new AcrError(`stopped after ${maxPages} pages (maxPages)`, { action: op.action });
    const page = await fetchPage({ ...base, PageNo: pageNo });
    const items = itemsOf(page, op);
    // Guards against a service that ignores PageNo and would otherwise be walked forever.
    const fingerprint = items.length === 0 ? '' : JSON.stringify(items);
    if (fingerprint !== '' && fingerprint === previous) {
      throw new InvalidResponseError(`page ${pageNo} repeats page ${pageNo - 1}: the service seems to ignore PageNo`, { action: op.action });
    }
    previous = fingerprint;
    // The size as answered (a service may clamp what was asked), else as asked, else the first
    // page's length.
    pageSize ??= positiveInteger(page.PageSize) ?? requestedSize ?? (items.length || undefined);
    seen += items.length;
    yield page;
    if (isLast(page, items.length, seen, pageSize, firstPageNo as number)) return;
  }
}

async function* walkTokens(
  op: OperationMeta,
  token: { readonly parameter: string; readonly field: string },
  request: object | undefined,
  fetchPage: PageFetcher,
  maxPages: number,
): AsyncGenerator<Page, void, undefined> {
  const base: Record<string, unknown> = { ...request };
  const asked = new Set<string>();
  let next = base[token.parameter];
  for (let count = 1; ; count++) {
    if (count > maxPages) throw new AcrError(`stopped after ${maxPages} pages (maxPages)`, { action: op.action });
    const page = await fetchPage(next === undefined ? base : { ...base, [token.parameter]: next });
    yield page;
    const answered = page[token.field];
    if (answered === undefined || answered === null || answered === '') return;
    if (typeof answered !== 'string') throw new InvalidResponseError(`the response's ${token.field} is not a string`, { action: op.action });
    // Guards against a service that answers the same token again and would otherwise be walked forever.
    if (asked.has(answered) || answered === next) {
      throw new InvalidResponseError(`the service answered the ${token.field} of an earlier page again`, { action: op.action });
    }
    asked.add(answered);
    next = answered;
  }
}

/**
 * The items of every page, in order, each identity once. Offset paging under concurrent writes
 * shifts items between pages: a delete before the cursor skips one, a create before it serves one
 * again on the next page. The repeat is dropped here by the item's key (from the spec); the skip
 * cannot be seen from the client and stays possible.
 */
export async function* walkItems<Item>(
  op: OperationMeta,
  request: object | undefined,
  fetchPage: PageFetcher,
  maxPages: number,
): AsyncGenerator<Item, void, undefined> {
  const keyOf = keyReader(op.pagination?.itemKey);
  const seen = new Set<string>();
  for await (const page of walkPages(op, request, fetchPage, maxPages)) {
    for (const item of itemsOf(page, op)) {
      const key = keyOf(item);
      if (key !== undefined) {
        if (seen.has(key)) continue;
        seen.add(key);
      }
      yield item as Item;
    }
  }
}

/**
 * An item's identity as one string, or undefined when it has none to compare (no key declared, not
 * an object, or a key field missing): such items are always yielded.
 */
function keyReader(fields: readonly string[] | undefined): (item: unknown) => string | undefined {
  if (fields === undefined || fields.length === 0) return () => undefined;
  return (item) => {
    if (item === null || typeof item !== 'object') return undefined;
    const values: unknown[] = [];
    for (const field of fields) {
      const value = (item as Record<string, unknown>)[field];
      if (typeof value !== 'string' && typeof value !== 'number') return undefined;
      values.push(value);
    }
    // JSON keeps "1" and 1, and the boundaries between fields, apart.
    return JSON.stringify(values);
  };
}

function isLast(page: Page, count: number, seen: number, pageSize: number | undefined, firstPageNo: number): boolean {
  if (count === 0) return true;
  if (pageSize !== undefined && count < pageSize) return true;
  const total = nonNegativeInteger(page.TotalCount);
  if (total === undefined) return false;
  // Starting past page 1 skips (firstPageNo - 1) full pages.
  const skipped = pageSize === undefined ? 0 : (firstPageNo - 1) * pageSize;
  return skipped + seen >= total;
}

/** The page's items; a missing field is an empty page (the service omits empty lists). */
function itemsOf(page: Page, op: OperationMeta): unknown[] {
  const { itemsField, itemsInnerField } = op.pagination!;
  let items = page[itemsField];
  let name = itemsField;
  if (itemsInnerField !== undefined && items !== undefined && items !== null) {
    if (typeof items !== 'object' || Array.isArray(items)) throw new InvalidResponseError(`the response's ${itemsField} is not an object`, { action: op.action });
    items = (items as Record<string, unknown>)[itemsInnerField];
    name = `${itemsField}.${itemsInnerField}`;
  }
  if (items === undefined || items === null) return [];
  if (!Array.isArray(items)) {
    throw new InvalidResponseError(`the response's ${name} is not an array`, { action: op.action });
  }
  return items;
}

// Paging fields come as numbers or numeric strings.
function nonNegativeInteger(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

function positiveInteger(value: unknown): number | undefined {
  const n = nonNegativeInteger(value);
  return n === undefined || n === 0 ? undefined : n;
}
