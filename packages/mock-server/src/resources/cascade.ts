// Deleting a parent deletes its children, as the reference says of both namespaces ("all
// repositories in the namespace and all images in the repositories are also deleted", §10.2) and
// repositories ("all images in the repository are also deleted", §11.1). A repository takes with
// it its tags, scans, build rules, build records, source code repository, triggers, the
// synchronization rules whose source it is, its delivery chains, its artifact build rule and the
// accelerated images not pushed yet, and the record of the retention runs applied to it (the
// retention rules, which name it, stay); a namespace its repositories, the synchronization rules
// whose source it is and its delivery chains.
// Synchronization, subscription and artifact build tasks and delivery chain runs are history and
// stay (a subscription task's imports into a deleted repository fail).
import type { RequestContext } from './context.js';
import { COLLECTIONS, key, prefix } from './common/collections.js';
import type { BuildRecordRecord } from './build-records.js';
import type { NamespaceRecord } from './namespaces.js';
import type { RepositoryRecord } from './repositories.js';
import type { SyncRuleRecord } from './sync.js';
import { deleteChainsOf } from './chains.js';

function deleteAll(context: RequestContext, collection: string, keyPrefix: string, keyOf: (value: never) => string): void {
  for (const value of context.store.list<never>(collection, keyPrefix)) context.store.delete(collection, keyOf(value));
}

function deleteSyncRules(context: RequestContext, instanceId: string, matches: (rule: SyncRuleRecord) => boolean): void {
  for (const rule of context.store.list<SyncRuleRecord>(COLLECTIONS.syncRules, prefix(instanceId))) {
    if (matches(rule)) context.store.delete(COLLECTIONS.syncRules, key(instanceId, rule.SyncRuleId));
  }
}

export function deleteRepositoryCascade(context: RequestContext, repo: RepositoryRecord): void {
  const { store } = context;
  const repoPrefix = prefix(repo.RepoId);
  deleteAll(context, COLLECTIONS.tags, repoPrefix, (t: { Tag: string }) => key(repo.RepoId, t.Tag));
  deleteAll(context, COLLECTIONS.scans, repoPrefix, (s: { Tag: string }) => key(repo.RepoId, s.Tag));
  deleteAll(context, COLLECTIONS.buildRules, repoPrefix, (r: { BuildRuleId: string }) => key(repo.RepoId, r.BuildRuleId));
  deleteAll(context, COLLECTIONS.triggers, repoPrefix, (t: { TriggerId: string }) => key(repo.RepoId, t.TriggerId));
  deleteAll(context, COLLECTIONS.unsettledBuilds, repoPrefix, (id: string) => key(repo.RepoId, id));
  deleteAll(context, COLLECTIONS.artifactBuildRules, repoPrefix, (r: { ArtifactType: string }) => key(repo.RepoId, r.ArtifactType));
  deleteAll(context, COLLECTIONS.unsettledArtifactBuilds, repoPrefix, (id: string) => key(repo.RepoId, id));
  deleteAll(context, COLLECTIONS.unsettledImports, repoPrefix, (id: string) => key(repo.RepoId, id));
  deleteAll(context, COLLECTIONS.retentionRuns, repoPrefix, (r: { RuleId: string }) => key(repo.RepoId, r.RuleId));
  for (const record of store.list<BuildRecordRecord>(COLLECTIONS.buildRecords, prefix(repo.InstanceId))) {
    if (record.RepoId === repo.RepoId) store.delete(COLLECTIONS.buildRecords, key(repo.InstanceId, record.BuildRecordId));
  }
  deleteSyncRules(
    context,
    repo.InstanceId,
    (r) => r.SyncScope === 'REPO' && r.LocalNamespaceName === repo.RepoNamespaceName && r.LocalRepositoryName === repo.RepoName,
  );
  deleteChainsOf(context, repo.InstanceId, repo.RepoNamespaceName, repo.RepoName);
  store.delete(COLLECTIONS.sourceCodeRepos, repo.RepoId);
  store.delete(COLLECTIONS.repositoryIds, repo.RepoId);
  store.delete(COLLECTIONS.repositories, key(repo.InstanceId, repo.RepoNamespaceName, repo.RepoName));
}

export function deleteNamespaceCascade(context: RequestContext, namespace: NamespaceRecord): void {
  const repos = context.store.list<RepositoryRecord>(COLLECTIONS.repositories, prefix(namespace.InstanceId, namespace.NamespaceName));
  for (const repo of repos) deleteRepositoryCascade(context, repo);
  deleteSyncRules(context, namespace.InstanceId, (r) => r.LocalNamespaceName === namespace.NamespaceName);
  deleteChainsOf(context, namespace.InstanceId, namespace.NamespaceName);
  context.store.delete(COLLECTIONS.namespaces, key(namespace.InstanceId, namespace.NamespaceName));
}
