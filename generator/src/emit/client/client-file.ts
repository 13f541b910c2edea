// Emits src/generated/client.ts: the AcrClient class, one method per operation (lowerCamelCase of
// the Action) and, for paged operations, an `...All` method iterating over every item.
import { type MethodDeclarationStructure, type OptionalKind, Scope, type SourceFile } from 'ts-morph';
import type { ApiModel, OperationModel } from '../../model/index.js';
import { SpecError } from '../../load/spec-error.js';
import { safe } from './docs.js';

export function emitClient(model: ApiModel, file: SourceFile): void {
  file.addImportDeclaration({ moduleSpecifier: '../runtime/index.js', namedImports: ['RpcClient'] });
  file.addImportDeclaration({ moduleSpecifier: '../runtime/index.js', namedImports: ['CallOptions', 'ClientConfig', 'PaginateOptions'], isTypeOnly: true });
  file.addImportDeclaration({ moduleSpecifier: './operations.js', namedImports: ['api', 'operations'] });
  file.addImportDeclaration({ moduleSpecifier: './types.js', namespaceImport: 'T', isTypeOnly: true });
  const methods: OptionalKind<MethodDeclarationStructure>[] = [];
  for (const op of model.operations) {
    methods.push(callMethod(op));
    if (op.pagination) methods.push(allMethod(op));
  }
  checkUniqueNames(methods, model);
  file.addClass({
    name: 'AcrClient',
    isExported: true,
    extends: 'RpcClient',
    docs: [
      [
        `A client of the ${safe(model.title)} (version ${model.apiVersion}).`,
        '',
        'One method per operation, named after its Action in lowerCamelCase, taking the parameters by',
        `their wire names. Requests are signed (signature version ${model.signature.version}), retried and timed out by the runtime.`,
      ].join('\n'),
    ],
    ctors: [
      {
        docs: ['@param config - Region, credentials, endpoint, timeouts, retries and transport (see ClientConfig).'],
        parameters: [{ name: 'config', type: 'ClientConfig' }],
        statements: 'super(config, api);',
      },
    ],
    methods,
  });
}

function callMethod(op: OperationModel): OptionalKind<MethodDeclarationStructure> {
  const optional = op.parameters.every((p) => !p.required || p.serverVariable !== undefined);
  return {
    name: op.methodName,
    scope: Scope.Public,
    docs: [methodDoc(op, [])],
    parameters: [
      { name: 'request', type: `T.${op.name}Request`, ...(optional ? { initializer: '{}' } : {}) },
      { name: 'options', type: 'CallOptions', hasQuestionToken: true },
    ],
    returnType: `Promise<T.${op.name}Response>`,
    statements: `return this.call(operations.${op.name}, request, options);`,
  };
}

function allMethod(op: OperationModel): OptionalKind<MethodDeclarationStructure> {
  const paging = op.pagination!;
  const optional = op.parameters.every((p) => !p.required || p.serverVariable !== undefined || p.name === paging.pageNumberParameter);
  return {
    name: `${op.methodName}All`,
    scope: Scope.Public,
    docs: [
      methodDoc(op, [
        '',
        `Iterates over every item of \`${paging.itemsField}\` across pages, starting at \`${paging.pageNumberParameter}\` (default 1)`,
        `and fetching the next page until the last one (by \`${paging.totalCountField}\`, or an empty or short page).`,
        ...(paging.itemKey === undefined
          ? []
          : [`Each item is yielded once by ${paging.itemKey.map((k) => `\`${k}\``).join(' and ')}, though writes during the listing can still hide an item.`]),
      ]),
    ],
    parameters: [
      { name: 'request', type: `T.${op.name}Request`, ...(optional ? { initializer: '{}' } : {}) },
      { name: 'options', type: 'PaginateOptions', hasQuestionToken: true },
    ],
    returnType: `AsyncGenerator<T.${op.name}Item, void, undefined>`,
    statements: `return this.paginate(operations.${op.name}, request, options);`,
  };
}

function methodDoc(op: OperationModel, extra: string[]): string {
  const lines = [safe(op.summary)];
  if (op.description && op.description !== op.summary) lines.push('', safe(op.description));
  lines.push(...extra);
  lines.push(
    '',
    `RAM: action \`${op.ram.action}\` on \`${op.ram.resource}\`${op.ram.source === 'inferred' ? ' (inferred; the reference has no row for it)' : ''}.`,
  );
  if (op.source) lines.push(`Source: ${op.source} of the vendor's API reference.`);
  lines.push(`@param request - The parameters, by their wire names.`);
  lines.push('@param options - Per-call timeout, retry, abort signal and method.');
  if (op.deprecated) lines.push('@deprecated');
  return lines.join('\n');
}

function checkUniqueNames(methods: OptionalKind<MethodDeclarationStructure>[], model: ApiModel): void {
  const seen = new Set<string>();
  for (const method of methods) {
    if (seen.has(method.name)) {
      const op = model.operations.find((o) => o.methodName === method.name || `${o.methodName}All` === method.name)!;
      throw new SpecError(op.location, `the client method name '${method.name}' is produced twice`);
    }
    seen.add(method.name);
  }
}
