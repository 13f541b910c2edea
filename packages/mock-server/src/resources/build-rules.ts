// Chapter 14 (and §9.4 UpdateRepoBuildRule), build rules of a repository: build the image
// `ImageTag` from the Dockerfile `DockerfileLocation`/`DockerfileName` of the Git branch or tag
// `PushName`. An update changes only the fields it sends. Rules are listed in creation order.
// Deleting a rule keeps the records of the builds it started.
import type { Handlers, RequestContext } from './context.js';
import { notFound } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { requireInstance, requireRepo } from './common/lookup.js';
import { checkTag } from './common/names.js';
import { pageResponse, sortBy } from './common/paging.js';
import { oneOf, optOneOf, optStr, str } from './common/params.js';
import { C, key, prefix, type BuildRuleRecord, type RepositoryRecord } from './common/records.js';


function ruleOf(context: RequestContext): { repo: RepositoryRecord; rule: BuildRuleRecord } {
  const repo = requireRepo(context, requireInstance(context).InstanceId);
  const ruleId = str(context, 'BuildRuleId');
  const rule = context.store.get<BuildRuleRecord>(C.buildRules, key(repo.RepoId, ruleId));
  if (!rule) throw notFound('BUILD_RULE', `build rule ${ruleId}`);
  return { repo, rule };
}

function ruleView(rule: BuildRuleRecord): Record<string, unknown> {
  const { BuildRuleId, DockerfileLocation, DockerfileName, PushType, PushName, ImageTag } = rule;
  return { BuildRuleId, DockerfileLocation, DockerfileName, PushType, PushName, ImageTag };
}

export const buildRuleHandlers: Pick<Handlers, 'UpdateRepoBuildRule' | 'CreateRepoBuildRule' | 'DeleteRepoBuildRule' | 'ListRepoBuildRule'> = {
  CreateRepoBuildRule(context) {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const { id, seq } = newId(context.store, PREFIX.buildRule);
    const rule: BuildRuleRecord = {
      RepoId: repo.RepoId,
      BuildRuleId: id,
      DockerfileLocation: str(context, 'DockerfileLocation'),
      DockerfileName: str(context, 'DockerfileName'),
      ImageTag: checkTag('ImageTag', str(context, 'ImageTag')),
      PushName: str(context, 'PushName'),
      PushType: oneOf<BuildRuleRecord['PushType']>(context, 'PushType'),
      seq,
    };
    context.store.put(C.buildRules, key(repo.RepoId, id), rule);
    return { BuildRuleId: id };
  },

  UpdateRepoBuildRule(context) {
    const { repo, rule } = ruleOf(context);
    const imageTag = optStr(context, 'ImageTag');
    rule.DockerfileLocation = optStr(context, 'DockerfileLocation') || rule.DockerfileLocation;
    rule.DockerfileName = optStr(context, 'DockerfileName') || rule.DockerfileName;
    rule.ImageTag = imageTag ? checkTag('ImageTag', imageTag) : rule.ImageTag;
    rule.PushName = optStr(context, 'PushName') || rule.PushName;
    rule.PushType = optOneOf<BuildRuleRecord['PushType']>(context, 'PushType') ?? rule.PushType;
    context.store.put(C.buildRules, key(repo.RepoId, rule.BuildRuleId), rule);
    return { BuildRuleId: rule.BuildRuleId };
  },

  DeleteRepoBuildRule(context) {
    const { repo, rule } = ruleOf(context);
    context.store.delete(C.buildRules, key(repo.RepoId, rule.BuildRuleId));
    return {};
  },

  ListRepoBuildRule(context) {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const rules = context.store.list<BuildRuleRecord>(C.buildRules, prefix(repo.RepoId));
    return pageResponse(context, sortBy(rules, (r) => [r.seq]), 'BuildRules', ruleView);
  },
};
