// Chapter 17, chart repositories, identified by namespace and name (CHART_NAMESPACE_NOT_EXIST,
// CHART_REPO_NOT_EXIST, CHART_REPO_ALREADY_EXIST). Deleting one deletes its chart versions.
// Listed by namespace, then name; RepoNamespaceName matches exactly, RepoName as a substring, and
// RepoStatus ALL (or none) returns every status.
import type { Handlers, RequestContext } from './context.js';
import { alreadyExists } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { requireChartNamespace, requireChartRepo, requireInstance } from './common/lookup.js';
import { checkName } from './common/names.js';
import { listRepositories } from './common/listing.js';
import { oneOf, optStr, str } from './common/params.js';
import { C, key, prefix, type ChartReleaseRecord, type ChartRepositoryRecord, type RepoType, type StateContext } from './common/records.js';

function view(repo: ChartRepositoryRecord): Record<string, unknown> {
  const { InstanceId, RepoId, RepoNamespaceName, RepoName, RepoStatus, RepoType, Summary, CreateTime, ModifiedTime } = repo;
  return { InstanceId, RepoId, RepoNamespaceName, RepoName, RepoStatus, RepoType, Summary, CreateTime, ModifiedTime };
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
  if (context.store.get(C.chartRepositories, repoKey)) throw alreadyExists('CHART_REPO', `chart repository ${spec.namespace}/${spec.name}`);
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
  context.store.put(C.chartRepositories, repoKey, record);
  return record;
}

export function deleteChartRepositoryCascade(context: StateContext, repo: ChartRepositoryRecord): void {
  const repoPrefix = prefix(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName);
  for (const release of context.store.list<ChartReleaseRecord>(C.chartReleases, repoPrefix)) {
    context.store.delete(C.chartReleases, repoPrefix + key(release.Chart, release.Release));
  }
  context.store.delete(C.chartRepositories, key(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName));
}

function repoOf(context: RequestContext): ChartRepositoryRecord {
  return requireChartRepo(context, requireInstance(context).InstanceId);
}

export const chartRepositoryHandlers: Pick<
  Handlers,
  'UpdateChartRepository' | 'CreateChartRepository' | 'DeleteChartRepository' | 'ListChartRepository' | 'GetChartRepository'
> = {
  CreateChartRepository(context) {
    const instance = requireInstance(context);
    const namespace = requireChartNamespace(context, instance.InstanceId, str(context, 'RepoNamespaceName')).NamespaceName;
    const record = createChartRepository(context, {
      instanceId: instance.InstanceId,
      namespace,
      name: checkName('RepoName', str(context, 'RepoName')),
      type: oneOf<RepoType>(context, 'RepoType'),
      summary: optStr(context, 'Summary'),
    });
    return { RepoId: record.RepoId };
  },

  UpdateChartRepository(context) {
    const repo = repoOf(context);
    repo.RepoType = oneOf<RepoType>(context, 'RepoType');
    repo.Summary = optStr(context, 'Summary') ?? repo.Summary;
    repo.ModifiedTime = context.now;
    context.store.put(C.chartRepositories, key(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName), repo);
    return {};
  },

  DeleteChartRepository(context) {
    deleteChartRepositoryCascade(context, repoOf(context));
    return {};
  },

  GetChartRepository(context) {
    return view(repoOf(context));
  },

  ListChartRepository(context) {
    return listRepositories<ChartRepositoryRecord>(context, C.chartRepositories, view);
  },
};
