import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTANCE_ID, isSeeded, seedState } from '../../src/resources/index.js';
import { MemoryStore } from '../../src/store/memory.js';
import { Harness, T0 } from './harness.js';

const I1 = DEFAULT_INSTANCE_ID;

describe('seedState', () => {
  it('seeds one RUNNING instance by default', () => {
    const h = new Harness();
    expect(h.call('ListInstance').Instances).toEqual([
      {
        InstanceId: 'cri-mock0000000001',
        InstanceName: 'mock-instance-1',
        InstanceSpecification: 'Enterprise_Basic',
        InstanceStatus: 'RUNNING',
        CreateTime: T0,
        ModifiedTime: T0,
        Tags: [],
        RegionId: 'cn-hangzhou',
      },
    ]);
    expect(h.call('GetInstanceUsage', { InstanceId: I1 })).toMatchObject({ NamespaceQuota: 100, NamespaceUsage: 0, RepoQuota: 1000, RepoUsage: 0 });
  });

  it('leaves a store that was seeded before as it is', () => {
    const store = new MemoryStore();
    expect(seedState(store, {}, T0)).toEqual({ seeded: true, instanceIds: [I1] });
    expect(isSeeded(store)).toBe(true);
    expect(seedState(store, { instances: [{ instanceId: 'cri-other0000000001' }] }, T0)).toEqual({ seeded: false, instanceIds: [I1] });
  });

  it('pushes image fixtures, auto-creating repositories where the namespace allows it', () => {
    const h = new Harness({
      instances: [
        {
          specification: 'Enterprise_Standard',
          namespaces: [
            { name: 'team', defaultRepoType: 'PUBLIC', repositories: [{ name: 'api', tags: [{ tag: 'v1' }, { tag: 'v2', createdAt: 5 }] }] },
            { name: 'locked', autoCreateRepo: false },
          ],
          images: [{ namespace: 'team', repository: 'web', tag: 'latest', layers: [{ size: 10 }] }],
        },
      ],
    });
    expect(h.call('GetInstanceUsage', { InstanceId: I1 })).toMatchObject({ NamespaceQuota: 500, NamespaceUsage: 2, RepoQuota: 3000, RepoUsage: 2 });
    const web = h.call('GetRepository', { InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'web' });
    expect(web).toMatchObject({ RepoType: 'PUBLIC', Summary: 'Automatically created repository' });
    const tags = h.call('ListRepoTag', { InstanceId: I1, RepoId: web.RepoId as string }).Images as Record<string, unknown>[];
    expect(tags).toHaveLength(1);
    expect(tags[0]).toMatchObject({ Tag: 'latest', ImageSize: 10 + 1_469 + 64, Status: 'NORMAL' });
    expect(tags[0].Digest).toMatch(/^[0-9a-f]{64}$/);
    expect(() => new Harness({ instances: [{ namespaces: [{ name: 'locked', autoCreateRepo: false }], images: [{ namespace: 'locked', repository: 'x', tag: 'v1' }] }] }))
      .toThrow(/does not exist/);
    expect(() => new Harness({ instances: [{ images: [{ namespace: 'none', repository: 'x', tag: 'v1' }] }] })).toThrow(/namespace none/);
    expect(() => new Harness({ instances: [{}, { instanceId: 'cri-mock0000000001' }] })).toThrow(/listed twice/);
  });

  it('generates the same IDs for the same seed and requests, and other IDs with another salt', () => {
    const ids = (salt?: string) => {
      const h = new Harness({ idSalt: salt, instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api' }] }] }] });
      const repo = h.call('GetRepository', { InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'api' }).RepoId as string;
      const ns = h.call('GetNamespace', { InstanceId: I1, NamespaceName: 'team' }).NamespaceId as string;
      return [repo, ns];
    };
    expect(ids()).toEqual(ids());
    expect(ids('other')).not.toEqual(ids());
    const [repo, ns] = ids();
    expect(repo).toMatch(/^crr-[0-9a-z]{16}$/);
    expect(ns).toMatch(/^crn-[0-9a-z]{16}$/);
  });

  it('refuses invalid fixtures', () => {
    expect(() => new Harness({ instances: [{ namespaces: [{ name: 'Bad Name' }] }] })).toThrow(
      expect.objectContaining({ code: 'InvalidParameter', message: expect.stringContaining('"namespaces.name"') }),
    );
    const tag = { tag: 'v1', digest: 'sha256:nothex' };
    expect(() => new Harness({ instances: [{ namespaces: [{ name: 'a', repositories: [{ name: 'b', tags: [tag] }] }] }] })).toThrow(/sha256/);
  });
});
