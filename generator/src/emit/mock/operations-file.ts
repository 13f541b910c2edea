// Emits the mock server's src/generated/operations.ts: the API's wire facts and, per operation,
// its group, RAM rule, parameters with their constraints, and paging.
import type { CodeBlockWriter, TsFile } from '../shared/ts-file.js';
import { SpecError } from '../../load/spec-error.js';
import type { ApiModel, OperationModel } from '../../model/index.js';
import { literal, unionText } from '../shared/literal.js';
import { scalarParameter } from '../shared/scalar-parameter.js';
import { numericSuccessCode } from './types-file.js';

export function emitMockOperations(model: ApiModel, file: TsFile): void {
  file.addImportDeclaration({ moduleSpecifier: '../runtime/operation.js', namedImports: ['ApiSpec', 'OperationSpec'], isTypeOnly: true });
  const api = {
    version: model.apiVersion,
    defaultFormat: model.rpc.defaultFormat,
    formatParameter: formatParameterOf(model),
    actionParameter: model.rpc.actionParameter,
    signatureParameter: model.signature.parameterName,
    signatureMethod: model.signature.method,
    signatureVersion: model.signature.version,
    endpointTemplate: model.server.urlTemplate,
    methods: model.rpc.methods,
    postContentType: model.rpc.postContentType,
    commonParameters: model.commonParameters.map((p) => scalarParameter(model, 'common parameters', p)),
    commonNames: commonNamesOf(model),
  };
  file.addVariableStatement({
    isExported: true,
    docs: ['The wire facts of the API: version, default format, the Action and Signature parameters, the common parameters.'],
    name: 'api', type: 'ApiSpec', initializer: (w) => writeObject(w, api),
  });
  file.addTypeAlias({
    name: 'OperationName',
    isExported: true,
    docs: ['The Action of every operation of the API.'],
    type: unionText(model.operations.map((op) => op.name)),
  });
  file.addVariableStatement({
    isExported: true,
    docs: ['Every operation, by Action: what the server routes, validates and authorizes with.'],
    name: 'operations', type: 'Readonly<Record<OperationName, OperationSpec>>', initializer: (w) => writeOperations(w, model),
  });
}

/** The parameter the server reads the response format from (x-acs-rpc's formatParameter). */
function formatParameterOf(model: ApiModel): string {
  if (model.rpc.formatParameter === undefined) throw new SpecError('x-acs-rpc', 'the mock server needs formatParameter, the common parameter choosing the response format');
  return model.rpc.formatParameter;
}

/** What the server reads a caller's key, token, nonce, time and version from. */
const NAMED = ['accessKeyId', 'securityToken', 'signatureNonce', 'timestamp', 'apiVersion'] as const;

/**
 * The wire names of the common parameters the server checks by what they carry, from their
 * `x-acr-value` (`from: timestamp` is the request time, whatever the parameter is called).
 */
function commonNamesOf(model: ApiModel): Record<(typeof NAMED)[number], string> {
  const names: Partial<Record<string, string>> = {};
  for (const p of model.commonParameters) {
    const role = p.sent.kind === 'request' ? p.sent.source : p.sent.kind === 'constant' ? p.sent.of : undefined;
    if (role !== undefined) names[role] = p.name;
  }
  const missing = NAMED.filter((role) => names[role] === undefined);
  if (missing.length > 0) {
    throw new SpecError('components/parameters', `the mock server checks callers by common parameters the spec does not name: give one an x-acr-value from ${missing.join(', ')}`);
  }
  return Object.fromEntries(NAMED.map((role) => [role, names[role]!])) as Record<(typeof NAMED)[number], string>;
}

function operationSpec(model: ApiModel, op: OperationModel) {
  return {
    action: op.name,
    group: op.group,
    readOnly: op.readOnly,
    ram: { action: op.ram.action, resource: op.ram.resource },
    params: op.parameters.map((p) => scalarParameter(model, op.location, p)),
    ...(op.pagination ? { pagination: { itemsField: op.pagination.itemsField } } : {}),
    ...(numericSuccessCode(model, op) !== undefined ? { successCode: numericSuccessCode(model, op) } : {}),
  };
}

function writeObject(w: CodeBlockWriter, value: Record<string, unknown>): void {
  w.write('{').newLine();
  w.indent(() => {
    for (const [key, v] of Object.entries(value)) {
      if (Array.isArray(v) && v.some((item) => typeof item === 'object')) {
        w.writeLine(`${key}: [`);
        w.indent(() => v.forEach((item) => w.writeLine(`${literal(item)},`)));
        w.writeLine('],');
      } else w.writeLine(`${key}: ${literal(v)},`);
    }
  });
  w.write('}');
}

function writeOperations(w: CodeBlockWriter, model: ApiModel): void {
  w.write('{').newLine();
  w.indent(() => {
    for (const op of model.operations) {
      w.write(`${op.name}: `);
      writeObject(w, operationSpec(model, op));
      w.write(',').newLine();
    }
  });
  w.write('}');
}
