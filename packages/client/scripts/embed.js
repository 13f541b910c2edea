// Embeds the built code of the workspace packages the client is made of (@acr-ee/wire, the wire
// core, and @acr-ee/api, the generated table of the API's wire facts) into this package's dist, so
// that the published client keeps zero runtime dependencies while each of them exists once in the
// repository. Copies each one's dist to dist/<folder>/ and points every import of it, in the
// client's emitted .js and .d.ts files and in the embedded copies themselves (@acr-ee/api's
// declarations import @acr-ee/wire's), at the copy. Runs after `tsc` in `npm run build`; the pack
// test proves the result runs with neither package installed.
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Each embedded package and the folder of dist it is copied to. */
const EMBEDDED = [
  { name: '@acr-ee/wire', folder: 'wire' },
  { name: '@acr-ee/api', folder: 'api' },
];

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const require = createRequire(import.meta.url);

for (const { name, folder } of EMBEDDED) {
  const target = join(dist, folder);
  rmSync(target, { recursive: true, force: true });
  cpSync(join(dirname(require.resolve(`${name}/package.json`)), 'dist'), target, { recursive: true, filter: (path) => !path.endsWith('.map') });
}

const files = [...filesUnder(dist)].filter((file) => /\.(js|d\.ts)$/.test(file));
for (const { name, folder } of EMBEDDED) {
  const specifier = new RegExp(`(from\\s+|import\\s*\\(\\s*)(['"])${name.replace('/', '\\/')}\\2`, 'g');
  const entry = join(dist, folder, 'index.js');
  let rewritten = 0;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const path = relative(dirname(file), entry).split(sep).join('/');
    const replaced = text.replace(specifier, (_m, lead, quote) => `${lead}${quote}${path.startsWith('.') ? path : `./${path}`}${quote}`);
    if (replaced !== text) {
      writeFileSync(file, replaced);
      rewritten++;
    }
  }
  if (rewritten === 0) throw new Error(`embed: no file of dist imports ${name}; is the build as expected?`);
}

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(path);
    else yield path;
  }
}
