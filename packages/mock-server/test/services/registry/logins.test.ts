// Temporary logins do not evict each other: every token GetAuthorizationToken issues is good at
// /auth until its own ExpireTime on the server's clock, whatever was issued after it (two CI jobs
// that log on and push at the same time), over real HTTP; expired logins are pruned; a state file
// keeps them across a restart; at most MAX_LOGINS unexpired per instance, then a clear refusal
// that keeps every valid login; wrong credentials stay 401.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer, type MockServerOptions } from '../../../src/index.js';
import { COLLECTIONS } from '../../../src/resources/common/collections.js';
import { MAX_LOGINS, TOKEN_TTL_MS, type LoginRecord } from '../../../src/resources/credentials.js';
import { OCI, randomImage, type Blob } from './oci-layout.js';

const INSTANCE = 'cri-mock0000000001';
const SEED: MockServerOptions['seed'] = { instances: [{ namespaces: [{ name: 'team', autoCreateRepo: true }] }] };
const MINUTE = 60 * 1000;

let server: MockServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.stop();
  server = undefined;
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(options: MockServerOptions = {}): Promise<MockServer> {
  server = await startMockServer({ verifySignature: false, seed: SEED, ...options });
  return server;
}

interface Login {
  readonly basic: string;
  readonly expireTime: number;
}

async function rpc(s: MockServer, action: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const query = new URLSearchParams({ Action: action, Version: '2018-12-01', Format: 'JSON', RegionId: 'cn-hangzhou', InstanceId: INSTANCE });
  const response = await fetch(`${s.url}/?${query}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function logIn(s: MockServer): Promise<Login> {
  const { status, body } = await rpc(s, 'GetAuthorizationToken');
  expect(status).toBe(200);
  expect(body.TempUsername).toBe('temp_user_cr');
  return { basic: `Basic ${Buffer.from(`${String(body.TempUsername)}:${String(body.AuthorizationToken)}`).toString('base64')}`, expireTime: body.ExpireTime as number };
}

/** `/auth` with Basic credentials for push on `name`: the bearer header, or the status when refused. */
async function bearer(s: MockServer, basic: string, name = 'team/app'): Promise<string | number> {
  const service = encodeURIComponent(`registry.aliyuncs.com:cn-hangzhou:${INSTANCE}`);
  const response = await fetch(`${s.url}/auth?service=${service}&scope=${encodeURIComponent(`repository:${name}:pull,push`)}`, { headers: { authorization: basic } });
  if (response.status !== 200) {
    const body = (await response.json()) as { errors: { code: string }[] };
    expect(body.errors[0].code).toBe('UNAUTHORIZED');
    return response.status;
  }
  return `Bearer ${((await response.json()) as { token: string }).token}`;
}

async function put(s: MockServer, path: string, auth: string, blob: Blob, type: string, method = 'PUT'): Promise<number> {
  const response = await fetch(`${s.url}${path}`, { method, headers: { authorization: auth, 'content-type': type }, body: new Uint8Array(blob.bytes) });
  await response.arrayBuffer();
  return response.status;
}

/** Pushes a small OCI image under `tag` with the bearer token; returns its manifest digest. */
async function push(s: MockServer, auth: string | number, tag: string): Promise<string> {
  expect(typeof auth).toBe('string');
  const image = randomImage({ architecture: 'amd64', os: 'linux' }, [64]);
  for (const blob of [image.config, ...image.layers]) {
    expect(await put(s, `/v2/team/app/blobs/uploads/?digest=${blob.digest}`, String(auth), blob, 'application/octet-stream', 'POST')).toBe(201);
  }
  expect(await put(s, `/v2/team/app/manifests/${tag}`, String(auth), image.manifest, OCI.manifest)).toBe(201);
  return image.manifest.digest;
}

const storedLogins = (s: MockServer): LoginRecord[] => s.store.list<LoginRecord>(COLLECTIONS.logins);

describe('temporary logins', () => {
  it('issued one after the other both log on and push, each until its own ExpireTime', async () => {
    const s = await start();
    const first = await logIn(s);
    s.clock.advance(20 * MINUTE);
    const second = await logIn(s);
    expect(second.expireTime - first.expireTime).toBeGreaterThanOrEqual(20 * MINUTE);
    expect(second.basic).not.toBe(first.basic);

    // Both jobs get their bearer tokens and push at the same time.
    const [a, b] = await Promise.all([bearer(s, first.basic), bearer(s, second.basic)]);
    const pushed = await Promise.all([push(s, a, 'job-a'), push(s, b, 'job-b')]);
    const tags = await fetch(`${s.url}/v2/team/app/tags/list`, { headers: { authorization: String(a) } });
    expect(await tags.json()).toEqual({ name: 'team/app', tags: ['job-a', 'job-b'] });
    expect(pushed[0]).not.toBe(pushed[1]);

    // The first expires at its own time; the second stays good until its own.
    s.clock.offsetMs = first.expireTime - Date.now() - 1000;
    expect(typeof (await bearer(s, first.basic))).toBe('string');
    s.clock.offsetMs = first.expireTime - Date.now() + 1000;
    expect(await bearer(s, first.basic)).toBe(401);
    expect(storedLogins(s)).toHaveLength(1); // the expired one, presented, is deleted
    await push(s, await bearer(s, second.basic), 'job-b2');
    s.clock.offsetMs = second.expireTime - Date.now() + 1000;
    expect(await bearer(s, second.basic)).toBe(401);
  });

  it('refuses wrong credentials with 401, a token under another user name included', async () => {
    const s = await start();
    const login = await logIn(s);
    const token = Buffer.from(login.basic.slice('Basic '.length), 'base64').toString().split(':')[1];
    const basic = (user: string, secret: string): string => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
    expect(await bearer(s, basic('temp_user_cr', `${token}x`))).toBe(401);
    expect(await bearer(s, basic('temp_user_cr', ''))).toBe(401);
    expect(await bearer(s, basic('someone', token))).toBe(401);
    expect(await bearer(s, 'Basic !!!')).toBe(401);
    expect(typeof (await bearer(s, login.basic))).toBe('string');
  });

  it('prunes expired logins when one is issued, and stores only hashes', async () => {
    const s = await start();
    const old = await Promise.all([logIn(s), logIn(s), logIn(s)]);
    expect(storedLogins(s)).toHaveLength(3);
    s.clock.advance(TOKEN_TTL_MS);
    const fresh = await logIn(s);
    const stored = storedLogins(s);
    expect(stored.map((l) => l.expireTime)).toEqual([fresh.expireTime]);
    for (const login of [...old, fresh]) {
      const token = Buffer.from(login.basic.slice('Basic '.length), 'base64').toString().split(':')[1];
      expect(JSON.stringify(stored)).not.toContain(token);
    }
  });

  it(`holds at most ${MAX_LOGINS} unexpired per instance: the next is refused, every valid one stays good, and an expiry makes room`, async () => {
    const s = await start();
    const first = await logIn(s);
    for (let i = 1; i < MAX_LOGINS; i += 1) {
      s.clock.advance(1);
      await logIn(s);
    }
    const refused = await rpc(s, 'GetAuthorizationToken');
    expect(refused.status).toBe(400);
    expect(refused.body.Code).toBe('TEMPORARY_LOGIN_QUOTA_EXCEEDED');
    expect(refused.body.Message).toContain(`(${MAX_LOGINS})`);
    expect(refused.body.Message).toContain(new Date(first.expireTime).toISOString());
    expect(storedLogins(s)).toHaveLength(MAX_LOGINS);
    expect(typeof (await bearer(s, first.basic))).toBe('string');
    s.clock.offsetMs = first.expireTime - Date.now() + 1000;
    await logIn(s);
    expect(await bearer(s, first.basic)).toBe(401);
  });

  it('are kept by the state file across a restart, each with its own expiry', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'acr-logins-'));
    dirs.push(dir);
    const stateFile = join(dir, 'state.db');
    let s = await start({ stateFile });
    const first = await logIn(s);
    s.clock.advance(30 * MINUTE);
    const second = await logIn(s);
    const offset = s.clock.offsetMs;
    await s.stop();

    s = await start({ stateFile, clockOffsetMs: offset });
    await push(s, await bearer(s, first.basic), 'after-restart-a');
    await push(s, await bearer(s, second.basic), 'after-restart-b');
    s.clock.offsetMs = first.expireTime - Date.now() + 1000;
    expect(await bearer(s, first.basic)).toBe(401);
    expect(typeof (await bearer(s, second.basic))).toBe('string');
  });
});
