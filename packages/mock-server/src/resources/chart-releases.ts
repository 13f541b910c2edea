// Chapter 18, chart versions. The API has no operation that uploads a chart (that is `helm push`),
// so versions come from the seed's fixtures. ListChartRelease filters by a prefix of the chart
// name (`Chart`) and lists by chart name, then version (code-unit order); Size is a string of
// digits, as the vendor returns it.
import type { Handlers, ItemOf, Result } from './context.js';
import { notFound } from './common/errors.js';
import { requireChartRepo, requireInstance } from './common/lookup.js';
import { page, sortBy } from './common/paging.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import type { ChartRepositoryRecord } from './chart-repositories.js';

export interface ChartReleaseRecord {
  InstanceId: string;
  RepoId: string;
  RepoNamespaceName: string;
  RepoName: string;
  Chart: string;
  Release: string;
  Status: string;
  Size: number;
  ModifiedTime: number;
}

/** A chart version in a chart repository, as the seed describes it. */
export interface ChartReleaseFixture {
  readonly chart: string;
  readonly release: string;
  /** Bytes; default 2826 (the vendor's example). */
  readonly size?: number;
  /** Default `NORMAL`. */
  readonly status?: string;
  /** Default the time of seeding. */
  readonly modifiedAt?: number;
}

export function addChartRelease(context: StateContext, repo: ChartRepositoryRecord, fixture: ChartReleaseFixture): ChartReleaseRecord {
  if (fixture.chart.includes('/') || fixture.release.includes('/') || fixture.chart === '' || fixture.release === '') {
    throw new Error(`invalid chart fixture ${JSON.stringify(fixture)}: chart and release are non-empty and contain no '/'`);
  }
  const record: ChartReleaseRecord = {
    InstanceId: repo.InstanceId,
    RepoId: repo.RepoId,
    RepoNamespaceName: repo.RepoNamespaceName,
    RepoName: repo.RepoName,
    Chart: fixture.chart,
    Release: fixture.release,
    Status: fixture.status ?? 'NORMAL',
    Size: fixture.size ?? 2826,
    ModifiedTime: fixture.modifiedAt ?? context.now,
  };
  context.store.put(COLLECTIONS.chartReleases, key(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName, fixture.chart, fixture.release), record);
  return record;
}

function releaseItem(r: ChartReleaseRecord): ItemOf<'ListChartRelease', 'ChartReleases'> {
  return {
    Chart: r.Chart,
    Release: r.Release,
    Status: r.Status,
    Size: String(r.Size),
    InstanceId: r.InstanceId,
    RepoId: r.RepoId,
    ModifiedTime: r.ModifiedTime,
  };
}

export const chartReleaseHandlers = {
  DeleteChartRelease(context): Result<'DeleteChartRelease'> {
    const repo = requireChartRepo(context, requireInstance(context).InstanceId);
    const chart = context.params.Chart;
    const release = context.params.Release;
    const releaseKey = key(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName, chart, release);
    if (!context.store.delete(COLLECTIONS.chartReleases, releaseKey)) throw notFound('CHART_RELEASE', `version ${release} of chart ${chart}`);
    return {};
  },

  ListChartRelease(context): Result<'ListChartRelease'> {
    const repo = requireChartRepo(context, requireInstance(context).InstanceId);
    const chartPrefix = nonEmpty(context.params.Chart);
    const releases = context.store
      .list<ChartReleaseRecord>(COLLECTIONS.chartReleases, prefix(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName))
      .filter((r) => chartPrefix === undefined || r.Chart.startsWith(chartPrefix));
    const { paging, items } = page(context, sortBy(releases, (r) => [r.Chart, r.Release]));
    return { ...paging, ChartReleases: items.map(releaseItem) };
  },
} satisfies Partial<Handlers>;
