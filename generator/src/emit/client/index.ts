// The client emitter: model in, the files of packages/client/src/generated out.
import { V1_SIGNATURE_METHOD } from '@acr-ee/wire';
import type { ApiModel } from '../../model/index.js';
import { SpecError } from '../../load/spec-error.js';
import type { EmittedFile } from '../files.js';
import { renderGenerated } from '../header.js';
import { TsFile } from '../shared/ts-file.js';
import { emitChapterMethods, emitClient } from './client-file.js';
import { chaptersOf, schemaFiles } from './layout.js';
import { emitChapterTypes, emitSchemaFile, emitTypesIndex } from './types-file.js';
import { emitWaiters } from './waiters-file.js';

export function emitClientFiles(model: ApiModel): EmittedFile[] {
  // The runtime signs with @acr-ee/wire's signature v1; a spec asking for another method would
  // get requests that carry one SignatureMethod and are signed with another.
  if (model.signature.method !== V1_SIGNATURE_METHOD) {
    throw new SpecError('components/securitySchemes', `the client signs with ${V1_SIGNATURE_METHOD} (@acr-ee/wire); the spec's scheme is ${model.signature.method}`);
  }
  const unfilled = model.commonParameters.find((p) => p.required && p.sent.kind === 'omitted');
  if (unfilled) {
    throw new SpecError('components/parameters', `common parameter '${unfilled.name}' is required: give it an x-acr-value saying what a client sends`);
  }
  // A parameter mirroring a server variable is filled from the client option of the same name.
  for (const op of model.operations) {
    const unmatched = op.parameters.find((p) => p.serverVariable !== undefined && p.serverVariable !== 'regionId');
    if (unmatched) {
      throw new SpecError(op.location, `parameter '${unmatched.name}' mirrors the server variable '${unmatched.serverVariable}', which the client has no option for`);
    }
  }
  const chapters = chaptersOf(model);
  const emitters: [string, (file: TsFile) => void][] = [
    ['client.ts', (file) => emitClient(model, chapters, file)],
    ['types.ts', (file) => emitTypesIndex(model, chapters, file)],
    ...chapters.flatMap((chapter): [string, (file: TsFile) => void][] => [
      [chapter.typesFile, (file) => emitChapterTypes(model, chapter, file)],
      [chapter.methodsFile, (file) => emitChapterMethods(chapter, file)],
    ]),
    ['waiters.ts', (file) => emitWaiters(model, file)],
    ...[...schemaFiles(model)].map(([path, schemas]): [string, (file: TsFile) => void] => [path, (file) => emitSchemaFile(model, path, schemas, file)]),
  ];
  const files: EmittedFile[] = emitters.map(([path, emit]) => {
    const file = new TsFile();
    emit(file);
    return { path, content: render(file.getFullText()) };
  });
  files.push({
    path: 'index.ts',
    content: render("export { AcrClient } from './client.js';\nexport { api, operations, type OperationName } from '@acr-ee/api';\nexport type * from './types.js';\n"),
  });
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

const render = (text: string): string => renderGenerated('client emitter', text);
