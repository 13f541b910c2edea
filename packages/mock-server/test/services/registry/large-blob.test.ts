// A 1 GiB layer through the registry of a server in its own process (the command, with a state
// file: blobs on disk): pushed in four 256 MiB chunks, finished, referenced by a manifest, pulled
// back and hashed. The server's peak resident memory (VmHWM of /proc/<pid>/status, Linux) must
// stay under 125 MB (the issue asks for 150) on every Node line: bodies stream to disk and back,
// hashed on the way, never held whole. No timing is asserted; the only time limits are generous
// safety nets.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { blobOf } from './oci-layout.js';

const BIN = fileURLToPath(new URL('../../../bin/acr-mock-server.js', import.meta.url));
const MiB = 1024 * 1024;
const CHUNK = 256 * MiB;
const TOTAL = 4 * CHUNK;
/** The issue asks for 150 MB; measured peaks are about 91, 95 and 101 MB (Node 20, 22, 24), so the bound is tighter. */
const RSS_LIMIT = 125 * 1000 * 1000;
/**
 * What pushing and pulling may add to the idle server's resident memory: about 20 MB measured on
 * Node 20, 22 and 24 (the dead buffers of the upload's body are collected every 16 MiB, the pull
 * reuses its buffers); 70 MB on Node 24 before either.
 */
const TRANSFER_LIMIT = 40 * 1000 * 1000;
const SEED = { instances: [{ namespaces: [{ name: 'big', autoCreateRepo: true }] }] };

const dir = mkdtempSync(join(tmpdir(), 'registry-large-'));
let child: ChildProcess;
let url = '';

beforeAll(async () => {
  const seedFile = join(dir, 'seed.json');
  const { writeFileSync } = await import('node:fs');
  writeFileSync(seedFile, JSON.stringify(SEED));
  child = spawn(process.execPath, [BIN, '--port', '0', '--no-verify-signature', '--state-file', join(dir, 'state.db'), '--seed', seedFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (data: Buffer) => {
      out += data.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
}, 60_000);

afterAll(async () => {
  if (child !== undefined && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** Peak resident set of the server process so far, in bytes. */
function peakRss(): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const match = /^VmHWM:\s+([0-9]+) kB$/m.exec(status);
  if (!match) throw new Error('no VmHWM in /proc/<pid>/status');
  return Number(match[1]) * 1024;
}

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** One request; `send` writes the body (with backpressure) and ends it. */
function call(method: string, path: string, headers: Record<string, string>, send?: (write: (chunk: Buffer) => Promise<void>) => Promise<void>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    const write = (chunk: Buffer): Promise<void> => new Promise((done) => (req.write(chunk) ? done() : req.once('drain', done)));
    if (send === undefined) req.end();
    else send(write).then(() => req.end(), reject);
  });
}

async function token(): Promise<string> {
  const query = new URLSearchParams({ Action: 'GetAuthorizationToken', Version: '2018-12-01', Format: 'JSON', RegionId: 'cn-hangzhou', InstanceId: 'cri-mock0000000001' });
  const login = (await (await fetch(`${url}/?${query}`)).json()) as { TempUsername: string; AuthorizationToken: string };
  const basic = Buffer.from(`${login.TempUsername}:${login.AuthorizationToken}`).toString('base64');
  const answer = await fetch(`${url}/auth?scope=repository:big/layer:pull,push`, { headers: { authorization: `Basic ${basic}` } });
  return `Bearer ${((await answer.json()) as { token: string }).token}`;
}

it('pushes and pulls a 1 GiB layer with the server under 150 MB resident', async () => {
  const auth = await token();
  const idle = peakRss();
  const started = await call('POST', '/v2/big/layer/blobs/uploads/', { authorization: auth });
  expect(started.status).toBe(202);
  const location = started.headers.location as string;
  // Random-looking content without holding it: one random MiB, each copy stamped with its index.
  const base = randomBytes(MiB);
  const hash = createHash('sha256');
  for (let offset = 0; offset < TOTAL; offset += CHUNK) {
    const patched = await call('PATCH', location, { authorization: auth, 'content-type': 'application/octet-stream', 'content-range': `${offset}-${offset + CHUNK - 1}`, 'content-length': String(CHUNK) }, async (write) => {
      for (let i = offset; i < offset + CHUNK; i += MiB) {
        const piece = Buffer.from(base);
        piece.writeUInt32BE(i / MiB, 0);
        hash.update(piece);
        await write(piece);
      }
    });
    expect(patched.status, patched.body.toString()).toBe(202);
    expect(patched.headers.range).toBe(`0-${offset + CHUNK - 1}`);
  }
  const digest = `sha256:${hash.digest('hex')}`;
  const finished = await call('PUT', `${location}?digest=${digest}`, { authorization: auth, 'content-length': '0' });
  expect(finished.status, finished.body.toString()).toBe(201);

  const config = blobOf(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', history: [{ created_by: 'ADD huge.bin /' }] })));
  const configPut = await call('POST', `/v2/big/layer/blobs/uploads/?digest=${config.digest}`, { authorization: auth, 'content-length': String(config.size) }, (write) => write(config.bytes));
  expect(configPut.status).toBe(201);
  const manifest = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: config.digest, size: config.size }, layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest, size: TOTAL }] }));
  const manifestPut = await call('PUT', '/v2/big/layer/manifests/huge', { authorization: auth, 'content-type': 'application/vnd.oci.image.manifest.v1+json', 'content-length': String(manifest.length) }, (write) => write(manifest));
  expect(manifestPut.status, manifestPut.body.toString()).toBe(201);

  // Pulled back: streamed and hashed here, nothing kept.
  const pulled = await new Promise<{ size: number; digest: string }>((resolve, reject) => {
    request(`${url}/v2/big/layer/blobs/${digest}`, { headers: { authorization: auth } }, (res) => {
      const back = createHash('sha256');
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        back.update(chunk);
      });
      res.on('end', () => resolve({ size, digest: `sha256:${back.digest('hex')}` }));
      res.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
  expect(pulled).toEqual({ size: TOTAL, digest });
  const peak = peakRss();
  process.stdout.write(`registry 1 GiB push and pull: server peak RSS ${(peak / 1e6).toFixed(1)} MB (${(idle / 1e6).toFixed(1)} MB before)\n`);
  // Streaming: the transfer adds a bounded amount, far from the 1 GiB it moves, on every Node line.
  expect(peak - idle).toBeLessThan(TRANSFER_LIMIT);
  expect(peak).toBeLessThan(RSS_LIMIT);
}, 600_000);
