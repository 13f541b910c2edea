// Emits @acr-ee/api's src/generated/operations.ts: the API's description as data, written once for
// every package that sends or serves it. `api`: the version, the endpoints, the Action and Signature
// parameters, the default response format and the common parameters (each one's checks and what a
// client sends for it). `operations`: per Action, its chapter, whether it only reads, its RAM rule,
// its parameters with their checks and defaults, its paging and a numeric success Code.
import { SpecError } from '../../load/spec-error.js';
import type { CodeBlockWriter, TsFile } from '../shared/ts-file.js';
import type { ApiModel, CommonParameterModel, OperationModel, PaginationModel, ParameterModel, ServerModel } from '../../model/index.js';
import { literal, unionText } from '../shared/literal.js';
import { scalarParameter } from '../shared/scalar-parameter.js';
import { numericSuccessCode } from '../shared/success-code.js';

export function emitApiTable(model: ApiModel, file: TsFile): void {
  file.addImportDeclaration({ moduleSpecifier: '../description.js', namedImports: ['ApiDescription', 'Operation'], isTypeOnly: true });
  file.addVariableStatement({
    isExported: true,
    docs: ['The API version, its endpoints (`{regionId}` is the caller\'s region) and what every request carries: the Action and Signature parameters, the default response format, and the common parameters with their checks and what a client sends for each.'],
    name: 'api', type: 'ApiDescription', initializer: (w) => writeApi(w, model),
  });
  file.addTypeAlias({
    name: 'OperationName',
    isExported: true,
    docs: ['The Action of every operation of the API.'],
    type: unionText(model.operations.map((op) => op.name)),
  });
  file.addVariableStatement({
    isExported: true,
    docs: ['Every operation of the API, by Action.'],
    name: 'operations', type: 'Readonly<Record<OperationName, Operation>>', initializer: (w) => writeOperations(w, model),
  });
}

function writeApi(w: CodeBlockWriter, model: ApiModel): void {
  w.write('{').newLine();
  w.indent(() => {
    w.writeLine(`version: ${literal(model.apiVersion)},`);
    w.writeLine('endpoints: {');
    w.indent(() => model.servers.forEach((server) => w.writeLine(`${server.network}: ${literal(endpointOf(server))},`)));
    w.writeLine('},');
    w.writeLine(`actionParameter: ${literal(model.rpc.actionParameter)},`);
    w.writeLine(`signatureParameter: ${literal(model.signature.parameterName)},`);
    w.writeLine(`v1SigningParams: ${literal(model.signature.parameters)},`);
    w.writeLine(`defaultFormat: ${literal(defaultFormatOf(model))},`);
    if (model.rpc.formatParameter !== undefined) w.writeLine(`formatParameter: ${literal(model.rpc.formatParameter)},`);
    w.writeLine('commonParameters: [');
    w.indent(() => model.commonParameters.forEach((p) => w.writeLine(`${literal(commonParameterOf(model, p))},`)));
    w.writeLine('],');
  });
  w.write('}');
}

/** A server: its URL template, and its regions only when the spec lists them. */
function endpointOf(server: ServerModel) {
  const regions = server.variables.find((v) => v.name === 'regionId')?.enum;
  return regions === undefined ? { urlTemplate: server.urlTemplate } : { urlTemplate: server.urlTemplate, regions };
}

/** The table states the default response format; the model has one when the spec names the format parameter. */
function defaultFormatOf(model: ApiModel): 'XML' | 'JSON' {
  if (model.rpc.defaultFormat === undefined) {
    throw new SpecError('x-acs-rpc', "@acr-ee/api states the default response format: name the format parameter (formatParameter) and give its schema a default");
  }
  return model.rpc.defaultFormat;
}

/**
 * A common parameter's checks, then what a client sends for it (its x-acr-value). Its default is
 * not repeated: the only one a common parameter has is the format parameter's, which the table
 * states as `defaultFormat`; any other would have nowhere to go, so it is refused, not dropped.
 */
function commonParameterOf(model: ApiModel, p: CommonParameterModel) {
  if (p.default !== undefined && p.name !== model.rpc.formatParameter) {
    throw new SpecError(`components/parameters#/${p.component ?? p.name}`, `common parameter '${p.name}' has a default: @acr-ee/api has a place only for the format parameter's (defaultFormat)`);
  }
  const { sent } = p;
  const sends = sent.kind === 'constant' ? { value: sent.value, ...(sent.of ? { of: sent.of } : {}) } : sent.kind === 'request' ? { from: sent.source } : {};
  return { ...scalarParameter(model, 'common parameters', p), ...sends };
}

/** An operation's parameter: its checks, the server variable it mirrors, the value the service takes when it is not sent. */
function parameterOf(model: ApiModel, op: OperationModel, p: ParameterModel) {
  return {
    ...scalarParameter(model, op.location, p),
    ...(p.serverVariable ? { serverVariable: p.serverVariable } : {}),
    ...(p.default !== undefined ? { default: p.default } : {}),
  };
}

/** What a page walk reads: the items, their identity, and for token paging the token's names. */
function paginationOf(paging: PaginationModel) {
  return {
    itemsField: paging.itemsField,
    ...(paging.itemsInnerField === undefined ? {} : { itemsInnerField: paging.itemsInnerField }),
    ...(paging.itemKey ? { itemKey: paging.itemKey } : {}),
    ...(paging.kind === 'token' ? { token: { parameter: paging.tokenParameter, field: paging.nextTokenField } } : {}),
  };
}

/** The table as an object literal: one operation per block, one parameter per line. */
function writeOperations(w: CodeBlockWriter, model: ApiModel): void {
  w.write('{').newLine();
  w.indent(() => {
    for (const op of model.operations) {
      const successCode = numericSuccessCode(model, op);
      w.writeLine(`${op.name}: {`);
      w.indent(() => {
        w.writeLine(`action: ${literal(op.name)},`);
        w.writeLine(`group: ${literal(op.group)},`);
        w.writeLine(`readOnly: ${op.readOnly},`);
        w.writeLine(`ram: ${literal({ action: op.ram.action, resource: op.ram.resource })},`);
        w.writeLine('params: [');
        w.indent(() => op.parameters.forEach((p) => w.writeLine(`${literal(parameterOf(model, op, p))},`)));
        w.writeLine('],');
        if (op.pagination) w.writeLine(`pagination: ${literal(paginationOf(op.pagination))},`);
        if (successCode !== undefined) w.writeLine(`successCode: ${successCode},`);
      });
      w.writeLine('},');
    }
  });
  w.write('}');
}
