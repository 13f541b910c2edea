// The packages the generator writes: each is an emitter and the folder (relative to the repository
// root) that it owns.
import type { ApiModel } from './model/index.js';
import type { EmittedFile } from './emit/files.js';
import { emitApiFiles } from './emit/api/index.js';
import { emitClientFiles } from './emit/client/index.js';
import { emitMockFiles } from './emit/mock/index.js';
import { emitDocsFiles } from './emit/docs/index.js';

export interface Target {
  readonly emit: (model: ApiModel) => EmittedFile[];
  readonly outDir: string;
}

export const TARGETS: Readonly<Record<string, Target>> = {
  api: { emit: emitApiFiles, outDir: 'packages/api/src/generated' },
  client: { emit: emitClientFiles, outDir: 'packages/client/src/generated' },
  mock: { emit: emitMockFiles, outDir: 'packages/mock-server/src/generated' },
  docs: { emit: emitDocsFiles, outDir: 'packages/docs/src/generated' },
};
