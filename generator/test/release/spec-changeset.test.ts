// The release's spec check: CI fails when the spec changed since the last release and the pending
// changesets do not bump every spec-generated package by at least the API diff's bump. Checked on
// this repository (the CI check itself) and on small git repositories holding the fixture spec.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { LAST_RELEASE_FILE, readLastRelease } from '../../src/release/last-release.js';
import { SPEC_CHANGESET, checkSpecChangesets } from '../../src/release/spec-changeset.js';
import { changesetSpec } from '../../src/release/changeset-spec-command.js';
import { MINI_SPEC_DIR, REPO_ROOT } from '../fixtures.js';

function git(cwd: string, ...args: string[]): string {
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
  const result = spawnSync('git', args, { cwd, env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** A repository with the fixture spec, one spec-generated package, one other and one private. */
function fixtureRepo(options: { released: boolean }): string {
  const root = mkdtempSync(join(tmpdir(), 'acr-release-'));
  writeJson(join(root, 'package.json'), { name: 'fixture', private: true, workspaces: ['packages/*'] });
  const packages = { api: { generate: 'acr-generate client' }, plain: undefined, internal: { generate: 'x' } };
  for (const [name, scripts] of Object.entries(packages)) {
    mkdirSync(join(root, 'packages', name), { recursive: true });
    writeJson(join(root, 'packages', name, 'package.json'), { name: `@x/${name}`, version: '1.0.0', ...(scripts && { scripts }), ...(name === 'internal' && { private: true }) });
  }
  cpSync(MINI_SPEC_DIR, join(root, 'spec'), { recursive: true });
  mkdirSync(join(root, '.changeset'));
  writeJson(join(root, '.changeset/config.json'), {});
  git(root, 'init', '-q', '-b', 'main');
  git(root, 'add', '-A');
  git(root, 'commit', '-q', '-m', 'start');
  if (options.released) {
    writeJson(join(root, LAST_RELEASE_FILE), { specCommit: git(root, 'rev-parse', 'HEAD') });
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'release');
  }
  return root;
}

/** The fixture's GetWidget gains an optional parameter: a minor change. */
function addOptionalParameter(root: string): void {
  const file = join(root, 'spec/paths/widgets.yaml');
  const doc = parse(readFileSync(file, 'utf8'), { merge: true });
  doc.GetWidget.get.parameters.push({ name: 'Verbose', in: 'query', required: false, description: 'More detail.', schema: { type: 'boolean' } });
  writeFileSync(file, stringify(doc, { aliasDuplicateObjects: false }));
}

function writeChangeset(root: string, name: string, releases: Record<string, string>): void {
  const lines = Object.entries(releases).map(([pkg, bump]) => `"${pkg}": ${bump}`);
  writeFileSync(join(root, '.changeset', `${name}.md`), ['---', ...lines, '---', '', 'A change.', ''].join('\n'));
}

describe('the spec changes since the last release are covered by pending changesets', () => {
  it('holds for this repository (the CI check)', async () => {
    const report = await checkSpecChangesets(REPO_ROOT);
    expect(report.problems).toEqual([]);
  });

  it('holds when nothing was released yet, whatever the spec says', async () => {
    const root = fixtureRepo({ released: false });
    addOptionalParameter(root);
    expect(await checkSpecChangesets(root)).toEqual({ problems: [] });
  });

  it('holds when the spec did not change since the release', async () => {
    const root = fixtureRepo({ released: true });
    const report = await checkSpecChangesets(root);
    expect(report.diff?.bump).toBe('none');
    expect(report.problems).toEqual([]);
  });

  it('fails for each spec-generated package when no changeset covers the diff, and names the fix', async () => {
    const root = fixtureRepo({ released: true });
    addOptionalParameter(root);
    const report = await checkSpecChangesets(root);
    expect(report.diff?.bump).toBe('minor');
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatch(/^@x\/api: the spec changed since the last release \(minor: 1 change\(s\)\), but the pending changesets bump it not at all; run `npm run changeset:spec`$/);
  });

  it('fails when the pending changesets bump by less than the diff, and passes when they bump by as much or more', async () => {
    const root = fixtureRepo({ released: true });
    addOptionalParameter(root);
    writeChangeset(root, 'small', { '@x/api': 'patch', '@x/plain': 'minor' });
    expect((await checkSpecChangesets(root)).problems[0]).toContain('bump it patch');
    writeChangeset(root, 'big', { '@x/api': 'major' });
    expect((await checkSpecChangesets(root)).problems).toEqual([]);
  });

  it('changeset:spec writes the changeset that covers the diff, with the changes as its summary', async () => {
    const root = fixtureRepo({ released: true });
    addOptionalParameter(root);
    const result = changesetSpec(root, []);
    expect(result.code).toBe(0);
    const text = readFileSync(join(root, SPEC_CHANGESET), 'utf8');
    expect(text).toMatch(/^---\n"@x\/api": minor\n---\n\nAPI changes from the spec \(1 change, minor\):\n\n- GetWidget: .*Verbose.* \(minor\)\n$/);
    expect((await checkSpecChangesets(root)).problems).toEqual([]);
    // Undoing the spec change leaves nothing to release: the changeset goes.
    git(root, 'checkout', '--', 'spec');
    expect(changesetSpec(root, []).output).toMatch(/^no API change since [0-9a-f]{40}/);
    expect(() => readFileSync(join(root, SPEC_CHANGESET))).toThrow();
  });

  it('changeset:spec compares with HEAD before the first release, and with --base when given', () => {
    const root = fixtureRepo({ released: false });
    addOptionalParameter(root);
    expect(changesetSpec(root, []).output).toMatch(/^wrote \.changeset\/spec-api-changes\.md \(minor, since HEAD\)/);
    expect(changesetSpec(root, ['--base', 'no-such-ref']).code).toBe(2);
    expect(changesetSpec(root, ['--bogus']).code).toBe(2);
  });

  it('refuses a malformed release record, naming the expected shape', () => {
    const root = fixtureRepo({ released: false });
    writeJson(join(root, LAST_RELEASE_FILE), { specCommit: 'main' });
    expect(() => readLastRelease(root)).toThrow(/must be \{ "specCommit": "<40 hex digits>" \}/);
  });
});
