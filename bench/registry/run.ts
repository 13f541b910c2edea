// The registry benchmark: push and pull of one large layer against the mock server's registry
// (token authentication, a chunked upload hashed and verified while it streams, synced and renamed
// into place, then a streamed GET) and against a bare node:http server that streams the same bytes
// to a file and back (the ceiling: no hashing, no sync, no authentication), side by side in one run,
// rounds interleaved. Prints MB/s per server and direction (median of the rounds), the ratios
// mock ÷ bare, and one JSON line. Exits 0 whatever the figures; 1 when anything fails (a server, a
// status, a digest that does not come back); 2 on bad flags.
import { fork, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, type Hash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TSX_EXEC_ARGV } from '../shared/child-job.js';
import { number, optionsOrExit, readFlags } from '../shared/flags.js';
import { median } from '../shared/stats.js';

const USAGE = `npm run bench:registry -w @acr-ee/bench -- [--size=MiB] [--rounds=N]
  --size=MiB    size of the layer, 1 to 4096 (default 256)
  --rounds=N    rounds, each pushing and pulling on both servers (1 to 20, default 3)`;

interface Options {
  readonly sizeMiB: number;
  readonly rounds: number;
}

function parse(argv: readonly string[]): Options {
  const flags = readFlags(argv, ['size', 'rounds'], []);
  return { sizeMiB: number('size', flags.get('size') ?? '256', 1, 4096, true), rounds: number('rounds', flags.get('rounds') ?? '3', 1, 20, true) };
}

const MiB = 1024 * 1024;
type Name = 'mock' | 'bare';

interface Server {
  readonly child: ChildProcess;
  readonly port: number;
}

function start(kind: Name, dir: string): Promise<Server> {
  const child = fork(fileURLToPath(new URL('./servers.ts', import.meta.url)), [kind, dir], { execArgv: TSX_EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'ready' && typeof message.port === 'number') resolve({ child, port: message.port });
    });
    child.once('exit', (code) => reject(new Error(`${kind} server exited (code ${code}) before it was ready`)));
  });
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** One request; `size` bytes of the layer streamed as its body (hashed into `hash`) when given. */
function call(port: number, method: string, path: string, headers: Record<string, string>, size = 0, hash?: Hash): Promise<Answer> {
  const base = randomBytes(MiB);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers: size > 0 ? { ...headers, 'content-length': String(size) } : headers }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    void (async () => {
      for (let i = 0; i < size / MiB; i++) {
        const piece = Buffer.from(base);
        piece.writeUInt32BE(i, 0);
        hash?.update(piece);
        if (!req.write(piece)) await new Promise((done) => req.once('drain', done));
      }
      req.end();
    })();
  });
}

/** Streams a GET's body through SHA-256; resolves to its digest and size. */
function pull(port: number, path: string, headers: Record<string, string>): Promise<{ digest: string; size: number }> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`GET ${path}: HTTP ${res.statusCode}`));
      const hash = createHash('sha256');
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        hash.update(chunk);
      });
      res.on('end', () => resolve({ digest: `sha256:${hash.digest('hex')}`, size }));
    })
      .on('error', reject)
      .end();
  });
}

function expectStatus(answer: Answer, status: number, what: string): void {
  if (answer.status !== status) throw new Error(`${what}: HTTP ${answer.status} ${answer.body.slice(0, 300)}`);
}

async function mockToken(port: number): Promise<string> {
  const query = new URLSearchParams({ Action: 'GetAuthorizationToken', Version: '2018-12-01', Format: 'JSON', RegionId: 'cn-hangzhou', InstanceId: 'cri-mock0000000001' });
  const login = JSON.parse((await call(port, 'GET', `/?${query}`, {})).body) as { TempUsername: string; AuthorizationToken: string };
  const basic = Buffer.from(`${login.TempUsername}:${login.AuthorizationToken}`).toString('base64');
  const answer = await call(port, 'GET', '/auth?scope=repository:bench/layer:pull,push', { authorization: `Basic ${basic}` });
  expectStatus(answer, 200, 'token');
  return `Bearer ${(JSON.parse(answer.body) as { token: string }).token}`;
}

/** Seconds to push and to pull `size` bytes through the server, the bytes checked on the way back. */
async function round(name: Name, server: Server, size: number, n: number, auth: string): Promise<{ push: number; pull: number }> {
  const hash = createHash('sha256');
  const t0 = process.hrtime.bigint();
  let path: string;
  let headers: Record<string, string> = {};
  if (name === 'mock') {
    headers = { authorization: auth };
    const started = await call(server.port, 'POST', '/v2/bench/layer/blobs/uploads/', headers);
    expectStatus(started, 202, 'start upload');
    const location = started.headers.location as string;
    expectStatus(await call(server.port, 'PATCH', location, { ...headers, 'content-type': 'application/octet-stream' }, size, hash), 202, 'PATCH');
    const digest = `sha256:${hash.copy().digest('hex')}`;
    expectStatus(await call(server.port, 'PUT', `${location}?digest=${digest}`, { ...headers, 'content-length': '0' }), 201, 'finish upload');
    path = `/v2/bench/layer/blobs/${digest}`;
  } else {
    expectStatus(await call(server.port, 'PUT', `/blobs/${n}`, {}, size, hash), 201, 'bare PUT');
    path = `/blobs/${n}`;
  }
  const t1 = process.hrtime.bigint();
  const back = await pull(server.port, path, headers);
  const t2 = process.hrtime.bigint();
  const digest = `sha256:${hash.digest('hex')}`;
  if (back.digest !== digest || back.size !== size) throw new Error(`${name}: the layer came back different (${back.size} bytes, ${back.digest})`);
  return { push: Number(t1 - t0) / 1e9, pull: Number(t2 - t1) / 1e9 };
}

async function main(): Promise<void> {
  const options = optionsOrExit(parse, USAGE, 'bench:registry');
  const size = options.sizeMiB * MiB;
  const dirs = { mock: mkdtempSync(join(tmpdir(), 'bench-registry-mock-')), bare: mkdtempSync(join(tmpdir(), 'bench-registry-bare-')) };
  const servers: Partial<Record<Name, Server>> = {};
  const load = [loadavg()[0]];
  try {
    servers.mock = await start('mock', dirs.mock);
    servers.bare = await start('bare', dirs.bare);
    const auth = await mockToken(servers.mock.port);
    const seconds: Record<Name, { push: number[]; pull: number[] }> = { mock: { push: [], pull: [] }, bare: { push: [], pull: [] } };
    for (let n = 0; n < options.rounds; n++) {
      for (const name of ['mock', 'bare'] as const) {
        const result = await round(name, servers[name] as Server, size, n, auth);
        seconds[name].push.push(result.push);
        seconds[name].pull.push(result.pull);
      }
    }
    load.push(loadavg()[0]);
    const rate = (s: number[]): number => size / 1e6 / median(s);
    const figures = {
      mock: { pushMBps: rate(seconds.mock.push), pullMBps: rate(seconds.mock.pull) },
      bare: { pushMBps: rate(seconds.bare.push), pullMBps: rate(seconds.bare.pull) },
    };
    const ratios = { push: figures.mock.pushMBps / figures.bare.pushMBps, pull: figures.mock.pullMBps / figures.bare.pullMBps };
    console.log(`registry: one ${options.sizeMiB} MiB layer, ${options.rounds} round(s), load average ${load[0].toFixed(2)} -> ${load[1].toFixed(2)}`);
    console.log('server        push MB/s   pull MB/s');
    for (const name of ['mock', 'bare'] as const) console.log(`${name === 'mock' ? 'mock server' : 'bare node:http'}`.padEnd(14) + figures[name].pushMBps.toFixed(0).padStart(9) + figures[name].pullMBps.toFixed(0).padStart(12));
    console.log(`mock ÷ bare: push ${ratios.push.toFixed(2)}x, pull ${ratios.pull.toFixed(2)}x`);
    console.log(JSON.stringify({ bench: 'registry', sizeMiB: options.sizeMiB, rounds: options.rounds, figures, ratios, loadAverage: load }));
  } finally {
    for (const server of Object.values(servers)) server?.child.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(`bench:registry: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
