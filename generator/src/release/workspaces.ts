// The repository's workspaces as the release sees them: which are published (no `private: true`),
// in which order they must reach the registry (a package after every workspace it depends on),
// and which are generated from the spec (a `generate` script), so that a spec change bumps them.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly [field: string]: unknown;
}

export interface Workspace {
  /** The workspace's folder, absolute. */
  readonly dir: string;
  readonly manifest: Manifest;
}

export function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Every workspace named by the root package.json (a trailing `/*` expanded), sorted by folder. */
export function workspaces(root: string): Workspace[] {
  const patterns = (readManifest(root).workspaces ?? []) as string[];
  const dirs = patterns.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [join(root, pattern)];
    const parent = join(root, pattern.slice(0, -2));
    return existsSync(parent) ? readdirSync(parent).sort().map((name) => join(parent, name)) : [];
  });
  return dirs.filter((dir) => existsSync(join(dir, 'package.json'))).map((dir) => ({ dir, manifest: readManifest(dir) }));
}

function internalDependencies(workspace: Workspace, names: ReadonlySet<string>): string[] {
  const { dependencies, devDependencies, peerDependencies, optionalDependencies } = workspace.manifest;
  const all = { ...dependencies, ...devDependencies, ...peerDependencies, ...optionalDependencies };
  return Object.keys(all).filter((name) => names.has(name)).sort();
}

/**
 * The published workspaces, each after the published workspaces it depends on (any kind of
 * dependency: the client embeds its dev dependency @acr-ee/wire), ties broken by name.
 */
export function publicWorkspaces(root: string): Workspace[] {
  const candidates = workspaces(root).filter((w) => w.manifest.private !== true);
  const names = new Set(candidates.map((w) => w.manifest.name));
  const ordered: Workspace[] = [];
  const placed = new Set<string>();
  let rest = [...candidates].sort((a, b) => (a.manifest.name < b.manifest.name ? -1 : 1));
  while (rest.length > 0) {
    const ready = rest.filter((w) => internalDependencies(w, names).every((name) => placed.has(name)));
    if (ready.length === 0) throw new Error(`the published workspaces depend on each other in a cycle: ${rest.map((w) => w.manifest.name).join(', ')}`);
    for (const w of ready) {
      ordered.push(w);
      placed.add(w.manifest.name);
    }
    rest = rest.filter((w) => !placed.has(w.manifest.name));
  }
  return ordered;
}

/** The published workspaces generated from the spec: a spec change is a change to each of them. */
export function specWorkspaces(root: string): Workspace[] {
  return publicWorkspaces(root).filter((w) => w.manifest.scripts?.generate !== undefined);
}
