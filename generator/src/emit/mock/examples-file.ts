// Emits the mock server's src/generated/examples.ts: per operation, the spec's example request
// parameters and its example response, as fixtures.
import type { TsFile } from '../shared/ts-file.js';
import type { ApiModel } from '../../model/index.js';

export function emitExamples(model: ApiModel, file: TsFile): void {
  file.addImportDeclaration({ moduleSpecifier: '@acr-ee/api', namedImports: ['OperationName'], isTypeOnly: true });
  file.addInterface({
    name: 'Example',
    isExported: true,
    docs: ["One operation's example: its parameters (by wire name) and the response the spec shows."],
    properties: [
      { name: 'request', type: 'Readonly<Record<string, unknown>>', isReadonly: true },
      { name: 'response', type: 'Readonly<Record<string, unknown>>', isReadonly: true },
    ],
  });
  const table = Object.fromEntries(model.operations.map((op) => [op.name, { request: op.requestExample, response: op.response.example }]));
  file.addVariableStatement({
    isExported: true,
    docs: ["The spec's examples, by Action."],
    name: 'examples', type: 'Readonly<Record<OperationName, Example>>', initializer: JSON.stringify(table, null, 2),
  });
}
