#!/usr/bin/env node
// The generator runs from its TypeScript source (it is a build tool of this repository, never
// published). esbuild bundles that source into one module and Node runs it: a loader hook (tsx)
// resolving and compiling each of the generator's modules on every start cost about a second, as
// long as generating itself (bench/generator measures it).
// - Third-party packages stay external: Node loads them from node_modules as usual. The
//   repository's own packages (@acr-ee/*) are bundled, since some of them export TypeScript.
// - Every bundled module keeps its source file's `import.meta.url`, so the paths computed from it
//   (the spec folder, the docs templates, the repository root) are those of the source tree.
// - The bundle is written under node_modules/.cache, named by its content's hash, and written
//   atomically: concurrent runs (turbo generates the packages in parallel) share it safely.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const cacheDir = join(here, '../node_modules/.cache/acr-generate');

const ownPackagesBundled = {
  name: 'external-packages',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@acr-ee/') ? undefined : { path: args.path, external: true }));
  },
};

const sourceFileUrls = {
  name: 'source-file-urls',
  setup(builder) {
    builder.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      const contents = readFileSync(args.path, 'utf8');
      const loader = /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js';
      if (!contents.includes('import.meta.url')) return { contents, loader };
      return { contents: contents.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)), loader };
    });
  },
};

const result = await build({
  entryPoints: [join(here, '../src/main.ts')],
  bundle: true,
  write: false,
  platform: 'node',
  format: 'esm',
  target: `node${process.versions.node.split('.')[0]}`,
  sourcemap: 'inline',
  logLevel: 'silent',
  plugins: [ownPackagesBundled, sourceFileUrls],
});
const code = result.outputFiles[0].contents;
const name = `main-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.mjs`;
const file = join(cacheDir, name);
if (!existsSync(file)) {
  mkdirSync(cacheDir, { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, file);
  // Earlier bundles are stale once the source changed; a run still importing one has read it.
  for (const old of readdirSync(cacheDir)) if (old !== name && old.endsWith('.mjs')) rmSync(join(cacheDir, old), { force: true });
}
// Stack traces name the TypeScript sources (the bundle carries an inline source map).
process.setSourceMapsEnabled(true);
await import(pathToFileURL(file).href);
