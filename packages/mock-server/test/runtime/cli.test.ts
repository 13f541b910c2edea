// The `acr-mock-server` command: flags checked in-process (parseCli), then the real launcher
// (bin/acr-mock-server.js, which runs the built dist/; `turbo test` builds first) spawned: its URL
// line, calls against it, clean exits on SIGTERM and SIGINT, exit code 2 on a bad flag.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AcrClient } from '@acr-ee/client';
import { beforeAll, describe, expect, it } from 'vitest';
import { CliError, DEFAULT_CLI_PORT, parseCli } from '../../src/cli.js';
import { call, http, json } from './support/wire.js';

const PACKAGE = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(PACKAGE, 'bin/acr-mock-server.js');
const dir = mkdtempSync(join(tmpdir(), 'acr-mock-cli-'));
const file = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('parseCli', () => {
  it('has documented defaults that just work', () => {
    const parsed = parseCli([], {});
    expect(parsed).toMatchObject({
      help: false,
      verbose: false,
      options: { port: DEFAULT_CLI_PORT, host: '127.0.0.1', accessKeyId: 'testid', accessKeySecret: 'testsecret', verifySignature: true },
    });
  });

  it('reads every flag', () => {
    const policy = file('policy.json', JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'cr:*', Resource: '*' }] }));
    const seed = file('seed.json', JSON.stringify({ regionId: 'cn-shanghai' }));
    const parsed = parseCli([
      '--port=0', '--host', '::1', '--access-key-id', 'id', '--access-key-secret', 'secret', '--security-token', 'tok',
      '--account-id', '42', '--region-id', 'cn-beijing', '--no-verify-signature', '--policy', policy,
      '--faults', '{"seed":1,"global":{"latencyMs":5}}', '--state-file', join(dir, 'state.db'), '--seed', seed, '--verbose',
    ]);
    expect(parsed).toEqual({
      help: false,
      verbose: true,
      options: {
        port: 0, host: '::1', accessKeyId: 'id', accessKeySecret: 'secret', securityToken: 'tok', accountId: '42', regionId: 'cn-beijing',
        verifySignature: false, policy: { Statement: [{ Effect: 'Allow', Action: 'cr:*', Resource: '*' }] },
        faults: { seed: 1, global: { latencyMs: 5 } }, stateFile: join(dir, 'state.db'), seed: { regionId: 'cn-shanghai' },
      },
    });
    expect(parseCli(['--faults', file('faults.json', '{"global":{"throttleRate":0.5}}')])).toMatchObject({ options: { faults: { global: { throttleRate: 0.5 } } } });
    expect(parseCli(['-h'])).toEqual({ help: true });
    expect(parseCli(['--admin-token', 'flag-token'], { ACR_MOCK_ADMIN_TOKEN: 'env-token' })).toMatchObject({ options: { adminToken: 'flag-token' } });
    expect(parseCli([], { ACR_MOCK_ADMIN_TOKEN: 'env-token' })).toMatchObject({ options: { adminToken: 'env-token' } });
    expect(parseCli(['--max-connections', '64', '--headers-timeout-ms', '5000'], {})).toMatchObject({ options: { maxConnections: 64, headersTimeoutMs: 5000 } });
  });

  it('takes the secret from a file or the environment, so ps need not show it', () => {
    const env = { ACR_MOCK_ACCESS_KEY_SECRET: 'from-env' };
    expect(parseCli([], env)).toMatchObject({ options: { accessKeySecret: 'from-env' } });
    expect(parseCli(['--access-key-secret-file', file('secret', 'from-file\n')], env)).toMatchObject({ options: { accessKeySecret: 'from-file' } });
    expect(parseCli(['--access-key-secret-file', file('secret-crlf', 'crlf\r\n')], {})).toMatchObject({ options: { accessKeySecret: 'crlf' } });
    expect(parseCli(['--access-key-secret', 'from-flag'], env)).toMatchObject({ options: { accessKeySecret: 'from-flag' } });
    expect(parseCli([], { ACR_MOCK_ACCESS_KEY_SECRET: '' })).toMatchObject({ options: { accessKeySecret: 'testsecret' } });
  });

  it.each([
    [['--access-key-secret-file', 'TWO_LINES'], 'must hold the secret alone, on one line, without spaces'],
    [['--access-key-secret-file', 'EMPTY'], 'must hold the secret alone'],
    [['--access-key-secret-file', '/nonexistent/secret'], '--access-key-secret-file /nonexistent/secret: cannot be read (ENOENT)'],
    [['--access-key-secret', 'x', '--access-key-secret-file', 'EMPTY'], 'give one of them'],
    [[], 'ACR_MOCK_ACCESS_KEY_SECRET must be a value without spaces'],
  ])('refuses the secret of %j without showing it: %s', (argv, message) => {
    const files: Record<string, string> = { TWO_LINES: file('two-lines', 'hidden-one\nhidden-two\n'), EMPTY: file('empty', '') };
    const args = argv.map((a) => files[a] ?? a);
    const env = { ACR_MOCK_ACCESS_KEY_SECRET: 'hidden value' };
    expect(() => parseCli(args, env)).toThrow(message);
    try {
      parseCli(args, env);
    } catch (error) {
      expect((error as Error).message).not.toMatch(/hidden/);
    }
  });

  it.each([
    [['--port', '70000'], '--port must be an integer from 0 to 65535'],
    [['--port', '4o10'], '--port must be an integer'],
    [['--port'], "Option '--port <value>' argument missing"],
    [['--host', ''], '--host must be a non-empty value'],
    [['--access-key-id', 'a b'], '--access-key-id must be a non-empty value without spaces'],
    [['--access-key-secret', ''], '--access-key-secret must be a non-empty value'],
    [['--account-id', 'a/b'], '--account-id must be'],
    [['--region-id', 'CN'], '--region-id must be'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['serve'], "Unexpected argument 'serve'"],
    [['--policy', '/nonexistent/policy.json'], '--policy /nonexistent/policy.json: cannot be read (ENOENT)'],
    [['--policy', 'BAD_JSON'], 'not valid JSON'],
    [['--policy', 'BAD_POLICY'], 'Statement[0].Effect must be "Allow" or "Deny"'],
    [['--faults', '{"global":'], '--faults (inline): not valid JSON'],
    [['--faults', '{"global":{"dropRate":3}}'], '--faults (inline): global.dropRate must be a number from 0 to 1'],
    [['--faults', '/nonexistent/faults.json'], 'cannot be read'],
    [['--state-file', '/nonexistent-dir/state.db'], 'the directory /nonexistent-dir does not exist'],
    [['--seed', 'SEED_ARRAY'], 'must be a JSON object'],
    [['--max-connections', '0'], '--max-connections must be an integer from 1 to 1000000'],
    [['--headers-timeout-ms', '10s'], '--headers-timeout-ms must be an integer from 1 to 600000'],
  ])('refuses %j: %s', (argv, message) => {
    const files: Record<string, string> = {
      BAD_JSON: file('bad.json', '{'),
      BAD_POLICY: file('bad-policy.json', '{"Statement":[{"Effect":"Perhaps","Action":"*","Resource":"*"}]}'),
      SEED_ARRAY: file('seed-array.json', '[]'),
    };
    const args = argv.map((a) => files[a] ?? a);
    expect(() => parseCli(args)).toThrow(CliError);
    expect(() => parseCli(args)).toThrow(message);
  });
});

interface Spawned {
  readonly child: ChildProcess;
  readonly url: Promise<string>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

function spawnBin(args: string[], env: NodeJS.ProcessEnv = {}): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  const url = new Promise<string>((resolveUrl, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline !== -1) resolveUrl(stdout.slice(0, newline));
    });
    child.once('exit', () => reject(new Error(`exited before printing its URL: ${stderr}`)));
  });
  url.catch(() => undefined);
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolveExit) => {
    child.once('close', (code, signal) => resolveExit({ code, signal, stdout, stderr }));
  });
  return { child, url, exit };
}

describe('the acr-mock-server command', () => {
  beforeAll(() => {
    if (!existsSync(join(PACKAGE, 'dist/cli.js'))) throw new Error('dist/ is missing: run `npm run build -w @acr-ee/mock-server` first');
  });

  it('prints its URL, serves signed calls, and exits 0 on SIGTERM', async () => {
    const secret = 'cli-secret-never-printed';
    const server = spawnBin(['--port', '0', '--access-key-id', 'cli-id', '--access-key-secret', secret, '--verbose', '--faults', '{"actions":{"ListInstance":{"throttleRate":1}}}']);
    const url = await server.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:[0-9]+$/);
    const client = new AcrClient({ accessKeyId: 'cli-id', accessKeySecret: secret, regionId: 'cn-hangzhou', endpoint: url });
    try {
      expect((await client.getInstance({ InstanceId: 'cri-mock0000000001' })).InstanceStatus).toBe('RUNNING');
    } finally {
      client.close();
    }
    const throttled = await call(url, { Action: 'ListInstance', RegionId: 'cn-hangzhou' }, { accessKeyId: 'cli-id', secret });
    expect([throttled.status, json(throttled).Code]).toEqual([429, 'Throttling.User']);
    server.child.kill('SIGTERM');
    const { code, signal, stdout, stderr } = await server.exit;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stdout).toMatch(/ GET GetInstance 200 /);
    expect(stdout).toMatch(/ GET ListInstance 429 Throttling\.User /);
    expect(stdout + stderr).not.toContain(secret);
  });

  it.each([
    ['the environment', [] as string[], { ACR_MOCK_ACCESS_KEY_SECRET: 'env-secret-never-printed' }, 'env-secret-never-printed'],
    ['a file', ['--access-key-secret-file', file('cli-secret', 'file-secret-never-printed\n')], {}, 'file-secret-never-printed'],
  ])('accepts the secret from %s (not on its command line)', async (_where, args, env, secret) => {
    const server = spawnBin(['--port', '0', ...args], env);
    const url = await server.url;
    try {
      expect((await call(url, { Action: 'GetInstance', InstanceId: 'cri-mock0000000001' }, { accessKeyId: 'testid', secret })).status).toBe(200);
      expect((await call(url, { Action: 'GetInstance', InstanceId: 'cri-mock0000000001' }, { accessKeyId: 'testid', secret: 'testsecret' })).status).toBe(403);
    } finally {
      server.child.kill('SIGTERM');
    }
    const { code, stdout, stderr } = await server.exit;
    expect(code).toBe(0);
    expect(stdout + stderr).not.toContain(secret);
  });

  it('off loopback, prints the admin token it made (stderr) and requires it', async () => {
    const server = spawnBin(['--port', '0', '--host', '0.0.0.0']);
    const url = await server.url;
    const local = `http://127.0.0.1:${new URL(url).port}`;
    try {
      expect((await http(local, 'POST', '/-/reset')).status).toBe(401);
    } finally {
      server.child.kill('SIGTERM');
    }
    const { code, stderr } = await server.exit;
    expect(code).toBe(0);
    const token = /Authorization: Bearer ([A-Za-z0-9_-]+)/.exec(stderr)?.[1];
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
  });

  it('exits 0 on SIGINT', async () => {
    const server = spawnBin(['--port', '0']);
    await server.url;
    server.child.kill('SIGINT');
    expect(await server.exit).toMatchObject({ code: 0, signal: null });
  });

  it('exits 2 with a message on a bad flag', async () => {
    const { code, stderr, stdout } = await spawnBin(['--port', 'eighty']).exit;
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('acr-mock-server: --port must be an integer from 0 to 65535, not "eighty"');
    expect(stderr).toContain('--help');
  });

  it('prints its usage, with the default keys, on --help', async () => {
    const { code, stdout } = await spawnBin(['--help']).exit;
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: acr-mock-server [options]');
    expect(stdout).toContain('(default testid)');
    expect(stdout).toContain('(default testsecret)');
  });

  it('exits 1 with a message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { code, stderr } = await spawnBin(['--port', String(port)]).exit;
      expect(code).toBe(1);
      expect(stderr).toContain(`127.0.0.1:${port} is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('keeps the state in --state-file across restarts', async () => {
    const stateFile = join(dir, 'restart.db');
    const run = async (work: (client: AcrClient) => Promise<void>): Promise<void> => {
      const server = spawnBin(['--port', '0', '--state-file', stateFile]);
      const client = new AcrClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', regionId: 'cn-hangzhou', endpoint: await server.url });
      try {
        await work(client);
      } finally {
        client.close();
        server.child.kill('SIGTERM');
      }
      expect((await server.exit).code).toBe(0);
    };
    await run(async (client) => {
      await client.createNamespace({ InstanceId: 'cri-mock0000000001', NamespaceName: 'kept' });
    });
    await run(async (client) => {
      expect((await client.getNamespace({ InstanceId: 'cri-mock0000000001', NamespaceName: 'kept' })).NamespaceName).toBe('kept');
    });
  });
});
