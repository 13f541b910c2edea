// Emits src/generated/operations.ts: what the runtime needs to know about each operation (its
// Action, whether it only reads, its parameters' wire types and constraints, its paging), and each
// waiter (what it reads, which values and error codes end the wait).
import type { CodeBlockWriter, TsFile } from '../shared/ts-file.js';
import type { ApiModel, CommonParameterModel, OperationModel, PaginationModel, ParameterModel, ServerModel, WaiterModel } from '../../model/index.js';
import { literal, unionText } from '../shared/literal.js';
import { scalarParameter } from '../shared/scalar-parameter.js';
import { SpecError } from '../../load/spec-error.js';

export function emitOperations(model: ApiModel, file: TsFile): void {
  file.addImportDeclaration({ moduleSpecifier: '../runtime/operation.js', namedImports: ['ApiDescription', 'OperationMeta'], isTypeOnly: true });
  file.addImportDeclaration({ moduleSpecifier: '../runtime/waiter.js', namedImports: ['WaiterMeta'], isTypeOnly: true });
  file.addVariableStatement({
    isExported: true,
    docs: ['The API version, the default endpoint (`{regionId}` is the client\'s region) and what every call carries: the Action and Signature parameters, and the common parameters with what the client sends for each.'],
    name: 'api', type: 'ApiDescription', initializer: (w) => writeApi(w, model),
  });
  file.addTypeAlias({
    name: 'OperationName',
    isExported: true,
    docs: ['The Action of every operation of the API.'],
    type: unionText(model.operations.map((op) => op.name)),
  });
  const table = Object.fromEntries(model.operations.map((op) => [op.name, operationMeta(model, op)]));
  file.addVariableStatement({
    isExported: true,
    docs: ['The runtime description of every operation, by Action.'],
    name: 'operations', type: 'Readonly<Record<OperationName, OperationMeta>>', initializer: (w) => writeTable(w, table),
  });
  emitWaiters(model, file);
}

/** `waiters`: every waiter of the spec by name, as the runtime's waiter loop reads it. */
function emitWaiters(model: ApiModel, file: TsFile): void {
  const all = model.operations.flatMap((op) => op.waiters);
  file.addTypeAlias({
    name: 'WaiterName',
    isExported: true,
    docs: ['The name of every waiter of the API (the spec\'s `x-acr-waiters`).'],
    type: unionText(all.map((waiter) => waiter.name)),
  });
  file.addVariableStatement({
    isExported: true,
    docs: ['What each waiter reads and which values or error codes end its wait, by name.'],
    name: 'waiters',
    type: 'Readonly<Record<WaiterName, WaiterMeta>>',
    initializer: (w) => {
      w.write('{').newLine();
      w.indent(() => all.forEach((waiter) => w.writeLine(`${waiter.name}: ${literal(waiterMeta(waiter))},`)));
      w.write('}');
    },
  });
}

function waiterMeta(waiter: WaiterModel) {
  return {
    name: waiter.name,
    ...(waiter.field === undefined ? {} : { field: waiter.field }),
    success: waiter.success,
    failure: waiter.failure,
    successErrors: waiter.successErrors,
    ignoreCase: waiter.ignoreCase,
  };
}

function writeApi(w: CodeBlockWriter, model: ApiModel): void {
  w.write('{').newLine();
  w.indent(() => {
    w.writeLine(`version: ${literal(model.apiVersion)},`);
    w.writeLine('endpoints: {');
    w.indent(() => model.servers.forEach((server) => w.writeLine(`${server.network}: ${literal(endpointMeta(server))},`)));
    w.writeLine('},');
    w.writeLine(`actionParameter: ${literal(model.rpc.actionParameter)},`);
    w.writeLine(`signatureParameter: ${literal(model.signature.parameterName)},`);
    w.writeLine(`v1SigningParams: ${literal(model.signature.parameters)},`);
    w.writeLine('commonParams: [');
    w.indent(() => model.commonParameters.forEach((p) => w.writeLine(`${literal(commonParamMeta(p))},`)));
    w.writeLine('],');
  });
  w.write('}');
}

/** A server as the client's runtime reads it (see ApiDescription.endpoints): its regions only when the spec lists them. */
function endpointMeta(server: ServerModel) {
  const regions = server.variables.find((v) => v.name === 'regionId')?.enum;
  return regions === undefined ? { urlTemplate: server.urlTemplate } : { urlTemplate: server.urlTemplate, regions };
}

/** A common parameter as the client's runtime reads it (see ApiDescription.commonParams). */
function commonParamMeta(p: CommonParameterModel) {
  const { sent } = p;
  return { name: p.name, ...(sent.kind === 'constant' ? { value: sent.value, ...(sent.of ? { of: sent.of } : {}) } : sent.kind === 'request' ? { from: sent.source } : {}) };
}

function operationMeta(model: ApiModel, op: OperationModel) {
  return {
    action: op.name,
    readOnly: op.readOnly,
    params: op.parameters.map((p) => paramMeta(model, op, p)),
    ...(op.pagination ? { pagination: paginationMeta(op.pagination) } : {}),
  };
}

/** What the runtime's page walk reads: the items, their identity, and for token paging the token's names. */
function paginationMeta(paging: PaginationModel) {
  return {
    itemsField: paging.itemsField,
    ...(paging.itemsInnerField === undefined ? {} : { itemsInnerField: paging.itemsInnerField }),
    ...(paging.itemKey ? { itemKey: paging.itemKey } : {}),
    ...(paging.kind === 'token' ? { token: { parameter: paging.tokenParameter, field: paging.nextTokenField } } : {}),
  };
}

function paramMeta(model: ApiModel, op: OperationModel, p: ParameterModel) {
  return { ...scalarParameter(model, op.location, p), ...(p.serverVariable ? { fromConfig: configOption(op, p) } : {}) };
}

/** The client configuration option that fills a parameter mirroring a server variable. */
function configOption(op: OperationModel, p: ParameterModel): 'regionId' {
  if (p.serverVariable !== 'regionId') {
    throw new SpecError(op.location, `parameter '${p.name}' mirrors the server variable '${p.serverVariable}', which the client has no option for`);
  }
  return p.serverVariable;
}

/** The table as an object literal: one operation per block, one parameter per line. */
function writeTable(w: CodeBlockWriter, table: Record<string, ReturnType<typeof operationMeta>>): void {
  w.write('{').newLine();
  w.indent(() => {
    for (const [name, meta] of Object.entries(table)) {
      w.writeLine(`${name}: {`);
      w.indent(() => {
        w.writeLine(`action: ${literal(meta.action)},`);
        w.writeLine(`readOnly: ${meta.readOnly},`);
        w.writeLine('params: [');
        w.indent(() => meta.params.forEach((p) => w.writeLine(`${literal(p)},`)));
        w.writeLine('],');
        if (meta.pagination) w.writeLine(`pagination: ${literal(meta.pagination)},`);
      });
      w.writeLine('},');
    }
  });
  w.write('}');
}
