// Artifact subscription rules (CURATION.md M-120 to M-124): what to import from a repository of
// Docker Hub, GCR or Quay.io (upstream.ts) into a repository of the instance. A rule imports
// nothing by itself; a task runs it once (subscription-tasks.ts). The target namespace must
// exist, and the target repository too unless the namespace creates repositories on push (the
// first import then creates it); one rule per source and target.
import type { Handlers, ItemOf, Params, RequestContext, Result } from './context.js';
import { alreadyExists, invalidParameter, notFound } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { findRepoByName, requireInstance, requireNamespace } from './common/lookup.js';
import { checkName, checkRegExp } from './common/names.js';
import { page, sortBy } from './common/paging.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS, key, prefix, type StateContext } from './common/collections.js';
import { checkPlatform, DOCKER_HUB_LIBRARY, SOURCE_DOMAINS, type SourceRef } from './upstream.js';

/** TagCount's bounds (the metadata's, for CreateArtifactSubscriptionRule). */
const TAG_COUNT = { min: 1, max: 30 } as const;

export interface SubscriptionRuleRecord extends SourceRef {
  RuleId: string;
  InstanceId: string;
  NamespaceName: string;
  RepoName: string;
  TagRegexp: string;
  TagCount: number;
  Platform: string[];
  Override: boolean;
  Accelerate: boolean;
  CreateTime: number;
  ModifiedTime: number;
  seq: number;
}

/** A request that sends a rule's fields: a Create, or an Update (whose Override and Accelerate are texts). */
type RuleRequest = RequestContext<Params<'CreateArtifactSubscriptionRule'> | Params<'UpdateArtifactSubscriptionRule'>>;
type RuleBody = Omit<SubscriptionRuleRecord, 'RuleId' | 'InstanceId' | 'CreateTime' | 'ModifiedTime' | 'seq'>;

function need<T>(param: string, value: T | undefined): T {
  if (value === undefined || value === '') throw invalidParameter(param, 'it is required');
  return value;
}

const flag = (value: boolean | 'true' | 'false' | undefined): boolean | undefined => (value === undefined ? undefined : value === true || value === 'true');

export function requireSubscriptionRule(context: StateContext, instanceId: string, ruleId: string): SubscriptionRuleRecord {
  const rule = context.store.get<SubscriptionRuleRecord>(COLLECTIONS.subscriptionRules, key(instanceId, ruleId));
  if (!rule) throw notFound('ARTIFACT_SUBSCRIPTION_RULE', `artifact subscription rule ${ruleId}`);
  return rule;
}

/** The rule after a request: the fields sent replace `base`'s; the result is checked whole. */
function ruleBody(context: RuleRequest, instanceId: string, base?: SubscriptionRuleRecord): RuleBody {
  const p = context.params;
  // Create requires each of these (the spec checks they are sent); an Update keeps the rule's.
  const provider = need('SourceProvider', p.SourceProvider ?? base?.SourceProvider);
  const sourceRepo = need('SourceRepoName', nonEmpty(p.SourceRepoName) ?? base?.SourceRepoName);
  const namespace = need('NamespaceName', nonEmpty(p.NamespaceName) ?? base?.NamespaceName);
  const repoName = need('RepoName', nonEmpty(p.RepoName) ?? base?.RepoName);
  const tagRegexp = need('TagRegexp', nonEmpty(p.TagRegexp) ?? base?.TagRegexp);
  const tagCount = need('TagCount', p.TagCount ?? base?.TagCount);
  const platforms = need('Platform', p.Platform === undefined || p.Platform.length === 0 ? base?.Platform : [...p.Platform]);
  // Docker Hub's official images are `library/<name>`; the other registries have no such default.
  const sourceNamespace = nonEmpty(p.SourceNamespaceName) ?? base?.SourceNamespaceName ?? (provider === 'DOCKER_HUB' ? DOCKER_HUB_LIBRARY : undefined);
  if (sourceNamespace === undefined) throw invalidParameter('SourceNamespaceName', `a rule of ${provider} names the namespace of its source repository`);
  checkName('SourceNamespaceName', sourceNamespace);
  checkName('SourceRepoName', sourceRepo);
  requireNamespace(context, instanceId, checkName('NamespaceName', namespace));
  checkName('RepoName', repoName);
  if (!findRepoByName(context, instanceId, namespace, repoName) && !requireNamespace(context, instanceId, namespace).AutoCreateRepo) {
    throw notFound('REPO', `repository ${namespace}/${repoName} (namespace ${namespace} does not create repositories on push)`);
  }
  checkRegExp('TagRegexp', tagRegexp);
  if (!Number.isSafeInteger(tagCount) || tagCount < TAG_COUNT.min || tagCount > TAG_COUNT.max) {
    throw invalidParameter('TagCount', `it must be an integer from ${TAG_COUNT.min} to ${TAG_COUNT.max}`);
  }
  platforms.forEach((platform, index) => checkPlatform(`Platform.${index + 1}`, platform));
  return {
    SourceProvider: provider,
    SourceNamespaceName: sourceNamespace,
    SourceRepoName: sourceRepo,
    NamespaceName: namespace,
    RepoName: repoName,
    TagRegexp: tagRegexp,
    TagCount: tagCount,
    Platform: [...new Set(platforms)],
    Override: flag(p.Override) ?? base?.Override ?? false,
    Accelerate: flag(p.Accelerate) ?? base?.Accelerate ?? false,
  };
}

/** One rule per source repository and target repository. */
function checkUnique(context: StateContext, instanceId: string, body: RuleBody, ruleId?: string): void {
  const twin = context.store
    .list<SubscriptionRuleRecord>(COLLECTIONS.subscriptionRules, prefix(instanceId))
    .find((r) => r.RuleId !== ruleId && r.SourceProvider === body.SourceProvider && r.SourceNamespaceName === body.SourceNamespaceName
      && r.SourceRepoName === body.SourceRepoName && r.NamespaceName === body.NamespaceName && r.RepoName === body.RepoName);
  if (twin) throw alreadyExists('ARTIFACT_SUBSCRIPTION_RULE', `subscription of ${body.SourceProvider} ${body.SourceNamespaceName}/${body.SourceRepoName} into ${body.NamespaceName}/${body.RepoName} (${twin.RuleId})`);
}

function ruleView(rule: SubscriptionRuleRecord): ItemOf<'ListArtifactSubscriptionRule', 'Rules'> {
  return {
    RuleId: rule.RuleId,
    InstanceId: rule.InstanceId,
    SourceProvider: rule.SourceProvider,
    SourceDomain: SOURCE_DOMAINS[rule.SourceProvider],
    SourceNamespaceName: rule.SourceNamespaceName,
    SourceRepoName: rule.SourceRepoName,
    NamespaceName: rule.NamespaceName,
    RepoName: rule.RepoName,
    TagRegexp: rule.TagRegexp,
    TagCount: rule.TagCount,
    Platform: [...rule.Platform],
    Override: rule.Override,
    Accelerate: rule.Accelerate,
    CreateTime: rule.CreateTime,
    ModifiedTime: rule.ModifiedTime,
  };
}

export const subscriptionRuleHandlers = {
  CreateArtifactSubscriptionRule(context): Result<'CreateArtifactSubscriptionRule'> {
    const instance = requireInstance(context);
    const body = ruleBody(context, instance.InstanceId);
    checkUnique(context, instance.InstanceId, body);
    const { id, seq } = newId(context.store, PREFIX.subscriptionRule);
    const rule: SubscriptionRuleRecord = { RuleId: id, InstanceId: instance.InstanceId, ...body, CreateTime: context.now, ModifiedTime: context.now, seq };
    context.store.put(COLLECTIONS.subscriptionRules, key(instance.InstanceId, id), rule);
    return { RuleId: id };
  },

  UpdateArtifactSubscriptionRule(context): Result<'UpdateArtifactSubscriptionRule'> {
    const instance = requireInstance(context);
    const rule = requireSubscriptionRule(context, instance.InstanceId, context.params.RuleId);
    const body = ruleBody(context, instance.InstanceId, rule);
    checkUnique(context, instance.InstanceId, body, rule.RuleId);
    const { RuleId, InstanceId, CreateTime, seq } = rule;
    context.store.put<SubscriptionRuleRecord>(COLLECTIONS.subscriptionRules, key(InstanceId, RuleId), { RuleId, InstanceId, ...body, CreateTime, ModifiedTime: context.now, seq });
    return {};
  },

  // The rule's tasks are history and stay, with what they imported.
  DeleteArtifactSubscriptionRule(context): Result<'DeleteArtifactSubscriptionRule'> {
    const instance = requireInstance(context);
    const rule = requireSubscriptionRule(context, instance.InstanceId, context.params.RuleId);
    context.store.delete(COLLECTIONS.subscriptionRules, key(instance.InstanceId, rule.RuleId));
    return {};
  },

  GetArtifactSubscriptionRule(context): Result<'GetArtifactSubscriptionRule'> {
    const instance = requireInstance(context);
    return ruleView(requireSubscriptionRule(context, instance.InstanceId, context.params.RuleId));
  },

  ListArtifactSubscriptionRule(context): Result<'ListArtifactSubscriptionRule'> {
    const instance = requireInstance(context);
    const rules = context.store.list<SubscriptionRuleRecord>(COLLECTIONS.subscriptionRules, prefix(instance.InstanceId));
    const { paging, items } = page(context, sortBy(rules, (r) => [r.seq]));
    return { ...paging, Rules: items.map(ruleView) };
  },
} satisfies Partial<Handlers>;
