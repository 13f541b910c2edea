// The TypeScript examples: one per operation of the spec, each type-checks under `strict` with
// the TypeScript compiler API against the built client (`@acr-ee/client` resolved as a user's
// project would: packages/client/dist), and each operation page shows exactly that code.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { exampleCode, exampleFile, exampleText, tsBlocksOfHtml } from './support/examples.js';
import { operations } from './support/model.js';
import { EXAMPLES_DIR, REPO_ROOT, SITE_DIR, listFiles } from './support/paths.js';

const CLIENT_TYPES = join(REPO_ROOT, 'packages', 'client', 'dist', 'index.d.ts');

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  noEmit: true,
  skipLibCheck: true,
  types: ['node'],
  typeRoots: [join(REPO_ROOT, 'node_modules', '@types')],
};

/** Type-checks `files` (plus in-memory `extra` files) and returns the formatted diagnostics. */
function typeCheck(files: readonly string[], extra: Readonly<Record<string, string>> = {}): { diagnostics: readonly ts.Diagnostic[]; text: string; program: ts.Program } {
  const host = ts.createCompilerHost(OPTIONS, true);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (fileName, language, onError, create) =>
    fileName in extra ? ts.createSourceFile(fileName, extra[fileName]!, language, true) : getSourceFile(fileName, language, onError, create);
  host.fileExists = (fileName) => fileName in extra || fileExists(fileName);
  host.readFile = (fileName) => extra[fileName] ?? readFile(fileName);
  const program = ts.createProgram({ rootNames: [...files, ...Object.keys(extra)], options: OPTIONS, host });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const text = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => REPO_ROOT,
    getNewLine: () => '\n',
  });
  return { diagnostics, text, program };
}

let exampleFiles: string[];

beforeAll(() => {
  if (!existsSync(CLIENT_TYPES)) {
    throw new Error(`${CLIENT_TYPES} is missing: build the client first (\`npm run build\` at the repository root)`);
  }
  exampleFiles = listFiles(EXAMPLES_DIR, '.ts');
});

describe('TypeScript examples', () => {
  test('there is exactly one example per operation of the spec', () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(exampleFiles).toEqual(operations.map((op) => `${op.name}.ts`).sort());
  });

  test("each example imports AcrClient from '@acr-ee/client' and calls its own operation's method", () => {
    const failures: string[] = [];
    for (const op of operations) {
      const code = exampleCode(op.name);
      if (!/import\s*\{[^}]*\bAcrClient\b[^}]*\}\s*from\s*['"]@acr-ee\/client['"]/.test(code)) {
        failures.push(`${op.name}.ts does not import { AcrClient } from '@acr-ee/client'`);
      }
      if (!new RegExp(`\\.${op.methodName}(All)?\\(`).test(code)) failures.push(`${op.name}.ts never calls .${op.methodName}(`);
    }
    expect(failures).toEqual([]);
  });

  test("'@acr-ee/client' resolves to the built client (packages/client/dist), as in a user's project", () => {
    const resolved = ts.resolveModuleName('@acr-ee/client', exampleFile(operations[0]!.name), OPTIONS, ts.sys);
    expect(resolved.resolvedModule?.resolvedFileName).toBe(CLIENT_TYPES);
  });

  test('every example type-checks under strict with zero diagnostics', () => {
    const files = exampleFiles.map((f) => join(EXAMPLES_DIR, f));
    const { diagnostics, text, program } = typeCheck(files);
    expect(text).toBe('');
    expect(diagnostics).toHaveLength(0);
    // The client's declarations really were part of the check.
    expect(program.getSourceFile(CLIENT_TYPES)).toBeDefined();
  }, 120_000);

  test('the check can fail: a wrong parameter type next to the examples is reported', () => {
    const op = operations.find((o) => o.parameters.some((p) => p.required && p.type.kind === 'string' && p.name !== 'RegionId'));
    expect(op).toBeDefined();
    const param = op!.parameters.find((p) => p.required && p.type.kind === 'string' && p.name !== 'RegionId')!;
    const file = join(EXAMPLES_DIR, '__wrong-example__.ts');
    const source = [
      "import { AcrClient } from '@acr-ee/client';",
      "const client = new AcrClient({ regionId: 'cn-hangzhou' });",
      `await client.${op!.methodName}({ ${param.name}: 42 } as const);`,
      '',
    ].join('\n');
    const { diagnostics, text } = typeCheck([], { [file]: source });
    expect(text).toContain('__wrong-example__.ts');
    expect(diagnostics.length).toBeGreaterThan(0);
  }, 120_000);

  test("each operation page shows its example's code, exactly", () => {
    const failures: string[] = [];
    for (const op of operations) {
      const page = join(SITE_DIR, 'operations', `${op.name}.html`);
      if (!existsSync(page)) {
        failures.push(`operations/${op.name}.html is missing`);
        continue;
      }
      const blocks = tsBlocksOfHtml(readFileSync(page, 'utf8'));
      const wanted = [exampleCode(op.name), exampleText(op.name)];
      if (!blocks.some((b) => wanted.includes(b))) {
        failures.push(`operations/${op.name}.html: no <pre class="code" data-lang="ts"> holds examples/${op.name}.ts (${blocks.length} ts blocks)`);
      }
    }
    expect(failures).toEqual([]);
  });
});
