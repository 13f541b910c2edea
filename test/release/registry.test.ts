// The release path proven against a real registry (Verdaccio on loopback, see support/registry.ts),
// in a copy of this repository: a release whose tests fail publishes nothing; `npm run release`
// publishes every published package; a scratch project installs the client and the mock server by
// name and version, type-checks a strict consumer, starts `npx acr-mock-server` and calls it
// through the client; then a spec change (an optional parameter added) goes through
// `npm run changeset:spec` and a second release as a minor version whose changelog names it, and
// the scratch project upgrades to it.
// The releases run `npm run build` in full; their test step is the type check of the client and the
// mock server (the packages' own suites run in this repository's `npm test`).
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_RELEASE_FILE, publicWorkspaces } from '@acr-ee/generator/release';
import { GIT_IDENTITY, copyRepository, runOrThrow } from './support/repo-copy.js';
import { type Registry, startRegistry } from './support/registry.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSC = join(REPO_ROOT, 'node_modules/typescript/bin/tsc');
const PUBLISHED = publicWorkspaces(REPO_ROOT).map((w) => ({ name: w.manifest.name, version: w.manifest.version }));
const CLIENT = PUBLISHED.find((p) => p.name === '@acr-ee/client')!;
const MOCK = PUBLISHED.find((p) => p.name === '@acr-ee/mock-server')!;
const TEST_COMMAND = 'npx --no-install turbo run lint --filter=@acr-ee/client --filter=@acr-ee/mock-server';
/**
 * The releases' turbo runs share this repository's cache (a worktree's is its main checkout's): the
 * copy's files are this repository's, so its first build and type check replay ours, and only
 * what the spec change touches is built afresh (CHANGELOG.md is no input of build or lint).
 */
const TURBO_CACHE_DIR = join(dirname(runOrThrow('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], REPO_ROOT).trim()), '.turbo/cache');
/** The parameter the spec change adds; optional, so a minor change. */
const NEW_PARAMETER = 'RepoCreatorFilter';

let work: string;
let repo: string;
let scratch: string;
let registry: Registry;

interface Ran {
  readonly status: number | null;
  readonly output: string;
}

function run(command: string, args: string[], cwd: string): Ran {
  const env = { ...registry.env, ...GIT_IDENTITY, TURBO_CACHE_DIR, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1' };
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

function ok(command: string, args: string[], cwd: string): string {
  const ran = run(command, args, cwd);
  if (ran.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${ran.status}:\n${ran.output.slice(-4000)}`);
  return ran.output;
}

/** The version the registry has for `name@range`, or undefined (npm view answers 404). */
function registryVersion(spec: string): string | undefined {
  const ran = run('npm', ['view', spec, 'version'], scratch);
  if (ran.status !== 0) {
    expect(ran.output).toMatch(/E404/);
    return undefined;
  }
  return ran.output.trim().split('\n').pop();
}

function installed(name: string): { version: string; dir: string } {
  const dir = join(scratch, 'node_modules', name);
  return { version: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version, dir };
}

function typeCheck(source: string): string {
  writeFileSync(join(scratch, 'consumer.ts'), source);
  // Strict, as a careful consumer compiles; @types/node borrowed from this repository.
  const tsconfig = {
    compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true, typeRoots: [join(REPO_ROOT, 'node_modules/@types')], types: ['node'] },
    files: ['consumer.ts'],
  };
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify(tsconfig));
  return run(process.execPath, [TSC, '-p', 'tsconfig.json'], scratch).output;
}

/** Starts `npx acr-mock-server --port 0` in the scratch project; resolves with its URL (its first line). */
function startMockServer(): Promise<{ url: string; child: ChildProcess }> {
  // Its own process group: npx runs the command in a child of its own, and stopMockServer ends both.
  const child = spawn('npx', ['--no-install', 'acr-mock-server', '--port', '0'], { cwd: scratch, env: registry.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolvePromise, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (url) => resolvePromise({ url, child }));
    child.once('exit', (code) => reject(new Error(`acr-mock-server exited ${code}: ${stderr}`)));
  });
}

/** Stops the mock server's process group (npx and the server it started). */
function stopMockServer(child: ChildProcess): Promise<void> {
  return new Promise((resolvePromise) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolvePromise();
    child.once('exit', () => resolvePromise());
    process.kill(-child.pid!, 'SIGTERM');
  });
}

/** Adds the optional parameter to ListRepository, before its PageNo, keeping the file's layout. */
function addOptionalParameter(): void {
  const file = join(repo, 'spec/paths/11-repository.yaml');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('\nListRepository:\n');
  const at = text.indexOf('      - name: PageNo\n', start);
  expect(start >= 0 && at > start).toBe(true);
  const parameter = [
    `      - name: ${NEW_PARAMETER}`,
    '        in: query',
    '        required: false',
    '        description: Only the repositories created by this account.',
    '        schema: {type: string}',
    '        example: "1234567890"',
    '',
  ].join('\n');
  writeFileSync(file, text.slice(0, at) + parameter + text.slice(at));
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'acr-release-e2e-'));
  registry = await startRegistry(join(work, 'registry'), REPO_ROOT);
  repo = join(work, 'repo');
  copyRepository(REPO_ROOT, repo);
  scratch = join(work, 'scratch');
  runOrThrow('mkdir', ['-p', scratch], work);
  writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: 'scratch', private: true, type: 'module' }));
}, 600_000);

afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
}, 120_000);

describe('releasing to a registry', () => {
  it('publishes nothing when the tests fail', () => {
    const failed = run('npm', ['run', 'release', '--', '--test-command', 'exit 3'], repo);
    expect(failed.status).toBe(1);
    expect(failed.output).toContain('release stopped: the tests failed');
    for (const { name } of PUBLISHED) expect(registryVersion(name)).toBeUndefined();
    // The failed release leaves its version changes for inspection; a maintainer undoes them so.
    ok('git', ['checkout', '--', '.'], repo);
    ok('git', ['clean', '-q', '-f', '--', LAST_RELEASE_FILE], repo);
  }, 900_000);

  it('publishes every published package, in dependency order, and records the release', () => {
    const output = ok('npm', ['run', 'release', '--', '--test-command', TEST_COMMAND], repo);
    const order = PUBLISHED.map((p) => output.indexOf(`published ${p.name}@${p.version}`));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    for (const p of PUBLISHED) expect(registryVersion(`${p.name}@${p.version}`)).toBe(p.version);
    expect(ok('git', ['tag', '--list'], repo).trim().split('\n').sort()).toEqual(PUBLISHED.map((p) => `${p.name}@${p.version}`).sort());
    // Nothing left to publish: a second run (dry) says so for each.
    const dry = ok('npm', ['run', 'release', '--', '--dry-run'], repo);
    for (const p of PUBLISHED) expect(dry).toContain(`${p.name}@${p.version} (`);
    expect(dry.match(/already in the registry: skipped/g)).toHaveLength(PUBLISHED.length);
  }, 900_000);

  it('installs by name and version into a scratch project, type-checks a strict consumer, and calls the mock server through the client', async () => {
    ok('npm', ['install', `@acr-ee/client@${CLIENT.version}`, `@acr-ee/mock-server@${MOCK.version}`], scratch);
    expect(installed('@acr-ee/client').version).toBe(CLIENT.version);
    // No native module: better-sqlite3 is an optional peer, for state files on Node 20 only.
    expect(existsSync(join(scratch, 'node_modules/better-sqlite3'))).toBe(false);
    const diagnostics = typeCheck(
      `import { AcrClient, type GetInstanceResponse } from '@acr-ee/client';
       import { startMockServer, type MockServer } from '@acr-ee/mock-server';
       export async function status(endpoint: string): Promise<GetInstanceResponse['InstanceStatus']> {
         const client = new AcrClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', regionId: 'cn-hangzhou', endpoint });
         return (await client.getInstance({ InstanceId: 'cri-mock0000000001' })).InstanceStatus;
       }
       export const start: () => Promise<MockServer> = () => startMockServer();
       // @ts-expect-error InstanceId is required
       void new AcrClient({ regionId: 'cn-hangzhou' }).getInstance({});`,
    );
    expect(diagnostics).toBe('');
    const { url, child } = await startMockServer();
    try {
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      writeFileSync(
        join(scratch, 'call.mjs'),
        `import { AcrClient } from '@acr-ee/client';
         const client = new AcrClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', regionId: 'cn-hangzhou', endpoint: process.argv[2] });
         const answer = await client.getInstance({ InstanceId: 'cri-mock0000000001' });
         console.log(JSON.stringify({ InstanceId: answer.InstanceId, IsSuccess: answer.IsSuccess }));`,
      );
      const call = await new Promise<string>((resolvePromise, reject) => {
        const caller = spawn(process.execPath, ['call.mjs', url], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        caller.stdout.on('data', (chunk) => (out += chunk));
        caller.stderr.on('data', (chunk) => (out += chunk));
        caller.once('exit', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`call.mjs exited ${code}: ${out}`))));
      });
      expect(JSON.parse(call)).toEqual({ InstanceId: 'cri-mock0000000001', IsSuccess: true });
    } finally {
      await stopMockServer(child);
    }
  }, 600_000);

  it('releases a spec change (an optional parameter) as a minor version whose changelog names it, and the scratch project upgrades', () => {
    addOptionalParameter();
    ok('npm', ['run', 'generate'], repo); // as a maintainer does: the spec and its generated code go together
    const written = ok('npm', ['run', 'changeset:spec'], repo);
    expect(written).toMatch(/wrote \.changeset\/spec-api-changes\.md \(minor, since [0-9a-f]{40}\)/);
    expect(written).toContain(NEW_PARAMETER);
    ok('git', ['add', '-A'], repo);
    ok('git', ['commit', '-q', '-m', `ListRepository: optional ${NEW_PARAMETER}`], repo);
    const specCommit = ok('git', ['rev-parse', 'HEAD'], repo).trim();

    ok('npm', ['run', 'release', '--', '--test-command', TEST_COMMAND], repo);
    const minorOf = (version: string) => version.replace(/^(\d+)\.(\d+)\.\d+.*$/, (_m, major: string, minor: string) => `${major}.${Number(minor) + 1}.0`);
    const minor = minorOf(CLIENT.version);
    expect(registryVersion('@acr-ee/client')).toBe(minor);
    expect(registryVersion('@acr-ee/mock-server')).toBe(minorOf(MOCK.version));
    expect(JSON.parse(readFileSync(join(repo, LAST_RELEASE_FILE), 'utf8'))).toEqual({ specCommit });

    ok('npm', ['install', '@acr-ee/client@latest', '@acr-ee/mock-server@latest'], scratch);
    const client = installed('@acr-ee/client');
    expect(client.version).toBe(minor);
    expect(installed('@acr-ee/mock-server').version).toBe(minorOf(MOCK.version));
    const changelog = readFileSync(join(client.dir, 'CHANGELOG.md'), 'utf8');
    expect(changelog).toContain(`## ${minor}`);
    expect(changelog.slice(changelog.indexOf(`## ${minor}`))).toContain(NEW_PARAMETER);
    const diagnostics = typeCheck(
      `import { AcrClient } from '@acr-ee/client';
       const client = new AcrClient({ regionId: 'cn-hangzhou' });
       export const page = () => client.listRepository({ InstanceId: 'cri-1', ${NEW_PARAMETER}: '1234567890' });`,
    );
    expect(diagnostics).toBe('');
  }, 900_000);
});
