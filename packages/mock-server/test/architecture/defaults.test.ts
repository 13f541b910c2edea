// A parameter with a default in the spec is always present when a handler runs (validateParams fills
// it in from the API table), and its handler type says so. A `??` fallback on such a parameter would
// be a second, hand-written statement of the spec's default (or a different one): the type checker
// finds every `??` whose left side is a handler parameter that cannot be undefined.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PROBE = join(ROOT, 'src/resources/__defaults_probe__.ts');
// A fallback the check must find, and one it must leave alone (TargetUserId has no default).
const PROBE_TEXT = [
  "import type { OperationParams } from '../generated/index.js';",
  "export const probe = (p: OperationParams['CreateRepoSyncRule']) => [p.SyncTrigger ?? 'PASSIVE', p.TargetUserId ?? ''];",
].join('\n');

/** `file:line text` of each `??` on a handler parameter (a property of OperationParams) that is never undefined. */
function needlessFallbacks(): { real: string[]; probe: string[] } {
  const config = ts.readConfigFile(join(ROOT, 'tsconfig.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT);
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => (resolve(name) === PROBE ? PROBE_TEXT : readFile(name));
  host.fileExists = (name) => resolve(name) === PROBE || fileExists(name);
  const sources = parsed.fileNames.filter((f) => f.startsWith(join(ROOT, 'src') + '/'));
  const program = ts.createProgram([...sources, PROBE], parsed.options, host);
  const checker = program.getTypeChecker();
  const found = { real: [] as string[], probe: [] as string[] };
  for (const file of program.getSourceFiles()) {
    if (!resolve(file.fileName).startsWith(join(ROOT, 'src') + '/')) continue;
    const visit = (node: ts.Node): void => {
      if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken && isAlwaysFilled(checker, node.left)) {
        const line = file.getLineAndCharacterOfPosition(node.getStart()).line + 1;
        (resolve(file.fileName) === PROBE ? found.probe : found.real).push(`${file.fileName.slice(ROOT.length + 1)}:${line} ${node.getText()}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(file);
  }
  return found;
}

/** A property of a generated OperationParams member whose type has no undefined: RegionId, or a parameter with a default. */
function isAlwaysFilled(checker: ts.TypeChecker, expression: ts.Expression): boolean {
  if (!ts.isPropertyAccessExpression(expression)) return false;
  const declarations = checker.getSymbolAtLocation(expression.name)?.declarations ?? [];
  const ofParams = declarations.some((d) => {
    for (let n: ts.Node | undefined = d; n !== undefined; n = n.parent) {
      if (ts.isInterfaceDeclaration(n)) return n.name.text === 'OperationParams' && n.getSourceFile().fileName.endsWith('src/generated/types.ts');
    }
    return false;
  });
  if (!ofParams) return false;
  const type = checker.getTypeAtLocation(expression);
  const parts = type.isUnion() ? type.types : [type];
  return !parts.some((t) => (t.flags & (ts.TypeFlags.Undefined | ts.TypeFlags.Null | ts.TypeFlags.Any | ts.TypeFlags.Unknown)) !== 0);
}

describe('parameter defaults', () => {
  const { real, probe } = needlessFallbacks();

  it('finds a fallback on a defaulted parameter, and none on a parameter that may be absent (the check is not vacuous)', () => {
    expect(probe).toEqual(["src/resources/__defaults_probe__.ts:2 p.SyncTrigger ?? 'PASSIVE'"]);
  });

  it('no handler falls back on a parameter the server always fills in (its spec default, or RegionId)', () => {
    expect(real).toEqual([]);
  });
});
