// Every published package is fit to publish: the metadata a registry page and provenance need,
// publint's checks of the packed files, and @arethetypeswrong/cli's checks of its types as each
// module resolution finds them. The packages are ESM-only by decision (Node 20.19+ can require()
// them), so attw runs with its `esm-only` profile, which leaves CommonJS resolution out.
// Workspaces outside packages/ are the repository's own tools and stay private.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { describe, expect, it } from 'vitest';
import { publicWorkspaces, readManifest, workspaces } from '@acr-ee/generator/release';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const published = publicWorkspaces(REPO_ROOT);
const rootManifest = readManifest(REPO_ROOT);
const repositoryUrl = (rootManifest.repository as { url: string }).url;
/** `git+https://host/owner/name.git` -> `https://host/owner/name`, the base of homepage and bugs. */
const webUrl = repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '');

describe('which workspaces are published', () => {
  it('every package under packages/ is published, every other workspace is private', () => {
    for (const { dir, manifest } of workspaces(REPO_ROOT)) {
      const underPackages = relative(REPO_ROOT, dir).startsWith('packages/');
      expect({ name: manifest.name, private: manifest.private === true }).toEqual({ name: manifest.name, private: !underPackages });
    }
    expect(published.length).toBeGreaterThan(0);
  });

  it('internal dependencies pin the version in the repository, so they are bumped together', () => {
    const versions = new Map(published.map((w) => [w.manifest.name, w.manifest.version]));
    for (const { manifest } of published) {
      for (const [name, range] of Object.entries({ ...manifest.dependencies, ...manifest.peerDependencies })) {
        if (versions.has(name)) expect(`${manifest.name} -> ${name}@${range}`).toBe(`${manifest.name} -> ${name}@${versions.get(name)}`);
      }
    }
  });
});

describe.each(published.map((w) => [w.manifest.name, w] as const))('%s', (_name, { dir, manifest }) => {
  const folder = relative(REPO_ROOT, dir);

  it('has the metadata of a published package, and publishes with provenance', () => {
    expect(manifest.version).toMatch(/^\d+\.\d+\.\d+(-[\w.]+)?$/);
    expect(manifest.license).toBe(rootManifest.license);
    expect(manifest.repository).toEqual({ type: 'git', url: repositoryUrl, directory: folder });
    expect(manifest.homepage).toBe(`${webUrl}/tree/main/${folder}#readme`);
    expect(manifest.bugs).toEqual({ url: `${webUrl}/issues` });
    expect((manifest.keywords as string[]).length).toBeGreaterThan(0);
    expect(manifest.engines).toEqual(rootManifest.engines);
    expect(manifest.publishConfig).toEqual({ access: 'public', provenance: true });
    expect(manifest.files).toEqual(expect.arrayContaining(['README.md', 'CHANGELOG.md']));
    expect(existsSync(join(dir, 'README.md'))).toBe(true);
    expect(existsSync(join(dir, 'CHANGELOG.md'))).toBe(true);
  });

  it('passes publint, suggestions included', async () => {
    const { messages, pkg } = await publint({ pkgDir: dir, level: 'suggestion', pack: 'npm', strict: true });
    expect(messages.map((m) => formatMessage(m, pkg))).toEqual([]);
  });

  it('passes @arethetypeswrong/cli (ESM-only profile)', () => {
    const attw = spawnSync('npx', ['--no-install', 'attw', '--pack', dir, '--profile', 'esm-only', '--format', 'ascii'], { cwd: REPO_ROOT, encoding: 'utf8' });
    expect(attw.status, `${attw.stdout}\n${attw.stderr}`).toBe(0);
  });
});
