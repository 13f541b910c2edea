// What the spec's changes since the last release ask of the pending changesets: the API diff
// against the released spec (the generator's own diff), the changeset that records it, and the
// check that fails when the pending changesets bump a spec-generated package by less than the
// diff's bump.
import { join } from 'node:path';
import readChangesets from '@changesets/read';
import { BUMPS, type Bump, maxBump } from '../diff/change.js';
import { runDiff } from '../diff/cli.js';
import { readLastRelease } from './last-release.js';
import { specWorkspaces } from './workspaces.js';

/** The file `npm run changeset:spec` writes; it is rewritten, never added to, on each run. */
export const SPEC_CHANGESET = '.changeset/spec-api-changes.md';

export interface SpecDiff {
  readonly bump: Bump;
  readonly changes: readonly { operation: string; kind: string; detail: string; bump: Bump }[];
}

/** The diff of the spec at `base` (a git ref) against the spec in `root`'s working tree. */
export function specDiffSince(root: string, base: string): SpecDiff {
  const { code, output } = runDiff(['--base', base, '--spec', join(root, 'spec/openapi.yaml'), '--json']);
  if (code !== 0) throw new Error(`acr-generate diff --base ${base} failed: ${output}`);
  return JSON.parse(output) as SpecDiff;
}

/** The largest bump the pending changesets (`.changeset/*.md`) give each package they name. */
export async function pendingBumps(root: string): Promise<Map<string, Bump>> {
  const bumps = new Map<string, Bump>();
  for (const changeset of await readChangesets(root)) {
    for (const { name, type } of changeset.releases) bumps.set(name, maxBump(bumps.get(name) ?? 'none', type));
  }
  return bumps;
}

/** The changeset's text for a diff: every spec-generated package at the diff's bump. */
export function specChangesetText(root: string, diff: SpecDiff): string {
  const releases = specWorkspaces(root).map((w) => `"${w.manifest.name}": ${diff.bump}`);
  const count = `${diff.changes.length} change${diff.changes.length === 1 ? '' : 's'}`;
  const lines = diff.changes.map((c) => `- ${c.operation}: ${c.detail} (${c.bump})`);
  return ['---', ...releases, '---', '', `API changes from the spec (${count}, ${diff.bump}):`, '', ...lines, ''].join('\n');
}

export interface CoverageReport {
  /** The ref the spec was compared with; undefined when nothing has been released yet. */
  readonly base?: string;
  readonly diff?: SpecDiff;
  /** One sentence per spec-generated package whose pending bump is below the diff's. */
  readonly problems: readonly string[];
}

/** Whether the pending changesets cover the spec's changes since the last release. */
export async function checkSpecChangesets(root: string): Promise<CoverageReport> {
  const last = readLastRelease(root);
  if (last === undefined) return { problems: [] };
  const diff = specDiffSince(root, last.specCommit);
  if (diff.bump === 'none') return { base: last.specCommit, diff, problems: [] };
  const pending = await pendingBumps(root);
  const problems = specWorkspaces(root)
    .map((w) => w.manifest.name)
    .filter((name) => BUMPS.indexOf(pending.get(name) ?? 'none') < BUMPS.indexOf(diff.bump))
    .map(
      (name) =>
        `${name}: the spec changed since the last release (${diff.bump}: ${diff.changes.length} change(s)), ` +
        `but the pending changesets bump it ${pending.get(name) ?? 'not at all'}; run \`npm run changeset:spec\``,
    );
  return { base: last.specCommit, diff, problems };
}
