// Adds up the vitest JSON reports of every workspace that has a test script (reports/vitest.json,
// and reports/vitest-<run>.json of its tests run again, e.g. on another Node version) and prints
// the one closing line CI reads: `N passed, N failed` (`, N skipped` when any were skipped). A workspace
// whose tests should have run but left no report counts as one failure, so a crash before the
// test runner wrote anything cannot pass for green.
// With --command-failed (the test command itself exited non-zero, e.g. a type check failed while
// every test passed) at least one failure is reported.
// Usage: npx tsx test/support/summarize-reports.ts [--command-failed]   (exit 1 when anything failed)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
}

/** The folders of the root package.json's workspaces (a trailing `/*` expanded). */
function workspaceDirs(): string[] {
  const { workspaces = [] } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { workspaces?: string[] };
  return workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(ROOT, pattern)];
    const parent = join(ROOT, pattern.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent).map((name) => join(parent, name)) : [];
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const dir of workspaceDirs()) {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest) || !JSON.parse(readFileSync(manifest, 'utf8')).scripts?.test) continue;
  const reportFile = join(dir, 'reports', 'vitest.json');
  if (!existsSync(reportFile)) {
    console.error(`no test report from ${dir}: counted as one failure`);
    failed += 1;
    continue;
  }
  // Further runs of the same tests (.ci/run's on other Node versions) leave reports/vitest-<run>.json.
  const extra = readdirSync(join(dir, 'reports')).filter((name) => /^vitest-[\w.-]+\.json$/.test(name)).sort();
  for (const file of [reportFile, ...extra.map((name) => join(dir, 'reports', name))]) {
    const report = JSON.parse(readFileSync(file, 'utf8')) as VitestReport;
    passed += report.numPassedTests;
    // A suite that fails to load (syntax error, failing beforeAll) fails no individual test.
    failed += report.numFailedTests + (report.numFailedTests === 0 ? report.numFailedTestSuites : 0);
    skipped += report.numPendingTests + report.numTodoTests;
  }
}
if (process.argv.includes('--command-failed') && failed === 0) {
  console.error('the test command failed outside the test runner (see its output above): counted as one failure');
  failed = 1;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
