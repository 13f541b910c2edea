// Chapter 15, image triggers: webhooks that a repository calls (the mock calls nothing) on
// BUILD_SUCCESS for the tags its expression selects: ALL tags (TriggerTag is then stored empty,
// as the vendor's example shows), a TAG_LIST (comma-separated tags, at least one), or a
// TAG_REG_EXP (a regular expression that must compile). Trigger names are unique in a repository
// (409 TRIGGER_ALREADY_EXIST). Triggers are listed in creation order.
import type { TriggerRepoEvent, TriggerType } from '../generated/index.js';
import type { Handlers, RequestContext, Result } from './context.js';
import { alreadyExists, described, invalidParameter, notFound } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { requireInstance, requireRepo } from './common/lookup.js';
import { checkRegExp } from './common/names.js';
import { sortBy } from './common/paging.js';
import { COLLECTIONS, key, prefix } from './common/collections.js';
import type { RepositoryRecord } from './repositories.js';

export interface TriggerRecord {
  RepoId: string;
  TriggerId: string;
  TriggerName: string;
  TriggerUrl: string;
  TriggerType: TriggerType;
  TriggerTag: string;
  RepoEvent: TriggerRepoEvent;
  seq: number;
}

function checkUrl(url: string): string {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw invalidParameter('TriggerUrl', `it must be an http or https URL; ${described(url)}`);
  }
  return url;
}

function checkTriggerTag(type: TriggerType, tag: string): string {
  if (type === 'ALL') return '';
  if (type === 'TAG_LIST' && tag.split(',').every((t) => t.trim() === '')) throw invalidParameter('TriggerTag', 'a TAG_LIST trigger needs at least one tag');
  if (type === 'TAG_REG_EXP') {
    if (tag === '') throw invalidParameter('TriggerTag', 'a TAG_REG_EXP trigger needs a regular expression');
    checkRegExp('TriggerTag', tag);
  }
  return tag;
}

function triggersOf(context: RequestContext, repo: RepositoryRecord): TriggerRecord[] {
  return context.store.list<TriggerRecord>(COLLECTIONS.triggers, prefix(repo.RepoId));
}

function requireTrigger(context: RequestContext<{ readonly TriggerId: string }>, repo: RepositoryRecord): TriggerRecord {
  const id = context.params.TriggerId;
  const trigger = context.store.get<TriggerRecord>(COLLECTIONS.triggers, key(repo.RepoId, id));
  if (!trigger) throw notFound('TRIGGER', `trigger ${id}`);
  return trigger;
}

function checkUniqueName(context: RequestContext, repo: RepositoryRecord, name: string, self?: string): void {
  if (triggersOf(context, repo).some((t) => t.TriggerName === name && t.TriggerId !== self)) throw alreadyExists('TRIGGER', `trigger ${name}`);
}

export const triggerHandlers = {
  CreateRepoTrigger(context): Result<'CreateRepoTrigger'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const name = context.params.TriggerName;
    checkUniqueName(context, repo, name);
    const type = context.params.TriggerType;
    const { id, seq } = newId(context.store, PREFIX.trigger);
    const trigger: TriggerRecord = {
      RepoId: repo.RepoId,
      TriggerId: id,
      TriggerName: name,
      TriggerUrl: checkUrl(context.params.TriggerUrl),
      TriggerType: type,
      TriggerTag: checkTriggerTag(type, context.params.TriggerTag ?? ''),
      RepoEvent: 'BUILD_SUCCESS',
      seq,
    };
    context.store.put(COLLECTIONS.triggers, key(repo.RepoId, id), trigger);
    return { TriggerId: id };
  },

  // Fields not sent keep their values; a new TriggerType re-checks the tag it applies to.
  UpdateRepoTrigger(context): Result<'UpdateRepoTrigger'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    const trigger = requireTrigger(context, repo);
    const name = context.params.TriggerName ?? trigger.TriggerName;
    checkUniqueName(context, repo, name, trigger.TriggerId);
    const url = context.params.TriggerUrl;
    trigger.TriggerName = name;
    trigger.TriggerUrl = url ? checkUrl(url) : trigger.TriggerUrl;
    trigger.TriggerType = context.params.TriggerType ?? trigger.TriggerType;
    trigger.TriggerTag = checkTriggerTag(trigger.TriggerType, context.params.TriggerTag ?? trigger.TriggerTag);
    context.store.put(COLLECTIONS.triggers, key(repo.RepoId, trigger.TriggerId), trigger);
    return {};
  },

  DeleteRepoTrigger(context): Result<'DeleteRepoTrigger'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    context.store.delete(COLLECTIONS.triggers, key(repo.RepoId, requireTrigger(context, repo).TriggerId));
    return {};
  },

  ListRepoTrigger(context): Result<'ListRepoTrigger'> {
    const repo = requireRepo(context, requireInstance(context).InstanceId);
    return {
      Triggers: sortBy(triggersOf(context, repo), (t) => [t.seq]).map((t) => ({
        TriggerId: t.TriggerId,
        TriggerName: t.TriggerName,
        TriggerUrl: t.TriggerUrl,
        RepoEvent: t.RepoEvent,
        TriggerType: t.TriggerType,
        TriggerTag: t.TriggerTag,
      })),
    };
  },
} satisfies Partial<Handlers>;
