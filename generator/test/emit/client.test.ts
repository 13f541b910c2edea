// The client emitter: golden output for the small fixture spec, byte-identical output on every
// run, and the real spec's output type-checks under `strict` together with the client's runtime.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project, ts } from 'ts-morph';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel } from '../../src/model/index.js';
import { emitClientFiles } from '../../src/emit/client/index.js';
import { GOLDEN_DIR, MINI_SPEC, REPO_ROOT, miniSpecCopy } from '../fixtures.js';

const GOLDEN_CLIENT_DIR = join(GOLDEN_DIR, 'client');

describe('client emitter', () => {
  it('writes the golden files for the fixture spec (update them with `npm run golden -w @acr-ee/generator`)', () => {
    const files = emitClientFiles(buildModel(MINI_SPEC));
    expect(files.map((f) => f.path)).toEqual(readdirSync(GOLDEN_CLIENT_DIR).sort());
    for (const file of files) expect(file.content, file.path).toBe(readFileSync(join(GOLDEN_CLIENT_DIR, file.path), 'utf8'));
  });

  it('is deterministic: the same spec, read from another folder, gives byte-identical files', () => {
    const first = emitClientFiles(buildModel(MINI_SPEC));
    const second = emitClientFiles(buildModel(miniSpecCopy()));
    expect(second).toEqual(first);
    expect(emitClientFiles(buildModel(ROOT_FILE))).toEqual(emitClientFiles(buildModel(ROOT_FILE)));
  });

  it('emits one method per operation, lowerCamelCase of the Action, and an ...All iterator per paged operation', () => {
    const model = buildModel(ROOT_FILE);
    const client = emitClientFiles(model).find((f) => f.path === 'client.ts')!.content;
    const methods = [...client.matchAll(/^  public (\w+)\(/gm)].map((m) => m[1]);
    const expected = model.operations.flatMap((o) => (o.pagination ? [o.methodName, `${o.methodName}All`] : [o.methodName]));
    expect(methods).toEqual(expected);
    expect(methods).toContain('listRepository');
    expect(methods).toContain('listRepositoryAll');
  });

  it('the real spec’s output compiles under tsc --strict with the client runtime', () => {
    const project = new Project({
      compilerOptions: {
        strict: true,
        noUnusedLocals: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        types: ['node'],
        skipLibCheck: true,
        noEmit: true,
      },
      skipAddingFilesFromTsConfig: true,
    });
    const clientSrc = join(REPO_ROOT, 'packages/client/src');
    project.addSourceFilesAtPaths(join(clientSrc, 'runtime/**/*.ts'));
    // The emitted files replace whatever is committed, so this checks what the spec produces now.
    for (const file of emitClientFiles(buildModel(ROOT_FILE))) {
      project.createSourceFile(join(clientSrc, 'generated', file.path), file.content, { overwrite: true });
    }
    const diagnostics = project.getPreEmitDiagnostics().filter((d) => d.getSourceFile()?.getFilePath().includes('/generated/'));
    expect(project.formatDiagnosticsWithColorAndContext(diagnostics).replace(/\x1b\[[0-9;]*m/g, "")).toBe('');
  });
});
