// The client emitter: model in, the files of packages/client/src/generated out.
import { IndentationText, NewLineKind, Project, QuoteKind } from 'ts-morph';
import type { ApiModel } from '../../model/index.js';
import type { EmittedFile } from '../files.js';
import { generatedHeader } from '../header.js';
import { emitClient } from './client-file.js';
import { emitOperations } from './operations-file.js';
import { emitTypes } from './types-file.js';

export function emitClientFiles(model: ApiModel): EmittedFile[] {
  const project = new Project({
    useInMemoryFileSystem: true,
    manipulationSettings: {
      indentationText: IndentationText.TwoSpaces,
      newLineKind: NewLineKind.LineFeed,
      quoteKind: QuoteKind.Single,
      useTrailingCommas: true,
    },
  });
  const emitters = {
    'types.ts': emitTypes,
    'operations.ts': emitOperations,
    'client.ts': emitClient,
  } as const;
  const files: EmittedFile[] = Object.entries(emitters).map(([path, emit]) => {
    const file = project.createSourceFile(path, '');
    emit(model, file);
    file.formatText({ indentSize: 2, convertTabsToSpaces: true, ensureNewLineAtEndOfFile: true });
    return { path, content: render(file.getFullText()) };
  });
  files.push({
    path: 'index.ts',
    content: render("export { AcrClient } from './client.js';\nexport { api, operations, type OperationName } from './operations.js';\nexport type * from './types.js';\n"),
  });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function render(text: string): string {
  return `${generatedHeader('client emitter')}\n${text.trimEnd()}\n`;
}
