// Storage domain routing (the vendor's API metadata; CURATION.md M-140 to M-142): the rule that says
// which storage domain serves the image layers requested on each domain of an instance. An
// instance has at most one rule (a second Create is refused); its routes name the instance's own
// registry domains (GetInstanceEndpoint's) and http(s) storage addresses. The mock routes nothing:
// its registry serves layers itself, so a rule is recorded and answered, not applied.
import type { RouteItem } from '../generated/index.js';
import type { Context, Handlers, Result } from './context.js';
import { alreadyExists, described, invalidParameter, notFound } from './common/errors.js';
import { newId, PREFIX } from './common/ids.js';
import { requireInstance } from './common/lookup.js';
import { nonEmpty } from './common/params.js';
import { COLLECTIONS } from './common/collections.js';
import { registryDomains } from './endpoints.js';
import type { InstanceRecord } from './instances.js';

export interface StorageRoutingRuleRecord {
  RuleId: string;
  InstanceId: string;
  Routes: RouteItem[];
  CreateTime: number;
  ModifyTime: number;
}

const RESOURCE = 'STORAGE_DOMAIN_ROUTING_RULE';

/** The routes as the rule keeps them, each checked against the instance's domains. */
function checkRoutes(context: Context<'CreateStorageDomainRoutingRule' | 'UpdateStorageDomainRoutingRule'>, instance: InstanceRecord): RouteItem[] {
  const own = new Set(registryDomains(context, instance));
  const seen = new Set<string>();
  return context.params.Routes.map((route, index) => {
    const at = `Routes[${index}]`;
    const domain = route.InstanceDomain.toLowerCase();
    if (!own.has(domain)) throw invalidParameter(`${at}.InstanceDomain`, `it must be a domain of the instance's registry (GetInstanceEndpoint); ${described(route.InstanceDomain)}`);
    const pair = `${domain} ${route.EndpointType}`;
    if (seen.has(pair)) throw invalidParameter(`${at}.InstanceDomain`, `the domain already has a route for the ${route.EndpointType} endpoint in this rule`);
    seen.add(pair);
    let url: URL | undefined;
    try {
      url = new URL(route.StorageDomain);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.hostname === '' || url.username !== '' || url.password !== '') {
      throw invalidParameter(`${at}.StorageDomain`, `it must be an http(s) address without credentials; ${described(route.StorageDomain)}`);
    }
    return { InstanceDomain: domain, StorageDomain: route.StorageDomain, EndpointType: route.EndpointType };
  });
}

/** The instance's rule, checked against the RuleId the request names (when it names one). */
function requireRule(context: Context<'UpdateStorageDomainRoutingRule' | 'DeleteStorageDomainRoutingRule' | 'GetStorageDomainRoutingRule'>): StorageRoutingRuleRecord {
  const instance = requireInstance(context);
  const ruleId = nonEmpty(context.params.RuleId);
  const rule = context.store.get<StorageRoutingRuleRecord>(COLLECTIONS.storageRoutingRules, instance.InstanceId);
  if (!rule || (ruleId !== undefined && rule.RuleId !== ruleId)) throw notFound(RESOURCE, `storage domain routing rule ${ruleId ?? `of instance ${instance.InstanceId}`}`);
  return rule;
}

export const storageRoutingHandlers = {
  CreateStorageDomainRoutingRule(context): Result<'CreateStorageDomainRoutingRule'> {
    const instance = requireInstance(context);
    const existing = context.store.get<StorageRoutingRuleRecord>(COLLECTIONS.storageRoutingRules, instance.InstanceId);
    if (existing) throw alreadyExists(RESOURCE, `storage domain routing rule of instance ${instance.InstanceId} (${existing.RuleId}); update it instead`);
    const routes = checkRoutes(context, instance);
    const { id } = newId(context.store, PREFIX.storageRoutingRule);
    const rule: StorageRoutingRuleRecord = { RuleId: id, InstanceId: instance.InstanceId, Routes: routes, CreateTime: context.now, ModifyTime: context.now };
    context.store.put(COLLECTIONS.storageRoutingRules, instance.InstanceId, rule);
    return { Success: true, RuleId: id };
  },

  UpdateStorageDomainRoutingRule(context): Result<'UpdateStorageDomainRoutingRule'> {
    const rule = requireRule(context);
    const instance = requireInstance(context);
    const updated: StorageRoutingRuleRecord = { ...rule, Routes: checkRoutes(context, instance), ModifyTime: context.now };
    context.store.put(COLLECTIONS.storageRoutingRules, rule.InstanceId, updated);
    return { Success: true };
  },

  DeleteStorageDomainRoutingRule(context): Result<'DeleteStorageDomainRoutingRule'> {
    const rule = requireRule(context);
    context.store.delete(COLLECTIONS.storageRoutingRules, rule.InstanceId);
    return { Success: true };
  },

  GetStorageDomainRoutingRule(context): Result<'GetStorageDomainRoutingRule'> {
    const rule = requireRule(context);
    return { Success: true, RuleId: rule.RuleId, Routes: rule.Routes, CreateTime: rule.CreateTime, ModifyTime: rule.ModifyTime };
  },
} satisfies Partial<Handlers>;
