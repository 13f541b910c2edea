// Emits the AcrClient: per chapter, the interface of its methods (one per operation, lowerCamelCase
// of the Action, and for paged operations an `...All` method iterating over every item) and a
// function giving a client class those methods (chapters/*.ts); and client.ts, the class, which
// extends every chapter's class over RpcClient (see the client runtime's methods.ts for why).
import type { CodeBlockWriter, MethodSignature, TsFile } from '../shared/ts-file.js';
import { type ApiModel, type OperationModel, type WaiterModel, cursorParameter } from '../../model/index.js';
import { SpecError } from '../../load/spec-error.js';
import { safe } from './docs.js';
import { type Chapter, relativeModule } from './layout.js';

interface Method {
  readonly signature: MethodSignature;
  /** Whether the whole request may be left out (no parameter the caller must give). */
  readonly optionalRequest: boolean;
  /** The statement of its body: `return this.call(operations.GetInstance, request, options);` */
  readonly body: string;
}

export function emitClient(model: ApiModel, chapters: readonly Chapter[], file: TsFile): void {
  checkUniqueNames(model);
  file.addImportDeclaration({ moduleSpecifier: '../runtime/index.js', namedImports: ['RpcClient'] });
  file.addImportDeclaration({ moduleSpecifier: '../runtime/index.js', namedImports: ['ClientConfig'], isTypeOnly: true });
  file.addImportDeclaration({ moduleSpecifier: '@acr-ee/api', namedImports: ['api'] });
  for (const chapter of chapters) {
    file.addImportDeclaration({
      moduleSpecifier: relativeModule('client.ts', chapter.methodsFile),
      namedImports: [chapter.mixinName, { name: chapter.interfaceName, isTypeOnly: true }],
    });
  }
  file.addClass({
    name: 'AcrClient',
    isExported: true,
    // One chapter per line, the spec's first chapter outermost. Typed as RpcClient, with the
    // chapters' methods declared by the interface below: a declaration file a reader can follow.
    extends: `(${chapters.map((c) => `${c.mixinName}(`).join('\n  ')}RpcClient${')'.repeat(chapters.length)} as typeof RpcClient)`,
    docs: [
      [
        `A client of the ${safe(model.title)} (version ${model.apiVersion}).`,
        '',
        'One method per operation, named after its Action in lowerCamelCase, taking the parameters by',
        `their wire names. Requests are signed (${model.signature.method}, signature version ${model.signature.version}), retried and timed out by the runtime.`,
        "The methods are written chapter by chapter (chapters/*.ts): each chapter's class stands between RpcClient and this one.",
      ].join('\n'),
    ],
    ctor: {
      docs: ['@param config - Region, credentials, endpoint, timeouts, retries and transport (see ClientConfig).'],
      parameters: [{ name: 'config', type: 'ClientConfig' }],
      statements: ['super(config, api);'],
    },
  });
  file.addInterface({
    name: 'AcrClient',
    isExported: true,
    docs: ['The methods of every chapter, as the classes the class above extends define them.'],
    extends: chapters.map((c) => c.interfaceName),
  });
}

/** One chapter's methods: their interface (with the spec's doc comments) and the class implementing them. */
export function emitChapterMethods(chapter: Chapter, file: TsFile): void {
  const hasPaging = chapter.operations.some((op) => op.pagination);
  const hasWaiters = chapter.operations.some((op) => op.waiters.length > 0);
  file.addImportDeclaration({
    moduleSpecifier: '../../runtime/index.js',
    namedImports: ['CallOptions', ...(hasPaging ? ['PaginateOptions'] : []), ...(hasWaiters ? ['WaitOptions', 'WaiterResult'] : [])],
    isTypeOnly: true,
  });
  file.addImportDeclaration({ moduleSpecifier: '../../runtime/methods.js', namedImports: ['ChapterBase', 'WithMethods'], isTypeOnly: true });
  file.addImportDeclaration({ moduleSpecifier: '@acr-ee/api', namedImports: ['operations'] });
  if (hasWaiters) file.addImportDeclaration({ moduleSpecifier: '../waiters.js', namedImports: ['waiters'] });
  file.addImportDeclaration({ moduleSpecifier: relativeModule(chapter.methodsFile, chapter.typesFile), namespaceImport: 'T', isTypeOnly: true });
  const methods = chapter.operations.flatMap((op) => [callMethod(op), ...(op.pagination ? [allMethod(op)] : []), ...op.waiters.map((waiter) => waitMethod(op, waiter))]);
  file.addInterface({
    name: chapter.interfaceName,
    isExported: true,
    docs: [`The operations of ${safe(chapter.group.name)}: ${safe(chapter.group.description)}`],
    methods: methods.map((m) => m.signature),
  });
  file.addFunction({
    name: chapter.mixinName,
    isExported: true,
    docs: [`Gives a client class the methods of {@link ${chapter.interfaceName}} (AcrClient has every chapter's).`],
    typeParameters: ['Base extends ChapterBase'],
    parameters: [{ name: 'base', type: 'Base' }],
    returnType: `WithMethods<Base, ${chapter.interfaceName}>`,
    body: (w: CodeBlockWriter) => {
      w.writeLine(`abstract class ${chapter.className} extends base implements ${chapter.interfaceName} {`);
      w.indent(() => methods.forEach((m) => writeImplementation(w, m)));
      w.writeLine('}');
      w.writeLine(`return ${chapter.className};`);
    },
  });
}

/** A method of the chapter's class: the interface's signature, typed again (a class method is not typed by the interface it implements). */
function writeImplementation(w: CodeBlockWriter, method: Method): void {
  const [request, options] = method.signature.parameters;
  const requestText = method.optionalRequest ? `${request.name}: ${request.type} = {}` : `${request.name}: ${request.type}`;
  w.writeLine(`${method.signature.name}(${requestText}, ${options.name}?: ${options.type}): ${method.signature.returnType} {`);
  w.indent(() => w.writeLine(method.body));
  w.writeLine('}');
}

function callMethod(op: OperationModel): Method {
  const optional = op.parameters.every((p) => !p.required || p.serverVariable !== undefined);
  return {
    signature: {
      name: op.methodName,
      docs: [methodDoc(op, [])],
      parameters: [
        { name: 'request', type: `T.${op.name}Request`, hasQuestionToken: optional },
        { name: 'options', type: 'CallOptions', hasQuestionToken: true },
      ],
      returnType: `Promise<T.${op.name}Response>`,
    },
    optionalRequest: optional,
    body: `return this.call(operations.${op.name}, request, options);`,
  };
}

function allMethod(op: OperationModel): Method {
  const paging = op.pagination!;
  const cursor = cursorParameter(paging);
  const optional = op.parameters.every((p) => !p.required || p.serverVariable !== undefined || p.name === cursor);
  const name = `${op.methodName}All`;
  const items = paging.itemsInnerField === undefined ? paging.itemsField : `${paging.itemsField}.${paging.itemsInnerField}`;
  return {
    signature: {
      name,
      docs: [
        methodDoc(op, [
          '',
          ...(paging.kind === 'page-number'
            ? [
                `Iterates over every item of \`${items}\` across pages, starting at \`${paging.pageNumberParameter}\` (default 1)`,
                `and fetching the next page until the last one (by \`${paging.totalCountField}\`, or an empty or short page).`,
              ]
            : [
                `Iterates over every item of \`${items}\` across pages, starting at \`${paging.tokenParameter}\` (default: the first page)`,
                `and asking for the page after each answer's \`${paging.nextTokenField}\` until an answer has none.`,
              ]),
          ...(paging.itemKey === undefined
            ? []
            : [`Each item is yielded once by ${paging.itemKey.map((k) => `\`${k}\``).join(' and ')}, though writes during the listing can still hide an item.`]),
        ]),
      ],
      parameters: [
        { name: 'request', type: `T.${op.name}Request`, hasQuestionToken: optional },
        { name: 'options', type: 'PaginateOptions', hasQuestionToken: true },
      ],
      returnType: `AsyncGenerator<T.${op.name}Item, void, undefined>`,
    },
    optionalRequest: optional,
    body: `return this.paginate(operations.${op.name}, request, options);`,
  };
}

function waitMethod(op: OperationModel, waiter: WaiterModel): Method {
  const optional = op.parameters.every((p) => !p.required || p.serverVariable !== undefined);
  const list = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(', ');
  const reads = waiter.field === undefined ? undefined : `\`${waiter.field.join('.')}\``;
  const lines = [
    `Waits until: ${safe(waiter.description)}`,
    '',
    `Calls ${op.name} every \`intervalMs\` (default 5 s) until ${[
      ...(reads === undefined ? [] : [`${reads} is ${list(waiter.success)}${waiter.ignoreCase ? ' (in any case)' : ''}`]),
      ...(waiter.successErrors.length === 0 ? [] : [`it fails with ${list(waiter.successErrors)}`]),
    ].join(' or ')}.`,
    ...(waiter.failure.length === 0 ? [] : [`Rejects with a WaiterError (\`reason: 'failure'\`) as soon as ${reads} is ${list(waiter.failure)}.`]),
    ...(waiter.retry.length === 0 ? [] : [`${list(waiter.retry)} (and any other value) mean not yet.`]),
    "Rejects with a WaiterError (`reason: 'timeout'`) after `timeoutMs` (default 180 s), naming the last state seen;",
    'with an AbortError when `signal` fires; and with the call\'s error when a poll fails for another reason.',
    '',
    `Source: the spec's \`x-acr-waiters\` of ${op.name}.`,
    `@param request - The parameters of ${op.name}, by their wire names.`,
    '@param options - Interval, total timeout, abort signal, and the options of each call.',
  ];
  return {
    signature: {
      name: waiter.methodName,
      docs: [lines.join('\n')],
      parameters: [
        { name: 'request', type: `T.${op.name}Request`, hasQuestionToken: optional },
        { name: 'options', type: 'WaitOptions', hasQuestionToken: true },
      ],
      returnType: `Promise<WaiterResult<T.${op.name}Response>>`,
    },
    optionalRequest: optional,
    body: `return this.wait(operations.${op.name}, waiters.${waiter.name}, request, options);`,
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

function checkUniqueNames(model: ApiModel): void {
  const seen = new Set<string>();
  for (const op of model.operations) {
    for (const name of [op.methodName, ...(op.pagination ? [`${op.methodName}All`] : []), ...op.waiters.map((w) => w.methodName)]) {
      if (seen.has(name)) throw new SpecError(op.location, `the client method name '${name}' is produced twice`);
      seen.add(name);
    }
  }
}
