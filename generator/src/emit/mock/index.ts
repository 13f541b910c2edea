// The mock server emitter: model in, the files of packages/mock-server/src/generated out: the
// spec's examples as fixtures, the types of what each handler reads and answers, and the common
// parameters it checks callers by. The operation
// table the server routes and validates with is @acr-ee/api's (emit/api), shared with the client.
import type { ApiModel } from '../../model/index.js';
import type { EmittedFile } from '../files.js';
import { renderGenerated } from '../header.js';
import { TsFile } from '../shared/ts-file.js';
import { emitExamples } from './examples-file.js';
import { emitCallerParameters } from './callers-file.js';
import { emitMockTypes } from './types-file.js';

export function emitMockFiles(model: ApiModel): EmittedFile[] {
  const emitters: Record<string, (model: ApiModel, file: TsFile) => void> = {
    'callers.ts': emitCallerParameters,
    'examples.ts': emitExamples,
    'types.ts': emitMockTypes,
  };
  const files = Object.entries(emitters).map(([path, emit]) => {
    const file = new TsFile();
    emit(model, file);
    return { path, content: render(file.getFullText()) };
  });
  files.push({
    path: 'index.ts',
    content: render("export { callerParameters } from './callers.js';\nexport { examples } from './examples.js';\nexport type * from './types.js';\n"),
  });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const render = (text: string): string => renderGenerated('mock server emitter', text);
