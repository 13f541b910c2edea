// The list operations that image and chart resources share the shape of: namespaces and
// repositories of an instance, filtered and paged the same way whichever kind they hold.
import type { RequestContext } from '../context.js';
import { requireInstance } from './lookup.js';
import { pageResponse, sortBy } from './paging.js';
import { filter } from './params.js';
import { prefix } from './records.js';

interface NamespaceLike {
  readonly NamespaceName: string;
  readonly NamespaceStatus: string;
}

interface RepositoryLike {
  readonly RepoNamespaceName: string;
  readonly RepoName: string;
  readonly RepoStatus: string;
}

type View<R> = (record: R) => Record<string, unknown>;

/** By NamespaceName; NamespaceName matches as a substring, NamespaceStatus exactly. */
export function listNamespaces<R extends NamespaceLike>(context: RequestContext, collection: string, view: View<R>): Record<string, unknown> {
  const instance = requireInstance(context);
  const name = filter(context, 'NamespaceName');
  const status = filter(context, 'NamespaceStatus');
  const all = context.store
    .list<R>(collection, prefix(instance.InstanceId))
    .filter((ns) => name === undefined || ns.NamespaceName.includes(name))
    .filter((ns) => status === undefined || ns.NamespaceStatus === status);
  return pageResponse(context, sortBy(all, (ns) => [ns.NamespaceName]), 'Namespaces', view);
}

/**
 * By RepoNamespaceName, then RepoName. RepoNamespaceName matches exactly, RepoName as a substring;
 * RepoStatus ALL (or none) returns every status.
 */
export function listRepositories<R extends RepositoryLike>(context: RequestContext, collection: string, view: View<R>): Record<string, unknown> {
  const instance = requireInstance(context);
  const namespace = filter(context, 'RepoNamespaceName');
  const name = filter(context, 'RepoName');
  const status = filter(context, 'RepoStatus');
  const keyPrefix = namespace === undefined ? prefix(instance.InstanceId) : prefix(instance.InstanceId, namespace);
  const all = context.store
    .list<R>(collection, keyPrefix)
    .filter((r) => namespace === undefined || r.RepoNamespaceName === namespace)
    .filter((r) => name === undefined || r.RepoName.includes(name))
    .filter((r) => status === undefined || status === 'ALL' || r.RepoStatus === status);
  return pageResponse(context, sortBy(all, (r) => [r.RepoNamespaceName, r.RepoName]), 'Repositories', view);
}
