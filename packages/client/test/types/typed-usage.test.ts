// Compile-time contracts of the generated client, checked by `tsc` (the package's lint task) and
// run once as a test so a regression shows in both places. Each `@ts-expect-error` line must stay
// an error: if the types loosen, tsc reports the unused directive.
import { describe, expect, expectTypeOf, it } from 'vitest';
import { AcrClient, type GetInstanceResponse, type ListRepositoryItem, type RepoConfiguration, type Repository, type RepoTrigger, type TriggerRepoEvent } from '../../src/index.js';

const client = new AcrClient({ accessKeyId: 'id', accessKeySecret: 'secret', regionId: 'cn-hangzhou', endpoint: 'http://127.0.0.1:9' });

describe('generated types', () => {
  it('types requests by wire name and responses by the spec', () => {
    expectTypeOf(client.getInstance).parameter(0).toHaveProperty('InstanceId').toEqualTypeOf<string>();
    expectTypeOf(client.getInstance).returns.resolves.toEqualTypeOf<GetInstanceResponse>();
    // A value set the service answers is open: the known values, and any string it may add.
    expectTypeOf<GetInstanceResponse['InstanceStatus']>().toEqualTypeOf<
      'PENDING' | 'INIT_ERROR' | 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'DELETING' | 'DELETED' | (string & {}) | undefined
    >();
    expectTypeOf<RepoTrigger['RepoEvent']>().toEqualTypeOf<TriggerRepoEvent | (string & {}) | undefined>();
    expectTypeOf<'BUILD_STARTED'>().toExtend<NonNullable<RepoTrigger['RepoEvent']>>();
    expectTypeOf<ListRepositoryItem>().toEqualTypeOf<Repository>();
    expectTypeOf(client.listRepositoryAll).returns.toEqualTypeOf<AsyncGenerator<Repository, void, undefined>>();
    expect(typeof client.listRepositoryAll).toBe('function');
    // A json style object parameter is taken as a natural value, and answered in the same shape.
    expectTypeOf(client.createNamespace).parameter(0).toHaveProperty('DefaultRepoConfiguration').toEqualTypeOf<RepoConfiguration | undefined>();
    expectTypeOf(client.getNamespace).returns.resolves.toHaveProperty('DefaultRepoConfiguration').toEqualTypeOf<RepoConfiguration | undefined>();
  });

  it('rejects wrong requests at compile time', () => {
    const never = () => {
      // @ts-expect-error InstanceId is required
      void client.getInstance({});
      // @ts-expect-error RepoType is a closed set
      void client.createRepository({ InstanceId: 'i', RepoName: 'r', RepoNamespaceName: 'n', RepoType: 'SECRET', Summary: 's' });
      // @ts-expect-error a named value set stays closed where a request uses it
      const sent: TriggerRepoEvent = 'BUILD_STARTED';
      void sent;
      // @ts-expect-error DefaultRepoConfiguration needs TagImmutability beside RepoType
      void client.createNamespace({ InstanceId: 'i', NamespaceName: 'n', DefaultRepoConfiguration: { RepoType: 'PUBLIC' } });
      // @ts-expect-error PageNo is a number
      void client.listRepository({ InstanceId: 'i', PageNo: '1' });
      // RegionId is optional: the client fills it.
      void client.listRepository({ InstanceId: 'i' });
    };
    expect(typeof never).toBe('function');
  });
});
