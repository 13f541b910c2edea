// `npm run changeset:spec [-- --base <git-ref>]`: writes the changeset of the spec's changes since
// the last release (or since <git-ref>; with no release recorded, since HEAD), so that nobody
// classifies a spec change by hand. The changeset bumps every spec-generated package by the
// diff's bump and lists the changes as its summary. One file, rewritten on each run: the diff is
// always the whole change since the release, so an older run's file would only repeat it.
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { readLastRelease } from './last-release.js';
import { SPEC_CHANGESET, specChangesetText, specDiffSince } from './spec-changeset.js';

const USAGE = `Usage: npm run changeset:spec [-- --base <git-ref>]

Writes ${SPEC_CHANGESET}: the API changes of the spec since the last release (the commit in
.changeset/last-release.json; HEAD when nothing was released yet, or <git-ref>), with the bump
acr-generate diff gives them, for every package generated from the spec.
Exit code: 0 when written (or when there is no API change: then no changeset); 2 otherwise.`;

export function changesetSpec(root: string, argv: readonly string[]): { code: number; output: string } {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { base: { type: 'string' }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    return { code: 2, output: `${(error as Error).message}\n\n${USAGE}` };
  }
  if (values.help) return { code: 0, output: USAGE };
  let base: string;
  let diff;
  try {
    base = values.base ?? readLastRelease(root)?.specCommit ?? 'HEAD';
    diff = specDiffSince(root, base);
  } catch (error) {
    return { code: 2, output: (error as Error).message };
  }
  const file = join(root, SPEC_CHANGESET);
  if (diff.bump === 'none') {
    const stale = existsSync(file);
    if (stale) rmSync(file);
    return { code: 0, output: `no API change since ${base}: no changeset needed${stale ? ` (removed ${SPEC_CHANGESET})` : ''}` };
  }
  const text = specChangesetText(root, diff);
  writeFileSync(file, text);
  return { code: 0, output: `wrote ${relative(root, file)} (${diff.bump}, since ${base}):\n\n${text}` };
}
