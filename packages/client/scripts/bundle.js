// Makes dist/index.js, the package's entry, one file: the runtime, the generated chapters and the
// embedded wire core bundled together (esbuild, ES module, Node built-ins left as imports). Why: a
// process that loads the client pays for every module it finds, reads and compiles, and the
// generated code is split into a file per chapter for reviewers (about 70 modules in dist); loaded
// one by one they cost more start-up than the whole call (see the cold-start benchmark in bench/).
// The other files of dist stay as tsc wrote them, for their type declarations and source reading.
// Runs after embed-wire.js in `npm run build`.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
});
