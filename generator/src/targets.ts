// The packages the generator writes: each is an emitter and the folder (relative to the repository
// root) that it owns. The mock server and the docs join this table in their own issues.
import type { ApiModel } from './model/index.js';
import type { EmittedFile } from './emit/files.js';
import { emitClientFiles } from './emit/client/index.js';

export interface Target {
  readonly emit: (model: ApiModel) => EmittedFile[];
  readonly outDir: string;
}

export const TARGETS: Readonly<Record<string, Target>> = {
  client: { emit: emitClientFiles, outDir: 'packages/client/src/generated' },
};
