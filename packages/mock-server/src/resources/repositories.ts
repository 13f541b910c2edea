// Chapter 11, image repositories. A repository lives in an existing namespace (NAMESPACE_NOT_EXIST
// otherwise), is NORMAL from its creation and MANUAL-built unless the seed says otherwise.
// Deleting one deletes its images with it (§11.1; see cascade.ts). A repository is also created
// when an image is pushed to a namespace with AutoCreateRepo on (push.ts and the registry), with
// the namespace's DefaultRepoConfiguration (pushedRepository). With
// TagImmutability on (CURATION L-12), an existing tag cannot be moved to another image: the
// registry refuses such a push with DENIED, CreateRepoTag with TAG_IMMUTABLE (409).
import type { RepoBuildType, RepoStatus } from '../generated/index.js';
import type { Handlers, RequestContext, Result } from './context.js';
import { deleteRepositoryCascade } from './cascade.js';
import { alreadyExists, quotaExceeded } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { requireInstance, requireNamespace, requireRepoByIdOrName, type HasStore } from './common/lookup.js';
import { resourceGroupOf } from './resource-tags.js';
import { checkName } from './common/names.js';
import { listRepositories } from './common/listing.js';
import { COLLECTIONS, key, prefix, type RepoType } from './common/collections.js';
import type { InstanceRecord } from './instances.js';
import type { NamespaceRecord } from './namespaces.js';

export interface RepositoryRecord {
  InstanceId: string;
  RepoId: string;
  RepoNamespaceName: string;
  RepoName: string;
  RepoStatus: RepoStatus;
  RepoType: RepoType;
  RepoBuildType: RepoBuildType;
  Summary: string;
  Detail: string;
  CreateTime: number;
  ModifiedTime: number;
  /** Whether an existing tag may not be moved to another image (absent in records made before it: false). */
  TagImmutability?: boolean;
}

/** Whether the repository's tags are immutable: an existing tag may not name another image. */
export function tagsImmutable(repo: RepositoryRecord): boolean {
  return repo.TagImmutability === true;
}

function repositoryView(context: HasStore, repo: RepositoryRecord): Result<'GetRepository'> {
  return {
    ...resourceGroupOf(context, repo.InstanceId),
    InstanceId: repo.InstanceId,
    RepoId: repo.RepoId,
    RepoNamespaceName: repo.RepoNamespaceName,
    RepoName: repo.RepoName,
    RepoStatus: repo.RepoStatus,
    RepoType: repo.RepoType,
    RepoBuildType: repo.RepoBuildType,
    Summary: repo.Summary,
    CreateTime: repo.CreateTime,
    ModifiedTime: repo.ModifiedTime,
    TagImmutability: tagsImmutable(repo),
  };
}

export interface NewRepository {
  readonly instance: InstanceRecord;
  readonly namespace: string;
  readonly name: string;
  readonly type: RepoType;
  readonly summary: string;
  readonly detail?: string;
  readonly buildType?: 'MANUAL' | 'AUTO';
  readonly tagImmutability?: boolean;
}

/**
 * What a repository created by a push starts with: its namespace's default type and tag
 * immutability (DefaultRepoConfiguration, CURATION L-18).
 */
export function pushedRepository(instance: InstanceRecord, namespace: NamespaceRecord, name: string): NewRepository {
  return {
    instance,
    namespace: namespace.NamespaceName,
    name,
    type: namespace.DefaultRepoType,
    summary: 'Automatically created repository',
    tagImmutability: namespace.DefaultTagImmutability ?? false,
  };
}

/** Creates a repository after the checks the service makes: the name, duplicates, the quota. */
export function createRepository(context: Pick<RequestContext, 'store' | 'now'>, spec: NewRepository): RepositoryRecord {
  const instanceId = spec.instance.InstanceId;
  const repoKey = key(instanceId, spec.namespace, spec.name);
  if (context.store.get(COLLECTIONS.repositories, repoKey)) throw alreadyExists('REPO', `repository ${spec.namespace}/${spec.name}`);
  const used = context.store.list(COLLECTIONS.repositories, prefix(instanceId)).length;
  if (used >= spec.instance.repoQuota) throw quotaExceeded('REPO', 'repositories', spec.instance.repoQuota);
  const record: RepositoryRecord = {
    InstanceId: instanceId,
    RepoId: newId(context.store, PREFIX.repository).id,
    RepoNamespaceName: spec.namespace,
    RepoName: spec.name,
    RepoStatus: 'NORMAL',
    RepoType: spec.type,
    RepoBuildType: spec.buildType ?? 'MANUAL',
    Summary: spec.summary,
    Detail: spec.detail ?? '',
    CreateTime: context.now,
    ModifiedTime: context.now,
    TagImmutability: spec.tagImmutability ?? false,
  };
  context.store.put(COLLECTIONS.repositories, repoKey, record);
  context.store.put(COLLECTIONS.repositoryIds, record.RepoId, repoKey);
  return record;
}

export function saveRepository(context: Pick<RequestContext, 'store'>, repo: RepositoryRecord): void {
  context.store.put(COLLECTIONS.repositories, key(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName), repo);
}

export const repositoryHandlers = {
  CreateRepository(context): Result<'CreateRepository'> {
    const instance = requireInstance(context);
    // Without TagImmutability, the repository takes its namespace's DefaultRepoConfiguration's.
    const namespace = requireNamespace(context, instance.InstanceId, context.params.RepoNamespaceName);
    const record = createRepository(context, {
      instance,
      namespace: namespace.NamespaceName,
      name: checkName('RepoName', context.params.RepoName),
      type: context.params.RepoType,
      summary: context.params.Summary,
      detail: context.params.Detail,
      tagImmutability: context.params.TagImmutability ?? namespace.DefaultTagImmutability,
    });
    return { RepoId: record.RepoId };
  },

  UpdateRepository(context): Result<'UpdateRepository'> {
    const instance = requireInstance(context);
    const repo = requireRepoByIdOrName(context, instance.InstanceId);
    repo.RepoType = context.params.RepoType;
    repo.Summary = context.params.Summary ?? repo.Summary;
    repo.Detail = context.params.Detail ?? repo.Detail;
    repo.TagImmutability = context.params.TagImmutability ?? tagsImmutable(repo);
    repo.ModifiedTime = context.now;
    saveRepository(context, repo);
    return {};
  },

  DeleteRepository(context): Result<'DeleteRepository'> {
    const instance = requireInstance(context);
    deleteRepositoryCascade(context, requireRepoByIdOrName(context, instance.InstanceId));
    return {};
  },

  GetRepository(context): Result<'GetRepository'> {
    const repo = requireRepoByIdOrName(context, requireInstance(context).InstanceId);
    return { ...repositoryView(context, repo), Detail: repo.Detail };
  },

  ListRepository(context): Result<'ListRepository'> {
    const { paging, items } = listRepositories<RepositoryRecord>(context, COLLECTIONS.repositories);
    return { ...paging, Repositories: items.map((repo) => repositoryView(context, repo)) };
  },
} satisfies Partial<Handlers>;
