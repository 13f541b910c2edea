// Registry content survives a kill -9 of the server without a half-written blob becoming visible:
// a server in its own process (state file, blobs beside it) has one blob pushed whole and two
// uploads half sent (a chunked PATCH and a monolithic POST) when it is killed with SIGKILL. After a
// restart on the same state file, the whole blob is there byte for byte, the half-sent blobs are
// unknown, the monolithic upload's file is gone, and the chunked upload resumes at the size it had
// acknowledged (none of the half-sent PATCH's bytes count): sent again, it finishes.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../../store/spawn-server.js';
import { blobOf, pushBearer } from './oci-layout.js';

const dir = mkdtempSync(join(tmpdir(), 'registry-kill9-'));
const stateFile = join(dir, 'state.db');
const children = new Set<ChildProcess>();

afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startServer(): Promise<ServerProcess> {
  const options = { stateFile, verifySignature: false, seed: { instances: [{ namespaces: [{ name: 'team', autoCreateRepo: true }] }] } };
  return spawnServer(options, children);
}

/** Sends the first half of `bytes` and leaves the request open. */
function halfSend(url: string, method: string, path: string, auth: string, bytes: Buffer): void {
  const req = request(`${url}${path}`, { method, headers: { authorization: auth, 'content-length': String(bytes.length), 'content-type': 'application/octet-stream' } });
  req.on('error', () => {
    // The server is killed under it.
  });
  req.write(bytes.subarray(0, bytes.length / 2));
}

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('keeps whole blobs and shows no half-written one after a kill -9', async () => {
  const blobs = join(`${stateFile}.blobs`, 'sha256');
  const uploads = join(`${stateFile}.blobs`, 'uploads');
  const first = await startServer();
  const auth = await pushBearer(first.url);
  const whole = blobOf(randomBytes(300_000));
  const posted = await fetch(`${first.url}/v2/team/app/blobs/uploads/?digest=${whole.digest}`, { method: 'POST', headers: { authorization: auth }, body: new Uint8Array(whole.bytes) });
  expect(posted.status).toBe(201);

  const chunked = blobOf(randomBytes(4 * 1024 * 1024));
  const session = await fetch(`${first.url}/v2/team/app/blobs/uploads/`, { method: 'POST', headers: { authorization: auth } });
  halfSend(first.url, 'PATCH', session.headers.get('location') as string, auth, chunked.bytes);
  const monolithic = blobOf(randomBytes(4 * 1024 * 1024));
  halfSend(first.url, 'POST', `/v2/team/app/blobs/uploads/?digest=${monolithic.digest}`, auth, monolithic.bytes);
  // Both uploads have bytes on disk when the server dies.
  await until('two upload files with bytes', () => readdirSync(uploads).filter((f) => statSync(join(uploads, f)).size > 0).length === 2);
  const exited = new Promise((resolve) => first.child.once('exit', resolve));
  first.child.kill('SIGKILL');
  await exited;
  expect(readdirSync(blobs)).toEqual([whole.digest.slice(7)]);

  const second = await startServer();
  const location = session.headers.get('location') as string;
  expect(readdirSync(uploads)).toEqual([location.slice(location.lastIndexOf('/') + 1)]);
  expect(statSync(join(uploads, readdirSync(uploads)[0])).size).toBe(0);
  const again = await pushBearer(second.url);
  const back = await fetch(`${second.url}/v2/team/app/blobs/${whole.digest}`, { headers: { authorization: again } });
  expect(Buffer.from(await back.arrayBuffer()).equals(whole.bytes)).toBe(true);
  for (const digest of [chunked.digest, monolithic.digest]) {
    expect((await fetch(`${second.url}/v2/team/app/blobs/${digest}`, { method: 'HEAD', headers: { authorization: again } })).status).toBe(404);
  }
  const status = await fetch(`${second.url}${location}`, { headers: { authorization: again } });
  expect([status.status, status.headers.get('range')]).toEqual([204, '0-0']);
  const patched = await fetch(`${second.url}${location}`, { method: 'PATCH', headers: { authorization: again, 'content-range': `0-${chunked.size - 1}` }, body: new Uint8Array(chunked.bytes) });
  expect(patched.status).toBe(202);
  expect((await fetch(`${second.url}${location}?digest=${chunked.digest}`, { method: 'PUT', headers: { authorization: again } })).status).toBe(201);
  const resumed = await fetch(`${second.url}/v2/team/app/blobs/${chunked.digest}`, { headers: { authorization: again } });
  expect(Buffer.from(await resumed.arrayBuffer()).equals(chunked.bytes)).toBe(true);
  expect(readdirSync(uploads)).toEqual([]);
}, 180_000);
