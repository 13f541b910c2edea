// Embeds @acr-ee/wire's built code into this package's dist, so that the published client keeps
// zero runtime dependencies while the wire core exists once in the repository. Copies wire's dist
// to dist/wire/ and points every `@acr-ee/wire` import of the emitted .js and .d.ts files at it.
// Runs after `tsc` in `npm run build`; the pack test proves the result runs without @acr-ee/wire.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SPECIFIER = /(from\s+|import\s*\(\s*)(['"])@acr-ee\/wire\2/g;
const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const wireDist = join(dirname(createRequire(import.meta.url).resolve('@acr-ee/wire/package.json')), 'dist');
const target = join(dist, 'wire');

rmSync(target, { recursive: true, force: true });
cpSync(wireDist, target, { recursive: true, filter: (path) => !path.endsWith('.map') });

let rewritten = 0;
for (const file of filesUnder(dist)) {
  if (file.startsWith(target + sep) || !/\.(js|d\.ts)$/.test(file)) continue;
  const text = readFileSync(file, 'utf8');
  const path = relative(dirname(file), join(target, 'index.js')).split(sep).join('/');
  const replaced = text.replace(SPECIFIER, (_m, lead, quote) => `${lead}${quote}${path.startsWith('.') ? path : `./${path}`}${quote}`);
  if (replaced !== text) {
    writeFileSync(file, replaced);
    rewritten++;
  }
}
if (rewritten === 0) throw new Error('embed-wire: no file of dist imports @acr-ee/wire; is the build as expected?');

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}
