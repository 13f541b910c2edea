// Tag retention rules (the vendor's API metadata, CURATION.md M-70 to M-74): what a rule keeps,
// when it runs on the server's clock (at once, or once per period), and the rule operations.
import { describe, expect, it } from 'vitest';
import { Harness, T0 } from './harness.js';

const I1 = 'cri-mock0000000001';
const DAY = 86_400_000;

type Call = (action: Parameters<Harness['call']>[0], params?: Record<string, string | number | boolean>) => Record<string, unknown>;

/** team/api with tag v1, then copies v2..v5 one minute apart (v5 the most recent); team/web with latest. */
function setup(): { h: Harness; call: Call; tags: (repo?: string) => string[]; repoId: string } {
  const h = new Harness({
    instances: [{ namespaces: [
      { name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'v1' }] }, { name: 'web', tags: [{ tag: 'latest' }, { tag: 'old' }] }] },
      { name: 'other', repositories: [{ name: 'db', tags: [{ tag: 'a' }, { tag: 'b' }] }] },
    ] }],
  });
  const call: Call = (action, params = {}) => h.call(action, { InstanceId: I1, ...params });
  for (const tag of ['v2', 'release-1', 'v3', 'v4', 'v5']) {
    h.advance(60_000);
    call('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v1', ToTag: tag });
  }
  const repoId = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'api' }).RepoId);
  const tags = (repo = repoId): string[] => (call('ListRepoTag', { RepoId: repo, PageSize: 100 }).Images as { Tag: string }[]).map((i) => i.Tag);
  return { h, call, tags, repoId };
}

describe('tag retention rules', () => {
  it('a rule that is not automatic runs at once: keeps the matching tags and the most recent others, deletes the rest', () => {
    const { h, call, tags, repoId } = setup();
    expect(tags()).toEqual(['v5', 'v4', 'v3', 'release-1', 'v2', 'v1']);
    call('CreateRepoTagScanTask', { RepoId: repoId, Tag: 'v1' });
    const ruleId = String(call('CreateArtifactLifecycleRule', {
      Scope: 'REPO', NamespaceName: 'team', RepoName: 'api', TagRegexp: 'release-.*', RetentionTagCount: 2, EnableDeleteTag: true,
    }).RuleId);
    expect(ruleId).toMatch(/^cralr-[0-9a-z]{16}$/);
    expect(tags()).toEqual(['v5', 'v4', 'release-1']);
    // The deleted tag's scan went with it; another repository is outside the rule's scope.
    expect(h.fail('GetRepoTagScanStatus', { InstanceId: I1, RepoId: repoId, Tag: 'v1' }).code).toBe('TAG_NOT_EXIST');
    const web = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'web' }).RepoId);
    expect(tags(web)).toEqual(['latest', 'old']);
    expect(call('GetArtifactLifecycleRule', { RuleId: ruleId })).toMatchObject({
      RuleId: ruleId, InstanceId: I1, Scope: 'REPO', NamespaceName: 'team', RepoName: 'api', TagRegexp: 'release-.*',
      RetentionTagCount: 2, EnableDeleteTag: true, Auto: false, ScheduleTime: 'WEEK',
    });
    expect(call('GetArtifactLifecycleRule', { RuleId: ruleId }).NextTime).toBeUndefined();
  });

  it('a rule without EnableDeleteTag deletes nothing; updating it to true runs it at once', () => {
    const { call, tags } = setup();
    const ruleId = String(call('CreateArtifactLifecycleRule', { NamespaceName: 'team', RetentionTagCount: 1 }).RuleId);
    expect(call('GetArtifactLifecycleRule', { RuleId: ruleId })).toMatchObject({ Scope: 'NAMESPACE', EnableDeleteTag: false });
    expect(tags()).toHaveLength(6);
    call('UpdateArtifactLifecycleRule', { RuleId: ruleId, EnableDeleteTag: true });
    expect(tags()).toEqual(['v5']);
    // NAMESPACE scope: every repository of team, none of other.
    const web = String(call('GetRepository', { RepoNamespaceName: 'team', RepoName: 'web' }).RepoId);
    const db = String(call('GetRepository', { RepoNamespaceName: 'other', RepoName: 'db' }).RepoId);
    expect(tags(web)).toEqual(['latest']);
    expect(tags(db)).toEqual(['a', 'b']);
    expect(call('GetArtifactLifecycleRule', { RuleId: ruleId })).toMatchObject({ RetentionTagCount: 1, NamespaceName: 'team', EnableDeleteTag: true });
  });

  it('an automatic rule runs once per period on the server clock, and each run sees only the tags of its time', () => {
    const { h, call, tags } = setup();
    const created = h.now;
    const ruleId = String(call('CreateArtifactLifecycleRule', {
      Scope: 'REPO', NamespaceName: 'team', RepoName: 'api', RetentionTagCount: 3, EnableDeleteTag: true, Auto: true, ScheduleTime: 'DAY',
    }).RuleId);
    expect(call('GetArtifactLifecycleRule', { RuleId: ruleId }).NextTime).toBe(created + DAY);
    expect(tags()).toHaveLength(6);
    h.advance(DAY - 1);
    expect(tags()).toHaveLength(6);
    // A tag pushed after the first run (read later) is not seen by that run.
    h.advance(2);
    call('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v5', ToTag: 'v6' });
    expect(tags()).toEqual(['v6', 'v5', 'v4', 'v3']);
    expect(call('ListArtifactLifecycleRule').Rules).toMatchObject([{ RuleId: ruleId, NextTime: created + 2 * DAY }]);
    h.advance(DAY);
    expect(tags()).toEqual(['v6', 'v5', 'v4']);
    // After a long pause, one run covers what was pushed in between.
    for (const tag of ['w1', 'w2']) {
      h.advance(10 * DAY);
      call('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v6', ToTag: tag });
    }
    h.advance(DAY);
    expect(tags()).toEqual(['w2', 'w1', 'v6']);
    call('DeleteArtifactLifecycleRule', { RuleId: ruleId });
    h.advance(30 * DAY);
    call('CreateRepoTag', { NamespaceName: 'team', RepoName: 'api', FromTag: 'v6', ToTag: 'w3' });
    h.advance(30 * DAY);
    expect(tags()).toEqual(['w3', 'w2', 'w1', 'v6']);
  });

  it('an INSTANCE rule covers every repository; the schedule restarts when the rule is updated', () => {
    const { h, call, tags } = setup();
    const ruleId = String(call('CreateArtifactLifecycleRule', { RetentionTagCount: 1, EnableDeleteTag: true, Auto: true }).RuleId);
    expect(call('GetArtifactLifecycleRule', { RuleId: ruleId })).toMatchObject({ Scope: 'INSTANCE', ScheduleTime: 'WEEK', NextTime: h.now + 7 * DAY });
    h.advance(6 * DAY);
    call('UpdateArtifactLifecycleRule', { RuleId: ruleId, ScheduleTime: 'MONTH' });
    h.advance(2 * DAY);
    expect(tags()).toHaveLength(6);
    h.advance(28 * DAY);
    expect(tags()).toEqual(['v5']);
    const db = String(call('GetRepository', { RepoNamespaceName: 'other', RepoName: 'db' }).RepoId);
    expect(tags(db)).toEqual(['a']);
  });

  it('lists the rules in creation order, filtered by EnableDeleteTag, and pages them', () => {
    const { call } = setup();
    const a = String(call('CreateArtifactLifecycleRule', { TagRegexp: 'v.*' }).RuleId);
    const b = String(call('CreateArtifactLifecycleRule', { NamespaceName: 'team', RepoName: 'web', RetentionTagCount: 5, EnableDeleteTag: true }).RuleId);
    expect(call('ListArtifactLifecycleRule')).toMatchObject({ TotalCount: 2, PageNo: 1, PageSize: 30, Rules: [{ RuleId: a, Scope: 'INSTANCE' }, { RuleId: b, Scope: 'REPO' }] });
    expect(call('ListArtifactLifecycleRule', { EnableDeleteTag: true })).toMatchObject({ TotalCount: 1, Rules: [{ RuleId: b }] });
    expect(call('ListArtifactLifecycleRule', { EnableDeleteTag: false })).toMatchObject({ TotalCount: 1, Rules: [{ RuleId: a }] });
    expect(call('ListArtifactLifecycleRule', { PageNo: 2, PageSize: 1 }).Rules).toMatchObject([{ RuleId: b }]);
    call('DeleteArtifactLifecycleRule', { RuleId: a });
    expect(call('ListArtifactLifecycleRule').TotalCount).toBe(1);
  });

  it('refuses rules that name the wrong things or keep nothing, and unknown rules', () => {
    const { h } = setup();
    const fail = (action: Parameters<Harness['fail']>[0], params: Record<string, string | number | boolean>) => h.fail(action, { InstanceId: I1, ...params });
    expect(fail('CreateArtifactLifecycleRule', { EnableDeleteTag: true }).code).toBe('InvalidParameter');
    expect(fail('CreateArtifactLifecycleRule', { Scope: 'INSTANCE', NamespaceName: 'team', RetentionTagCount: 1 }).code).toBe('InvalidParameter');
    expect(fail('CreateArtifactLifecycleRule', { Scope: 'PROJECT', RetentionTagCount: 1 }).code).toBe('InvalidParameter');
    expect(fail('CreateArtifactLifecycleRule', { Scope: 'REPO', NamespaceName: 'team', RetentionTagCount: 1 }).code).toBe('InvalidParameter');
    expect(fail('CreateArtifactLifecycleRule', { Scope: 'NAMESPACE', NamespaceName: 'team', RepoName: 'api', RetentionTagCount: 1 }).code).toBe('InvalidParameter');
    expect(fail('CreateArtifactLifecycleRule', { NamespaceName: 'team', RepoName: 'nope', RetentionTagCount: 1 }).code).toBe('REPO_NOT_EXIST');
    expect(fail('CreateArtifactLifecycleRule', { NamespaceName: 'nope', RetentionTagCount: 1 }).code).toBe('NAMESPACE_NOT_EXIST');
    expect(fail('CreateArtifactLifecycleRule', { TagRegexp: '(' }).code).toBe('InvalidParameter');
    expect(fail('CreateArtifactLifecycleRule', { RetentionTagCount: -1 }).code).toBe('InvalidParameter');
    expect(fail('CreateArtifactLifecycleRule', { RetentionTagCount: 1, ScheduleTime: 'HOUR' }).code).toBe('InvalidParameter');
    expect(fail('GetArtifactLifecycleRule', { RuleId: 'cralr-0000000000000000' }).code).toBe('ARTIFACT_LIFECYCLE_RULE_NOT_EXIST');
    expect(fail('UpdateArtifactLifecycleRule', { RuleId: 'cralr-0000000000000000', Auto: true }).code).toBe('ARTIFACT_LIFECYCLE_RULE_NOT_EXIST');
    expect(fail('DeleteArtifactLifecycleRule', { RuleId: 'cralr-0000000000000000' }).code).toBe('ARTIFACT_LIFECYCLE_RULE_NOT_EXIST');
    expect(h.call('ListArtifactLifecycleRule', { InstanceId: I1 }).TotalCount).toBe(0);
    expect(T0).toBeLessThan(h.now);
  });
});
