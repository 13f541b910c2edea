// The shape the generator relies on: a subclass with one-line methods that infer their result
// types from the declared return types. This file is mostly a type check (tsc runs over tests).
import { describe, expect, expectTypeOf, it } from 'vitest';
import { RpcClient, type CallOptions, type OperationMeta, type PaginateOptions } from '../../src/runtime/index.js';
import { json, startServer } from './support/server.js';

interface ListRepositoryRequest {
  InstanceId: string;
  PageNo?: number;
  PageSize?: number;
}
interface ListRepositoryItem {
  RepoName: string;
}
interface ListRepositoryResponse {
  RequestId: string;
  Repositories?: ListRepositoryItem[];
}

const operations = {
  ListRepository: {
    action: 'ListRepository',
    readOnly: true,
    params: [
      { name: 'InstanceId', kind: 'string', required: true },
      { name: 'PageNo', kind: 'integer', required: false },
      { name: 'PageSize', kind: 'integer', required: false },
    ],
    pagination: { itemsField: 'Repositories' },
  },
} as const satisfies Record<string, OperationMeta>;

// What the generator emits, in miniature.
class GeneratedLikeClient extends RpcClient {
  listRepository(request: ListRepositoryRequest, options?: CallOptions): Promise<ListRepositoryResponse> {
    return this.call(operations.ListRepository, request, options);
  }

  listRepositoryAll(request: Omit<ListRepositoryRequest, 'PageNo'>, options?: PaginateOptions): AsyncGenerator<ListRepositoryItem, void, undefined> {
    return this.paginate(operations.ListRepository, request, options);
  }
}

describe('the generated-client contract', () => {
  it('typed methods work end to end', async () => {
    const server = await startServer((received, res) =>
      json(res, 200, { RequestId: 'r', TotalCount: 3, Repositories: received.params.PageNo === '1' ? [{ RepoName: 'a' }, { RepoName: 'b' }] : [{ RepoName: 'c' }] }),
    );
    const client = new GeneratedLikeClient({ regionId: 'cn-hangzhou', endpoint: server.url, accessKeyId: 'id', accessKeySecret: 'secret' });
    try {
      const page = await client.listRepository({ InstanceId: 'i', PageNo: 1, PageSize: 2 });
      expectTypeOf(page).toEqualTypeOf<ListRepositoryResponse>();
      expect(page.Repositories).toHaveLength(2);
      const names: string[] = [];
      for await (const repo of client.listRepositoryAll({ InstanceId: 'i', PageSize: 2 })) {
        expectTypeOf(repo).toEqualTypeOf<ListRepositoryItem>();
        names.push(repo.RepoName);
      }
      expect(names).toEqual(['a', 'b', 'c']);
      expect(client.regionId).toBe('cn-hangzhou');
    } finally {
      client.close();
      await server.close();
    }
  });
});
