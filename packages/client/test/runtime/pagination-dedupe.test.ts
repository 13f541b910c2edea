// Issue 11, paging under concurrent writes: offset paging serves an item twice when one is created
// before the cursor between two pages. The `...All` iterators yield each identity once, by the key
// the spec declares (`x-acr-item-key`), and cannot see an item skipped by a delete.
import { afterEach, describe, expect, it } from 'vitest';
import { AcrClient } from '../../src/generated/index.js';
import type { OperationMeta } from '../../src/runtime/index.js';
import { clientFor, ListRepository } from './support/client.js';
import { json, startServer } from './support/server.js';

type Item = Record<string, unknown>;

/** A listing served by offset, newest first, with `between` run after each page is answered. */
async function liveListing(initial: Item[], field: string, between: (items: Item[], page: number) => void) {
  const items = [...initial];
  let page = 0;
  const server = await startServer((received, res) => {
    const pageNo = Number(received.params.PageNo ?? 1);
    const pageSize = Number(received.params.PageSize ?? 10);
    const slice = items.slice((pageNo - 1) * pageSize, pageNo * pageSize);
    json(res, 200, { RequestId: `r${pageNo}`, PageNo: pageNo, PageSize: pageSize, TotalCount: items.length, [field]: slice });
    between(items, ++page);
  });
  cleanup.push(() => server.close());
  return server;
}

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const repos = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ RepoId: `crr-${n - i}`, RepoName: `repo-${n - i}` }));
const byRepoId: OperationMeta = { ...ListRepository, pagination: { itemsField: 'Repositories', itemKey: ['RepoId'] } };

describe('...All under concurrent writes', () => {
  it('a create before the cursor between pages: the shifted item is yielded once', async () => {
    // After page 1 (crr-6, crr-5), a new repository goes to the front, so page 2 starts with crr-5
    // again; the new one, before the cursor, is not seen (as on the real service).
    const server = await liveListing(repos(6), 'Repositories', (items, page) => {
      if (page === 1) items.unshift({ RepoId: 'crr-new', RepoName: 'new' });
    });
    const client = clientFor(server.url);
    const ids = [];
    for await (const item of client.paginate<Item>(byRepoId, { InstanceId: 'i', PageSize: 2 })) ids.push(item.RepoId);
    expect(ids).toEqual(['crr-6', 'crr-5', 'crr-4', 'crr-3', 'crr-2', 'crr-1']);
  });

  it('without a key, the same listing yields the repeat (what the key removes)', async () => {
    const server = await liveListing(repos(6), 'Repositories', (items, page) => {
      if (page === 1) items.unshift({ RepoId: 'crr-new', RepoName: 'new' });
    });
    const ids = [];
    for await (const item of clientFor(server.url).paginate<Item>(ListRepository, { InstanceId: 'i', PageSize: 2 })) ids.push(item.RepoId);
    expect(ids.slice(0, 3)).toEqual(['crr-6', 'crr-5', 'crr-5']);
  });

  it('a delete before the cursor between pages still skips an item (documented, not hidden)', async () => {
    const server = await liveListing(repos(6), 'Repositories', (items, page) => {
      if (page === 1) items.shift();
    });
    const ids = [];
    for await (const item of clientFor(server.url).paginate<Item>(byRepoId, { InstanceId: 'i', PageSize: 2 })) ids.push(item.RepoId);
    expect(ids).toEqual(['crr-6', 'crr-5', 'crr-3', 'crr-2', 'crr-1']);
  });

  it('a composite key compares every field, and items without the key are always yielded', async () => {
    const releases: Item[] = [
      { Chart: 'a', Release: '1.0' },
      { Chart: 'b', Release: '1.0' },
      { Chart: 'a', Release: '1.0' },
      { Chart: 'a', Release: 1 },
      { Chart: 'a' },
      { Chart: 'a' },
    ];
    const server = await liveListing(releases, 'ChartReleases', () => undefined);
    const op: OperationMeta = { ...ListRepository, action: 'ListChartRelease', pagination: { itemsField: 'ChartReleases', itemKey: ['Chart', 'Release'] } };
    const seen = [];
    for await (const item of clientFor(server.url).paginate<Item>(op, { InstanceId: 'i', PageSize: 2 })) seen.push(item);
    expect(seen).toEqual([releases[0], releases[1], releases[3], releases[4], releases[5]]);
  });

  it('the generated client carries each key from the spec (listRepositoryAll by RepoId)', async () => {
    const server = await liveListing(repos(5), 'Repositories', (items, page) => {
      if (page === 1) items.unshift({ RepoId: 'crr-new', RepoName: 'new' });
    });
    const client = new AcrClient({ regionId: 'cn-hangzhou', endpoint: server.url, accessKeyId: 'id', accessKeySecret: 'secret' });
    cleanup.push(() => client.close());
    const ids = [];
    for await (const item of client.listRepositoryAll({ InstanceId: 'cri-1', PageSize: 2 })) ids.push(item.RepoId);
    expect(ids).toEqual(['crr-5', 'crr-4', 'crr-3', 'crr-2', 'crr-1']);
  });
});
