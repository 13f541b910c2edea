// `npm run release [-- --dry-run] [--test-command <cmd>]`: versions, builds, tests and publishes the
// published workspaces to the registry of the standard npm configuration (NPM_CONFIG_REGISTRY,
// .npmrc), in dependency order. Each step runs only when the one before it succeeded, so a failing
// test stops the release before anything is published:
//   1. the spec check: the pending changesets cover the spec's API changes since the last release;
//   2. `changeset version`: versions, CHANGELOG.md entries, internal dependency pins; the lockfile
//      follows, and .changeset/last-release.json records the commit whose spec is released;
//   3. `npm run build`, then the tests (`npm test` unless --test-command says otherwise);
//   4. a commit of the release and a tag `<name>@<version>` per package published;
//   5. `npm publish` of each package whose version the registry does not have yet (so a release
//      that stopped half-way is finished by running it again).
// --dry-run writes nothing and publishes nothing: it prints the versions the release would make
// and which of them the registry lacks.
import { spawnSync } from 'node:child_process';
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import getReleasePlan from '@changesets/get-release-plan';
import { writeLastRelease } from './last-release.js';
import { checkSpecChangesets } from './spec-changeset.js';
import { publicWorkspaces, readManifest } from './workspaces.js';

export const RELEASE_USAGE = `Usage: npm run release [-- --dry-run] [--test-command <cmd>]

Versions (changeset version), builds, tests and publishes every published workspace whose version
the registry (npm config get registry) does not have yet, in dependency order; commits and tags
the release. Stops before publishing anything when a step fails.
  --dry-run             change nothing: print what would be published, at which version
  --test-command <cmd>  the tests to pass before publishing (default: npm test)
Exit code: 0 when released (or nothing to release), 1 when a step failed, 2 on bad arguments.`;

export interface Planned {
  readonly name: string;
  readonly dir: string;
  readonly version: string;
  /** The bump the pending changesets give it ('none' when it keeps its version). */
  readonly bump: string;
}

type Log = (line: string) => void;

/** Runs a command in `cwd`; its output goes to ours. Throws naming the step when it fails. */
function step(name: string, command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new StepError(`${name} failed (${[command, ...args].join(' ')} exited ${result.status ?? result.signal})`);
}

function capture(command: string, args: string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

export class StepError extends Error {}

/** The published workspaces in dependency order, each at the version the release gives it. */
export async function releasePlan(root: string): Promise<Planned[]> {
  const { releases } = await getReleasePlan(root);
  return publicWorkspaces(root).map(({ dir, manifest }) => {
    const release = releases.find((r) => r.name === manifest.name);
    return { name: manifest.name, dir, version: release?.newVersion ?? manifest.version, bump: release?.type ?? 'none' };
  });
}

/** Whether the configured registry has this version of the package. */
export function isPublished(name: string, version: string, cwd: string): boolean {
  const view = capture('npm', ['view', `${name}@${version}`, 'version', '--json'], cwd);
  if (view.status === 0) return view.stdout !== '';
  if (/E404|404 Not Found/.test(view.stderr)) return false;
  throw new StepError(`npm view ${name}@${version} failed: ${view.stderr.split('\n').find((l) => /ERR!/.test(l)) ?? `exit ${view.status}`}`);
}

/** Provenance needs a CI provider that vouches for the build (npm knows GitHub Actions and GitLab). */
function provenanceAvailable(): boolean {
  return process.env.ACTIONS_ID_TOKEN_REQUEST_URL !== undefined || process.env.SIGSTORE_ID_TOKEN !== undefined;
}

function describePlan(plan: readonly Planned[], root: string, published: ReadonlySet<string>): string[] {
  return plan.map((p) => {
    const what = published.has(p.name) ? 'already in the registry: skipped' : 'to publish';
    return `  ${p.name}@${p.version} (${relative(root, p.dir)}; bump ${p.bump}) ${what}`;
  });
}

export async function release(root: string, argv: readonly string[], log: Log): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...argv], options: { 'dry-run': { type: 'boolean', default: false }, 'test-command': { type: 'string' }, help: { type: 'boolean', default: false } } }));
  } catch (error) {
    log(`${(error as Error).message}\n\n${RELEASE_USAGE}`);
    return 2;
  }
  if (values.help) {
    log(RELEASE_USAGE);
    return 0;
  }
  const testCommand = values['test-command'] ?? 'npm test';
  if (testCommand.trim() === '') {
    log(`--test-command must name a command\n\n${RELEASE_USAGE}`);
    return 2;
  }
  try {
    return await run(root, values['dry-run'], testCommand, log);
  } catch (error) {
    if (!(error instanceof StepError)) throw error;
    log(`release stopped: ${error.message}; nothing more was published`);
    return 1;
  }
}

async function run(root: string, dryRun: boolean, testCommand: string, log: Log): Promise<number> {
  const registry = capture('npm', ['config', 'get', 'registry'], root).stdout;
  log(`registry: ${registry}`);
  if (!dryRun && capture('git', ['status', '--porcelain'], root).stdout !== '') {
    throw new StepError('the working tree has uncommitted changes; commit or remove them first (the release commits its own)');
  }
  const coverage = await checkSpecChangesets(root);
  if (coverage.problems.length > 0) throw new StepError(`the spec check: ${coverage.problems.join('; ')}`);

  const planned = await releasePlan(root);
  if (dryRun) {
    const published = new Set(planned.filter((p) => isPublished(p.name, p.version, root)).map((p) => p.name));
    log(`dry run: the release would publish, in this order:\n${describePlan(planned, root, published).join('\n')}`);
    return 0;
  }
  const specCommit = capture('git', ['rev-parse', 'HEAD'], root).stdout;
  step('changeset version', 'npx', ['--no-install', 'changeset', 'version'], root);
  step('the lockfile update', 'npm', ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'], root);
  writeLastRelease(root, { specCommit });
  // The versions as `changeset version` wrote them (the plan predicted them; the files decide).
  const versioned = planned.map((p) => ({ ...p, version: readManifest(p.dir).version }));
  step('the build', 'npm', ['run', 'build'], root);
  step('the tests', 'sh', ['-c', testCommand], root);

  const already = new Set(versioned.filter((p) => isPublished(p.name, p.version, root)).map((p) => p.name));
  const toPublish = versioned.filter((p) => !already.has(p.name));
  log(`publishing, in this order:\n${describePlan(versioned, root, already).join('\n')}`);
  commitRelease(root, toPublish.map((p) => `${p.name}@${p.version}`));
  const provenance = provenanceAvailable() ? [] : ['--provenance=false'];
  for (const p of toPublish) {
    step(`publishing ${p.name}@${p.version}`, 'npm', ['publish', '--ignore-scripts', ...provenance], p.dir);
    log(`published ${p.name}@${p.version}`);
  }
  if (toPublish.length === 0) log('nothing to publish: the registry has every version');
  return 0;
}

/** Commits what the release changed (versions, changelogs, consumed changesets, the record) and tags it. */
function commitRelease(root: string, tags: readonly string[]): void {
  step('git add', 'git', ['add', '-A'], root);
  if (capture('git', ['diff', '--cached', '--quiet'], root).status === 0) return;
  step('the release commit', 'git', ['commit', '-q', '-m', `Release ${tags.join(', ') || '(no new version)'}`], root);
  for (const tag of tags) step(`the tag ${tag}`, 'git', ['tag', tag], root);
}
