// Chapter 16, chart namespaces: the image namespaces' counterpart for Helm charts, with the same
// defaults (NORMAL, AutoCreateRepo on, DefaultRepoType PRIVATE) and the same cascade: deleting one
// deletes its chart repositories and their chart versions (§16.3). Listed by name; NamespaceName
// matches as a substring, NamespaceStatus exactly. CreateChartNamespace keeps to the instance's
// chart namespace quota (GetInstanceUsage).
import type { Handlers, RequestContext, Result } from './context.js';
import { alreadyExists, quotaExceeded } from './common/errors.js';
import { chartQuotas, usageOf } from './instances.js';
import { newId, PREFIX } from './common/ids.js';
import { requireChartNamespace, requireInstance, type HasStore, type InstanceRequest } from './common/lookup.js';
import { resourceGroupOf } from './resource-tags.js';
import { checkName } from './common/names.js';
import { listNamespaces } from './common/listing.js';
import { COLLECTIONS, key, prefix, type RepoType, type StateContext } from './common/collections.js';
import { deleteChartRepositoryCascade, type ChartRepositoryRecord } from './chart-repositories.js';
import type { NamespaceRecord } from './namespaces.js';

/** A chart namespace holds what an image namespace holds, without its times. */
export type ChartNamespaceRecord = Omit<NamespaceRecord, 'createTime' | 'modifiedTime'>;

function view(context: HasStore, ns: ChartNamespaceRecord): Result<'GetChartNamespace'> {
  const { NamespaceName, NamespaceStatus, AutoCreateRepo, DefaultRepoType, InstanceId, NamespaceId } = ns;
  return { NamespaceName, NamespaceStatus, AutoCreateRepo, DefaultRepoType, InstanceId, NamespaceId, ...resourceGroupOf(context, InstanceId) };
}

export interface NewChartNamespace {
  readonly instanceId: string;
  readonly name: string;
  readonly autoCreateRepo?: boolean;
  readonly defaultRepoType?: RepoType;
}

export function createChartNamespace(context: StateContext, spec: NewChartNamespace): ChartNamespaceRecord {
  const nsKey = key(spec.instanceId, spec.name);
  if (context.store.get(COLLECTIONS.chartNamespaces, nsKey)) throw alreadyExists('CHART_NAMESPACE', `chart namespace ${spec.name}`);
  const record: ChartNamespaceRecord = {
    InstanceId: spec.instanceId,
    NamespaceId: newId(context.store, PREFIX.chartNamespace).id,
    NamespaceName: spec.name,
    NamespaceStatus: 'NORMAL',
    AutoCreateRepo: spec.autoCreateRepo ?? true,
    DefaultRepoType: spec.defaultRepoType ?? 'PRIVATE',
  };
  context.store.put(COLLECTIONS.chartNamespaces, nsKey, record);
  return record;
}

function namespaceOf(context: InstanceRequest & RequestContext<{ readonly NamespaceName: string }>): ChartNamespaceRecord {
  return requireChartNamespace(context, requireInstance(context).InstanceId, context.params.NamespaceName);
}

export const chartNamespaceHandlers = {
  CreateChartNamespace(context): Result<'CreateChartNamespace'> {
    const instance = requireInstance(context);
    const quota = chartQuotas(instance).namespaces;
    if (usageOf(context, instance.InstanceId).chartNamespaces >= quota) throw quotaExceeded('CHART_NAMESPACE', 'chart namespaces', quota);
    createChartNamespace(context, {
      instanceId: instance.InstanceId,
      name: checkName('NamespaceName', context.params.NamespaceName),
      autoCreateRepo: context.params.AutoCreateRepo,
      defaultRepoType: context.params.DefaultRepoType,
    });
    return {};
  },

  UpdateChartNamespace(context): Result<'UpdateChartNamespace'> {
    const ns = namespaceOf(context);
    ns.AutoCreateRepo = context.params.AutoCreateRepo ?? ns.AutoCreateRepo;
    ns.DefaultRepoType = context.params.DefaultRepoType ?? ns.DefaultRepoType;
    context.store.put(COLLECTIONS.chartNamespaces, key(ns.InstanceId, ns.NamespaceName), ns);
    return {};
  },

  DeleteChartNamespace(context): Result<'DeleteChartNamespace'> {
    const ns = namespaceOf(context);
    for (const repo of context.store.list<ChartRepositoryRecord>(COLLECTIONS.chartRepositories, prefix(ns.InstanceId, ns.NamespaceName))) {
      deleteChartRepositoryCascade(context, repo);
    }
    context.store.delete(COLLECTIONS.chartNamespaces, key(ns.InstanceId, ns.NamespaceName));
    return {};
  },

  GetChartNamespace(context): Result<'GetChartNamespace'> {
    return view(context, namespaceOf(context));
  },

  ListChartNamespace(context): Result<'ListChartNamespace'> {
    const { paging, items } = listNamespaces<ChartNamespaceRecord>(context, COLLECTIONS.chartNamespaces);
    return { ...paging, Namespaces: items.map((ns) => view(context, ns)) };
  },
} satisfies Partial<Handlers>;
