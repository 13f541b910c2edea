// Converts the parameters of one operation (path-item level and operation level) into the model.
import { SpecError } from '../load/spec-error.js';
import { type Located, type SpecFiles, isRecord } from '../load/spec-files.js';
import type { SchemaConverter } from './schema.js';
import type { ParameterModel, ServerModel } from './types.js';

export interface ParameterContext {
  readonly files: SpecFiles;
  readonly schemas: SchemaConverter;
  readonly server: ServerModel;
}

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
  const { name, in: location, required, description, example } = target.value;
  if (typeof name !== 'string' || name === '') throw new SpecError(at, "a parameter needs a 'name'");
  if (location !== 'query') throw new SpecError(`${at}/in`, `parameter '${name}' is in '${String(location)}'; RPC parameters are all 'query'`);
  if (!isRecord(target.value.schema)) throw new SpecError(at, `parameter '${name}' needs a 'schema'`);
  const type = context.schemas.convert(files.child(target, 'schema'));
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
  };
}
