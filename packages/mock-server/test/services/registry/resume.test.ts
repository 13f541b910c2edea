// Chunked uploads survive a restart (with a state file), through real HTTP to a server in its own
// process, as an OCI client resumes one: GET the upload's URL for its Range, PATCH on from there,
// PUT with the digest. The server is stopped (SIGTERM) between two chunks and killed (SIGKILL)
// between the next two; the digest is verified over bytes sent to three processes. Bad input after
// a restart (a chunk at the wrong offset, a wrong digest, an unknown upload) is refused as before and
// changes nothing; uploads untouched for 168 hours (server clock) are purged with their files.
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { UPLOAD_EXPIRY_MS } from '../../../src/services/registry/uploads.js';
import { spawnServer, type ServerProcess } from '../../store/spawn-server.js';
import { blobOf, pushBearer } from './oci-layout.js';

const dir = mkdtempSync(join(tmpdir(), 'registry-resume-'));
const children = new Set<ChildProcess>();
const HOUR = 60 * 60 * 1000;

afterEach(() => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  children.clear();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function startServer(stateFile: string, clockOffsetMs = 0): Promise<ServerProcess> {
  return spawnServer({ stateFile, clockOffsetMs, verifySignature: false, seed: { instances: [{ namespaces: [{ name: 'team', autoCreateRepo: true }] }] } }, children);
}

async function stop(server: ServerProcess, signal: NodeJS.Signals): Promise<void> {
  server.child.kill(signal);
  await server.exited;
}

/** GET on the upload: its status, Range and error code. */
async function statusOf(url: string, location: string, auth: string): Promise<{ status: number; range: string | null; code?: string }> {
  const answer = await fetch(`${url}${location}`, { headers: { authorization: auth } });
  const body = await answer.text();
  return { status: answer.status, range: answer.headers.get('range'), ...(body === '' ? {} : { code: (JSON.parse(body) as { errors: { code: string }[] }).errors[0].code }) };
}

function patch(url: string, location: string, auth: string, bytes: Buffer, start: number): Promise<Response> {
  return fetch(`${url}${location}`, { method: 'PATCH', headers: { authorization: auth, 'content-type': 'application/octet-stream', 'content-range': `${start}-${start + bytes.length - 1}` }, body: new Uint8Array(bytes) });
}

it('resumes a chunked upload after a restart and after a kill -9, verifying the digest over every chunk', async () => {
  const stateFile = join(dir, 'resume.db');
  const uploads = join(`${stateFile}.blobs`, 'uploads');
  const blob = blobOf(randomBytes(3 * 1024 * 1024 + 17));
  const third = 1024 * 1024;
  const chunks = [blob.bytes.subarray(0, third), blob.bytes.subarray(third, 2 * third), blob.bytes.subarray(2 * third)];

  const first = await startServer(stateFile);
  let auth = await pushBearer(first.url);
  const started = await fetch(`${first.url}/v2/team/app/blobs/uploads/`, { method: 'POST', headers: { authorization: auth } });
  expect(started.status).toBe(202);
  const location = started.headers.get('location') as string;
  expect((await patch(first.url, location, auth, chunks[0], 0)).headers.get('range')).toBe(`0-${third - 1}`);
  await stop(first, 'SIGTERM');

  const second = await startServer(stateFile);
  auth = await pushBearer(second.url);
  expect(await statusOf(second.url, location, auth)).toEqual({ status: 204, range: `0-${third - 1}` });
  // A chunk at the wrong offset: 416 with the upload's Range, and the upload as it was.
  const wrong = await patch(second.url, location, auth, chunks[1], 0);
  expect([wrong.status, wrong.headers.get('range')]).toEqual([416, `0-${third - 1}`]);
  expect(await statusOf(second.url, location, auth)).toEqual({ status: 204, range: `0-${third - 1}` });
  // An upload no server started is unknown.
  expect(await statusOf(second.url, location.replace(/[^/]+$/, '00000000-0000-4000-8000-000000000000'), auth)).toMatchObject({ status: 404, code: 'BLOB_UPLOAD_UNKNOWN' });
  expect((await patch(second.url, location, auth, chunks[1], third)).headers.get('range')).toBe(`0-${2 * third - 1}`);
  await stop(second, 'SIGKILL');

  const last = await startServer(stateFile);
  auth = await pushBearer(last.url);
  expect(await statusOf(last.url, location, auth)).toEqual({ status: 204, range: `0-${2 * third - 1}` });
  expect((await patch(last.url, location, auth, chunks[2], 2 * third)).status).toBe(202);
  // The digest of other bytes is refused and the upload stays; its own finishes it.
  const other = blobOf(randomBytes(16));
  const refused = await fetch(`${last.url}${location}?digest=${other.digest}`, { method: 'PUT', headers: { authorization: auth } });
  expect(refused.status).toBe(400);
  expect(((await refused.json()) as { errors: { code: string }[] }).errors[0].code).toBe('DIGEST_INVALID');
  expect(await statusOf(last.url, location, auth)).toEqual({ status: 204, range: `0-${blob.size - 1}` });
  const finished = await fetch(`${last.url}${location}?digest=${blob.digest}`, { method: 'PUT', headers: { authorization: auth } });
  expect(finished.status).toBe(201);
  const pulled = await fetch(`${last.url}/v2/team/app/blobs/${blob.digest}`, { headers: { authorization: auth } });
  expect(Buffer.from(await pulled.arrayBuffer()).equals(blob.bytes)).toBe(true);
  expect(readdirSync(uploads)).toEqual([]);
  expect(await statusOf(last.url, location, auth)).toMatchObject({ status: 404, code: 'BLOB_UPLOAD_UNKNOWN' });
}, 180_000);

it('purges uploads untouched for 168 hours of the server clock, with their files, and keeps touched ones', async () => {
  const stateFile = join(dir, 'expiry.db');
  const uploads = join(`${stateFile}.blobs`, 'uploads');
  const first = await startServer(stateFile);
  const auth = await pushBearer(first.url);
  const locations: string[] = [];
  for (let i = 0; i < 2; i++) {
    const location = (await fetch(`${first.url}/v2/team/app/blobs/uploads/`, { method: 'POST', headers: { authorization: auth } })).headers.get('location') as string;
    expect((await patch(first.url, location, auth, randomBytes(1_000), 0)).status).toBe(202);
    locations.push(location);
  }
  const [kept, left] = locations;
  const fileOf = (location: string): string => join(uploads, location.slice(location.lastIndexOf('/') + 1));
  await stop(first, 'SIGTERM');

  // A restart with the clock 167 hours on: both still there; the first is touched.
  const second = await startServer(stateFile, UPLOAD_EXPIRY_MS - HOUR);
  let again = await pushBearer(second.url);
  expect(await statusOf(second.url, kept, again)).toEqual({ status: 204, range: '0-999' });
  // Two hours later (server clock): the untouched one is gone with its file, the touched one is not.
  expect((await fetch(`${second.url}/-/clock?advanceMs=${2 * HOUR}`, { method: 'POST' })).status).toBe(200);
  again = await pushBearer(second.url);
  expect(await statusOf(second.url, left, again)).toMatchObject({ status: 404, code: 'BLOB_UPLOAD_UNKNOWN' });
  expect(existsSync(fileOf(left))).toBe(false);
  expect(await statusOf(second.url, kept, again)).toEqual({ status: 204, range: '0-999' });
  await stop(second, 'SIGTERM');

  // A server that starts 168 hours after the last touch purges it at start.
  const third = await startServer(stateFile, 2 * UPLOAD_EXPIRY_MS + HOUR);
  expect(readdirSync(uploads)).toEqual([]);
  expect(await statusOf(third.url, kept, await pushBearer(third.url))).toMatchObject({ status: 404, code: 'BLOB_UPLOAD_UNKNOWN' });
}, 180_000);
