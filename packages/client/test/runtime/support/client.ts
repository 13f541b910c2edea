// A hand-written stand-in for the generated AcrClient: the runtime is tested on its own, with small
// OperationMeta objects written here rather than the generated table.
import { RpcClient, type ApiDescription, type CallOptions, type ClientConfig, type OperationMeta, type PaginateOptions } from '../../../src/runtime/index.js';
import { api } from '@acr-ee/api';

export const ACCESS_KEY_ID = 'LTAItestkeyid';
/** Distinctive, so a leak is easy to find in any output. */
export const SECRET = 'sEcReT-must-never-leak-7f3a9c';
export const TOKEN = 'sts-token-must-never-leak-91b2';

/** What the generated client passes from the spec: its version, endpoint and common parameters. */
export const TEST_API: ApiDescription = api;

export class TestClient extends RpcClient {
  constructor(config: ClientConfig) {
    super(config, TEST_API);
  }

  override call<Res = Record<string, unknown>>(op: OperationMeta, request?: object, options?: CallOptions): Promise<Res> {
    return super.call<Res>(op, request, options);
  }

  override paginate<Item = unknown>(op: OperationMeta, request?: object, options?: PaginateOptions): AsyncGenerator<Item, void, undefined> {
    return super.paginate<Item>(op, request, options);
  }

  override paginatePages<P = Record<string, unknown>>(op: OperationMeta, request?: object, options?: PaginateOptions): AsyncGenerator<P, void, undefined> {
    return super.paginatePages<P>(op, request, options);
  }
}

/** A client of `url` with test keys, retry waits shortened, and anything else overridden. */
export function clientFor(url: string, config: Partial<ClientConfig> = {}): TestClient {
  return new TestClient({
    regionId: 'cn-hangzhou',
    endpoint: url,
    accessKeyId: ACCESS_KEY_ID,
    accessKeySecret: SECRET,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...config,
  });
}

export const GetInstance: OperationMeta = {
  action: 'GetInstance',
  readOnly: true,
  params: [
    { name: 'InstanceId', kind: 'string', required: true },
    { name: 'RegionId', kind: 'string', required: false, serverVariable: 'regionId' },
  ],
};

export const CreateNamespace: OperationMeta = {
  action: 'CreateNamespace',
  readOnly: false,
  params: [
    { name: 'InstanceId', kind: 'string', required: true },
    { name: 'NamespaceName', kind: 'string', required: true, minLength: 2, maxLength: 30, pattern: '^[a-z0-9][a-z0-9._-]*$' },
    { name: 'AutoCreateRepo', kind: 'boolean', required: false },
    { name: 'DefaultRepoType', kind: 'string', required: false, enum: ['PUBLIC', 'PRIVATE'] },
  ],
};

export const ListRepository: OperationMeta = {
  action: 'ListRepository',
  readOnly: true,
  params: [
    { name: 'InstanceId', kind: 'string', required: true },
    { name: 'PageNo', kind: 'integer', required: false, minimum: 1 },
    { name: 'PageSize', kind: 'integer', required: false, minimum: 1, maximum: 100 },
  ],
  pagination: { itemsField: 'Repositories' },
};
