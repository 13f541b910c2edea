// The API description emitter: model in, the files of packages/api/src/generated out: the one table
// of the API's wire facts that the client and the mock server both read (see packages/api/README.md).
import type { ApiModel } from '../../model/index.js';
import type { EmittedFile } from '../files.js';
import { renderGenerated } from '../header.js';
import { TsFile } from '../shared/ts-file.js';
import { emitApiTable } from './table-file.js';

export function emitApiFiles(model: ApiModel): EmittedFile[] {
  const table = new TsFile();
  emitApiTable(model, table);
  return [
    { path: 'index.ts', content: render("export { api, operations, type OperationName } from './operations.js';\n") },
    { path: 'operations.ts', content: render(table.getFullText()) },
  ];
}

const render = (text: string): string => renderGenerated('API description emitter', text);
