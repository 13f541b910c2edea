// Makes dist/index.js, the package's entry, one file: the runtime, the generated chapters and the
// embedded wire core bundled together (esbuild, ES module, Node built-ins left as imports). Why: a
// process that loads the client pays for every module it finds, reads and compiles, and the
// generated code is split into a file per chapter for reviewers (about 70 modules in dist); loaded
// one by one they cost more start-up than the whole call (see the cold-start benchmark in bench/).
// The other files of dist stay as tsc wrote them, for their type declarations and source reading.
// Runs after embed.js in `npm run build`.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'index.js');

await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [generatedDataAsJson()],
});

/**
 * Bundles each generated module whose exports are all plain data (the operation, parameter and
 * waiter tables, about a third of the bundle) as `JSON.parse` of its JSON text. Why: V8 reads JSON
 * text several times faster than an object literal of the same data, which it must parse as code,
 * compile and run (a few milliseconds of every process's start-up; see bench/cold-start). A generated
 * module that exports anything else (the chapters' methods) is bundled as written.
 */
function generatedDataAsJson() {
  return {
    name: 'generated-data-as-json',
    setup(bundler) {
      bundler.onLoad({ filter: /[\\/]generated[\\/][^\\/]+\.js$/ }, async ({ path }) => {
        const exports = Object.entries(await import(pathToFileURL(path).href));
        if (exports.length === 0 || !exports.every(([, value]) => isPlainData(value, new Set()))) return undefined;
        const contents = exports.map(([name, value]) => `export const ${name} = JSON.parse(${JSON.stringify(JSON.stringify(value))});`).join('\n');
        return { contents, loader: 'js' };
      });
    },
  };
}

/**
 * True when JSON.parse(JSON.stringify(value)) gives back the same value: strings, finite numbers
 * (not -0), booleans, null, arrays and plain objects of those, no property undefined, and no object
 * reached twice (JSON would make two copies of what the module shares).
 */
function isPlainData(value, seen) {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.every((item) => isPlainData(item, seen));
  if (Object.getPrototypeOf(value) !== Object.prototype || Object.getOwnPropertySymbols(value).length > 0) return false;
  return Object.values(value).every((item) => item !== undefined && isPlainData(item, seen));
}
