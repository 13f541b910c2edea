// Chapter 7, instance management. Instances are not created through the API: the seed lists them
// (seed.ts). Usage is counted from the state: the namespaces and repositories of the instance, image
// and chart; GetInstanceCount counts the instances of the request's region. An instance answers
// the resource group ChangeResourceGroup put it in and the tags TagResources gave it (CURATION
// L-19); no instance of the mock has an InstanceIssue.
import type { InstanceStatus } from '../generated/index.js';
import type { Handlers, ItemOf, Result } from './context.js';
import { page, sortBy } from './common/paging.js';
import { nonEmpty } from './common/params.js';
import { requireInstance, type HasStore } from './common/lookup.js';
import { COLLECTIONS, prefix } from './common/collections.js';
import { REGIONS } from './regions.js';
import { resourceGroupOf, type ResourceTagsRecord } from './resource-tags.js';
import { QUOTAS } from './seed.js';

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
  /** Absent in records made before chart quotas: QUOTAS of the specification. */
  chartNamespaceQuota?: number;
  chartRepoQuota?: number;
}

/** The chart quotas of an instance. */
export function chartQuotas(instance: InstanceRecord): { namespaces: number; repos: number } {
  const quota = QUOTAS[instance.InstanceSpecification] ?? QUOTAS.Enterprise_Basic;
  return { namespaces: instance.chartNamespaceQuota ?? quota.chartNamespaces, repos: instance.chartRepoQuota ?? quota.chartRepos };
}

function instanceView(context: HasStore, instance: InstanceRecord): Result<'GetInstance'> {
  const tags = context.store.get<ResourceTagsRecord>(COLLECTIONS.resourceTags, instance.InstanceId)?.tags ?? [];
  return {
    InstanceId: instance.InstanceId,
    InstanceName: instance.InstanceName,
    InstanceSpecification: instance.InstanceSpecification,
    InstanceStatus: instance.InstanceStatus,
    CreateTime: instance.CreateTime,
    ModifiedTime: instance.ModifiedTime,
    ...resourceGroupOf(context, instance.InstanceId),
    Tags: tags.map((t) => ({ TagKey: t.Key, TagValue: t.Value })),
  };
}

function instanceItem(context: HasStore, instance: InstanceRecord): ItemOf<'ListInstance', 'Instances'> {
  return { ...instanceView(context, instance), RegionId: instance.RegionId };
}

/** The number of namespaces and repositories of an instance, image and chart. */
export function usageOf(context: HasStore, instanceId: string): { namespaces: number; repos: number; chartNamespaces: number; chartRepos: number } {
  return {
    namespaces: context.store.list(COLLECTIONS.namespaces, prefix(instanceId)).length,
    repos: context.store.list(COLLECTIONS.repositories, prefix(instanceId)).length,
    chartNamespaces: context.store.list(COLLECTIONS.chartNamespaces, prefix(instanceId)).length,
    chartRepos: context.store.list(COLLECTIONS.chartRepositories, prefix(instanceId)).length,
  };
}

export const instanceHandlers = {
  GetInstance(context): Result<'GetInstance'> {
    return instanceView(context, requireInstance(context, { anyStatus: true }));
  },

  GetInstanceUsage(context): Result<'GetInstanceUsage'> {
    const instance = requireInstance(context, { anyStatus: true });
    const usage = usageOf(context, instance.InstanceId);
    const charts = chartQuotas(instance);
    return {
      NamespaceQuota: instance.namespaceQuota,
      NamespaceUsage: usage.namespaces,
      RepoQuota: instance.repoQuota,
      RepoUsage: usage.repos,
      ChartNamespaceQuota: charts.namespaces,
      ChartNamespaceUsage: usage.chartNamespaces,
      ChartRepoQuota: charts.repos,
      ChartRepoUsage: usage.chartRepos,
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
    const inGroup = (i: InstanceRecord) => resourceGroupOf(context, i.InstanceId).ResourceGroupId === group;
    const all = context.store
      .list<InstanceRecord>(COLLECTIONS.instances)
      .filter((i) => i.RegionId === regionId)
      .filter((i) => name === undefined || i.InstanceName.includes(name))
      .filter((i) => status === undefined || i.InstanceStatus === status)
      .filter((i) => group === undefined || inGroup(i));
    const { paging, items } = page(context, sortBy(all, (i) => [i.InstanceId]));
    return { ...paging, Instances: items.map((i) => instanceItem(context, i)) };
  },

  // Like ListInstance, the instances of the request's region (the endpoint is regional), of any status.
  GetInstanceCount(context): Result<'GetInstanceCount'> {
    const regionId = context.params.RegionId;
    return { Count: context.store.list<InstanceRecord>(COLLECTIONS.instances).filter((i) => i.RegionId === regionId).length };
  },
} satisfies Partial<Handlers>;
