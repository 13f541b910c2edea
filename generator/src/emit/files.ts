// Writes an emitter's files into its output folder, or (check mode) reports which committed files
// differ from what the spec produces. The folder belongs to the generator: files it no longer
// emits are removed (or reported as stale).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export interface EmittedFile {
  /** Path relative to the output folder, with `/` separators. */
  readonly path: string;
  readonly content: string;
}

export interface WriteReport {
  readonly changed: string[];
  readonly removed: string[];
}

export function writeFiles(outDir: string, files: readonly EmittedFile[], check: boolean): WriteReport {
  const wanted = new Map(files.map((f) => [f.path, f.content]));
  const present = existsSync(outDir) ? listFiles(outDir) : [];
  const changed = files.filter((f) => read(join(outDir, f.path)) !== f.content).map((f) => f.path);
  const removed = present.filter((p) => !wanted.has(p));
  if (!check) {
    for (const path of changed) {
      const file = join(outDir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, wanted.get(path)!);
    }
    for (const path of removed) rmSync(join(outDir, path));
  }
  return { changed, removed };
}

function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}
