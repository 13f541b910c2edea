// Finding the resource a request names, or answering the service's not-found error. Every
// operation on an instance's contents goes through requireInstance, which also checks that the
// request's RegionId is the instance's region (an instance is invisible from other regions) and
// that the instance is RUNNING.
import type { RequestContext } from '../context.js';
import type { Store } from '../../store/store.js';
import { conflict, invalidParameter, notFound } from './errors.js';
import { nonEmpty } from './params.js';
import { COLLECTIONS, key } from './collections.js';
import type { ChartNamespaceRecord } from '../chart-namespaces.js';
import type { ChartRepositoryRecord } from '../chart-repositories.js';
import type { TagRecord } from '../images.js';
import type { InstanceRecord } from '../instances.js';
import type { NamespaceRecord } from '../namespaces.js';
import type { RepositoryRecord } from '../repositories.js';

/** Lookups need only the store, so that the seed and deferred effects can use them too. */
export interface HasStore {
  readonly store: Store;
}

export interface InstanceOptions {
  /** Operations that only read the instance itself also answer for an instance that is not RUNNING. */
  readonly anyStatus?: boolean;
}

/** A request that names an instance (and the region it is asked in). */
export type InstanceRequest = RequestContext<{ readonly InstanceId: string; readonly RegionId?: string }>;

export function requireInstance(context: InstanceRequest, options: InstanceOptions = {}): InstanceRecord {
  const instanceId = context.params.InstanceId;
  const instance = context.store.get<InstanceRecord>(COLLECTIONS.instances, instanceId);
  const regionId = context.params.RegionId;
  if (!instance || (regionId !== undefined && regionId !== instance.RegionId)) throw notFound('INSTANCE', `instance ${instanceId}`);
  if (!options.anyStatus && instance.InstanceStatus !== 'RUNNING') {
    throw conflict('INSTANCE_STATUS_INVALID', `The instance ${instanceId} is ${instance.InstanceStatus}, not RUNNING.`);
  }
  return instance;
}

export function findNamespace(context: HasStore, instanceId: string, name: string): NamespaceRecord | undefined {
  return context.store.get<NamespaceRecord>(COLLECTIONS.namespaces, key(instanceId, name));
}

export function requireNamespace(context: HasStore, instanceId: string, name: string): NamespaceRecord {
  const namespace = findNamespace(context, instanceId, name);
  if (!namespace) throw notFound('NAMESPACE', `namespace ${name}`);
  return namespace;
}

export function findRepoByName(context: HasStore, instanceId: string, namespace: string, name: string): RepositoryRecord | undefined {
  return context.store.get<RepositoryRecord>(COLLECTIONS.repositories, key(instanceId, namespace, name));
}

export function findRepoById(context: HasStore, instanceId: string, repoId: string): RepositoryRecord | undefined {
  const repoKey = context.store.get<string>(COLLECTIONS.repositoryIds, repoId);
  const repo = repoKey === undefined ? undefined : context.store.get<RepositoryRecord>(COLLECTIONS.repositories, repoKey);
  return repo && repo.InstanceId === instanceId ? repo : undefined;
}

/** The repository named by the request's `RepoId` (in the request's instance). */
export function requireRepo(context: RequestContext<{ readonly RepoId: string }>, instanceId: string): RepositoryRecord {
  const repoId = context.params.RepoId;
  const repo = findRepoById(context, instanceId, repoId);
  if (!repo) throw notFound('REPO', `repository ${repoId}`);
  return repo;
}

/** A request that names a repository by `RepoId`, or by `RepoNamespaceName` and `RepoName`. */
export type RepoByIdOrNameRequest = RequestContext<{ readonly RepoId?: string; readonly RepoNamespaceName?: string; readonly RepoName?: string }>;

/**
 * The repository a request names by its ID, or by its namespace and name (the live service takes
 * either; GetRepository, UpdateRepository, DeleteRepository). When both ways are sent they must
 * name the same repository; an empty value counts as not sent.
 */
export function requireRepoByIdOrName(context: RepoByIdOrNameRequest, instanceId: string): RepositoryRecord {
  const repoId = nonEmpty(context.params.RepoId);
  const namespace = nonEmpty(context.params.RepoNamespaceName);
  const name = nonEmpty(context.params.RepoName);
  let repo: RepositoryRecord | undefined;
  if (repoId !== undefined) {
    repo = findRepoById(context, instanceId, repoId);
    if (repo && ((namespace !== undefined && namespace !== repo.RepoNamespaceName) || (name !== undefined && name !== repo.RepoName))) repo = undefined;
  } else if (namespace !== undefined && name !== undefined) {
    repo = findRepoByName(context, instanceId, namespace, name);
  } else {
    throw invalidParameter('RepoId', 'send RepoId, or RepoNamespaceName and RepoName');
  }
  if (!repo) throw notFound('REPO', `repository ${repoId ?? `${namespace}/${name}`}`);
  return repo;
}

export function requireTag(context: HasStore, repo: RepositoryRecord, tag: string): TagRecord {
  const record = context.store.get<TagRecord>(COLLECTIONS.tags, key(repo.RepoId, tag));
  if (!record) throw notFound('TAG', `tag ${tag} of repository ${repo.RepoNamespaceName}/${repo.RepoName}`);
  return record;
}

export function requireChartNamespace(context: HasStore, instanceId: string, name: string): ChartNamespaceRecord {
  const namespace = context.store.get<ChartNamespaceRecord>(COLLECTIONS.chartNamespaces, key(instanceId, name));
  if (!namespace) throw notFound('CHART_NAMESPACE', `chart namespace ${name}`);
  return namespace;
}

/** A request that names a chart repository. */
export type ChartRepoRequest = RequestContext<{ readonly RepoNamespaceName: string; readonly RepoName: string }>;

/** The chart repository named by the request's `RepoNamespaceName` and `RepoName`. */
export function requireChartRepo(context: ChartRepoRequest, instanceId: string): ChartRepositoryRecord {
  const { RepoNamespaceName: namespace, RepoName: name } = context.params;
  requireChartNamespace(context, instanceId, namespace);
  const repo = context.store.get<ChartRepositoryRecord>(COLLECTIONS.chartRepositories, key(instanceId, namespace, name));
  if (!repo) throw notFound('CHART_REPO', `chart repository ${namespace}/${name}`);
  return repo;
}
