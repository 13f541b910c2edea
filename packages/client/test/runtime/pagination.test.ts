import { afterEach, describe, expect, it } from 'vitest';
import { AcrError, InvalidResponseError, ValidationError } from '../../src/runtime/index.js';
import { clientFor, GetInstance, ListRepository, type TestClient } from './support/client.js';
import { json, startServer, type TestServer } from './support/server.js';

interface Listing {
  /** How many items exist. Infinity for a list that never ends. */
  items: number;
  /** The page size when the request has none. */
  defaultPageSize?: number;
  /** What TotalCount says: the truth as a number (default), as a string, absent, or a given value. */
  totalCount?: 'number' | 'string' | 'absent' | unknown;
  /** Echo PageSize in the response (default true). */
  echoPageSize?: boolean;
  /** Leave out the items field on an empty page. */
  omitEmpty?: boolean;
  /** Always answer page 1. */
  ignorePageNo?: boolean;
  /** Fail the n-th request (1-based) with a 503. */
  failRequest?: number;
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function listing(spec: Listing): Promise<[TestClient, TestServer]> {
  let requests = 0;
  const server = await startServer((received, res) => {
    requests++;
    if (requests === spec.failRequest) return json(res, 503, { Code: 'ServiceUnavailable', RequestId: 'r' });
    const pageNo = spec.ignorePageNo ? 1 : Number(received.params.PageNo ?? 1);
    const pageSize = Number(received.params.PageSize ?? spec.defaultPageSize ?? 10);
    const from = (pageNo - 1) * pageSize;
    const to = Math.min(spec.items, from + pageSize);
    const names = Array.from({ length: Math.max(0, to - from) }, (_, i) => ({ RepoName: `repo-${from + i}` }));
    const body: Record<string, unknown> = { RequestId: `r${requests}`, PageNo: pageNo };
    if (spec.echoPageSize !== false) body.PageSize = pageSize;
    const total = spec.totalCount ?? 'number';
    if (total === 'number') body.TotalCount = spec.items;
    else if (total === 'string') body.TotalCount = String(spec.items);
    else if (total !== 'absent') body.TotalCount = total;
    if (!(spec.omitEmpty && names.length === 0)) body.Repositories = names;
    json(res, 200, body);
  });
  const client = clientFor(server.url);
  cleanup.push(() => server.close(), () => client.close());
  return [client, server];
}

async function collect(iterable: AsyncIterable<unknown>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push((item as { RepoName: string }).RepoName);
  return out;
}

const names = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `repo-${from + i}`);
const pagesAsked = (server: TestServer) => server.received.map((r) => Number(r.params.PageNo));

describe('stops at the end', () => {
  it.each([
    // [case, listing, request, items wanted, pages asked]
    ['exact multiple, by TotalCount', { items: 20 }, { PageSize: 10 }, names(0, 20), [1, 2]],
    ['last page short', { items: 25 }, { PageSize: 10 }, names(0, 25), [1, 2, 3]],
    ['empty page, no TotalCount', { items: 20, totalCount: 'absent' }, { PageSize: 10 }, names(0, 20), [1, 2, 3]],
    ['short page, no TotalCount, size unknown', { items: 25, totalCount: 'absent', echoPageSize: false, defaultPageSize: 10 }, {}, names(0, 25), [1, 2, 3]],
    ['TotalCount as a string', { items: 20, totalCount: 'string' }, { PageSize: 10 }, names(0, 20), [1, 2]],
    ['TotalCount not numeric: ignored', { items: 20, totalCount: 'many' }, { PageSize: 10 }, names(0, 20), [1, 2, 3]],
    ['TotalCount lying high: the empty page ends it', { items: 20, totalCount: 1000 }, { PageSize: 10 }, names(0, 20), [1, 2, 3]],
    ['TotalCount lying low: trusted', { items: 20, totalCount: 5 }, { PageSize: 10 }, names(0, 10), [1]],
    ['items field missing: an empty page', { items: 0, omitEmpty: true, totalCount: 'absent' }, {}, [], [1]],
    ['nothing at all', { items: 0 }, {}, [], [1]],
    ['starting at PageNo 2', { items: 25 }, { PageSize: 10, PageNo: 2 }, names(10, 25), [2, 3]],
    ['the service default page size', { items: 7, defaultPageSize: 3 }, {}, names(0, 7), [1, 2, 3]],
  ])('%s', async (_name, spec, request, want, asked) => {
    const [client, server] = await listing(spec as Listing);
    expect(await collect(client.paginate(ListRepository, { InstanceId: 'i', ...request }))).toEqual(want);
    expect(pagesAsked(server)).toEqual(asked);
  });
});

describe('guards', () => {
  it('a service that ignores PageNo is an error, not an endless loop', async () => {
    const [client, server] = await listing({ items: 100, totalCount: 'absent', ignorePageNo: true });
    await expect(collect(client.paginate(ListRepository, { InstanceId: 'i', PageSize: 10 }))).rejects.toThrow(InvalidResponseError);
    expect(server.received).toHaveLength(2);
  });

  it('maxPages bounds a list that never ends', async () => {
    const [client, server] = await listing({ items: Infinity, totalCount: 'absent' });
    const seen: string[] = [];
    const error = await (async () => {
      for await (const item of client.paginate<{ RepoName: string }>(ListRepository, { InstanceId: 'i', PageSize: 2 }, { maxPages: 5 })) {
        seen.push(item.RepoName);
      }
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AcrError);
    expect((error as Error).message).toBe('ListRepository: stopped after 5 pages (maxPages)');
    expect(seen).toEqual(names(0, 10));
    expect(server.received).toHaveLength(5);
  });

  it('an items field that is not an array is an error', async () => {
    const server = await startServer((_r, res) => json(res, 200, { RequestId: 'r', Repositories: { RepoName: 'x' } }));
    const client = clientFor(server.url);
    cleanup.push(() => server.close(), () => client.close());
    await expect(collect(client.paginate(ListRepository, { InstanceId: 'i' }))).rejects.toThrow(/Repositories is not an array/);
  });

  it('an operation that does not page is an error', async () => {
    const client = clientFor('http://127.0.0.1:9');
    await expect(collect(client.paginate(GetInstance, { InstanceId: 'i' }))).rejects.toThrow(/does not page/);
  });

  it('validates the request on the first page', async () => {
    const [client, server] = await listing({ items: 5 });
    await expect(collect(client.paginate(ListRepository, { InstanceId: 'i', PageSize: 0 }))).rejects.toBeInstanceOf(ValidationError);
    await expect(collect(client.paginate(ListRepository, { InstanceId: 'i' }, { maxPages: 0 }))).rejects.toThrow(/maxPages/);
    expect(server.received).toHaveLength(0);
  });
});

describe('as a caller sees it', () => {
  it('fetches lazily: breaking out stops the requests', async () => {
    const [client, server] = await listing({ items: 100 });
    for await (const item of client.paginate<{ RepoName: string }>(ListRepository, { InstanceId: 'i', PageSize: 10 })) {
      if (item.RepoName === 'repo-12') break;
    }
    expect(pagesAsked(server)).toEqual([1, 2]);
  });

  it('retries a failed page like any read', async () => {
    const [client, server] = await listing({ items: 25, failRequest: 2 });
    expect(await collect(client.paginate(ListRepository, { InstanceId: 'i', PageSize: 10 }))).toEqual(names(0, 25));
    expect(pagesAsked(server)).toEqual([1, 2, 2, 3]);
  });

  it('paginatePages yields whole responses', async () => {
    const [client] = await listing({ items: 15 });
    const pages: { PageNo: number; Repositories: unknown[] }[] = [];
    for await (const page of client.paginatePages<{ PageNo: number; Repositories: unknown[] }>(ListRepository, { InstanceId: 'i', PageSize: 10 })) {
      pages.push(page);
    }
    expect(pages.map((p) => [p.PageNo, p.Repositories.length])).toEqual([
      [1, 10],
      [2, 5],
    ]);
  });
});
