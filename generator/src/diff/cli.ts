// `acr-generate diff --base <git-ref> [--spec FILE] [--json]`: the spec at the ref against the
// working tree, both read by the generator's loader into the model. Exit code 0 whatever the bump;
// 2 on bad arguments or a spec that does not load (either side).
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel } from '../model/index.js';
import { SpecError, SpecErrors } from '../load/spec-error.js';
import { diffModels } from './api.js';
import { BaseRefError, checkoutSpecAt } from './spec-at-ref.js';
import { diffJson, diffMarkdown } from './report.js';

export const DIFF_USAGE = `Usage: acr-generate diff (--base <git-ref> | --base-spec FILE) [--spec FILE] [--json]

Classifies every change of the API between the spec at <git-ref> (or in FILE) and the working tree
by what it does to a user of the generated client: major, minor, patch or none.
  --base REF       the git commit, branch or tag to compare against (e.g. main, HEAD~3, v0.2.0)
  --base-spec FILE compare against the spec whose root file is FILE instead of a git ref
  --spec FILE      the spec's root file in the working tree (default: spec/openapi.yaml)
  --json           print { "bump", "changes": [{ "operation", "kind", "detail", "bump" }] }
Exit code: 0 whatever the bump; 2 on bad arguments or a spec that does not load.`;

export interface DiffCliResult {
  readonly code: number;
  readonly output: string;
}

export function runDiff(argv: readonly string[]): DiffCliResult {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: { base: { type: 'string' }, 'base-spec': { type: 'string' }, spec: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
    }));
  } catch (error) {
    return { code: 2, output: `${(error as Error).message}\n\n${DIFF_USAGE}` };
  }
  if (values.help) return { code: 0, output: DIFF_USAGE };
  if ((values.base === undefined) === (values['base-spec'] === undefined)) {
    return { code: 2, output: `give exactly one of --base <git-ref> and --base-spec FILE\n\n${DIFF_USAGE}` };
  }
  const headFile = values.spec ? resolve(values.spec) : ROOT_FILE;
  let checkout;
  try {
    checkout = values.base !== undefined ? checkoutSpecAt(values.base, headFile) : { rootFile: resolve(values['base-spec']!), dispose: () => {} };
  } catch (error) {
    if (error instanceof BaseRefError) return { code: 2, output: error.message };
    throw error;
  }
  try {
    const base = load(checkout.rootFile, `the spec at ${values.base ?? values['base-spec']}`);
    const head = load(headFile, 'the spec in the working tree');
    const diff = diffModels(base, head);
    const output = values.json ? diffJson(diff) : diffMarkdown(diff, `API changes since ${values.base ?? values['base-spec']}`);
    return { code: 0, output };
  } catch (error) {
    if (error instanceof SpecLoadError) return { code: 2, output: error.message };
    throw error;
  } finally {
    checkout.dispose();
  }
}

class SpecLoadError extends Error {}

function load(rootFile: string, which: string) {
  try {
    return buildModel(rootFile);
  } catch (error) {
    if (error instanceof SpecErrors || error instanceof SpecError) throw new SpecLoadError(`${which} does not load: ${error.message}`);
    throw error;
  }
}
