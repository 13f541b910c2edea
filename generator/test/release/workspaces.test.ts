// The order the release publishes in, and which packages a spec change releases, on this repository.
import { describe, expect, it } from 'vitest';
import { publicWorkspaces, specWorkspaces } from '../../src/release/index.js';
import { REPO_ROOT } from '../fixtures.js';

describe('the published workspaces', () => {
  const published = publicWorkspaces(REPO_ROOT);
  const names = published.map((w) => w.manifest.name);

  it('come each after every published workspace it depends on, of any kind', () => {
    published.forEach(({ manifest }, index) => {
      const deps = Object.keys({ ...manifest.dependencies, ...manifest.devDependencies, ...manifest.peerDependencies });
      for (const dep of deps.filter((d) => names.includes(d))) expect(names.indexOf(dep), `${manifest.name} after ${dep}`).toBeLessThan(index);
    });
    expect(names.indexOf('@acr-ee/wire')).toBeLessThan(names.indexOf('@acr-ee/client'));
    expect(names.indexOf('@acr-ee/client')).toBeLessThan(names.indexOf('@acr-ee/mock-server'));
  });

  it('generated from the spec are those with a generate script', () => {
    expect(specWorkspaces(REPO_ROOT).map((w) => w.manifest.name)).toEqual(published.filter((w) => w.manifest.scripts?.generate).map((w) => w.manifest.name));
    expect(specWorkspaces(REPO_ROOT).map((w) => w.manifest.name)).toContain('@acr-ee/client');
  });
});
