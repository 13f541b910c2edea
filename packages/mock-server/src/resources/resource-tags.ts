// Resource tags and resource groups (the vendor's API metadata; CURATION.md M-50 to M-53). Tags
// belong to instances, the only resource type: each instance keeps its tags in key order, at most
// TAGS_PER_RESOURCE of them. ListTagResources pages by an opaque NextToken, PAGE_SIZE pairs a page.
// ChangeResourceGroup records the instance's resource group. Error codes are the metadata's
// (`InvalidResourceId.NotFound`, `Duplicate.TagKey`, ...). Decisions in README.md.
import type { Context, Handlers, Result } from './context.js';
import { MockError } from './context.js';
import { COLLECTIONS } from './common/collections.js';
import type { InstanceRecord } from './instances.js';

/** The most tags one instance carries (the metadata's `QuotaExceed.TagsPerResource`; README). */
export const TAGS_PER_RESOURCE = 20;
/** Resource-tag pairs per ListTagResources page. */
export const PAGE_SIZE = 50;

export interface ResourceTagsRecord {
  ResourceId: string;
  /** By key, in key order. */
  tags: { Key: string; Value: string }[];
}

export interface ResourceGroupRecord {
  ResourceId: string;
  ResourceGroupId: string;
}

/**
 * The resource group of an instance, which its namespaces and repositories, image and chart, are
 * in too (CURATION L-21): the group ChangeResourceGroup last put it in, none before.
 */
export function resourceGroupOf(context: { readonly store: Context<'ChangeResourceGroup'>['store'] }, instanceId: string): { ResourceGroupId?: string } {
  const group = context.store.get<ResourceGroupRecord>(COLLECTIONS.resourceGroups, instanceId)?.ResourceGroupId;
  return group === undefined ? {} : { ResourceGroupId: group };
}

type TagPair = NonNullable<NonNullable<Result<'ListTagResources'>['TagResources']>['TagResource']>[number];

const badRequest = (code: string, message: string): MockError => new MockError(400, code, message);

/** The instances the request names, each in the request's region; else InvalidResourceId.NotFound. */
function requireResources(context: Context<'TagResources' | 'UntagResources'>, ids: readonly string[]): string[] {
  const unique = [...new Set(ids)];
  for (const id of unique) {
    const instance = context.store.get<InstanceRecord>(COLLECTIONS.instances, id);
    if (!instance || instance.RegionId !== context.params.RegionId) {
      throw badRequest('InvalidResourceId.NotFound', `The specified ResourceIds are not found in our records: ResourceId.${ids.indexOf(id) + 1}.`);
    }
  }
  return unique;
}

function tagsOf(context: { store: Context<'ListTagResources'>['store'] }, resourceId: string): ResourceTagsRecord {
  return context.store.get<ResourceTagsRecord>(COLLECTIONS.resourceTags, resourceId) ?? { ResourceId: resourceId, tags: [] };
}

function save(context: Context<'TagResources' | 'UntagResources'>, record: ResourceTagsRecord): void {
  if (record.tags.length === 0) context.store.delete(COLLECTIONS.resourceTags, record.ResourceId);
  else context.store.put(COLLECTIONS.resourceTags, record.ResourceId, record);
}

function checkDuplicateKeys(keys: readonly string[]): void {
  const seen = new Set<string>();
  for (let i = 0; i < keys.length; i++) {
    if (seen.has(keys[i])) throw badRequest('Duplicate.TagKey', `The Tag.N.Key contains duplicate keys: Tag.${i + 1}.Key repeats an earlier key.`);
    seen.add(keys[i]);
  }
}

// NextToken: the offset of the page's first pair, base64 of `acr-tags:<offset>`. Anything else is
// InvalidParameter.NextToken (the metadata's code).
const TOKEN_PREFIX = 'acr-tags:';
function tokenOf(offset: number): string {
  return Buffer.from(`${TOKEN_PREFIX}${offset}`).toString('base64');
}
function offsetOf(token: string): number {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const offset = text.startsWith(TOKEN_PREFIX) ? Number(text.slice(TOKEN_PREFIX.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0 || tokenOf(offset) !== token) {
    throw badRequest('InvalidParameter.NextToken', 'The NextToken parameter is invalid: pass the NextToken of the previous page.');
  }
  return offset;
}

export const resourceTagHandlers = {
  // Adds each tag to each resource: a key the resource has gets the new value.
  TagResources(context): Result<'TagResources'> {
    const { ResourceId, Tag } = context.params;
    checkDuplicateKeys(Tag.map((t) => t.Key));
    for (const id of requireResources(context, ResourceId)) {
      const record = tagsOf(context, id);
      const byKey = new Map(record.tags.map((t) => [t.Key, t.Value]));
      for (const tag of Tag) byKey.set(tag.Key, tag.Value);
      if (byKey.size > TAGS_PER_RESOURCE) {
        throw badRequest('QuotaExceed.TagsPerResource', `The maximum number of tags for each resource (${TAGS_PER_RESOURCE}) is exceeded on ${id}.`);
      }
      const tags = [...byKey].map(([Key, Value]) => ({ Key, Value })).sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0));
      save(context, { ResourceId: id, tags });
    }
    return {};
  },

  // Removes the named keys (or, with All and no TagKey, every tag); unknown keys are ignored.
  UntagResources(context): Result<'UntagResources'> {
    const { ResourceId, TagKey, All } = context.params;
    if (ResourceId === undefined || ResourceId.length === 0) throw badRequest('MissingParameter.ResourceIds', 'You must specify ResourceId.N.');
    const keys = TagKey ?? [];
    if (keys.length === 0 && All !== true) throw badRequest('InvalidParameter.TagKeysOrDeleteAll', 'Specify TagKey.N, or All=true to remove every tag.');
    const remove = new Set(keys);
    for (const id of requireResources(context, ResourceId)) {
      const record = tagsOf(context, id);
      save(context, { ResourceId: id, tags: keys.length === 0 ? [] : record.tags.filter((t) => !remove.has(t.Key)) });
    }
    return {};
  },

  // The pairs of the resources that pass both filters (ResourceId: one of them; Tag: carries every
  // tag, a tag without Value matching any value), every tag of each, by ResourceId then key.
  ListTagResources(context): Result<'ListTagResources'> {
    const { ResourceId, Tag, NextToken, RegionId } = context.params;
    const ids = ResourceId !== undefined && ResourceId.length > 0 ? new Set(ResourceId) : undefined;
    const filters = Tag ?? [];
    if (ids === undefined && filters.length === 0) throw badRequest('MissingParameter.ResourceIdsOrTags', 'You must specify ResourceId.N or Tag.N.');
    checkDuplicateKeys(filters.map((t) => t.Key));
    const offset = NextToken === undefined || NextToken === '' ? 0 : offsetOf(NextToken);
    const pairs: TagPair[] = [];
    for (const record of context.store.list<ResourceTagsRecord>(COLLECTIONS.resourceTags)) {
      if (ids !== undefined && !ids.has(record.ResourceId)) continue;
      const instance = context.store.get<InstanceRecord>(COLLECTIONS.instances, record.ResourceId);
      if (!instance || instance.RegionId !== RegionId) continue;
      const carries = filters.every((f) => record.tags.some((t) => t.Key === f.Key && (f.Value === undefined || t.Value === f.Value)));
      if (!carries) continue;
      for (const tag of record.tags) pairs.push({ ResourceId: record.ResourceId, ResourceType: 'Instance', TagKey: tag.Key, TagValue: tag.Value });
    }
    const page = pairs.slice(offset, offset + PAGE_SIZE);
    const next = offset + PAGE_SIZE < pairs.length ? tokenOf(offset + PAGE_SIZE) : '';
    return { NextToken: next, TagResources: { TagResource: page } };
  },

  // Records the instance's resource group; the instance must exist in ResourceRegionId.
  ChangeResourceGroup(context): Result<'ChangeResourceGroup'> {
    const { ResourceId, ResourceRegionId, ResourceGroupId } = context.params;
    const instance = context.store.get<InstanceRecord>(COLLECTIONS.instances, ResourceId);
    if (!instance || instance.RegionId !== ResourceRegionId) throw badRequest('ResourceNotFound', 'The specified resource is not found.');
    if (!/^rg-[a-z0-9]+$/.test(ResourceGroupId)) throw badRequest('InvalidResourceGroup', 'The specified ResourceGroupId is invalid: it must be rg- followed by lower-case letters and digits.');
    context.store.put<ResourceGroupRecord>(COLLECTIONS.resourceGroups, ResourceId, { ResourceId, ResourceGroupId });
    return {};
  },
} satisfies Partial<Handlers>;
