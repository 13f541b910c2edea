// Builds the whole intermediate model from the spec's root file. Problems are collected per
// operation and reported together (SpecErrors), each naming its file and JSON pointer.
import { SpecError, SpecErrors } from '../load/spec-error.js';
import { type Located, SpecFiles, isRecord } from '../load/spec-files.js';
import { type OperationContext, buildOperation } from './operation.js';
import { SchemaConverter } from './schema.js';
import type { ApiModel, CommonParameterModel, GroupModel, OperationModel, RpcModel, ServerModel, SignatureModel } from './types.js';

const METHODS = ['get', 'post'] as const;

export function buildModel(rootFile: string): ApiModel {
  const files = new SpecFiles(rootFile);
  const root = files.rootNode();
  const doc = root.value;
  if (!isRecord(doc)) throw new SpecErrors([new SpecError(files.where(root.file, ''), 'the root must be a map')]);
  const problems: SpecError[] = [];
  const attempt = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(error);
      return undefined;
    }
  };
  const info = attempt(() => readInfo(files, root));
  const servers = attempt(() => readServers(files, root));
  const server = servers?.[0];
  const rpc = attempt(() => readRpc(files, root));
  const signature = attempt(() => readSignature(files, root));
  const tags = attempt(() => readTags(files, root)) ?? [];
  if (!info || !server || !rpc || !signature) throw new SpecErrors(problems);

  const schemas = new SchemaConverter(files);
  const constants = { apiVersion: info.apiVersion, signature };
  const context: OperationContext = { files, schemas, server, rpc, constants, tags: new Set(tags.map((t) => t.name)) };
  const operations: OperationModel[] = [];
  const common = new Map<string, CommonParameterModel>();
  let firstCommon: { names: string[]; at: string } | undefined;
  const actions = new Map<string, string>();
  const waiterNames = new Map<string, string>();
  const paths = files.child(root, 'paths');
  if (!isRecord(paths.value)) throw new SpecErrors([new SpecError(files.where(root.file, '/paths'), "the root needs 'paths'")]);
  for (const pathKey of Object.keys(paths.value)) {
    const item = files.deref(files.child(paths, pathKey));
    for (const method of METHODS) {
      if (!isRecord(item.value) || item.value[method] === undefined) continue;
      const built = attempt(() => buildOperation(pathKey, item, method, context));
      if (!built) continue;
      const { operation } = built;
      const earlier = actions.get(operation.name);
      if (earlier) {
        problems.push(new SpecError(operation.location, `Action '${operation.name}' is already defined at ${earlier}`));
        continue;
      }
      actions.set(operation.name, operation.location);
      for (const waiter of operation.waiters) {
        const other = waiterNames.get(waiter.name);
        if (other) problems.push(new SpecError(`${operation.location}/x-acr-waiters`, `the waiter '${waiter.name}' is already declared by ${other}`));
        waiterNames.set(waiter.name, operation.name);
      }
      operations.push(operation);
      const names = built.common.map((p) => p.name);
      // Every path item lists the same common parameters: a new one added to some chapters only
      // would otherwise reach the clients of some operations and not others.
      if (firstCommon === undefined) firstCommon = { names, at: operation.location };
      else if (names.join() !== firstCommon.names.join()) {
        problems.push(new SpecError(operation.location, `the path item's common parameters (${names.join(', ')}) differ from those of ${firstCommon.at} (${firstCommon.names.join(', ')})`));
      }
      for (const p of built.common) if (!common.has(p.name)) common.set(p.name, p);
    }
  }
  if (rpc.formatParameter !== undefined && firstCommon !== undefined && !common.has(rpc.formatParameter)) {
    problems.push(new SpecError(files.where(root.file, '/x-acs-rpc/formatParameter'), `'${rpc.formatParameter}' is not a common parameter (${firstCommon.names.join(', ')})`));
  }
  const defaultFormat = attempt(() => readDefaultFormat(rpc, common, files.where(root.file, '/x-acs-rpc/formatParameter')));
  const errorSchema = attempt(() => readErrorSchema(operations, files.where(root.file, '/paths')));
  if (problems.length > 0 || errorSchema === undefined) throw new SpecErrors(problems);
  return {
    ...info,
    server,
    servers,
    rpc: defaultFormat === undefined ? rpc : { ...rpc, defaultFormat },
    signature,
    groups: groupsOf(tags, operations),
    commonParameters: [...common.values()],
    operations,
    schemas: schemas.namedSchemas(),
    errorSchema,
  };
}

function readInfo(files: SpecFiles, root: Located) {
  const info = files.child(root, 'info');
  const at = files.where(info.file, info.pointer);
  if (!isRecord(info.value) || typeof info.value.title !== 'string' || typeof info.value.version !== 'string') {
    throw new SpecError(at, "'info' needs a title and a version");
  }
  return { title: info.value.title, apiVersion: info.value.version, description: String(info.value.description ?? '').trim() };
}

/**
 * Every server, the first being the default (public) endpoint. A server names its network with
 * `x-acs-network` (`public` when absent); a `regionId` enum lists the regions it serves.
 */
function readServers(files: SpecFiles, root: Located): ServerModel[] {
  const node = files.child(root, 'servers');
  const count = Array.isArray(node.value) ? node.value.length : 0;
  if (count === 0) throw new SpecError(files.where(node.file, node.pointer), 'the spec needs one server with a url');
  const servers = Array.from({ length: count }, (_, i) => readServer(files, files.child(node, i)));
  const networks = new Set<string>();
  servers.forEach((server, i) => {
    const at = files.where(node.file, `${node.pointer}/${i}`);
    if (networks.has(server.network)) throw new SpecError(at, `two servers for the network ${JSON.stringify(server.network)}`);
    if (i === 0 && server.network !== 'public') throw new SpecError(at, "the first server is the default endpoint: its x-acs-network must be 'public'");
    networks.add(server.network);
  });
  return servers;
}

function readServer(files: SpecFiles, server: Located): ServerModel {
  const at = files.where(server.file, server.pointer);
  if (!isRecord(server.value) || typeof server.value.url !== 'string') throw new SpecError(at, 'the spec needs one server with a url');
  const network = server.value['x-acs-network'] ?? 'public';
  if (typeof network !== 'string' || !/^[a-z]+$/.test(network)) throw new SpecError(at, 'x-acs-network must be a lower-case word (public, vpc)');
  const variables = isRecord(server.value.variables) ? server.value.variables : {};
  return {
    urlTemplate: server.value.url,
    network,
    variables: Object.entries(variables).map(([name, v]) => {
      const variable = v as Record<string, unknown>;
      const values = variable.enum;
      if (values !== undefined && !(Array.isArray(values) && values.every((x) => typeof x === 'string'))) {
        throw new SpecError(at, `server variable ${name}: enum must list strings`);
      }
      return {
        name,
        default: String(variable.default ?? ''),
        description: String(variable.description ?? ''),
        ...(values === undefined ? {} : { enum: values as string[] }),
      };
    }),
  };
}

/** x-acs-rpc as the spec states it: everything but the default format, which is the format parameter's. */
function readRpc(files: SpecFiles, root: Located): Omit<RpcModel, 'defaultFormat'> {
  const node = files.child(root, 'x-acs-rpc');
  const at = files.where(node.file, node.pointer);
  const v = node.value;
  const ok =
    isRecord(v) &&
    typeof v.path === 'string' &&
    Array.isArray(v.methods) &&
    v.methods.every((m) => m === 'GET' || m === 'POST') &&
    typeof v.actionParameter === 'string' &&
    typeof v.pathKeyTemplate === 'string' &&
    v.pathKeyTemplate.includes('{operationId}') &&
    (v.formatParameter === undefined || typeof v.formatParameter === 'string');
  if (!ok) throw new SpecError(at, "x-acs-rpc needs path, methods (GET/POST), actionParameter and pathKeyTemplate with '{operationId}' (and formatParameter, when given, is a name)");
  return {
    path: v.path as string,
    methods: v.methods as ('GET' | 'POST')[],
    postContentType: String(v.postContentType ?? 'application/x-www-form-urlencoded'),
    actionParameter: v.actionParameter as string,
    pathKeyTemplate: v.pathKeyTemplate as string,
    ...(v.formatParameter !== undefined ? { formatParameter: v.formatParameter as string } : {}),
  };
}

/**
 * The response format a request that names none gets: the schema default of the format parameter
 * x-acs-rpc names, stated there once (an x-acs-rpc `defaultFormat`, which specs before this one
 * carried, is not read). None when the spec names no format parameter.
 */
function readDefaultFormat(rpc: Omit<RpcModel, 'defaultFormat'>, common: ReadonlyMap<string, CommonParameterModel>, at: string): 'XML' | 'JSON' | undefined {
  const format = rpc.formatParameter === undefined ? undefined : common.get(rpc.formatParameter);
  if (format === undefined) return undefined;
  if (format.default !== 'XML' && format.default !== 'JSON') {
    throw new SpecError(at, `the format parameter '${format.name}' needs a schema default, XML or JSON: the response format of a request that names none (found ${format.default === undefined ? 'none' : JSON.stringify(format.default)})`);
  }
  return format.default;
}

function readSignature(files: SpecFiles, root: Located): SignatureModel {
  const security = (root.value as Record<string, unknown>).security;
  const schemeName = Array.isArray(security) && isRecord(security[0]) ? Object.keys(security[0])[0] : undefined;
  const scheme = files.child(files.child(files.child(root, 'components'), 'securitySchemes'), schemeName ?? '');
  const at = files.where(scheme.file, scheme.pointer);
  const v = scheme.value;
  const sig = isRecord(v) ? v['x-acs-signature'] : undefined;
  if (!isRecord(v) || typeof v.name !== 'string' || !isRecord(sig)) {
    throw new SpecError(at, "the root 'security' must name a security scheme with a 'name' and 'x-acs-signature'");
  }
  return {
    parameterName: v.name,
    version: String(sig.version),
    method: String(sig.method),
    keySuffix: String(sig.keySuffix ?? ''),
    stringToSign: String(sig.stringToSign),
    parameters: Array.isArray(sig.parameters) ? sig.parameters.map(String) : [],
    description: String(v.description ?? '').trim(),
  };
}

function readTags(files: SpecFiles, root: Located): { name: string; description: string }[] {
  const tags = files.child(root, 'tags');
  if (!Array.isArray(tags.value)) throw new SpecError(files.where(tags.file, tags.pointer), "the root needs 'tags' (the operation groups)");
  return tags.value.map((tag, index) => {
    if (!isRecord(tag) || typeof tag.name !== 'string') throw new SpecError(files.where(tags.file, `${tags.pointer}/${index}`), 'a tag needs a name');
    return { name: tag.name, description: String(tag.description ?? '').trim() };
  });
}

function groupsOf(tags: { name: string; description: string }[], operations: OperationModel[]): GroupModel[] {
  return tags.map((tag) => ({ ...tag, operations: operations.filter((o) => o.group === tag.name).map((o) => o.name) }));
}

/** The one named schema every error response of every operation uses. */
function readErrorSchema(operations: OperationModel[], at: string): string {
  const names = new Set(operations.flatMap((o) => o.errors.map((e) => (e.type.kind === 'ref' ? e.type.name : '(inline)'))));
  if (names.size !== 1 || names.has('(inline)')) {
    throw new SpecError(at, `every error response must use one shared error schema (found ${[...names].join(', ') || 'none'})`);
  }
  return [...names][0];
}
