// Emits src/generated/waiters.ts: each waiter (what it reads, which values and error codes end the
// wait). What the runtime knows about each operation is @acr-ee/api's table, not the client's.
import type { TsFile } from '../shared/ts-file.js';
import type { ApiModel, WaiterModel } from '../../model/index.js';
import { literal, unionText } from '../shared/literal.js';

/** `waiters`: every waiter of the spec by name, as the runtime's waiter loop reads it. */
export function emitWaiters(model: ApiModel, file: TsFile): void {
  file.addImportDeclaration({ moduleSpecifier: '../runtime/waiter.js', namedImports: ['WaiterMeta'], isTypeOnly: true });
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
