// Converts the parameters of one operation (path-item level and operation level) into the model.
import { SpecError } from '../load/spec-error.js';
import { type Located, type SpecFiles, isRecord } from '../load/spec-files.js';
import type { SchemaConverter } from './schema.js';
import type { ApiConstant, CommonParameterModel, ParameterModel, RequestSource, SentValue, ServerModel, SignatureModel, TypeModel } from './types.js';

export interface ParameterContext {
  readonly files: SpecFiles;
  readonly schemas: SchemaConverter;
  readonly server: ServerModel;
  /** The values `x-acr-value: {from: ...}` may name besides the request's own. */
  readonly constants: { readonly apiVersion: string; readonly signature: SignatureModel };
}

const REQUEST_SOURCES: readonly RequestSource[] = ['accessKeyId', 'securityToken', 'signatureNonce', 'timestamp', 'resourceOwnerAccount'];

/** The parameters of a `parameters` list node, each `$ref` followed. */
export function readParameters(list: Located, context: ParameterContext): ParameterModel[] {
  if (list.value === undefined) return [];
  const at = context.files.where(list.file, list.pointer);
  if (!Array.isArray(list.value)) throw new SpecError(at, "'parameters' must be a list");
  return list.value.map((_, index) => readParameter(context.files.child(list, index), context));
}

function readParameter(node: Located, context: ParameterContext): ParameterModel {
  const { files } = context;
  const isRef = isRecord(node.value) && typeof node.value.$ref === 'string';
  const target = files.deref(node);
  const at = files.where(target.file, target.pointer);
  if (!isRecord(target.value)) throw new SpecError(at, 'a parameter must be an object');
  const { name, in: location, required, description, example, 'x-acr-value': sent, 'x-acr-style': style } = target.value;
  if (typeof name !== 'string' || name === '') throw new SpecError(at, "a parameter needs a 'name'");
  if (location !== 'query') throw new SpecError(`${at}/in`, `parameter '${name}' is in '${String(location)}'; RPC parameters are all 'query'`);
  const schemaNode = parameterSchema(target, name, context, at);
  const schemaAt = files.where(schemaNode.file, schemaNode.pointer);
  const converted = context.schemas.convert(schemaNode);
  const resolved = converted.kind === 'ref' ? context.schemas.resolveNamed(converted.name) : converted;
  // A default is the parameter's (the value the service takes when the request leaves it out), so
  // it is stated beside the parameter's schema; one in a shared schema would apply to every use of
  // it, responses included, and a plain $ref would otherwise lose it without a word.
  if (converted.kind === 'ref' && resolved.default !== undefined) {
    throw new SpecError(schemaAt, `parameter '${name}' refers to the shared schema '${converted.name}', which has a default: a default belongs to the parameter; state it beside an allOf of the shared schema (allOf: [{$ref: ...}], default: ...) and remove it from the shared schema`);
  }
  const fallback = converted.default === undefined ? undefined : readDefault(converted.default, resolved, required === true, name, `${schemaAt}/default`);
  const type = withoutDefault(converted);
  const structured = resolved.kind === 'array' || resolved.kind === 'object';
  if (style !== undefined && style !== 'repeatList' && style !== 'json') {
    throw new SpecError(`${at}/x-acr-style`, `parameter '${name}': x-acr-style must be 'repeatList' or 'json', found ${JSON.stringify(style)}`);
  }
  if (structured && style === undefined) {
    throw new SpecError(at, `parameter '${name}' is ${resolved.kind === 'array' ? 'an array' : 'an object'}: it needs an x-acr-style ('repeatList' or 'json') saying how it goes on the wire`);
  }
  if (!structured && style !== undefined) throw new SpecError(`${at}/x-acr-style`, `parameter '${name}' is a scalar; only arrays and objects have an x-acr-style`);
  const serverVariable = context.server.variables.find((v) => v.name.toLowerCase() === name.toLowerCase())?.name;
  return {
    name,
    in: 'query',
    required: required === true,
    description: typeof description === 'string' ? description.trim() : '',
    type,
    ...(example !== undefined ? { example } : type.example !== undefined ? { example: type.example } : {}),
    ...(serverVariable ? { serverVariable } : {}),
    ...(isRef ? { component: target.pointer.split('/').pop() } : {}),
    ...(sent !== undefined ? { sent: readSent(sent, type, context, `${at}/x-acr-value`) } : {}),
    ...(style !== undefined ? { style } : {}),
    ...(fallback !== undefined ? { default: fallback } : {}),
  };
}

/** A parameter's type without its schema's default: the model keeps that once, as the parameter's `default`. */
function withoutDefault(type: TypeModel): TypeModel {
  if (type.default === undefined) return type;
  const copy: { default?: unknown } & TypeModel = { ...type };
  delete copy.default;
  return copy;
}

/**
 * The value the service takes for a parameter a request does not send (its schema's `default`):
 * a scalar of the parameter's kind and, when it has one, of its enum. A required parameter is
 * always sent, and a structured one would need its own wire form, so neither may have one.
 */
function readDefault(value: unknown, type: TypeModel, required: boolean, name: string, at: string): string | number | boolean {
  if (required) throw new SpecError(at, `parameter '${name}' is required: a default would never apply`);
  const kinds: Record<string, string> = { string: 'string', integer: 'number', number: 'number', boolean: 'boolean' };
  const expected = kinds[type.kind];
  if (expected === undefined) throw new SpecError(at, `parameter '${name}' is ${type.kind === 'array' ? 'an array' : 'an object'}: only a scalar parameter may have a default`);
  const fits = typeof value === expected && (type.kind !== 'integer' || Number.isInteger(value));
  if (!fits) throw new SpecError(at, `the default of parameter '${name}' must be a ${type.kind} (found ${JSON.stringify(value)})`);
  const allowed = type.kind === 'string' || type.kind === 'integer' ? (type.enum as readonly unknown[] | undefined) : undefined;
  if (allowed !== undefined && !allowed.includes(value)) {
    throw new SpecError(at, `the default '${String(value)}' of parameter '${name}' is not one of its enum (${allowed.join(', ')})`);
  }
  return value as string | number | boolean;
}

/**
 * A scalar parameter's `schema`; an array or object parameter's schema under `content`
 * `application/json` (OpenAPI's way to say the value is serialized; its x-acr-style says how).
 */
function parameterSchema(target: Located, name: string, context: ParameterContext, at: string): Located {
  const { files } = context;
  const value = target.value as Record<string, unknown>;
  if (value.content !== undefined) {
    const content = value.content;
    if (value.schema !== undefined) throw new SpecError(at, `parameter '${name}' has both 'schema' and 'content'`);
    if (!isRecord(content) || Object.keys(content).length !== 1 || !isRecord(content['application/json']) || !isRecord(content['application/json'].schema)) {
      throw new SpecError(`${at}/content`, `parameter '${name}': 'content' must hold one 'application/json' media type with a 'schema'`);
    }
    if (value['x-acr-style'] === undefined) throw new SpecError(at, `parameter '${name}' has 'content': it needs an x-acr-style ('repeatList' or 'json')`);
    return files.child(files.child(files.child(target, 'content'), 'application/json'), 'schema');
  }
  if (!isRecord(value.schema)) throw new SpecError(at, `parameter '${name}' needs a 'schema'`);
  if (value['x-acr-style'] !== undefined) {
    throw new SpecError(at, `parameter '${name}' has an x-acr-style: declare its schema under 'content: application/json' (a structured value, not a scalar)`);
  }
  return files.child(target, 'schema');
}

/** A parameter of the path item (every operation's), with what a client sends for it. */
export function commonParameter(p: ParameterModel): CommonParameterModel {
  if (p.sent !== undefined) return { ...p, sent: p.sent };
  const only = p.type.kind === 'string' && p.type.enum?.length === 1 ? p.type.enum[0] : undefined;
  if (only !== undefined) return { ...p, sent: { kind: 'constant', value: only } };
  // A required one is still read (a spec of an earlier release loads for `acr-generate diff`);
  // the client emitter refuses it, since the client could not send a valid request.
  return { ...p, sent: { kind: 'omitted' } };
}

function readSent(value: unknown, type: TypeModel, context: ParameterContext, at: string): SentValue {
  const keys = isRecord(value) ? Object.keys(value) : [];
  const { apiVersion, signature } = context.constants;
  const constants: Record<ApiConstant, string> = { apiVersion, signatureMethod: signature.method, signatureVersion: signature.version };
  let sent: SentValue | undefined;
  if (isRecord(value) && keys.length === 1 && typeof value.value === 'string') sent = { kind: 'constant', value: value.value };
  else if (isRecord(value) && keys.length === 1 && typeof value.from === 'string') {
    const from = value.from;
    if (Object.hasOwn(constants, from)) sent = { kind: 'constant', value: constants[from as ApiConstant], of: from as ApiConstant };
    else if ((REQUEST_SOURCES as readonly string[]).includes(from)) sent = { kind: 'request', source: from as RequestSource };
  }
  if (sent === undefined) {
    const names = [...Object.keys(constants), ...REQUEST_SOURCES].join(', ');
    throw new SpecError(at, `x-acr-value needs one key: 'value' (a fixed string) or 'from' (one of ${names})`);
  }
  // A fixed value the parameter's own schema refuses would make every request invalid.
  const allowed = type.kind === 'string' ? type.enum : undefined;
  if (sent.kind === 'constant' && allowed !== undefined && !allowed.includes(sent.value)) {
    throw new SpecError(at, `the value '${sent.value}' is not one of the parameter's enum (${allowed.join(', ')})`);
  }
  return sent;
}
