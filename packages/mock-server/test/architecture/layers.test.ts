// The mock server's layers point one way: the HTTP core and its rooms (src/runtime) know no
// service and no resource; services (src/services) and resources (src/resources) build on the core;
// only the composition root (start.ts, cli.ts, index.ts) knows them all. A service a core module
// needs reaches it through what the root mounts (runtime/http/mount.ts), never by an import.
// The API's table (@acr-ee/api) is read through the server's view of it (runtime/api.ts): no other
// module imports a value from the package, only its types.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every relative module a file imports or re-exports (static and dynamic), resolved to a path under src. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+)['"](\.[^'"]+)['"]/g)].map((m) => m[1]);
  return specifiers.map((s) => relative(SRC, resolve(dirname(file), s)).split('\\').join('/'));
}

describe('layers', () => {
  it('finds the imports it checks (the check is not vacuous)', () => {
    expect(importsOf(join(SRC, 'start.ts')).some((m) => m.startsWith('resources/'))).toBe(true);
  });

  it('runtime/ imports neither resources/ nor services/', () => {
    const offending = sourceFiles(join(SRC, 'runtime')).flatMap((file) =>
      importsOf(file)
        .filter((m) => m.startsWith('resources/') || m.startsWith('services/'))
        .map((m) => `${relative(SRC, file)} -> ${m}`),
    );
    expect(offending).toEqual([]);
  });

  it('only runtime/api.ts imports values from @acr-ee/api; every other module reads the table through it', () => {
    const importers = sourceFiles(SRC).filter((file) => /from\s+['"]@acr-ee\/api['"]/.test(readFileSync(file, 'utf8')));
    expect(importers.map((file) => relative(SRC, file))).toContain('runtime/api.ts');
    const valueImports = importers
      .filter((file) => relative(SRC, file) !== 'runtime/api.ts')
      .filter((file) => [...readFileSync(file, 'utf8').matchAll(/^(import|export)\s+(type\s+)?[^;]*?from\s+['"]@acr-ee\/api['"]/gm)].some((m) => m[2] === undefined))
      .map((file) => relative(SRC, file));
    expect(valueImports).toEqual([]);
  });
});
