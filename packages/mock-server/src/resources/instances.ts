// Chapter 7, instance management. Instances are not created through the API: the seed lists them
// (seed.ts). Usage is counted from the state: the namespaces and repositories of the instance;
// GetInstanceCount counts the instances of the request's region.
import type { InstanceStatus } from '../generated/index.js';
import type { Handlers, ItemOf, Result } from './context.js';
import { page, sortBy } from './common/paging.js';
import { nonEmpty } from './common/params.js';
import { requireInstance, type HasStore } from './common/lookup.js';
import { COLLECTIONS, prefix } from './common/collections.js';
import { REGIONS } from './regions.js';
import type { ResourceGroupRecord } from './resource-tags.js';

export interface InstanceRecord {
  InstanceId: string;
  InstanceName: string;
  InstanceSpecification: string;
  InstanceStatus: InstanceStatus;
  RegionId: string;
  CreateTime: number;
  ModifiedTime: number;
  namespaceQuota: number;
  repoQuota: number;
}

function instanceView(instance: InstanceRecord): Result<'GetInstance'> {
  return {
    InstanceId: instance.InstanceId,
    InstanceName: instance.InstanceName,
    InstanceSpecification: instance.InstanceSpecification,
    InstanceStatus: instance.InstanceStatus,
    CreateTime: instance.CreateTime,
    ModifiedTime: instance.ModifiedTime,
  };
}

function instanceItem(instance: InstanceRecord): ItemOf<'ListInstance', 'Instances'> {
  return { ...instanceView(instance), RegionId: instance.RegionId };
}

/** The number of namespaces and repositories of an instance. */
export function usageOf(context: HasStore, instanceId: string): { namespaces: number; repos: number } {
  return {
    namespaces: context.store.list(COLLECTIONS.namespaces, prefix(instanceId)).length,
    repos: context.store.list(COLLECTIONS.repositories, prefix(instanceId)).length,
  };
}

export const instanceHandlers: Pick<Handlers, 'GetInstance' | 'GetInstanceUsage' | 'ListInstanceRegion' | 'ListInstance' | 'GetInstanceCount'> = {
  GetInstance(context): Result<'GetInstance'> {
    return instanceView(requireInstance(context, { anyStatus: true }));
  },

  GetInstanceUsage(context): Result<'GetInstanceUsage'> {
    const instance = requireInstance(context, { anyStatus: true });
    const usage = usageOf(context, instance.InstanceId);
    return {
      NamespaceQuota: instance.namespaceQuota,
      NamespaceUsage: usage.namespaces,
      RepoQuota: instance.repoQuota,
      RepoUsage: usage.repos,
    };
  },

  ListInstanceRegion(context): Result<'ListInstanceRegion'> {
    const chinese = context.params.Lang?.toLowerCase().startsWith('zh') ?? false;
    return { Regions: REGIONS.map((r): ItemOf<'ListInstanceRegion', 'Regions'> => ({ RegionId: r.RegionId, LocalName: chinese ? r.zh : r.en })) };
  },

  // The instances of the request's region, by InstanceId; InstanceName matches as a substring,
  // InstanceStatus exactly.
  ListInstance(context): Result<'ListInstance'> {
    const regionId = context.params.RegionId;
    const name = nonEmpty(context.params.InstanceName);
    const status = nonEmpty(context.params.InstanceStatus);
    const group = nonEmpty(context.params.ResourceGroupId);
    // The mock knows no account's default group: an instance is in the group ChangeResourceGroup last put it in.
    const inGroup = (i: InstanceRecord) => context.store.get<ResourceGroupRecord>(COLLECTIONS.resourceGroups, i.InstanceId)?.ResourceGroupId === group;
    const all = context.store
      .list<InstanceRecord>(COLLECTIONS.instances)
      .filter((i) => i.RegionId === regionId)
      .filter((i) => name === undefined || i.InstanceName.includes(name))
      .filter((i) => status === undefined || i.InstanceStatus === status)
      .filter((i) => group === undefined || inGroup(i));
    const { paging, items } = page(context, sortBy(all, (i) => [i.InstanceId]));
    return { ...paging, Instances: items.map(instanceItem) };
  },

  // Like ListInstance, the instances of the request's region (the endpoint is regional), of any status.
  GetInstanceCount(context): Result<'GetInstanceCount'> {
    const regionId = context.params.RegionId;
    return { Count: context.store.list<InstanceRecord>(COLLECTIONS.instances).filter((i) => i.RegionId === regionId).length };
  },
};
