// The list operations that image and chart resources share the shape of: namespaces and
// repositories of an instance, filtered and paged the same way whichever kind they hold. They
// answer a page of records; the handler writes the response (its items field named there).
import type { RequestContext } from '../context.js';
import { requireInstance, type InstanceRequest } from './lookup.js';
import { page, sortBy, type Page, type PagingRequest } from './paging.js';
import { nonEmpty } from './params.js';
import { prefix } from './collections.js';

interface NamespaceLike {
  readonly NamespaceName: string;
  readonly NamespaceStatus: string;
}

interface RepositoryLike {
  readonly RepoNamespaceName: string;
  readonly RepoName: string;
  readonly RepoStatus: string;
}

type NamespaceListRequest = InstanceRequest & PagingRequest & RequestContext<{ readonly NamespaceName?: string; readonly NamespaceStatus?: string }>;

type RepositoryListRequest = InstanceRequest &
  PagingRequest &
  RequestContext<{ readonly RepoNamespaceName?: string; readonly RepoName?: string; readonly RepoStatus?: string }>;

/** By NamespaceName; NamespaceName matches as a substring, NamespaceStatus exactly. */
export function listNamespaces<R extends NamespaceLike>(context: NamespaceListRequest, collection: string): Page<R> {
  const instance = requireInstance(context);
  const name = nonEmpty(context.params.NamespaceName);
  const status = nonEmpty(context.params.NamespaceStatus);
  const all = context.store
    .list<R>(collection, prefix(instance.InstanceId))
    .filter((ns) => name === undefined || ns.NamespaceName.includes(name))
    .filter((ns) => status === undefined || ns.NamespaceStatus === status);
  return page(context, sortBy(all, (ns) => [ns.NamespaceName]));
}

/**
 * By RepoNamespaceName, then RepoName. RepoNamespaceName matches exactly, RepoName as a substring;
 * RepoStatus ALL (or none) returns every status.
 */
export function listRepositories<R extends RepositoryLike>(context: RepositoryListRequest, collection: string): Page<R> {
  const instance = requireInstance(context);
  const namespace = nonEmpty(context.params.RepoNamespaceName);
  const name = nonEmpty(context.params.RepoName);
  const status = nonEmpty(context.params.RepoStatus);
  const keyPrefix = namespace === undefined ? prefix(instance.InstanceId) : prefix(instance.InstanceId, namespace);
  const all = context.store
    .list<R>(collection, keyPrefix)
    .filter((r) => namespace === undefined || r.RepoNamespaceName === namespace)
    .filter((r) => name === undefined || r.RepoName.includes(name))
    .filter((r) => status === undefined || status === 'ALL' || r.RepoStatus === status);
  return page(context, sortBy(all, (r) => [r.RepoNamespaceName, r.RepoName]));
}
