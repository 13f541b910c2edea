// Builds the model of one operation from its path item in the spec.
import { SpecError } from '../load/spec-error.js';
import { type Located, isRecord } from '../load/spec-files.js';
import { PAGING, TOKEN_PAGING, isReadOnlyAction, lowerCamel } from './names.js';
import { type ParameterContext, commonParameter, readParameters } from './parameters.js';
import { WAITERS, readWaiters } from './waiters.js';
import type {
  CommonParameterModel,
  ErrorResponseModel,
  ObjectType,
  OperationModel,
  PaginationModel,
  ParameterModel,
  PropertyModel,
  RamRule,
  ResponseModel,
  RpcModel,
  TypeModel,
} from './types.js';

export interface OperationContext extends ParameterContext {
  readonly rpc: RpcModel;
  readonly tags: ReadonlySet<string>;
}

export interface BuiltOperation {
  readonly operation: OperationModel;
  readonly common: CommonParameterModel[];
}

export function buildOperation(pathKey: string, pathItem: Located, method: string, context: OperationContext): BuiltOperation {
  const { files } = context;
  const node = files.child(pathItem, method);
  const at = files.where(node.file, node.pointer);
  const op = node.value as Record<string, unknown>;
  const name = op.operationId;
  if (typeof name !== 'string' || !/^[A-Z][A-Za-z0-9]*$/.test(name)) {
    throw new SpecError(at, `an operation needs an operationId naming its Action in PascalCase (found ${JSON.stringify(name)})`);
  }
  const expectedKey = context.rpc.pathKeyTemplate.replace('{operationId}', name);
  if (pathKey !== expectedKey) throw new SpecError(at, `operation ${name} is mounted at '${pathKey}'; expected '${expectedKey}'`);
  const common = readParameters(files.child(pathItem, 'parameters'), context).map(commonParameter);
  const all = readParameters(files.child(node, 'parameters'), context);
  const misplaced = all.find((p) => p.sent !== undefined);
  if (misplaced) throw new SpecError(`${at}/parameters`, `parameter '${misplaced.name}' has an x-acr-value, which only common (path-item) parameters take`);
  checkActionParameter(all, name, context.rpc.actionParameter, at);
  const parameters = all.filter((p) => p.name !== context.rpc.actionParameter);
  checkUnique([...common, ...parameters], at);
  const response = readSuccess(node, context);
  const readOnly = isReadOnlyAction(name);
  const waiters = readWaiters(op[WAITERS], { operation: name, readOnly, response: response.type }, context, at);
  return {
    common,
    operation: {
      name,
      methodName: lowerCamel(name),
      group: readGroup(op.tags, context.tags, at),
      summary: text(op.summary, `${at}/summary`),
      description: typeof op.description === 'string' ? op.description.trim() : '',
      source: typeof op['x-acs-source'] === 'string' ? op['x-acs-source'] : '',
      pathKey,
      ram: readRam(op['x-acs-ram'], `${at}/x-acs-ram`),
      readOnly,
      parameters,
      requestExample: Object.fromEntries(parameters.filter((p) => p.example !== undefined).map((p) => [p.name, p.example])),
      response,
      errors: readErrors(node, context),
      ...paginationOf(parameters, response.type, op['x-acr-item-key'], context, at),
      waiters,
      deprecated: op.deprecated === true,
      location: at,
    },
  };
}

function checkActionParameter(params: ParameterModel[], name: string, actionParameter: string, at: string): void {
  const action = params.find((p) => p.name === actionParameter);
  const values = action?.type.kind === 'string' ? action.type.enum : undefined;
  if (!action || !action.required || values?.length !== 1 || values[0] !== name) {
    throw new SpecError(`${at}/parameters`, `operation ${name} must declare a required '${actionParameter}' parameter whose only value is '${name}'`);
  }
}

function checkUnique(params: ParameterModel[], at: string): void {
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.name)) throw new SpecError(`${at}/parameters`, `parameter '${p.name}' is declared twice`);
    seen.add(p.name);
  }
}

function readGroup(tags: unknown, known: ReadonlySet<string>, at: string): string {
  const tag = Array.isArray(tags) ? tags[0] : undefined;
  if (typeof tag !== 'string') throw new SpecError(`${at}/tags`, 'an operation needs one tag (its group)');
  if (!known.has(tag)) throw new SpecError(`${at}/tags`, `tag '${tag}' is not declared in the root 'tags'`);
  return tag;
}

function readRam(value: unknown, at: string): RamRule {
  const ok = isRecord(value) && typeof value.action === 'string' && typeof value.resource === 'string';
  const source = isRecord(value) ? value.source : undefined;
  if (!ok || (source !== 'documented' && source !== 'corrected' && source !== 'inferred')) {
    throw new SpecError(at, "x-acs-ram needs 'action', 'resource' and 'source' (documented, corrected or inferred)");
  }
  return { action: value.action as string, resource: value.resource as string, source };
}

function jsonContent(response: Located, context: ParameterContext, at: string): Located {
  const target = context.files.deref(response);
  const media = context.files.child(context.files.child(target, 'content'), 'application/json');
  if (!isRecord(media.value) || !isRecord(media.value.schema)) throw new SpecError(at, 'the response needs an application/json schema');
  return media;
}

function readSuccess(node: Located, context: ParameterContext): ResponseModel {
  const responses = context.files.child(node, 'responses');
  const ok = context.files.child(responses, '200');
  const at = context.files.where(ok.file, ok.pointer);
  if (!isRecord(ok.value)) throw new SpecError(at, "an operation needs a '200' response");
  const media = jsonContent(ok, context, at);
  const type = context.schemas.convert(context.files.child(media, 'schema'));
  const objectType: ObjectType | undefined =
    type.kind === 'object' ? type : type.kind === 'ref' ? { kind: 'object', bases: [type.name], properties: [], additionalProperties: false } : undefined;
  if (!objectType) throw new SpecError(`${at}/content/application~1json/schema`, 'the success response must be an object');
  const example = (media.value as Record<string, unknown>).example;
  if (example === undefined) throw new SpecError(`${at}/content/application~1json`, 'the success response needs an example');
  const description = context.files.deref(ok).value as Record<string, unknown>;
  return { description: String(description.description ?? '').trim(), type: objectType, example };
}

function readErrors(node: Located, context: ParameterContext): ErrorResponseModel[] {
  const responses = context.files.child(node, 'responses');
  return Object.keys(responses.value as Record<string, unknown>)
    .filter((status) => !/^2/.test(status))
    .map((status) => {
      const response = context.files.child(responses, status);
      const at = context.files.where(response.file, response.pointer);
      const media = jsonContent(response, context, at);
      const body = context.files.deref(response).value as Record<string, unknown>;
      return {
        status,
        description: String(body.description ?? '').trim(),
        type: context.schemas.convert(context.files.child(media, 'schema')),
        example: (media.value as Record<string, unknown>).example,
      };
    });
}

/**
 * Paging is derived: PageNo and PageSize in the request with TotalCount in the response, or
 * NextToken in both; and one list in the response.
 */
function paginationOf(params: ParameterModel[], response: ObjectType, itemKey: unknown, context: ParameterContext, at: string): { pagination?: PaginationModel } {
  const names = new Set(params.map((p) => p.name));
  const fields = context.schemas.flatten(response);
  const byPageNumber = names.has(PAGING.pageNumber) && names.has(PAGING.pageSize);
  const byToken = !byPageNumber && names.has(TOKEN_PAGING.parameter) && fields.some((f) => f.name === TOKEN_PAGING.field);
  if (!byPageNumber && !byToken) {
    if (itemKey !== undefined) {
      throw new SpecError(`${at}/${ITEM_KEY}`, `${ITEM_KEY} is only for paged operations (${PAGING.pageNumber} and ${PAGING.pageSize}, or ${TOKEN_PAGING.parameter})`);
    }
    return {};
  }
  if (byPageNumber && !fields.some((f) => f.name === PAGING.totalCount)) {
    throw new SpecError(at, `the operation takes ${PAGING.pageNumber} and ${PAGING.pageSize} but its response has no ${PAGING.totalCount}`);
  }
  const list = itemsListOf(fields, context, at);
  const common = {
    itemsField: list.field,
    ...(list.inner === undefined ? {} : { itemsInnerField: list.inner }),
    itemType: list.items,
    ...withItemKey(readItemKey(itemKey, list.items, context, `${at}/${ITEM_KEY}`)),
  };
  return {
    pagination: byPageNumber
      ? { kind: 'page-number', pageNumberParameter: PAGING.pageNumber, pageSizeParameter: PAGING.pageSize, totalCountField: PAGING.totalCount, ...common }
      : { kind: 'token', tokenParameter: TOKEN_PAGING.parameter, nextTokenField: TOKEN_PAGING.field, ...common },
  };
}

/**
 * The one list of a paged response: a list field, or else the one list inside the one object
 * field that wraps a list (the XML-shaped `TagResources: { TagResource: [...] }`).
 */
function itemsListOf(fields: readonly PropertyModel[], context: ParameterContext, at: string): { field: string; inner?: string; items: TypeModel } {
  const arrays = (of: readonly PropertyModel[]) => of.filter((f) => resolve(f.type, context).kind === 'array');
  const lists = arrays(fields);
  if (lists.length === 1) return { field: lists[0].name, items: (resolve(lists[0].type, context) as Extract<TypeModel, { kind: 'array' }>).items };
  const wrappers = lists.length > 0 ? [] : fields.flatMap((f) => {
    const type = resolve(f.type, context);
    const inner = type.kind === 'object' ? arrays(context.schemas.flatten(type)) : [];
    return inner.length === 1 ? [{ field: f.name, inner: inner[0].name, items: (resolve(inner[0].type, context) as Extract<TypeModel, { kind: 'array' }>).items }] : [];
  });
  if (wrappers.length === 1) return wrappers[0];
  throw new SpecError(at, `a paged response needs exactly one list field to iterate over (found ${lists.map((f) => f.name).join(', ') || 'none'})`);
}

const ITEM_KEY = 'x-acr-item-key';

const withItemKey = (itemKey: string[] | undefined) => (itemKey === undefined ? {} : { itemKey });

/**
 * The item fields that identify an item: each a string or integer field of the item type. Optional
 * in the model, so that a spec of an earlier release (before the extension) still loads, for
 * `acr-generate diff --base`; the spec's own rules require it on every paged operation.
 */
function readItemKey(value: unknown, itemType: TypeModel, context: ParameterContext, at: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    throw new SpecError(at, `${ITEM_KEY} must be a list of the item fields that identify an item (e.g. [RepoId])`);
  }
  const item = resolve(itemType, context);
  const fields = item.kind === 'object' ? context.schemas.flatten(item) : [];
  for (const name of value as string[]) {
    const field = fields.find((f) => f.name === name);
    const kind = field === undefined ? undefined : resolve(field.type, context).kind;
    if (kind !== 'string' && kind !== 'integer') {
      throw new SpecError(at, `'${name}' is not a string or integer field of the items (fields: ${fields.map((f) => f.name).join(', ') || 'none'})`);
    }
  }
  if (new Set(value).size !== value.length) throw new SpecError(at, `${ITEM_KEY} names a field twice`);
  return value as string[];
}

function resolve(type: TypeModel, context: ParameterContext): TypeModel {
  return type.kind === 'ref' ? resolve(context.schemas.resolveNamed(type.name), context) : type;
}

function text(value: unknown, at: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new SpecError(at, 'is missing (every operation needs a summary)');
  return value.trim();
}
