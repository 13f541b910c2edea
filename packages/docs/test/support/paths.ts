// Where the docs package, its generated output and its test artefacts are.
// ACR_DOCS_GENERATED (a folder holding site/, markdown/ and examples/) points the tests at another
// copy of the generated output; by default they read src/generated/ of this package.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const DOCS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const REPO_ROOT = resolve(DOCS_DIR, '..', '..');
export const GENERATED_DIR = process.env.ACR_DOCS_GENERATED
  ? resolve(process.env.ACR_DOCS_GENERATED)
  : join(DOCS_DIR, 'src', 'generated');
export const SITE_DIR = join(GENERATED_DIR, 'site');
export const MARKDOWN_DIR = join(GENERATED_DIR, 'markdown');
export const EXAMPLES_DIR = join(GENERATED_DIR, 'examples');
export const REPORTS_DIR = join(DOCS_DIR, 'reports');
export const SCREENSHOTS_DIR = join(REPORTS_DIR, 'screenshots');

/** Throws a clear error when a generated folder is missing (never lets a test pass vacuously). */
export function requireDir(dir: string): string {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`${dir} does not exist: generate the docs first (\`npx acr-generate docs\` at the repository root)`);
  }
  return dir;
}

/** Every file under `dir` whose name ends with `suffix`, as `/`-separated paths relative to `dir`, sorted. */
export function listFiles(dir: string, suffix: string): string[] {
  requireDir(dir);
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
