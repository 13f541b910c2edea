// The client emitter: golden output for the small fixture spec, byte-identical output on every
// run, and the real spec's output type-checks under `strict` together with the client's runtime.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Project, ts } from 'ts-morph';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel } from '../../src/model/index.js';
import { emitClientFiles } from '../../src/emit/client/index.js';
import { emitApiFiles } from '../../src/emit/api/index.js';
import { slug } from '../../src/emit/shared/names.js';
import { GOLDEN_DIR, MINI_SPEC, REPO_ROOT, listFiles, miniSpecCopy } from '../fixtures.js';

const GOLDEN_CLIENT_DIR = join(GOLDEN_DIR, 'client');

describe('client emitter', () => {
  it('writes the golden files for the fixture spec (update them with `npm run golden -w @acr-ee/generator`)', () => {
    const files = emitClientFiles(buildModel(MINI_SPEC));
    expect(files.map((f) => f.path)).toEqual(listFiles(GOLDEN_CLIENT_DIR));
    for (const file of files) expect(file.content, file.path).toBe(readFileSync(join(GOLDEN_CLIENT_DIR, file.path), 'utf8'));
  });

  it('is deterministic: the same spec, read from another folder, gives byte-identical files', () => {
    const first = emitClientFiles(buildModel(MINI_SPEC));
    const second = emitClientFiles(buildModel(miniSpecCopy()));
    expect(second).toEqual(first);
    expect(emitClientFiles(buildModel(ROOT_FILE))).toEqual(emitClientFiles(buildModel(ROOT_FILE)));
  });

  it('emits one method per operation, lowerCamelCase of the Action, an ...All iterator per paged operation and a waitUntil... per waiter', () => {
    const model = buildModel(ROOT_FILE);
    const files = emitClientFiles(model);
    // Each chapter's interface declares its methods, in the chapter's (the spec's) order.
    const methods = model.groups.flatMap((group) => {
      const chapter = files.find((f) => f.path === `chapters/${slug(group.name)}.ts`)!.content;
      const declared = chapter.slice(0, chapter.indexOf('\n}\n'));
      return [...declared.matchAll(/^  (\w+)\(request\??:/gm)].map((m) => m[1]);
    });
    const operations = model.groups.flatMap((group) => group.operations.map((name) => model.operations.find((o) => o.name === name)!));
    const methodsOf = (o: (typeof operations)[number]) => [o.methodName, ...(o.pagination ? [`${o.methodName}All`] : []), ...o.waiters.map((w) => w.methodName)];
    const expected = operations.flatMap(methodsOf);
    expect(new Set(expected)).toEqual(new Set(model.operations.flatMap(methodsOf)));
    expect(methods).toEqual(expected);
    expect(methods).toContain('listRepository');
    expect(methods).toContain('listRepositoryAll');
  });

  it('refuses a required common parameter it cannot fill, and a signature method the runtime does not sign with', () => {
    const model = buildModel(MINI_SPEC);
    const unfilled = model.commonParameters.map((p) => (p.name === 'AccessKeyId' ? { ...p, sent: { kind: 'omitted' } as const } : p));
    expect(() => emitClientFiles({ ...model, commonParameters: unfilled })).toThrow(/common parameter 'AccessKeyId' is required: give it an x-acr-value/);
    expect(() => emitClientFiles({ ...model, signature: { ...model.signature, method: 'HMAC-SHA256' } })).toThrow(/signs with HMAC-SHA1 .*HMAC-SHA256/);
  });

  it('refuses two operations that would make the same method (a chapter’s class would silently hide the other’s)', () => {
    const model = buildModel(MINI_SPEC);
    const [first, second] = model.operations;
    const operations = model.operations.map((op) => (op === second ? { ...op, methodName: first.methodName } : op));
    expect(() => emitClientFiles({ ...model, operations })).toThrow(`the client method name '${first.methodName}' is produced twice`);
  });

  it('refuses a parameter mirroring a server variable the client has no option for', () => {
    const model = buildModel(MINI_SPEC);
    const operations = model.operations.map((op) => ({ ...op, parameters: op.parameters.map((p) => (p.serverVariable ? { ...p, serverVariable: 'zoneId' } : p)) }));
    expect(() => emitClientFiles({ ...model, operations })).toThrow(/parameter 'RegionId' mirrors the server variable 'zoneId', which the client has no option for/);
  });

  it('the real spec’s output compiles under tsc --strict with the client runtime and @acr-ee/api’s table', () => {
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
        // @acr-ee/api as its sources and emitted table, not as its last build.
        paths: { '@acr-ee/api': [join(REPO_ROOT, 'packages/api/src/index.ts')] },
      },
      skipAddingFilesFromTsConfig: true,
    });
    const clientSrc = join(REPO_ROOT, 'packages/client/src');
    const apiSrc = join(REPO_ROOT, 'packages/api/src');
    project.addSourceFilesAtPaths(join(clientSrc, 'runtime/**/*.ts'));
    project.addSourceFileAtPath(join(apiSrc, 'description.ts'));
    project.addSourceFileAtPath(join(apiSrc, 'index.ts'));
    // The emitted files replace whatever is committed, so this checks what the spec produces now.
    for (const file of emitApiFiles(buildModel(ROOT_FILE))) {
      project.createSourceFile(join(apiSrc, 'generated', file.path), file.content, { overwrite: true });
    }
    for (const file of emitClientFiles(buildModel(ROOT_FILE))) {
      project.createSourceFile(join(clientSrc, 'generated', file.path), file.content, { overwrite: true });
    }
    const diagnostics = project.getPreEmitDiagnostics().filter((d) => d.getSourceFile()?.getFilePath().includes('/generated/'));
    expect(project.formatDiagnosticsWithColorAndContext(diagnostics).replace(/\x1b\[[0-9;]*m/g, "")).toBe('');
  });
});
