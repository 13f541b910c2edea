// `acr-generate <target...> [--check] [--spec FILE]`: builds the model from the spec and writes
// (or, with --check, verifies) the generated files of each target.
// `acr-generate diff ...`: classifies the API changes against an earlier spec (diff/cli.ts).
import { parseArgs } from 'node:util';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel } from './model/index.js';
import { SpecError, SpecErrors } from './load/spec-error.js';
import { writeFiles } from './emit/files.js';
import { TARGETS } from './targets.js';
import { runDiff } from './diff/cli.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const USAGE = `Usage: acr-generate <target...> [--check] [--spec FILE]
       acr-generate diff --base <git-ref> [--spec FILE] [--json]   (see acr-generate diff --help)

Targets: ${Object.keys(TARGETS).join(', ')}, or all
  --check      write nothing; fail if a committed generated file differs from what the spec produces
  --spec FILE  the spec's root file (default: spec/openapi.yaml)
  --help       show this text`;

export class UsageError extends Error {}

export interface CliResult {
  readonly code: number;
  readonly output: string;
}

export function run(argv: readonly string[]): CliResult {
  if (argv[0] === 'diff') return runDiff(argv.slice(1));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { check: { type: 'boolean', default: false }, spec: { type: 'string' }, help: { type: 'boolean', default: false } },
    });
  } catch (error) {
    return { code: 2, output: `${(error as Error).message}\n\n${USAGE}` };
  }
  const { values, positionals } = parsed;
  if (values.help) return { code: 0, output: USAGE };
  const names = positionals.includes('all') ? Object.keys(TARGETS) : positionals;
  const unknown = names.filter((n) => !(n in TARGETS));
  if (names.length === 0 || unknown.length > 0) {
    const problem = names.length === 0 ? 'no target given' : `unknown target ${unknown.map((n) => `'${n}'`).join(', ')}`;
    return { code: 2, output: `${problem}\n\n${USAGE}` };
  }
  try {
    const model = buildModel(values.spec ? resolve(values.spec) : ROOT_FILE);
    return generate(model, names, values.check);
  } catch (error) {
    if (error instanceof SpecErrors || error instanceof SpecError) return { code: 1, output: error.message };
    throw error;
  }
}

function generate(model: ReturnType<typeof buildModel>, names: string[], check: boolean): CliResult {
  const lines: string[] = [];
  let stale = false;
  for (const name of names) {
    const target = TARGETS[name];
    const report = writeFiles(join(REPO_ROOT, target.outDir), target.emit(model), check);
    const touched = [...report.changed.map((f) => `${target.outDir}/${f}`), ...report.removed.map((f) => `${target.outDir}/${f} (no longer generated)`)];
    if (touched.length === 0) lines.push(`${name}: up to date (${target.outDir})`);
    else if (check) {
      stale = true;
      lines.push(`${name}: stale generated files; run \`npm run generate\` and commit:`, ...touched.map((f) => `  ${f}`));
    } else lines.push(`${name}: wrote`, ...touched.map((f) => `  ${f}`));
  }
  return { code: stale ? 1 : 0, output: lines.join('\n') };
}
