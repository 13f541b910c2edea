// Chapter 14 (and §9.4 UpdateRepoBuildRule), build rules of a repository: build the image
// `ImageTag` from the Dockerfile `DockerfileLocation`/`DockerfileName` of the Git branch or tag
// `PushName`. An update changes only the fields it sends. Rules are listed in creation order.
// Deleting a rule keeps the records of the builds it started.
import type { BuildRule, PushType } from '../generated/index.js';
import type { Handlers, RequestContext, Result } from './context.js';
import { notFound } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { requireInstance, requireRepo, type InstanceRequest } from './common/lookup.js';
import { checkTag } from './common/names.js';
import { page, sortBy } from './common/paging.js';
import { COLLECTIONS, key, prefix } from './common/collections.js';
import type { RepositoryRecord } from './repositories.js';

export interface BuildRuleRecord {
  RepoId: string;
  BuildRuleId: string;
  DockerfileLocation: string;
  DockerfileName: string;
  ImageTag: string;
  PushName: string;
  PushType: PushType;
  /** The build arguments and platforms the rule was given (absent: none). */
  BuildArgs?: string[];
  Platforms?: string[];
  seq: number;
}


function ruleOf(context: InstanceRequest & RequestContext<{ readonly RepoId: string; readonly BuildRuleId: string }>): { repo: RepositoryRecord; rule: BuildRuleRecord } {
  const repo = requireRepo(context, requireInstance(context).InstanceId);
  const ruleId = context.params.BuildRuleId;
  const rule = context.store.get<BuildRuleRecord>(COLLECTIONS.buildRules, key(repo.RepoId, ruleId));
  if (!rule) throw notFound('BUILD_RULE', `build rule ${ruleId}`);
  return { repo, rule };
}

function ruleView(rule: BuildRuleRecord): BuildRule {
  const { BuildRuleId, DockerfileLocation, DockerfileName, PushType, PushName, ImageTag, BuildArgs, Platforms } = rule;
  return {
    BuildRuleId, DockerfileLocation, DockerfileName, PushType, PushName, ImageTag,
    ...(BuildArgs !== undefined && BuildArgs.length > 0 ? { BuildArgs } : {}),
    ...(Platforms !== undefined && Platforms.length > 0 ? { Platforms } : {}),
  };
}

export const buildRuleHandlers = {
  CreateRepoBuildRule(context): Result<'CreateRepoBuildRule'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const { id, seq } = newId(context.store, PREFIX.buildRule);
    const rule: BuildRuleRecord = {
      RepoId: repo.RepoId,
      BuildRuleId: id,
      // Not sent: the spec's defaults, which the server fills in.
      DockerfileLocation: context.params.DockerfileLocation,
      DockerfileName: context.params.DockerfileName,
      ImageTag: checkTag('ImageTag', context.params.ImageTag),
      PushName: context.params.PushName,
      PushType: context.params.PushType,
      ...(context.params.BuildArgs !== undefined ? { BuildArgs: [...context.params.BuildArgs] } : {}),
      ...(context.params.Platforms !== undefined ? { Platforms: [...context.params.Platforms] } : {}),
      seq,
    };
    context.store.put(COLLECTIONS.buildRules, key(repo.RepoId, id), rule);
    return { BuildRuleId: id };
  },

  UpdateRepoBuildRule(context): Result<'UpdateRepoBuildRule'> {
    const { repo, rule } = ruleOf(context);
    const imageTag = context.params.ImageTag;
    rule.DockerfileLocation = context.params.DockerfileLocation || rule.DockerfileLocation;
    rule.DockerfileName = context.params.DockerfileName || rule.DockerfileName;
    rule.ImageTag = imageTag ? checkTag('ImageTag', imageTag) : rule.ImageTag;
    rule.PushName = context.params.PushName || rule.PushName;
    rule.PushType = context.params.PushType ?? rule.PushType;
    // Lists sent replace the rule's; lists left out keep them (as the scalar fields above).
    if (context.params.BuildArgs !== undefined) rule.BuildArgs = [...context.params.BuildArgs];
    if (context.params.Platforms !== undefined) rule.Platforms = [...context.params.Platforms];
    context.store.put(COLLECTIONS.buildRules, key(repo.RepoId, rule.BuildRuleId), rule);
    return { BuildRuleId: rule.BuildRuleId };
  },

  DeleteRepoBuildRule(context): Result<'DeleteRepoBuildRule'> {
    const { repo, rule } = ruleOf(context);
    context.store.delete(COLLECTIONS.buildRules, key(repo.RepoId, rule.BuildRuleId));
    return {};
  },

  ListRepoBuildRule(context): Result<'ListRepoBuildRule'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const rules = context.store.list<BuildRuleRecord>(COLLECTIONS.buildRules, prefix(repo.RepoId));
    const { paging, items } = page(context, sortBy(rules, (r) => [r.seq]));
    return { ...paging, BuildRules: items.map(ruleView) };
  },
} satisfies Partial<Handlers>;
