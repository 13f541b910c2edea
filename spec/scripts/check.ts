// A quick check while curating: validates the examples of the operations in the given chapter
// files (all when none is named) and lints the spec, skipping chapters not yet written.
// Usage: npx tsx spec/scripts/check.ts [07-instance ...]
import { spawnSync } from 'node:child_process';
import { writeFileSync, rmSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { checkExamples } from '../src/examples.js';
import { loadDereferenced, readRoot, refTarget, SPEC_DIR } from '../src/load.js';

const chapters = process.argv.slice(2);
const keepPath = (ref: string) =>
  existsSync(refTarget(ref).file) && (chapters.length === 0 || chapters.some((c) => ref.includes(`/${c}.yaml#`)));
const root = readRoot();
const wanted = new Set<string>();
for (const [key, item] of Object.entries(root.paths)) {
  const ref = (item as { $ref?: string }).$ref ?? '';
  if (keepPath(ref)) wanted.add(ref.split('#/')[1]);
  else delete root.paths[key];
}

const doc = await loadDereferenced({ keepPath }).catch((e: Error) => {
  console.log(`cannot load the spec: ${e.message}`);
  process.exit(1);
});
let problems = 0;
for (const check of checkExamples(doc)) {
  if (!wanted.has(check.operationId) || check.failures.length === 0) continue;
  for (const f of check.failures) {
    problems++;
    console.log(`${check.operationId} ${check.where} ${f.path}: ${f.message}`);
  }
}
console.log(`examples: ${wanted.size} operations checked, ${problems} problem(s)`);

const scratch = join(SPEC_DIR, `.check-openapi-${process.pid}.yaml`);
writeFileSync(scratch, stringify(root));
const lint = spawnSync('npx', ['redocly', 'lint', scratch, '--format=stylish'], {
  encoding: 'utf8',
  cwd: SPEC_DIR,
  env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
});
rmSync(scratch);
console.log((lint.stdout + lint.stderr).replace(/\n\s*╔[\s\S]*?╝\n/g, '\n').trim());
process.exit(problems > 0 || lint.status !== 0 ? 1 : 0);
