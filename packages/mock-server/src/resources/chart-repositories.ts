// Chapter 17, chart repositories, identified by namespace and name (CHART_NAMESPACE_NOT_EXIST,
// CHART_REPO_NOT_EXIST, CHART_REPO_ALREADY_EXIST). Deleting one deletes its chart versions.
// Listed by namespace, then name; RepoNamespaceName matches exactly, RepoName as a substring, and
// RepoStatus ALL (or none) returns every status. CreateChartRepository keeps to the instance's chart
// repository quota (GetInstanceUsage).
import type { ChartRepoStatus } from '../generated/index.js';
import type { Handlers, Result } from './context.js';
import { alreadyExists, quotaExceeded } from './common/errors.js';
import { chartQuotas, usageOf } from './instances.js';
import { newId, PREFIX } from './common/ids.js';
import { requireChartNamespace, requireChartRepo, requireInstance, type ChartRepoRequest, type HasStore, type InstanceRequest } from './common/lookup.js';
import { resourceGroupOf } from './resource-tags.js';
import { checkName } from './common/names.js';
import { listRepositories } from './common/listing.js';
import { COLLECTIONS, key, prefix, type RepoType, type StateContext } from './common/collections.js';
import type { ChartReleaseRecord } from './chart-releases.js';

export interface ChartRepositoryRecord {
  InstanceId: string;
  RepoId: string;
  RepoNamespaceName: string;
  RepoName: string;
  RepoStatus: ChartRepoStatus;
  RepoType: RepoType;
  Summary: string;
  CreateTime: number;
  ModifiedTime: number;
}

function view(context: HasStore, repo: ChartRepositoryRecord): Result<'GetChartRepository'> {
  const { InstanceId, RepoId, RepoNamespaceName, RepoName, RepoStatus, RepoType, Summary, CreateTime, ModifiedTime } = repo;
  return { InstanceId, RepoId, RepoNamespaceName, RepoName, RepoStatus, RepoType, Summary, CreateTime, ModifiedTime, ...resourceGroupOf(context, InstanceId) };
}

export interface NewChartRepository {
  readonly instanceId: string;
  readonly namespace: string;
  readonly name: string;
  readonly type: RepoType;
  readonly summary?: string;
}

export function createChartRepository(context: StateContext, spec: NewChartRepository): ChartRepositoryRecord {
  const repoKey = key(spec.instanceId, spec.namespace, spec.name);
  if (context.store.get(COLLECTIONS.chartRepositories, repoKey)) throw alreadyExists('CHART_REPO', `chart repository ${spec.namespace}/${spec.name}`);
  const record: ChartRepositoryRecord = {
    InstanceId: spec.instanceId,
    RepoId: newId(context.store, PREFIX.chartRepository).id,
    RepoNamespaceName: spec.namespace,
    RepoName: spec.name,
    RepoStatus: 'NORMAL',
    RepoType: spec.type,
    Summary: spec.summary ?? '',
    CreateTime: context.now,
    ModifiedTime: context.now,
  };
  context.store.put(COLLECTIONS.chartRepositories, repoKey, record);
  return record;
}

export function deleteChartRepositoryCascade(context: StateContext, repo: ChartRepositoryRecord): void {
  const repoPrefix = prefix(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName);
  for (const release of context.store.list<ChartReleaseRecord>(COLLECTIONS.chartReleases, repoPrefix)) {
    context.store.delete(COLLECTIONS.chartReleases, repoPrefix + key(release.Chart, release.Release));
  }
  context.store.delete(COLLECTIONS.chartRepositories, key(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName));
}

function repoOf(context: InstanceRequest & ChartRepoRequest): ChartRepositoryRecord {
  return requireChartRepo(context, requireInstance(context).InstanceId);
}

export const chartRepositoryHandlers = {
  CreateChartRepository(context): Result<'CreateChartRepository'> {
    const instance = requireInstance(context);
    const namespace = requireChartNamespace(context, instance.InstanceId, context.params.RepoNamespaceName);
    const quota = chartQuotas(instance).repos;
    if (usageOf(context, instance.InstanceId).chartRepos >= quota) throw quotaExceeded('CHART_REPO', 'chart repositories', quota);
    const record = createChartRepository(context, {
      instanceId: instance.InstanceId,
      namespace: namespace.NamespaceName,
      name: checkName('RepoName', context.params.RepoName),
      type: context.params.RepoType ?? namespace.DefaultRepoType,
      summary: context.params.Summary,
    });
    return { RepoId: record.RepoId };
  },

  UpdateChartRepository(context): Result<'UpdateChartRepository'> {
    const repo = repoOf(context);
    repo.RepoType = context.params.RepoType ?? repo.RepoType;
    repo.Summary = context.params.Summary ?? repo.Summary;
    repo.ModifiedTime = context.now;
    context.store.put(COLLECTIONS.chartRepositories, key(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName), repo);
    return {};
  },

  DeleteChartRepository(context): Result<'DeleteChartRepository'> {
    deleteChartRepositoryCascade(context, repoOf(context));
    return {};
  },

  GetChartRepository(context): Result<'GetChartRepository'> {
    return view(context, repoOf(context));
  },

  ListChartRepository(context): Result<'ListChartRepository'> {
    const { paging, items } = listRepositories<ChartRepositoryRecord>(context, COLLECTIONS.chartRepositories);
    return { ...paging, Repositories: items.map((repo) => view(context, repo)) };
  },
} satisfies Partial<Handlers>;
