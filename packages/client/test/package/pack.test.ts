// The package as users get it: `npm pack`, install the tarball into an empty project (no network:
// the client has no dependencies), import it from ESM, require it from CommonJS, type-check a
// TypeScript consumer against its declarations, and make one call to a loopback server.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from '../support/recording-server.js';

const PACKAGE_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TSC = join(PACKAGE_DIR, '../../node_modules/typescript/bin/tsc');
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env, npm_config_update_notifier: 'false' } });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${cmd} ${args.join(' ')} failed:\n${stdout ?? ''}${stderr ?? ''}`);
  }
}

// The server runs in this process, so a consumer that calls it must not block the event loop.
const runAsync = async (cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) =>
  (await promisify(execFile)(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } })).stdout;

let project: string;
let files: string[];
let server: RecordingServer;

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'acr-pack-'));
  const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', out], PACKAGE_DIR));
  files = packed.files.map((f: { path: string }) => f.path);
  project = mkdtempSync(join(tmpdir(), 'acr-consumer-'));
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--offline', '--no-audit', '--no-fund', join(out, packed.filename)], project);
  server = await startRecordingServer(() => ({ body: { RequestId: 'R1', IsSuccess: true, Code: 'success', InstanceId: 'cri-1' } }));
}, 120_000);

afterAll(() => server?.close());

describe('the packed package', () => {
  it('contains the built code, declarations, README and CHANGELOG, and nothing else', () => {
    expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/generated/client.js', 'dist/runtime/client.js']));
    expect(files.filter((f) => !/^(package\.json|README\.md|CHANGELOG\.md|dist\/.*\.(js|d\.ts))$/.test(f))).toEqual([]);
  });

  it('declares no runtime dependency, ESM exports and no side effects', () => {
    const manifest = JSON.parse(readFileSync(join(project, 'node_modules/@acr-ee/client/package.json'), 'utf8'));
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.sideEffects).toBe(false);
    expect(manifest.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
  });

  // The wire core and the API's table are workspace packages; the build embeds their dist (scripts/embed.js).
  it.each([
    ['@acr-ee/wire', 'wire'],
    ['@acr-ee/api', 'api'],
  ])('carries %s inside its dist and needs no installed copy of it', (name, folder) => {
    expect(files).toEqual(expect.arrayContaining([`dist/${folder}/index.js`, `dist/${folder}/index.d.ts`]));
    const installed = join(project, 'node_modules/@acr-ee/client');
    const importsIt = new RegExp(`(from\\s*|import\\s*\\(\\s*)['"]${name}['"]`);
    const imports = files.filter((f) => /\.(js|d\.ts)$/.test(f)).filter((f) => importsIt.test(readFileSync(join(installed, f), 'utf8')));
    expect(imports).toEqual([]);
    expect(existsSync(join(project, 'node_modules', name))).toBe(false);
  });

  it('is importable from ESM and calls a server', async () => {
    writeFileSync(
      join(project, 'call.mjs'),
      `import { AcrClient, ServiceError } from '@acr-ee/client';
       const client = new AcrClient({ accessKeyId: 'id', accessKeySecret: 'secret', regionId: 'cn-hangzhou', endpoint: process.env.ENDPOINT });
       const result = await client.getInstance({ InstanceId: 'cri-1' });
       console.log(JSON.stringify({ id: result.InstanceId, error: typeof ServiceError }));`,
    );
    expect(JSON.parse(await runAsync('node', ['call.mjs'], project, { ENDPOINT: server.url }))).toEqual({ id: 'cri-1', error: 'function' });
    expect(server.requests.at(-1)!.params.Action).toBe('GetInstance');
  });

  it('is loadable with require() from CommonJS (Node 20.19+ require of ES modules)', () => {
    writeFileSync(join(project, 'load.cjs'), `const { AcrClient } = require('@acr-ee/client'); console.log(typeof AcrClient.prototype.listRepositoryAll);`);
    expect(run('node', ['--no-warnings', 'load.cjs'], project).trim()).toBe('function');
  });

  it('type-checks a TypeScript consumer against the shipped declarations', () => {
    writeFileSync(
      join(project, 'use.ts'),
      `import { AcrClient, type ListRepositoryItem } from '@acr-ee/client';
       const client = new AcrClient({ regionId: 'cn-hangzhou' });
       export async function names(): Promise<string[]> {
         const out: string[] = [];
         for await (const repo of client.listRepositoryAll({ InstanceId: 'cri-1' })) out.push((repo satisfies ListRepositoryItem).RepoName ?? '');
         return out;
       }
       // @ts-expect-error InstanceId is required
       void client.getInstance({});`,
    );
    writeFileSync(
      join(project, 'tsconfig.json'),
      // A Node.js project has @types/node (the declarations mention node:http agents); this
      // one borrows the repository's copy rather than installing it from the network.
      JSON.stringify({
        compilerOptions: {
          strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', noEmit: true,
          typeRoots: [join(PACKAGE_DIR, '../../node_modules/@types')], types: ['node'],
        },
        files: ['use.ts'],
      }),
    );
    expect(run('node', [TSC, '-p', 'tsconfig.json'], project)).toBe('');
  });
});
