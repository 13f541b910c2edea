// The registry's HTTP protocol without a client library: token authentication (challenge, Basic
// credentials from GetAuthorizationToken and ResetLoginPassword, expiry on the server's clock,
// scopes), uploads (monolithic, chunked, out of order, wrong digests, resumed after a failure),
// manifests of the four media types, tag listing with pagination, the error codes, and the one
// state shared with the API (auto-created repositories, tags the API sees and deletes).
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer, type MockServerOptions } from '../../../src/index.js';
import { blobOf, DOCKER, randomImage, type Blob } from './oci-layout.js';

const INSTANCE = 'cri-mock0000000001';
const SEED: MockServerOptions['seed'] = {
  instances: [{ namespaces: [{ name: 'team', autoCreateRepo: true }, { name: 'strict', autoCreateRepo: false, repositories: [{ name: 'web', type: 'PUBLIC' }] }] }],
};

let server: MockServer;
const dirs: string[] = [];

async function start(options: MockServerOptions = {}): Promise<void> {
  server = await startMockServer({ verifySignature: false, seed: SEED, ...options });
}
beforeEach(() => start());
afterEach(() => server?.stop());
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function rpc(action: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ Action: action, Version: '2018-12-01', Format: 'JSON', RegionId: 'cn-hangzhou', InstanceId: INSTANCE, ...params });
  const response = await fetch(`${server.url}/?${query}`);
  return (await response.json()) as Record<string, unknown>;
}

const basic = (user: string, secret: string): string => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

async function loginBasic(): Promise<string> {
  const token = await rpc('GetAuthorizationToken');
  return basic(token.TempUsername as string, token.AuthorizationToken as string);
}

async function bearer(scope: string, authorization?: string): Promise<string> {
  const response = await fetch(`${server.url}/auth?service=${encodeURIComponent(`registry.aliyuncs.com:cn-hangzhou:${INSTANCE}`)}&scope=${encodeURIComponent(scope)}`, {
    headers: authorization === undefined ? {} : { authorization },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { token: string; access_token: string; expires_in: number };
  expect(body.access_token).toBe(body.token);
  return `Bearer ${body.token}`;
}

/** A request to the registry with a push token for `name`. */
async function reg(path: string, init: RequestInit & { auth?: string } = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { ...init, headers: { ...(init.auth === undefined ? {} : { authorization: init.auth }), ...(init.headers as Record<string, string>) } });
}

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { errors: { code: string }[] };
  return body.errors[0].code;
}

async function pushBlob(name: string, auth: string, blob: Blob): Promise<void> {
  const response = await reg(`/v2/${name}/blobs/uploads/?digest=${blob.digest}`, { method: 'POST', auth, body: new Uint8Array(blob.bytes), headers: { 'content-type': 'application/octet-stream' } });
  expect(response.status).toBe(201);
  expect(response.headers.get('location')).toBe(`/v2/${name}/blobs/${blob.digest}`);
}

async function putManifest(name: string, reference: string, auth: string, manifest: Blob, type: string): Promise<Response> {
  return reg(`/v2/${name}/manifests/${reference}`, { method: 'PUT', auth, body: new Uint8Array(manifest.bytes), headers: { 'content-type': type } });
}

function dockerImage(layerSize: number): { config: Blob; layer: Blob; manifest: Blob } {
  const layer = blobOf(randomBytes(layerSize));
  const config = blobOf(Buffer.from(JSON.stringify({ architecture: 'arm64', os: 'linux', created: '2026-03-04T05:06:07Z', history: [{ created_by: '/bin/sh -c #(nop) ADD file:abc in /' }] })));
  const manifest = blobOf(
    Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: DOCKER.manifest, config: { mediaType: DOCKER.config, digest: config.digest, size: config.size }, layers: [{ mediaType: DOCKER.layer, digest: layer.digest, size: layer.size }] }, null, 3)),
  );
  return { config, layer, manifest };
}

describe('token authentication', () => {
  it('challenges with a Bearer realm on this address, the service and the scope needed', async () => {
    const version = await reg('/v2/');
    expect(version.status).toBe(401);
    expect(version.headers.get('docker-distribution-api-version')).toBe('registry/2.0');
    const host = new URL(server.url).host;
    expect(version.headers.get('www-authenticate')).toBe(`Bearer realm="http://${host}/auth",service="registry.aliyuncs.com:cn-hangzhou:${INSTANCE}"`);
    expect(await errorCode(version)).toBe('UNAUTHORIZED');
    const upload = await reg('/v2/team/app/blobs/uploads/', { method: 'POST' });
    expect(upload.headers.get('www-authenticate')).toContain('scope="repository:team/app:pull,push"');
    const ok = await reg('/v2/', { auth: await bearer('', await loginBasic()) });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({});
  });

  it('takes the temporary token until it expires on the server clock, and the login password under any name', async () => {
    const login = await loginBasic();
    await bearer('repository:team/app:push', login);
    server.clock.advance(60 * 60 * 1000);
    const expired = await fetch(`${server.url}/auth?scope=repository:team/app:push`, { headers: { authorization: login } });
    expect(expired.status).toBe(401);
    expect(await errorCode(expired)).toBe('UNAUTHORIZED');
    const wrong = await fetch(`${server.url}/auth`, { headers: { authorization: basic('anyone', 'Secret-Password1') } });
    expect(wrong.status).toBe(401);
    expect(await rpc('ResetLoginPassword', { Password: 'Secret-Password1' })).toMatchObject({ IsSuccess: true });
    const token = await bearer('repository:team/app:pull,push', basic('anyone', 'Secret-Password1'));
    expect((await reg('/v2/team/app/blobs/uploads/', { method: 'POST', auth: token })).status).toBe(202);
  });

  it('lets a bearer token lapse after 15 minutes on the server clock', async () => {
    const token = await bearer('repository:team/app:pull', await loginBasic());
    expect((await reg('/v2/team/app/tags/list', { auth: token })).status).toBe(404); // no repository yet: authorized
    server.clock.advance(15 * 60 * 1000);
    expect((await reg('/v2/team/app/tags/list', { auth: token })).status).toBe(401);
  });

  it('enforces scopes: pull does not push, another repository is not granted, anonymous pulls only PUBLIC', async () => {
    const login = await loginBasic();
    const pullOnly = await bearer('repository:team/app:pull', login);
    const refused = await reg('/v2/team/app/blobs/uploads/', { method: 'POST', auth: pullOnly });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('www-authenticate')).toContain('scope="repository:team/app:pull,push"');
    expect((await reg('/v2/team/other/tags/list', { auth: pullOnly })).status).toBe(401);
    const anonymous = await bearer('repository:strict/web:pull,push repository:team/app:pull');
    expect((await reg('/v2/strict/web/tags/list', { auth: anonymous })).status).toBe(200);
    expect((await reg('/v2/strict/web/blobs/uploads/', { method: 'POST', auth: anonymous })).status).toBe(401);
    expect((await reg('/v2/team/app/tags/list', { auth: anonymous })).status).toBe(401);
    const badScope = await fetch(`${server.url}/auth?scope=nonsense`);
    expect(badScope.status).toBe(400);
    const badService = await fetch(`${server.url}/auth?service=elsewhere`);
    expect(badService.status).toBe(400);
  });
});

describe('instances', () => {
  /** A request with a Host header of its own (fetch does not let a caller set it). */
  function hostCall(host: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(`${server.url}${path}`, { method, headers: { ...headers, host } }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it("gives the default instance's registry domains as the address the request reached, which serves that registry", async () => {
    await server.stop();
    await start({ seed: { instances: [{ instanceName: 'first', namespaces: [{ name: 'team', autoCreateRepo: true }] }, { instanceId: 'cri-second000000001', instanceName: 'second' }] } });
    const own = `127.0.0.1:${server.port}`;
    const internet = await rpc('GetInstanceEndpoint', { EndpointType: 'internet' });
    expect(internet.Domains).toEqual([{ Domain: own, Type: 'SYSTEM' }]);
    const listed = (await rpc('ListInstanceEndpoint', { ModuleName: 'Registry' })).Endpoints as { EndpointType: string; Domains: unknown[] }[];
    expect(listed.map((e) => [e.EndpointType, e.Domains])).toEqual([
      ['internet', [{ Domain: own, Type: 'SYSTEM' }]],
      ['vpc', [{ Domain: own, Type: 'SYSTEM' }]],
    ]);
    // The Chart module is not served: its domain stays the vendor's name.
    expect((await rpc('GetInstanceEndpoint', { EndpointType: 'internet', ModuleName: 'Chart' })).Domains).toEqual([{ Domain: 'first-chart.cn-hangzhou.cr.aliyuncs.com', Type: 'SYSTEM' }]);
    // Reached as `localhost`, the domain is that address; under a vendor Host, the vendor's name.
    const viaLocalhost = (await hostCall(`localhost:${server.port}`, 'GET', `/?${new URLSearchParams({ Action: 'GetInstanceEndpoint', Version: '2018-12-01', Format: 'JSON', RegionId: 'cn-hangzhou', InstanceId: INSTANCE, EndpointType: 'internet' })}`)).body;
    expect(JSON.parse(viaLocalhost)).toMatchObject({ Domains: [{ Domain: `localhost:${server.port}` }] });
    const viaName = (await hostCall('cr.cn-hangzhou.aliyuncs.com', 'GET', `/?${new URLSearchParams({ Action: 'GetInstanceEndpoint', Version: '2018-12-01', Format: 'JSON', RegionId: 'cn-hangzhou', InstanceId: INSTANCE, EndpointType: 'internet' })}`)).body;
    expect(JSON.parse(viaName)).toMatchObject({ Domains: [{ Domain: 'first-registry.cn-hangzhou.cr.aliyuncs.com' }] });
    // The domain, used as it is, is the default instance's registry: a push there shows in its API.
    const challenge = await fetch(`http://${own}/v2/`);
    expect(challenge.status).toBe(401);
    expect(challenge.headers.get('www-authenticate')).toContain(`service="registry.aliyuncs.com:cn-hangzhou:${INSTANCE}"`);
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const blob = blobOf(randomBytes(100));
    const pushed = await fetch(`http://${own}/v2/team/app/blobs/uploads/?digest=${blob.digest}`, { method: 'POST', headers: { authorization: auth }, body: new Uint8Array(blob.bytes) });
    expect(pushed.status).toBe(201);
    expect(await rpc('GetRepository', { RepoNamespaceName: 'team', RepoName: 'app' })).toMatchObject({ RepoName: 'app' });
    // The vendor's name of the default instance still selects it by Host.
    const byName = await hostCall(`first-registry.cn-hangzhou.cr.aliyuncs.com:${server.port}`, 'HEAD', `/v2/team/app/blobs/${blob.digest}`, { authorization: auth });
    expect(byName.status).toBe(200);
  });

  it("serves another instance's registry under the domain GetInstanceEndpoint gives it", async () => {
    await server.stop();
    await start({ seed: { instances: [{ instanceName: 'first' }, { instanceId: 'cri-second000000001', instanceName: 'second', namespaces: [{ name: 'team', autoCreateRepo: true }] }] } });
    const endpoint = await rpc('GetInstanceEndpoint', { InstanceId: 'cri-second000000001', EndpointType: 'internet' });
    const host = `${(endpoint.Domains as { Domain: string }[])[0].Domain}:${server.port}`;
    expect(host).toBe(`second-registry.cn-hangzhou.cr.aliyuncs.com:${server.port}`);
    const challenge = await hostCall(host, 'GET', '/v2/');
    expect(challenge.status).toBe(401);
    const login = await rpc('GetAuthorizationToken', { InstanceId: 'cri-second000000001' });
    const basic = `Basic ${Buffer.from(`${login.TempUsername as string}:${login.AuthorizationToken as string}`).toString('base64')}`;
    const service = 'registry.aliyuncs.com:cn-hangzhou:cri-second000000001';
    const token = JSON.parse((await hostCall(host, 'GET', `/auth?service=${service}&scope=repository:team/app:pull,push`, { authorization: basic })).body) as { token: string };
    const auth = `Bearer ${token.token}`;
    const blob = blobOf(randomBytes(200));
    expect((await hostCall(host, 'POST', `/v2/team/app/blobs/uploads/?digest=${blob.digest}`, { authorization: auth }, blob.bytes)).status).toBe(201);
    // The second instance has the repository; the default one has none.
    expect(await rpc('GetRepository', { InstanceId: 'cri-second000000001', RepoNamespaceName: 'team', RepoName: 'app' })).toMatchObject({ RepoName: 'app' });
    expect(await rpc('GetRepository', { RepoNamespaceName: 'team', RepoName: 'app' })).toMatchObject({ Code: 'REPO_NOT_EXIST' });
    // Its token is not good on the default instance's registry, nor the other instance's credentials on its own.
    expect((await reg('/v2/team/app/tags/list', { auth })).status).toBe(401);
    const wrongService = await fetch(`${server.url}/auth?service=${service}&scope=repository:team/app:pull`, { headers: { authorization: await loginBasic() } });
    expect(wrongService.status).toBe(401);
  });
});

describe('tag immutability', () => {
  it('refuses a push that would move an existing tag of an immutable repository to another manifest, and changes nothing', async () => {
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const first = dockerImage(300);
    const second = dockerImage(400);
    for (const image of [first, second]) for (const blob of [image.config, image.layer]) await pushBlob('team/app', auth, blob);
    expect((await putManifest('team/app', 'v1', auth, first.manifest, DOCKER.manifest)).status).toBe(201);
    expect(await rpc('UpdateRepository', { RepoNamespaceName: 'team', RepoName: 'app', RepoType: 'PRIVATE', TagImmutability: 'true' })).toMatchObject({ IsSuccess: true });
    expect(await rpc('GetRepository', { RepoNamespaceName: 'team', RepoName: 'app' })).toMatchObject({ TagImmutability: true });

    const moved = await putManifest('team/app', 'v1', auth, second.manifest, DOCKER.manifest);
    expect(moved.status).toBe(403);
    const body = (await moved.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0].code).toBe('DENIED');
    expect(body.errors[0].message).toContain('immutable');
    // Nothing changed: the tag still names the first manifest, the second is not stored.
    const got = await reg('/v2/team/app/manifests/v1', { auth, headers: { accept: DOCKER.manifest } });
    expect(got.headers.get('docker-content-digest')).toBe(first.manifest.digest);
    expect((await reg(`/v2/team/app/manifests/${second.manifest.digest}`, { method: 'HEAD', auth, headers: { accept: DOCKER.manifest } })).status).toBe(404);

    // The same manifest again, a new tag and a push by digest are taken; a tag can still be deleted.
    expect((await putManifest('team/app', 'v1', auth, first.manifest, DOCKER.manifest)).status).toBe(201);
    expect((await putManifest('team/app', 'v2', auth, second.manifest, DOCKER.manifest)).status).toBe(201);
    expect((await putManifest('team/app', second.manifest.digest, auth, second.manifest, DOCKER.manifest)).status).toBe(201);
    expect((await reg('/v2/team/app/manifests/v1', { method: 'DELETE', auth })).status).toBe(202);
    expect((await putManifest('team/app', 'v1', auth, second.manifest, DOCKER.manifest)).status).toBe(201);

    // Turned off, a tag moves again.
    await rpc('UpdateRepository', { RepoNamespaceName: 'team', RepoName: 'app', RepoType: 'PRIVATE', TagImmutability: 'false' });
    expect((await putManifest('team/app', 'v1', auth, first.manifest, DOCKER.manifest)).status).toBe(201);
  });
});

describe('namespace defaults', () => {
  it('creates a repository on push with the type and tag immutability of DefaultRepoConfiguration, sent as one JSON string (CURATION L-18)', async () => {
    const configuration = JSON.stringify({ RepoType: 'PUBLIC', TagImmutability: true });
    expect(await rpc('CreateNamespace', { NamespaceName: 'locked', DefaultRepoConfiguration: configuration })).toMatchObject({ IsSuccess: true });
    const auth = await bearer('repository:locked/app:pull,push', await loginBasic());
    const first = dockerImage(300);
    const second = dockerImage(400);
    for (const image of [first, second]) for (const blob of [image.config, image.layer]) await pushBlob('locked/app', auth, blob);
    expect((await putManifest('locked/app', 'v1', auth, first.manifest, DOCKER.manifest)).status).toBe(201);
    expect(await rpc('GetRepository', { RepoNamespaceName: 'locked', RepoName: 'app' })).toMatchObject({ RepoType: 'PUBLIC', TagImmutability: true });
    // The new repository's tags are immutable from its first push.
    const moved = await putManifest('locked/app', 'v1', auth, second.manifest, DOCKER.manifest);
    expect(moved.status).toBe(403);
    expect(await errorCode(moved)).toBe('DENIED');
    // A malformed configuration is refused, naming the element, and creates nothing.
    const bad = await rpc('CreateNamespace', { NamespaceName: 'other', DefaultRepoConfiguration: JSON.stringify({ RepoType: 'PUBLIC' }) });
    expect(bad).toMatchObject({ Code: 'InvalidParameter' });
    expect(String(bad.Message)).toContain('DefaultRepoConfiguration.TagImmutability');
    expect(await rpc('GetNamespace', { NamespaceName: 'other' })).toMatchObject({ Code: 'NAMESPACE_NOT_EXIST' });
  });
});

describe('RAM policy', () => {
  it('decides pull and push on the repository resource: a refused action is DENIED, an allowed one works', async () => {
    server.setPolicy({
      Version: '1',
      Statement: [
        { Effect: 'Allow', Action: ['cr:*'], Resource: ['*'] },
        { Effect: 'Deny', Action: ['cr:PushRepository'], Resource: [`acs:cr:*:*:repository/${INSTANCE}/strict/*`] },
      ],
    });
    const login = await loginBasic();
    const auth = await bearer('repository:strict/web:pull,push repository:team/app:pull,push', login);
    expect((await reg('/v2/strict/web/tags/list', { auth })).status).toBe(200);
    const refused = await reg('/v2/strict/web/blobs/uploads/', { method: 'POST', auth });
    expect(refused.status).toBe(403);
    const body = (await refused.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0].code).toBe('DENIED');
    expect(body.errors[0].message).toContain(`cr:PushRepository on acs:cr:cn-hangzhou:1234567890123456:repository/${INSTANCE}/strict/web`);
    expect((await reg('/v2/team/app/blobs/uploads/', { method: 'POST', auth })).status).toBe(202);
    // A policy that allows nothing of the registry: even pull is refused.
    server.setPolicy({ Version: '1', Statement: [{ Effect: 'Allow', Action: ['cr:GetAuthorizationToken'], Resource: ['*'] }] });
    const none = await bearer('repository:team/app:pull', await loginBasic());
    expect(await errorCode(await reg('/v2/team/app/tags/list', { auth: none }))).toBe('DENIED');
  });
});

describe('blobs', () => {
  it('uploads monolithically, answers HEAD and GET, and refuses a wrong digest without keeping anything', async () => {
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const blob = blobOf(randomBytes(10_000));
    const wrongDigest = `sha256:${'0'.repeat(64)}`;
    const refused = await reg(`/v2/team/app/blobs/uploads/?digest=${wrongDigest}`, { method: 'POST', auth, body: new Uint8Array(blob.bytes) });
    expect(refused.status).toBe(400);
    expect(await errorCode(refused)).toBe('DIGEST_INVALID');
    for (const digest of [wrongDigest, blob.digest]) expect((await reg(`/v2/team/app/blobs/${digest}`, { method: 'HEAD', auth })).status).toBe(404);
    const invalid = await reg('/v2/team/app/blobs/uploads/?digest=md5:abc', { method: 'POST', auth, body: new Uint8Array(blob.bytes) });
    expect(await errorCode(invalid)).toBe('DIGEST_INVALID');
    await pushBlob('team/app', auth, blob);
    const head = await reg(`/v2/team/app/blobs/${blob.digest}`, { method: 'HEAD', auth });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe('10000');
    expect(head.headers.get('docker-content-digest')).toBe(blob.digest);
    const get = await reg(`/v2/team/app/blobs/${blob.digest}`, { auth });
    expect(Buffer.from(await get.arrayBuffer()).equals(blob.bytes)).toBe(true);
    // Byte ranges: start-end, start-, -suffix; outside the blob 416.
    for (const [range, start, end] of [['bytes=100-199', 100, 199], ['bytes=9990-', 9990, 9999], ['bytes=-10', 9990, 9999], ['bytes=0-99999', 0, 9999]] as const) {
      const part = await reg(`/v2/team/app/blobs/${blob.digest}`, { auth, headers: { range } });
      expect(part.status).toBe(206);
      expect(part.headers.get('content-range')).toBe(`bytes ${start}-${end}/10000`);
      expect(Buffer.from(await part.arrayBuffer()).equals(blob.bytes.subarray(start, end + 1))).toBe(true);
    }
    const outside = await reg(`/v2/team/app/blobs/${blob.digest}`, { auth, headers: { range: 'bytes=10000-' } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe('bytes */10000');
    const missing = await reg(`/v2/team/app/blobs/sha256:${'1'.repeat(64)}`, { auth });
    expect(await errorCode(missing)).toBe('BLOB_UNKNOWN');
    // Blobs belong to the repository they were pushed to.
    const other = await bearer('repository:team/other:pull,push', await loginBasic());
    expect((await reg('/v2/team/other/blobs/uploads/', { method: 'POST', auth: other })).status).toBe(202);
    expect((await reg(`/v2/team/other/blobs/${blob.digest}`, { method: 'HEAD', auth: other })).status).toBe(404);
  });

  it('uploads in chunks with Content-Range, refuses an out-of-order chunk and a wrong digest, and then finishes', async () => {
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const bytes = randomBytes(300_000);
    const blob = blobOf(bytes);
    const started = await reg('/v2/team/app/blobs/uploads/', { method: 'POST', auth });
    expect(started.status).toBe(202);
    const location = started.headers.get('location') as string;
    expect(location).toMatch(/^\/v2\/team\/app\/blobs\/uploads\/[0-9a-f-]{36}$/);
    expect(started.headers.get('docker-upload-uuid')).toBe(location.split('/').pop());
    const chunk = (start: number, end: number, range = `${start}-${end - 1}`): Promise<Response> =>
      reg(location, { method: 'PATCH', auth, body: new Uint8Array(bytes.subarray(start, end)), headers: { 'content-type': 'application/octet-stream', 'content-range': range } });
    const first = await chunk(0, 100_000);
    expect(first.status).toBe(202);
    expect(first.headers.get('range')).toBe('0-99999');
    const outOfOrder = await chunk(150_000, 200_000);
    expect(outOfOrder.status).toBe(416);
    expect(outOfOrder.headers.get('range')).toBe('0-99999');
    expect((await chunk(100_000, 200_000)).status).toBe(202);
    const status = await reg(location, { auth });
    expect(status.status).toBe(204);
    expect(status.headers.get('range')).toBe('0-199999');
    const wrong = await reg(`${location}?digest=sha256:${'2'.repeat(64)}`, { method: 'PUT', auth, body: new Uint8Array(bytes.subarray(200_000)) });
    expect(wrong.status).toBe(400);
    expect(await errorCode(wrong)).toBe('DIGEST_INVALID');
    expect((await reg(location, { auth })).headers.get('range')).toBe('0-199999');
    const done = await reg(`${location}?digest=${blob.digest}`, { method: 'PUT', auth, body: new Uint8Array(bytes.subarray(200_000)) });
    expect(done.status).toBe(201);
    expect(done.headers.get('docker-content-digest')).toBe(blob.digest);
    expect(Buffer.from(await (await reg(`/v2/team/app/blobs/${blob.digest}`, { auth })).arrayBuffer()).equals(bytes)).toBe(true);
    const finished = await reg(location, { auth });
    expect(finished.status).toBe(404);
    expect(await errorCode(finished)).toBe('BLOB_UPLOAD_UNKNOWN');
  });

  it('cancels an upload', async () => {
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const location = (await reg('/v2/team/app/blobs/uploads/', { method: 'POST', auth })).headers.get('location') as string;
    expect((await reg(location, { method: 'DELETE', auth })).status).toBe(204);
    expect(await errorCode(await reg(location, { method: 'PATCH', auth, body: 'x' }))).toBe('BLOB_UPLOAD_UNKNOWN');
  });
});

describe('repositories', () => {
  it('creates the repository on push when the namespace auto-creates (its DefaultRepoType), and refuses otherwise', async () => {
    const login = await loginBasic();
    const team = await bearer('repository:team/fresh:pull,push', login);
    expect((await reg('/v2/team/fresh/blobs/uploads/', { method: 'POST', auth: team })).status).toBe(202);
    const repo = await rpc('GetRepository', { RepoNamespaceName: 'team', RepoName: 'fresh' });
    expect(repo).toMatchObject({ RepoName: 'fresh', RepoType: 'PRIVATE', Summary: 'Automatically created repository' });
    const strict = await bearer('repository:strict/new:pull,push', login);
    const denied = await reg('/v2/strict/new/blobs/uploads/', { method: 'POST', auth: strict });
    expect(denied.status).toBe(403);
    expect(await errorCode(denied)).toBe('DENIED');
    expect(await rpc('GetRepository', { RepoNamespaceName: 'strict', RepoName: 'new' })).toMatchObject({ Code: 'REPO_NOT_EXIST' });
    const nowhere = await bearer('repository:absent/new:pull,push', login);
    expect(await errorCode(await reg('/v2/absent/new/blobs/uploads/', { method: 'POST', auth: nowhere }))).toBe('NAME_UNKNOWN');
    expect(await errorCode(await reg('/v2/team/unknown/tags/list', { auth: await bearer('repository:team/unknown:pull', login) }))).toBe('NAME_UNKNOWN');
    const deep = await bearer('repository:a/b/c:pull', login);
    expect(await errorCode(await reg('/v2/a/b/c/tags/list', { auth: deep }))).toBe('NAME_INVALID');
  });
});

describe('manifests', () => {
  it('stores a Docker schema 2 manifest under a tag: the API sees its digest, size and layers, DeleteRepoTag removes it', async () => {
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const image = dockerImage(5_000);
    const early = await putManifest('team/app', 'v1', auth, image.manifest, DOCKER.manifest);
    expect(early.status).toBe(404); // no repository yet: the blobs come first
    await pushBlob('team/app', auth, image.layer);
    const missingConfig = await putManifest('team/app', 'v1', auth, image.manifest, DOCKER.manifest);
    expect(await errorCode(missingConfig)).toBe('MANIFEST_BLOB_UNKNOWN');
    await pushBlob('team/app', auth, image.config);
    const put = await putManifest('team/app', 'v1', auth, image.manifest, DOCKER.manifest);
    expect(put.status).toBe(201);
    expect(put.headers.get('docker-content-digest')).toBe(image.manifest.digest);
    expect(put.headers.get('location')).toBe(`/v2/team/app/manifests/${image.manifest.digest}`);
    for (const reference of ['v1', image.manifest.digest]) {
      const get = await reg(`/v2/team/app/manifests/${reference}`, { auth, headers: { accept: DOCKER.manifest } });
      expect(get.headers.get('content-type')).toBe(DOCKER.manifest);
      expect(get.headers.get('docker-content-digest')).toBe(image.manifest.digest);
      expect(Buffer.from(await get.arrayBuffer()).equals(image.manifest.bytes)).toBe(true);
      const head = await reg(`/v2/team/app/manifests/${reference}`, { method: 'HEAD', auth });
      expect(head.headers.get('content-length')).toBe(String(image.manifest.size));
    }
    const repo = await rpc('GetRepository', { RepoNamespaceName: 'team', RepoName: 'app' });
    const repoId = repo.RepoId as string;
    expect(await rpc('GetRepoTag', { RepoId: repoId, Tag: 'v1' })).toMatchObject({
      Digest: image.manifest.digest.slice(7),
      ImageId: image.config.digest.slice(7),
      ImageSize: image.config.size + image.layer.size,
      ImageCreate: Date.parse('2026-03-04T05:06:07Z'),
    });
    expect((await rpc('GetRepoTagLayers', { RepoId: repoId, Tag: 'v1' })).Layers).toEqual([
      { BlobDigest: image.layer.digest, BlobSize: image.layer.size, LayerInstruction: 'ADD', LayerCMD: 'file:abc in /', LayerIndex: 0 },
    ]);
    const manifest = (await rpc('GetRepoTagManifest', { RepoId: repoId, Tag: 'v1' })).Manifest as { Layers: { Digest: string }[] };
    expect(manifest.Layers.map((l) => l.Digest)).toEqual([image.layer.digest]);
    expect(await rpc('DeleteRepoTag', { RepoId: repoId, Tag: 'v1' })).toMatchObject({ IsSuccess: true });
    expect(await errorCode(await reg('/v2/team/app/manifests/v1', { auth }))).toBe('MANIFEST_UNKNOWN');
    expect((await reg(`/v2/team/app/manifests/${image.manifest.digest}`, { method: 'HEAD', auth })).status).toBe(200);
  });

  it('stores a Docker manifest list and an OCI index whose manifests are pushed by digest first', async () => {
    const auth = await bearer('repository:team/multi:pull,push', await loginBasic());
    const images = [dockerImage(1_000), dockerImage(2_000)];
    for (const image of images) {
      await pushBlob('team/multi', auth, image.layer);
      await pushBlob('team/multi', auth, image.config);
    }
    const list = (type: string, entryType: string): Blob =>
      blobOf(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: type, manifests: images.map((image, i) => ({ mediaType: entryType, digest: image.manifest.digest, size: image.manifest.size, platform: { architecture: i === 0 ? 'arm64' : 'amd64', os: 'linux' } })) })));
    const dockerList = list(DOCKER.list, DOCKER.manifest);
    expect(await errorCode(await putManifest('team/multi', 'all', auth, dockerList, DOCKER.list))).toBe('MANIFEST_BLOB_UNKNOWN');
    for (const image of images) expect((await putManifest('team/multi', image.manifest.digest, auth, image.manifest, DOCKER.manifest)).status).toBe(201);
    expect((await putManifest('team/multi', 'all', auth, dockerList, DOCKER.list)).status).toBe(201);
    const ociIndex = list('application/vnd.oci.image.index.v1+json', DOCKER.manifest);
    expect((await putManifest('team/multi', 'oci', auth, ociIndex, 'application/vnd.oci.image.index.v1+json')).status).toBe(201);
    const get = await reg('/v2/team/multi/manifests/all', { auth });
    expect(get.headers.get('content-type')).toBe(DOCKER.list);
    const repoId = (await rpc('GetRepository', { RepoNamespaceName: 'team', RepoName: 'multi' })).RepoId as string;
    // The tag stands for the index; the API shows its linux/amd64 image.
    expect(await rpc('GetRepoTag', { RepoId: repoId, Tag: 'all' })).toMatchObject({ Digest: dockerList.digest.slice(7), ImageId: images[1].config.digest.slice(7) });
  });

  it('refuses what is not a manifest it stores, and changes nothing', async () => {
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const image = dockerImage(100);
    await pushBlob('team/app', auth, image.layer);
    await pushBlob('team/app', auth, image.config);
    const cases: [string, string, string, string][] = [
      ['v1', '{not json', DOCKER.manifest, 'MANIFEST_INVALID'],
      ['v1', JSON.stringify({ schemaVersion: 1, mediaType: DOCKER.manifest, config: {}, layers: [] }), DOCKER.manifest, 'MANIFEST_INVALID'],
      ['v1', JSON.stringify({ schemaVersion: 2, mediaType: DOCKER.manifest, config: { mediaType: DOCKER.config, digest: 'nope', size: 1 }, layers: [] }), DOCKER.manifest, 'MANIFEST_INVALID'],
      ['v1', image.manifest.bytes.toString(), 'application/vnd.oci.image.index.v1+json', 'MANIFEST_INVALID'],
      ['v1', JSON.stringify({ schemaVersion: 1, name: 'team/app', fsLayers: [] }), 'application/vnd.docker.distribution.manifest.v1+prettyjws', 'UNSUPPORTED'],
      ['.bad', image.manifest.bytes.toString(), DOCKER.manifest, 'TAG_INVALID'],
      [`sha256:${'3'.repeat(64)}`, image.manifest.bytes.toString(), DOCKER.manifest, 'DIGEST_INVALID'],
    ];
    for (const [reference, body, type, code] of cases) {
      const response = await reg(`/v2/team/app/manifests/${reference}`, { method: 'PUT', auth, body, headers: { 'content-type': type } });
      expect(await errorCode(response), `${reference} ${body.slice(0, 40)}`).toBe(code);
    }
    const repoId = (await rpc('GetRepository', { RepoNamespaceName: 'team', RepoName: 'app' })).RepoId as string;
    expect((await rpc('ListRepoTag', { RepoId: repoId })).Images).toEqual([]);
    const tags = await reg('/v2/team/app/tags/list', { auth });
    expect(await tags.json()).toEqual({ name: 'team/app', tags: [] });
    expect(await errorCode(await reg('/v2/team/app/manifests/latest', { auth }))).toBe('MANIFEST_UNKNOWN');
    expect((await reg('/v2/team/app/tags/list', { method: 'DELETE', auth })).status).toBe(405);
  });
});

describe('content management and discovery', () => {
  it('mounts a blob from another repository the token may pull, and falls back to an upload otherwise', async () => {
    const login = await loginBasic();
    const source = await bearer('repository:team/source:pull,push', login);
    const blob = blobOf(randomBytes(4_000));
    await pushBlob('team/source', source, blob);
    const withFrom = await bearer('repository:team/dest:pull,push repository:team/source:pull', login);
    const mounted = await reg(`/v2/team/dest/blobs/uploads/?mount=${blob.digest}&from=team/source`, { method: 'POST', auth: withFrom });
    expect(mounted.status).toBe(201);
    expect(mounted.headers.get('location')).toBe(`/v2/team/dest/blobs/${blob.digest}`);
    expect((await reg(`/v2/team/dest/blobs/${blob.digest}`, { method: 'HEAD', auth: withFrom })).status).toBe(200);
    const notGranted = await bearer('repository:team/third:pull,push', login);
    const fallback = await reg(`/v2/team/third/blobs/uploads/?mount=${blob.digest}&from=team/source`, { method: 'POST', auth: notGranted });
    expect(fallback.status).toBe(202);
    expect((await reg(`/v2/team/third/blobs/${blob.digest}`, { method: 'HEAD', auth: notGranted })).status).toBe(404);
  });

  it('deletes blobs, manifests by digest (with their tags) and tags alone', async () => {
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const image = dockerImage(500);
    await pushBlob('team/app', auth, image.layer);
    await pushBlob('team/app', auth, image.config);
    for (const tag of ['a', 'b', 'c']) await putManifest('team/app', tag, auth, image.manifest, DOCKER.manifest);
    expect((await reg('/v2/team/app/manifests/a', { method: 'DELETE', auth })).status).toBe(202);
    expect(await (await reg('/v2/team/app/tags/list', { auth })).json()).toEqual({ name: 'team/app', tags: ['b', 'c'] });
    expect((await reg(`/v2/team/app/manifests/${image.manifest.digest}`, { method: 'DELETE', auth })).status).toBe(202);
    expect(await (await reg('/v2/team/app/tags/list', { auth })).json()).toEqual({ name: 'team/app', tags: [] });
    const repoId = (await rpc('GetRepository', { RepoNamespaceName: 'team', RepoName: 'app' })).RepoId as string;
    expect((await rpc('ListRepoTag', { RepoId: repoId })).Images).toEqual([]);
    expect(await errorCode(await reg(`/v2/team/app/manifests/${image.manifest.digest}`, { auth }))).toBe('MANIFEST_UNKNOWN');
    expect(await errorCode(await reg(`/v2/team/app/manifests/${image.manifest.digest}`, { method: 'DELETE', auth }))).toBe('MANIFEST_UNKNOWN');
    expect((await reg(`/v2/team/app/blobs/${image.layer.digest}`, { method: 'DELETE', auth })).status).toBe(202);
    expect(await errorCode(await reg(`/v2/team/app/blobs/${image.layer.digest}`, { auth }))).toBe('BLOB_UNKNOWN');
    expect(await errorCode(await reg(`/v2/team/app/blobs/${image.layer.digest}`, { method: 'DELETE', auth }))).toBe('BLOB_UNKNOWN');
    const pullOnly = await bearer('repository:team/app:pull', await loginBasic());
    expect((await reg(`/v2/team/app/blobs/${image.config.digest}`, { method: 'DELETE', auth: pullOnly })).status).toBe(401);
  });

  it('lists the referrers of a manifest, filtered by artifactType', async () => {
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const image = dockerImage(300);
    await pushBlob('team/app', auth, image.layer);
    await pushBlob('team/app', auth, image.config);
    await putManifest('team/app', 'v1', auth, image.manifest, DOCKER.manifest);
    const empty = blobOf(Buffer.from('{}'));
    await pushBlob('team/app', auth, empty);
    const artifact = (artifactType: string, note: string): Blob =>
      blobOf(Buffer.from(JSON.stringify({
        schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', artifactType,
        config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: empty.digest, size: empty.size },
        layers: [{ mediaType: 'application/vnd.oci.empty.v1+json', digest: empty.digest, size: empty.size }],
        subject: { mediaType: DOCKER.manifest, digest: image.manifest.digest, size: image.manifest.size },
        annotations: { note },
      })));
    const sbom = artifact('application/spdx+json', 'sbom');
    const signature = artifact('application/vnd.dev.cosign.artifact.sig.v1+json', 'sig');
    for (const a of [sbom, signature]) {
      const put = await putManifest('team/app', a.digest, auth, a, 'application/vnd.oci.image.manifest.v1+json');
      expect(put.status).toBe(201);
      expect(put.headers.get('oci-subject')).toBe(image.manifest.digest);
    }
    const all = await reg(`/v2/team/app/referrers/${image.manifest.digest}`, { auth });
    expect(all.headers.get('content-type')).toBe('application/vnd.oci.image.index.v1+json');
    const index = (await all.json()) as { manifests: { digest: string; artifactType: string; annotations: Record<string, string> }[] };
    expect(index.manifests.map((m) => [m.digest, m.artifactType, m.annotations.note]).sort()).toEqual(
      [[sbom.digest, 'application/spdx+json', 'sbom'], [signature.digest, 'application/vnd.dev.cosign.artifact.sig.v1+json', 'sig']].sort(),
    );
    const filtered = await reg(`/v2/team/app/referrers/${image.manifest.digest}?artifactType=application/spdx%2Bjson`, { auth });
    expect(filtered.headers.get('oci-filters-applied')).toBe('artifactType');
    expect(((await filtered.json()) as { manifests: { digest: string }[] }).manifests.map((m) => m.digest)).toEqual([sbom.digest]);
    const none = await reg(`/v2/team/app/referrers/sha256:${'4'.repeat(64)}`, { auth });
    expect(((await none.json()) as { manifests: unknown[] }).manifests).toEqual([]);
  });
});

describe('tags list', () => {
  it('lists in lexical order with n and last, and a Link to the next page', async () => {
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const image = dockerImage(10);
    await pushBlob('team/app', auth, image.layer);
    await pushBlob('team/app', auth, image.config);
    for (const tag of ['v3', 'v1', 'latest', 'v2']) expect((await putManifest('team/app', tag, auth, image.manifest, DOCKER.manifest)).status).toBe(201);
    expect(await (await reg('/v2/team/app/tags/list', { auth })).json()).toEqual({ name: 'team/app', tags: ['latest', 'v1', 'v2', 'v3'] });
    const first = await reg('/v2/team/app/tags/list?n=2', { auth });
    expect(await first.json()).toEqual({ name: 'team/app', tags: ['latest', 'v1'] });
    expect(first.headers.get('link')).toBe('</v2/team/app/tags/list?n=2&last=v1>; rel="next"');
    const second = await reg('/v2/team/app/tags/list?n=2&last=v1', { auth });
    expect(await second.json()).toEqual({ name: 'team/app', tags: ['v2', 'v3'] });
    expect(second.headers.get('link')).toBeNull();
    expect(await (await reg('/v2/team/app/tags/list?n=0', { auth })).json()).toEqual({ name: 'team/app', tags: [] });
    expect((await reg('/v2/team/app/tags/list?n=-1', { auth })).status).toBe(400);
  });
});

describe('garbage collection', () => {
  it('removes what no tag, index, subject or recent push keeps, once the grace period has passed, files included', async () => {
    await server.stop();
    const dir = mkdtempSync(join(tmpdir(), 'registry-gc-'));
    dirs.push(dir);
    const stateFile = join(dir, 'state.db');
    await start({ stateFile });
    const files = (): string[] => readdirSync(join(`${stateFile}.blobs`, 'sha256')).map((hex) => `sha256:${hex}`).sort();
    const login = await loginBasic();
    const auth = await bearer('repository:team/app:pull,push repository:team/other:pull,push', login);
    const shared = blobOf(randomBytes(3_000));
    const configOf = (n: number): Blob => blobOf(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', n })));
    const manifestOf = (config: Blob): Blob =>
      blobOf(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: DOCKER.manifest, config: { mediaType: DOCKER.config, digest: config.digest, size: config.size }, layers: [{ mediaType: DOCKER.layer, digest: shared.digest, size: shared.size }] })));
    const [configA, configB] = [configOf(1), configOf(2)];
    const [manifestA, manifestB] = [manifestOf(configA), manifestOf(configB)];
    const stray = blobOf(randomBytes(100));
    for (const blob of [shared, configA, configB, stray]) await pushBlob('team/app', auth, blob);
    await putManifest('team/app', 'a', auth, manifestA, DOCKER.manifest);
    await putManifest('team/app', 'b', auth, manifestB, DOCKER.manifest);
    // team/other holds image B too (its blobs mounted, its manifest tagged there).
    for (const blob of [shared, configB]) expect((await reg(`/v2/team/other/blobs/uploads/?mount=${blob.digest}&from=team/app`, { method: 'POST', auth })).status).toBe(201);
    await putManifest('team/other', 'b', auth, manifestB, DOCKER.manifest);
    const repoId = (await rpc('GetRepository', { RepoNamespaceName: 'team', RepoName: 'app' })).RepoId as string;
    expect(await rpc('DeleteRepoTag', { RepoId: repoId, Tag: 'a' })).toMatchObject({ IsSuccess: true });

    expect(server.registry.collectGarbage()).toEqual({ manifests: 0, links: 0, blobs: [] }); // all within the grace period
    server.clock.advance(60 * 60 * 1000);
    expect(server.registry.collectGarbage()).toEqual({ manifests: 1, links: 2, blobs: [configA.digest, stray.digest].sort() });
    expect(files()).toEqual([shared.digest, configB.digest].sort());
    const pull = await bearer('repository:team/app:pull repository:team/other:pull', await loginBasic()); // the first login has expired
    expect((await reg(`/v2/team/app/manifests/${manifestA.digest}`, { method: 'HEAD', auth: pull })).status).toBe(404);
    expect((await reg('/v2/team/app/manifests/b', { method: 'HEAD', auth: pull })).status).toBe(200);
    for (const blob of [configA, stray]) expect((await reg(`/v2/team/app/blobs/${blob.digest}`, { method: 'HEAD', auth: pull })).status).toBe(404);

    // A deleted repository's content goes at once; a blob another repository holds stays.
    expect(await rpc('DeleteRepository', { RepoId: repoId })).toMatchObject({ IsSuccess: true });
    expect(server.registry.collectGarbage()).toEqual({ manifests: 1, links: 2, blobs: [] });
    expect(files()).toEqual([shared.digest, configB.digest].sort());
    expect((await reg(`/v2/team/other/blobs/${shared.digest}`, { auth: pull })).status).toBe(200);
  });
});

describe('with a state file', () => {
  it('keeps blobs and an upload in progress beside it across a restart, with no upload file visible as a blob, and empties them on reset', async () => {
    await server.stop();
    const dir = mkdtempSync(join(tmpdir(), 'registry-state-'));
    dirs.push(dir);
    const stateFile = join(dir, 'state.db');
    await start({ stateFile });
    const auth = await bearer('repository:team/app:pull,push', await loginBasic());
    const image = randomImage({ architecture: 'amd64', os: 'linux' }, [20_000]);
    // An upload left half-way.
    const location = (await reg('/v2/team/app/blobs/uploads/', { method: 'POST', auth })).headers.get('location') as string;
    await reg(location, { method: 'PATCH', auth, body: new Uint8Array(image.layers[0].bytes.subarray(0, 1_000)) });
    await pushBlob('team/app', auth, image.layers[0]);
    await pushBlob('team/app', auth, image.config);
    expect((await putManifest('team/app', 'v1', auth, image.manifest, 'application/vnd.oci.image.manifest.v1+json')).status).toBe(201);
    expect(readdirSync(join(`${stateFile}.blobs`, 'sha256')).sort()).toEqual([image.config.digest.slice(7), image.layers[0].digest.slice(7)].sort());
    await server.stop();

    await start({ stateFile });
    const uploads = readdirSync(join(`${stateFile}.blobs`, 'uploads'));
    expect(uploads).toHaveLength(1);
    expect(location.endsWith(`/${uploads[0]}`)).toBe(true);
    const again = await bearer('repository:team/app:pull,push', await loginBasic());
    const layer = await reg(`/v2/team/app/blobs/${image.layers[0].digest}`, { auth: again });
    expect(Buffer.from(await layer.arrayBuffer()).equals(image.layers[0].bytes)).toBe(true);
    const manifest = await reg('/v2/team/app/manifests/v1', { auth: again });
    expect(createHash('sha256').update(Buffer.from(await manifest.arrayBuffer())).digest('hex')).toBe(image.manifest.digest.slice(7));
    // The upload left half-way resumes where it was (resume.test.ts tries it in depth, across processes).
    const status = await reg(location, { auth: again });
    expect([status.status, status.headers.get('range')]).toEqual([204, '0-999']);
    expect((await reg(location, { method: 'PATCH', auth: again, body: new Uint8Array(image.layers[0].bytes.subarray(1_000)), headers: { 'content-range': `1000-${image.layers[0].size - 1}` } })).status).toBe(202);
    expect((await reg(`${location}?digest=${image.layers[0].digest}`, { method: 'PUT', auth: again })).status).toBe(201);
    expect(readdirSync(join(`${stateFile}.blobs`, 'uploads'))).toEqual([]);

    await reg(`/v2/team/app/blobs/uploads/`, { method: 'POST', auth: again });
    server.reset();
    expect(readdirSync(join(`${stateFile}.blobs`, 'sha256'))).toEqual([]);
    expect(readdirSync(join(`${stateFile}.blobs`, 'uploads'))).toEqual([]);
    expect((await reg('/v2/', { auth: again })).status).toBe(401);
  });
});
