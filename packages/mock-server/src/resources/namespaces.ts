// Chapter 10, image namespaces. A namespace is created NORMAL, with automatic repository creation
// on (a push to a repository that does not exist creates it) and PRIVATE as the default
// repository type unless the request says otherwise. Its DefaultRepoConfiguration (CURATION L-18)
// is what a new repository starts with when its creation does not say: the type and tag
// immutability of one created by a push, the tag immutability of one created by CreateRepository.
// Deleting a namespace deletes its repositories and their images with it (§10.2; see cascade.ts):
// it is never refused for being non-empty.
import type { NamespaceStatus, RepoConfiguration } from '../generated/index.js';
import type { Handlers, RequestContext, Result } from './context.js';
import { deleteNamespaceCascade } from './cascade.js';
import { alreadyExists, invalidParameter, notFound, quotaExceeded } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { findNamespace, requireInstance, requireNamespace, type HasStore } from './common/lookup.js';
import { resourceGroupOf } from './resource-tags.js';
import { checkName } from './common/names.js';
import { listNamespaces } from './common/listing.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, prefix, type RepoType } from './common/collections.js';
import { usageOf } from './instances.js';

export interface NamespaceRecord {
  InstanceId: string;
  NamespaceId: string;
  NamespaceName: string;
  NamespaceStatus: NamespaceStatus;
  AutoCreateRepo: boolean;
  DefaultRepoType: RepoType;
  /** DefaultRepoConfiguration's TagImmutability (absent in records made before it: false). */
  DefaultTagImmutability?: boolean;
  /** DefaultRepoConfiguration's ArtifactBuildRuleParameters: kept and answered. */
  ArtifactBuildRuleParameters?: RepoConfiguration['ArtifactBuildRuleParameters'];
  createTime: number;
  modifiedTime: number;
}

/** The namespace's DefaultRepoConfiguration; its RepoType is the namespace's DefaultRepoType. */
export function defaultRepoConfiguration(ns: NamespaceRecord): RepoConfiguration {
  return {
    RepoType: ns.DefaultRepoType,
    TagImmutability: ns.DefaultTagImmutability ?? false,
    ...(ns.ArtifactBuildRuleParameters === undefined ? {} : { ArtifactBuildRuleParameters: { ...ns.ArtifactBuildRuleParameters } }),
  };
}

/**
 * The default type and configuration a request sets: DefaultRepoConfiguration's RepoType is the
 * default type, so a DefaultRepoType sent beside it must be the same one.
 */
function requestedDefaults(params: { DefaultRepoType?: RepoType; DefaultRepoConfiguration?: RepoConfiguration }): {
  type?: RepoType;
  configuration?: RepoConfiguration;
} {
  const configuration = params.DefaultRepoConfiguration;
  if (configuration !== undefined && params.DefaultRepoType !== undefined && params.DefaultRepoType !== configuration.RepoType) {
    throw invalidParameter('DefaultRepoType', `differs from DefaultRepoConfiguration.RepoType (${configuration.RepoType}); send one, or the same type in both`);
  }
  return { type: configuration?.RepoType ?? params.DefaultRepoType, configuration };
}

export function namespaceView(context: HasStore, ns: NamespaceRecord): Result<'GetNamespace'> {
  return {
    ...resourceGroupOf(context, ns.InstanceId),
    NamespaceName: ns.NamespaceName,
    NamespaceStatus: ns.NamespaceStatus,
    AutoCreateRepo: ns.AutoCreateRepo,
    DefaultRepoType: ns.DefaultRepoType,
    DefaultRepoConfiguration: defaultRepoConfiguration(ns),
    InstanceId: ns.InstanceId,
    NamespaceId: ns.NamespaceId,
  };
}

export interface NewNamespace {
  readonly instanceId: string;
  readonly name: string;
  readonly autoCreateRepo?: boolean;
  readonly defaultRepoType?: RepoType;
  readonly defaultRepoConfiguration?: RepoConfiguration;
}

/** Creates a namespace (used by CreateNamespace and by the seed). */
export function createNamespace(context: Pick<RequestContext, 'store' | 'now'>, spec: NewNamespace): NamespaceRecord {
  const record: NamespaceRecord = {
    InstanceId: spec.instanceId,
    NamespaceId: newId(context.store, PREFIX.namespace).id,
    NamespaceName: spec.name,
    NamespaceStatus: 'NORMAL',
    AutoCreateRepo: spec.autoCreateRepo ?? true,
    DefaultRepoType: spec.defaultRepoConfiguration?.RepoType ?? spec.defaultRepoType ?? 'PRIVATE',
    DefaultTagImmutability: spec.defaultRepoConfiguration?.TagImmutability ?? false,
    ...(spec.defaultRepoConfiguration?.ArtifactBuildRuleParameters === undefined
      ? {}
      : { ArtifactBuildRuleParameters: { ...spec.defaultRepoConfiguration.ArtifactBuildRuleParameters } }),
    createTime: context.now,
    modifiedTime: context.now,
  };
  context.store.put(COLLECTIONS.namespaces, key(spec.instanceId, spec.name), record);
  return record;
}

export const namespaceHandlers = {
  CreateNamespace(context): Result<'CreateNamespace'> {
    const instance = requireInstance(context);
    const name = checkName('NamespaceName', context.params.NamespaceName);
    const defaults = requestedDefaults(context.params);
    if (findNamespace(context, instance.InstanceId, name)) throw alreadyExists('NAMESPACE', `namespace ${name}`);
    if (usageOf(context, instance.InstanceId).namespaces >= instance.namespaceQuota) {
      throw quotaExceeded('NAMESPACE', 'namespaces', instance.namespaceQuota);
    }
    createNamespace(context, {
      instanceId: instance.InstanceId,
      name,
      autoCreateRepo: context.params.AutoCreateRepo,
      defaultRepoType: defaults.type,
      defaultRepoConfiguration: defaults.configuration,
    });
    return {};
  },

  DeleteNamespace(context): Result<'DeleteNamespace'> {
    const instance = requireInstance(context);
    deleteNamespaceCascade(context, requireNamespace(context, instance.InstanceId, context.params.NamespaceName));
    return {};
  },

  UpdateNamespace(context): Result<'UpdateNamespace'> {
    const instance = requireInstance(context);
    const ns = requireNamespace(context, instance.InstanceId, context.params.NamespaceName);
    const defaults = requestedDefaults(context.params);
    ns.AutoCreateRepo = context.params.AutoCreateRepo ?? ns.AutoCreateRepo;
    ns.DefaultRepoType = defaults.type ?? ns.DefaultRepoType;
    // A configuration replaces the whole one: parameters it leaves out are no longer set.
    if (defaults.configuration !== undefined) {
      ns.DefaultTagImmutability = defaults.configuration.TagImmutability;
      if (defaults.configuration.ArtifactBuildRuleParameters === undefined) delete ns.ArtifactBuildRuleParameters;
      else ns.ArtifactBuildRuleParameters = { ...defaults.configuration.ArtifactBuildRuleParameters };
    }
    ns.modifiedTime = context.now;
    context.store.put(COLLECTIONS.namespaces, key(ns.InstanceId, ns.NamespaceName), ns);
    return {};
  },

  // NamespaceId, when sent as well, must be the namespace's ID.
  // By NamespaceName, or by NamespaceId; when both are sent they must name the same namespace.
  GetNamespace(context): Result<'GetNamespace'> {
    const instance = requireInstance(context);
    const name = nonEmpty(context.params.NamespaceName);
    const id = nonEmpty(context.params.NamespaceId);
    if (name === undefined && id === undefined) throw invalidParameter('NamespaceName', 'send NamespaceName or NamespaceId');
    const ns =
      name !== undefined
        ? requireNamespace(context, instance.InstanceId, name)
        : context.store.list<NamespaceRecord>(COLLECTIONS.namespaces, prefix(instance.InstanceId)).find((n) => n.NamespaceId === id);
    if (ns === undefined || (id !== undefined && id !== ns.NamespaceId)) throw notFound('NAMESPACE', `namespace ${id ?? name}`);
    return namespaceView(context, ns);
  },

  ListNamespace(context): Result<'ListNamespace'> {
    const { paging, items } = listNamespaces<NamespaceRecord>(context, COLLECTIONS.namespaces);
    return { ...paging, Namespaces: items.map((ns) => namespaceView(context, ns)) };
  },
} satisfies Partial<Handlers>;
