// The page walk of operations that page by token (ListTagResources): each answer's NextToken asks
// for the next page, an answer without one is the last, the items may sit in a wrapper object, and
// a service that answers a token again is an error rather than an endless loop. Against a loopback
// HTTP server that pages a list of resource-tag pairs by an opaque token.
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidResponseError, type OperationMeta } from '../../src/runtime/index.js';
import { clientFor, type TestClient } from './support/client.js';
import { json, startServer, type TestServer } from './support/server.js';

const ListTagResources: OperationMeta = {
  action: 'ListTagResources',
  readOnly: true,
  params: [
    { name: 'ResourceType', kind: 'string', required: true },
    { name: 'NextToken', kind: 'string', required: false },
  ],
  pagination: { itemsField: 'TagResources', itemsInnerField: 'TagResource', token: { parameter: 'NextToken', field: 'NextToken' } },
};

interface Listing {
  readonly items: number;
  readonly pageSize: number;
  /** How the last page says it is last: no NextToken field, or an empty one (default). */
  readonly lastToken?: 'absent' | 'empty';
  /** Answer this token on every page (a broken service). */
  readonly stuckToken?: string;
  /** Answer the items without the wrapper object. */
  readonly unwrapped?: boolean;
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Tokens are opaque: the offset, base64-encoded, so that a client cannot guess them. */
const tokenOf = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64');
const offsetOf = (token: string) => Number(Buffer.from(token, 'base64').toString().slice('offset:'.length));

async function listing(spec: Listing): Promise<[TestClient, TestServer]> {
  const server = await startServer((received, res) => {
    const from = received.params.NextToken === undefined ? 0 : offsetOf(received.params.NextToken);
    const to = Math.min(spec.items, from + spec.pageSize);
    const pairs = Array.from({ length: to - from }, (_, i) => ({ ResourceId: `cri-${from + i}`, TagKey: 'team', TagValue: 'a' }));
    const body: Record<string, unknown> = { RequestId: `r-${from}`, TagResources: spec.unwrapped ? pairs : { TagResource: pairs } };
    if (spec.stuckToken !== undefined) body.NextToken = spec.stuckToken;
    else if (to < spec.items) body.NextToken = tokenOf(to);
    else if (spec.lastToken !== 'absent') body.NextToken = '';
    json(res, 200, body);
  });
  const client = clientFor(server.url);
  cleanup.push(() => server.close(), () => client.close());
  return [client, server];
}

async function collect(iterable: AsyncIterable<unknown>): Promise<string[]> {
  const out: string[] = [];
  for await (const item of iterable) out.push((item as { ResourceId: string }).ResourceId);
  return out;
}

const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `cri-${from + i}`);
const tokensSent = (server: TestServer) => server.received.map((r) => r.params.NextToken);

describe('walks by token', () => {
  it.each([
    ['several pages, the last with an empty token', { items: 7, pageSize: 3 }, ids(0, 7), [undefined, tokenOf(3), tokenOf(6)]],
    ['the last page without a token field', { items: 7, pageSize: 3, lastToken: 'absent' }, ids(0, 7), [undefined, tokenOf(3), tokenOf(6)]],
    ['one page', { items: 2, pageSize: 3 }, ids(0, 2), [undefined]],
    ['nothing at all', { items: 0, pageSize: 3 }, [], [undefined]],
  ] as const)('%s', async (_name, spec, want, sent) => {
    const [client, server] = await listing(spec);
    expect(await collect(client.paginate(ListTagResources, { ResourceType: 'INSTANCE' }))).toEqual(want);
    expect(tokensSent(server)).toEqual(sent);
  });

  it('starts at the token given', async () => {
    const [client, server] = await listing({ items: 7, pageSize: 3 });
    expect(await collect(client.paginate(ListTagResources, { ResourceType: 'INSTANCE', NextToken: tokenOf(3) }))).toEqual(ids(3, 7));
    expect(tokensSent(server)).toEqual([tokenOf(3), tokenOf(6)]);
  });

  it('yields every page as answered through paginatePages', async () => {
    const [client] = await listing({ items: 5, pageSize: 2 });
    const pages: unknown[] = [];
    for await (const page of client.paginatePages(ListTagResources, { ResourceType: 'INSTANCE' })) pages.push((page as { NextToken?: string }).NextToken);
    expect(pages).toEqual([tokenOf(2), tokenOf(4), '']);
  });
});

describe('guards', () => {
  it('a token answered again is an InvalidResponseError, not an endless loop', async () => {
    const [client, server] = await listing({ items: 100, pageSize: 3, stuckToken: tokenOf(3) });
    await expect(collect(client.paginate(ListTagResources, { ResourceType: 'INSTANCE' }))).rejects.toThrow(
      new InvalidResponseError('the service answered the NextToken of an earlier page again', { action: 'ListTagResources' }),
    );
    expect(server.received).toHaveLength(2);
  });

  it('maxPages bounds a listing', async () => {
    const [client, server] = await listing({ items: 100, pageSize: 1 });
    await expect(collect(client.paginate(ListTagResources, { ResourceType: 'INSTANCE' }, { maxPages: 4 }))).rejects.toThrow('ListTagResources: stopped after 4 pages (maxPages)');
    expect(server.received).toHaveLength(4);
  });

  it('items outside their wrapper object are an InvalidResponseError naming the field', async () => {
    const [client] = await listing({ items: 3, pageSize: 3, unwrapped: true });
    await expect(collect(client.paginate(ListTagResources, { ResourceType: 'INSTANCE' }))).rejects.toThrow("the response's TagResources is not an object");
  });
});
