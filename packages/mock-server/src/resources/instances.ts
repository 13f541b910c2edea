// Chapter 7, instance management. Instances are not created through the API: the seed lists them
// (seed.ts). Usage is counted from the state: the namespaces and repositories of the instance.
import type { Handlers, RequestContext } from './context.js';
import { pageResponse, sortBy } from './common/paging.js';
import { filter, optStr } from './common/params.js';
import { requireInstance } from './common/lookup.js';
import { C, prefix, type InstanceRecord } from './common/records.js';
import { REGIONS } from './regions.js';

function instanceView(instance: InstanceRecord): Record<string, unknown> {
  return {
    InstanceId: instance.InstanceId,
    InstanceName: instance.InstanceName,
    InstanceSpecification: instance.InstanceSpecification,
    InstanceStatus: instance.InstanceStatus,
    CreateTime: instance.CreateTime,
    ModifiedTime: instance.ModifiedTime,
  };
}

/** The number of namespaces and repositories of an instance. */
export function usageOf(context: RequestContext, instanceId: string): { namespaces: number; repos: number } {
  return {
    namespaces: context.store.list(C.namespaces, prefix(instanceId)).length,
    repos: context.store.list(C.repositories, prefix(instanceId)).length,
  };
}

export const instanceHandlers: Pick<Handlers, 'GetInstance' | 'GetInstanceUsage' | 'ListInstanceRegion' | 'ListInstance'> = {
  GetInstance(context) {
    return instanceView(requireInstance(context, { anyStatus: true }));
  },

  GetInstanceUsage(context) {
    const instance = requireInstance(context, { anyStatus: true });
    const usage = usageOf(context, instance.InstanceId);
    return {
      NamespaceQuota: instance.namespaceQuota,
      NamespaceUsage: usage.namespaces,
      RepoQuota: instance.repoQuota,
      RepoUsage: usage.repos,
    };
  },

  ListInstanceRegion(context) {
    const chinese = optStr(context, 'Lang')?.toLowerCase().startsWith('zh') ?? false;
    return { Regions: REGIONS.map((r) => ({ RegionId: r.RegionId, LocalName: chinese ? r.zh : r.en })) };
  },

  // The instances of the request's region, by InstanceId; InstanceName matches as a substring,
  // InstanceStatus exactly.
  ListInstance(context) {
    const regionId = optStr(context, 'RegionId');
    const name = filter(context, 'InstanceName');
    const status = filter(context, 'InstanceStatus');
    const all = context.store
      .list<InstanceRecord>(C.instances)
      .filter((i) => regionId === undefined || i.RegionId === regionId)
      .filter((i) => name === undefined || i.InstanceName.includes(name))
      .filter((i) => status === undefined || i.InstanceStatus === status);
    return pageResponse(context, sortBy(all, (i) => [i.InstanceId]), 'Instances', (i) => ({ ...instanceView(i), RegionId: i.RegionId }));
  },
};
