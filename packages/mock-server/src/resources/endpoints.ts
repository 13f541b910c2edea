// Chapter 8, instance access control: the Internet endpoint (enabled or not, with its access
// control list) and the VPC endpoint (the VPCs linked to it) of each module (Registry, Chart) of an
// instance. A module's state is stored once it changes; before that the defaults apply: the
// Internet endpoint enabled with an empty ACL, no linked VPC.
//
// - The Internet endpoint's access control is always on while it is enabled (AclEnable = Enable):
//   only the ACL's entries may reach it. Its Status is RUNNING when enabled, STOPPED when not.
// - A linked VPC is CREATING for `vpcLinkCreatingMs` (seed timings), then RUNNING with an IP
//   address. At most three VPCs per module (the vendor's default quota); a fourth is refused with
//   LINKED_VPC_QUOTA_EXCEEDED. The VPC endpoint is enabled while at least one VPC is linked.
//   EnableCreateDNSRecordInPvzt is taken and has no effect here: its records live in Alibaba Cloud
//   DNS PrivateZone, which the mock does not have (a client resolves the domains it is given).
// - The Registry module's domains point at the server's own registry (src/services/registry/):
//   the default instance's (the first by InstanceId, as the registry takes it) is the address the
//   request reached the server on, when that is an IP address or `localhost` (`127.0.0.1:<port>`,
//   usable as it is: the server may listen on port 0 and only the request knows the port it got).
//   Every other domain is the vendor's name (`<InstanceName>-registry[-vpc].<RegionId>.cr.aliyuncs.com`,
//   `-chart` for Chart), which the registry serves when a request's Host names it.
import { createHash } from 'node:crypto';
import type { AclEntry, Endpoint, EndpointDomain, EndpointType, LinkedVpc } from '../generated/index.js';
import type { Handlers, ItemOf, RequestContext, Result } from './context.js';
import { readSettings } from './common/config.js';
import { alreadyExists, described, invalidParameter, notFound, quotaExceeded } from './common/errors.js';
import { requireInstance, type HasStore, type InstanceRequest } from './common/lookup.js';
import { COLLECTIONS, key, type ModuleName } from './common/collections.js';
import type { InstanceRecord } from './instances.js';

export interface AclEntryRecord {
  Entry: string;
  Comment?: string;
}

export interface LinkedVpcRecord {
  VpcId: string;
  VswitchId: string;
  createTime: number;
  creatingMs: number;
}

/** The endpoints of one module of an instance; absent until first changed (defaults apply). */
export interface EndpointRecord {
  internetEnabled: boolean;
  aclEntries: AclEntryRecord[];
  linkedVpcs: LinkedVpcRecord[];
}

export const LINKED_VPC_QUOTA = 3;
const CIDR = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?:\/(\d{1,2}))?$/;

interface Scope {
  instance: InstanceRecord;
  module: ModuleName;
  state: EndpointRecord;
}

function scopeOf(context: InstanceRequest & RequestContext<{ readonly ModuleName?: ModuleName }>): Scope {
  const instance = requireInstance(context);
  const module = context.params.ModuleName ?? 'Registry';
  const state = context.store.get<EndpointRecord>(COLLECTIONS.endpoints, key(instance.InstanceId, module)) ?? {
    internetEnabled: true,
    aclEntries: [],
    linkedVpcs: [],
  };
  return { instance, module, state };
}

function save(context: HasStore, scope: Scope): void {
  context.store.put(COLLECTIONS.endpoints, key(scope.instance.InstanceId, scope.module), scope.state);
}

/** A Host header that is an IP address or `localhost`, with an optional port: the server's own address. */
const LOCAL_ADDRESS = /^(?:localhost|[0-9]{1,3}(?:\.[0-9]{1,3}){3}|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

function domains(context: HasStore & { readonly host?: string }, scope: Scope, type: EndpointType): EndpointDomain[] {
  const host = context.host;
  if (scope.module === 'Registry' && host !== undefined && LOCAL_ADDRESS.test(host)) {
    const first = context.store.list<InstanceRecord>(COLLECTIONS.instances)[0];
    if (first?.InstanceId === scope.instance.InstanceId) return [{ Domain: host.toLowerCase(), Type: 'SYSTEM' }];
  }
  const suffix = `${scope.module === 'Chart' ? 'chart' : 'registry'}${type === 'vpc' ? '-vpc' : ''}`;
  return [{ Domain: `${scope.instance.InstanceName}-${suffix}.${scope.instance.RegionId}.cr.aliyuncs.com`, Type: 'SYSTEM' }];
}

/** Every domain of the instance's registry (its Internet and VPC endpoints), as GetInstanceEndpoint answers them. */
export function registryDomains(context: HasStore & { readonly host?: string }, instance: InstanceRecord): string[] {
  const scope: Scope = { instance, module: 'Registry', state: { internetEnabled: true, aclEntries: [], linkedVpcs: [] } };
  return [...domains(context, scope, 'internet'), ...domains(context, scope, 'vpc')].flatMap((d) => (d.Domain === undefined ? [] : [d.Domain]));
}

function vpcStatus(vpc: LinkedVpcRecord, now: number): 'CREATING' | 'RUNNING' {
  return now < vpc.createTime + vpc.creatingMs ? 'CREATING' : 'RUNNING';
}

/** The address of the instance in a linked VPC: stable, derived from the VPC and VSwitch. */
function vpcIp(vpc: LinkedVpcRecord): string {
  const bytes = createHash('sha256').update(`${vpc.VpcId}/${vpc.VswitchId}`).digest();
  return `172.16.${bytes[0]}.${(bytes[1] % 253) + 1}`;
}

function checkEntry(entry: string): string {
  const match = CIDR.exec(entry);
  const octetsOk = match !== null && match.slice(1, 5).every((o) => Number(o) <= 255);
  const maskOk = match?.[5] === undefined || Number(match[5]) <= 32;
  if (!octetsOk || !maskOk) throw invalidParameter('Entry', `it must be an IPv4 address or CIDR block; ${described(entry)}`);
  return entry;
}

/** An endpoint without its access control (ListInstanceEndpoint's Summary, CURATION L-19). */
function brief(endpoint: Endpoint): Endpoint {
  const { AclEnable: _acl, ...rest } = endpoint;
  return rest;
}

function internetView(context: HasStore & { readonly host?: string }, scope: Scope): Endpoint {
  const enabled = scope.state.internetEnabled;
  return { Enable: enabled, AclEnable: enabled, Status: enabled ? 'RUNNING' : 'STOPPED', Domains: domains(context, scope, 'internet') };
}

export const endpointHandlers = {
  CreateInstanceVpcEndpointLinkedVpc(context): Result<'CreateInstanceVpcEndpointLinkedVpc'> {
    const scope = scopeOf(context);
    const VpcId = context.params.VpcId;
    const VswitchId = context.params.VswitchId;
    if (scope.state.linkedVpcs.some((v) => v.VpcId === VpcId)) throw alreadyExists('LINKED_VPC', `VPC ${VpcId}`);
    if (scope.state.linkedVpcs.length >= LINKED_VPC_QUOTA) throw quotaExceeded('LINKED_VPC', 'linked VPCs', LINKED_VPC_QUOTA);
    const creatingMs = readSettings(context.store).timings.vpcLinkCreatingMs;
    scope.state.linkedVpcs.push({ VpcId, VswitchId, createTime: context.now, creatingMs });
    save(context, scope);
    return {};
  },

  DeleteInstanceVpcEndpointLinkedVpc(context): Result<'DeleteInstanceVpcEndpointLinkedVpc'> {
    const scope = scopeOf(context);
    const VpcId = context.params.VpcId;
    const VswitchId = context.params.VswitchId;
    const index = scope.state.linkedVpcs.findIndex((v) => v.VpcId === VpcId && v.VswitchId === VswitchId);
    if (index < 0) throw notFound('LINKED_VPC', `VPC ${VpcId} with VSwitch ${VswitchId}`);
    scope.state.linkedVpcs.splice(index, 1);
    save(context, scope);
    return {};
  },

  GetInstanceVpcEndpoint(context): Result<'GetInstanceVpcEndpoint'> {
    const scope = scopeOf(context);
    return {
      Enable: scope.state.linkedVpcs.length > 0,
      ModuleName: scope.module,
      Domains: domains(context, scope, 'vpc').flatMap((d) => (d.Domain === undefined ? [] : [d.Domain])),
      LinkedVpcs: scope.state.linkedVpcs.map((vpc): ItemOf<'GetInstanceVpcEndpoint', 'LinkedVpcs'> => {
        const status = vpcStatus(vpc, context.now);
        const ip = status === 'RUNNING' ? { Ip: vpcIp(vpc) } : {};
        return { VpcId: vpc.VpcId, VswitchId: vpc.VswitchId, ...ip, DefaultAccess: false, Status: status };
      }),
    };
  },

  GetInstanceEndpoint(context): Result<'GetInstanceEndpoint'> {
    const scope = scopeOf(context);
    if (context.params.EndpointType === 'vpc') {
      return { Enable: scope.state.linkedVpcs.length > 0, Domains: domains(context, scope, 'vpc') };
    }
    const entry = (e: AclEntryRecord): ItemOf<'GetInstanceEndpoint', 'AclEntries'> => ({ Entry: e.Entry, Comment: e.Comment ?? '' });
    return { ...internetView(context, scope), AclEntries: scope.state.aclEntries.map(entry) };
  },

  UpdateInstanceEndpointStatus(context): Result<'UpdateInstanceEndpointStatus'> {
    const scope = scopeOf(context);
    scope.state.internetEnabled = context.params.Enable;
    save(context, scope);
    return {};
  },

  CreateInstanceEndpointAclPolicy(context): Result<'CreateInstanceEndpointAclPolicy'> {
    const scope = scopeOf(context);
    const entry = checkEntry(context.params.Entry);
    if (scope.state.aclEntries.some((e) => e.Entry === entry)) throw alreadyExists('ACL_ENTRY', `access control entry ${entry}`);
    const comment = context.params.Comment;
    scope.state.aclEntries.push(comment === undefined ? { Entry: entry } : { Entry: entry, Comment: comment });
    save(context, scope);
    return {};
  },

  DeleteInstanceEndpointAclPolicy(context): Result<'DeleteInstanceEndpointAclPolicy'> {
    const scope = scopeOf(context);
    const entry = context.params.Entry;
    const index = scope.state.aclEntries.findIndex((e) => e.Entry === entry);
    if (index < 0) throw notFound('ACL_ENTRY', `access control entry ${entry}`);
    scope.state.aclEntries.splice(index, 1);
    save(context, scope);
    return {};
  },

  // The module's Internet endpoint first, then its VPC endpoint; with Summary, without access control.
  ListInstanceEndpoint(context): Result<'ListInstanceEndpoint'> {
    const scope = scopeOf(context);
    return {
      Endpoints: [
        context.params.Summary
          ? { EndpointType: 'internet', ...brief(internetView(context, scope)) }
          : { EndpointType: 'internet', ...internetView(context, scope), AclEntries: scope.state.aclEntries.map((e): AclEntry => ({ Entry: e.Entry })) },
        {
          EndpointType: 'vpc',
          Enable: scope.state.linkedVpcs.length > 0,
          Domains: domains(context, scope, 'vpc'),
          LinkedVpcs: scope.state.linkedVpcs.map((v): LinkedVpc => ({ VpcId: v.VpcId })),
        },
      ],
    };
  },
} satisfies Partial<Handlers>;
