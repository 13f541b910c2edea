// Paths of the test fixtures, and a way to make a broken copy of the small fixture spec.
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ts } from 'ts-morph';
import { parse, stringify } from 'yaml';

export const GENERATOR_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const MINI_SPEC_DIR = join(GENERATOR_DIR, 'test/fixtures/mini');
export const MINI_SPEC = join(MINI_SPEC_DIR, 'openapi.yaml');
export const GOLDEN_DIR = join(GENERATOR_DIR, 'test/golden');
export const REPO_ROOT = resolve(GENERATOR_DIR, '..');
export const DOCS_ASSETS_DIR = join(GENERATOR_DIR, 'templates/docs/assets');

/**
 * The docs emitter copies the site's hand-written assets as they are: golden copies of them would
 * only repeat templates/docs/assets, so the golden files leave them out (a test checks the copy).
 */
export function isCopiedDocsAsset(path: string): boolean {
  return path.startsWith('site/assets/') && existsSync(join(DOCS_ASSETS_DIR, path.slice('site/assets/'.length)));
}

export interface SpecEdit {
  readonly file: string;
  readonly change: (doc: Record<string, any>) => void;
}

/** A copy of the small fixture spec in a temporary folder; each edit changes one of its files. */
export function miniSpecCopy(...edits: (SpecEdit | undefined)[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'acr-mini-'));
  cpSync(MINI_SPEC_DIR, dir, { recursive: true });
  for (const edit of edits) {
    if (edit === undefined) continue;
    const file = join(dir, edit.file);
    const doc = parse(readFileSync(file, 'utf8'), { merge: true });
    edit.change(doc);
    writeFileSync(file, stringify(doc, { aliasDuplicateObjects: false }));
  }
  return join(dir, 'openapi.yaml');
}

/** An emitted module's values (its type-only imports dropped by transpiling). */
export async function importEmitted(source: string): Promise<Record<string, any>> {
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  return import(`data:text/javascript;base64,${Buffer.from(js).toString('base64')}`);
}

/** Every file under `dir`, as sorted paths relative to it with `/` separators. */
export function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1).split('\\').join('/'))
    .sort();
}
