// A Verdaccio registry for the release tests: on a free loopback port, storage in a temporary
// folder, our scope served only from its own storage (publishable by $anonymous, so npm's token is
// a placeholder that names no account), every other package proxied to the registry npm is
// configured with here. The environment it returns points npm at it and at nothing else.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { freePort } from '../../support/free-port.js';

export interface Registry {
  readonly url: string;
  /** The environment of every npm command of the test: this registry, no npm_* inherited. */
  readonly env: NodeJS.ProcessEnv;
  readonly stop: () => Promise<void>;
}

/** The parent's environment without npm's lifecycle variables (they would name other registries and user configs). */
export function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key)));
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  // Generous: Verdaccio takes seconds to start on a loaded machine; the loop ends when it answers.
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}): ${output()}`);
    const answered = await fetch(`${url}-/ping`).then((r) => r.ok, () => false);
    if (answered) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`verdaccio did not answer on ${url}: ${output()}`);
}

/** Starts Verdaccio with its files in `dir`, proxying to the registry npm is configured with in `root`. */
export async function startRegistry(dir: string, root: string): Promise<Registry> {
  // Asked from the repository's root: in a workspace's folder npm refuses `config` (ENOWORKSPACES).
  const asked = spawnSync('npm', ['config', 'get', 'registry'], { cwd: root, encoding: 'utf8' });
  const upstream = asked.stdout.trim();
  if (asked.status !== 0 || !/^https?:\/\//.test(upstream)) throw new Error(`npm config get registry failed: ${asked.stderr}`);
  mkdirSync(join(dir, 'storage'), { recursive: true });
  // A free port can be taken by another process between freePort() and Verdaccio's listen (the
  // other workspaces' tests open ports all the time): then Verdaccio exits with EADDRINUSE, and the
  // registry starts again on another port.
  for (let attempt = 1; ; attempt += 1) {
    const port = await freePort();
    try {
      return { ...(await launch(dir, upstream, port)), env: envFor(dir, port) };
    } catch (error) {
      if (attempt >= PORT_ATTEMPTS || !(error instanceof Error) || !error.message.includes('EADDRINUSE')) throw error;
    }
  }
}

const PORT_ATTEMPTS = 5;

/** Verdaccio on `port`, serving once this resolves; stopped again if it does not come up. */
async function launch(dir: string, upstream: string, port: number): Promise<Omit<Registry, 'env'>> {
  const url = `http://127.0.0.1:${port}/`;
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${JSON.stringify(join(dir, 'storage'))}`,
      'auth:',
      `  htpasswd: { file: ${JSON.stringify(join(dir, 'htpasswd'))}, max_users: -1 }`,
      'uplinks:',
      `  upstream: { url: ${JSON.stringify(upstream)} }`,
      'packages:',
      "  '@acr-ee/*': { access: $all, publish: $anonymous }",
      "  '**': { access: $all, proxy: upstream }",
      'web: { enable: false }',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const bin = createRequire(import.meta.url).resolve('verdaccio/bin/verdaccio');
  const child = spawn(process.execPath, [bin, '--config', config, '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (chunk) => (log += chunk));
  child.stderr!.on('data', (chunk) => (log += chunk));
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  try {
    await waitUntilServing(url, child, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}

/** The environment of every npm command of the test: this registry and its placeholder token only. */
function envFor(dir: string, port: number): NodeJS.ProcessEnv {
  const npmrc = join(dir, 'npmrc');
  writeFileSync(npmrc, `registry=http://127.0.0.1:${port}/\n//127.0.0.1:${port}/:_authToken=placeholder-for-anonymous-publishing\n`);
  return {
    ...cleanEnv(),
    NPM_CONFIG_USERCONFIG: npmrc,
    NPM_CONFIG_UPDATE_NOTIFIER: 'false',
    NPM_CONFIG_AUDIT: 'false',
    NPM_CONFIG_FUND: 'false',
  };
}
