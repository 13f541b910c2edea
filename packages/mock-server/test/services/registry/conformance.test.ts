// A conformance suite for the registry, written from the four workflows of the OCI distribution
// specification's conformance tests (pull, push, content discovery, content management): what each
// workflow requires of a registry, in order, on one server and one repository, through plain HTTP
// with a bearer token for the repositories involved. Written here from the specification's
// requirements; the statuses are the ones the specification requires (where it allows a choice,
// the comment says which one this registry makes).
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../../src/index.js';
import { blobOf, type Blob } from './oci-layout.js';

const NAME = 'conformance/repo';
const OTHER = 'conformance/other';
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const ERROR_CODES = ['BLOB_UNKNOWN', 'BLOB_UPLOAD_INVALID', 'BLOB_UPLOAD_UNKNOWN', 'DIGEST_INVALID', 'MANIFEST_BLOB_UNKNOWN', 'MANIFEST_INVALID', 'MANIFEST_UNKNOWN', 'NAME_INVALID', 'NAME_UNKNOWN', 'SIZE_INVALID', 'UNAUTHORIZED', 'DENIED', 'UNSUPPORTED', 'TOOMANYREQUESTS'];

let server: MockServer;
let auth = '';

beforeAll(async () => {
  server = await startMockServer({ verifySignature: false, seed: { instances: [{ namespaces: [{ name: 'conformance', autoCreateRepo: true }] }] } });
  const query = new URLSearchParams({ Action: 'GetAuthorizationToken', Version: '2018-12-01', Format: 'JSON', RegionId: 'cn-hangzhou', InstanceId: 'cri-mock0000000001' });
  const login = (await (await fetch(`${server.url}/?${query}`)).json()) as { TempUsername: string; AuthorizationToken: string };
  const basic = Buffer.from(`${login.TempUsername}:${login.AuthorizationToken}`).toString('base64');
  const token = await fetch(`${server.url}/auth?scope=repository:${NAME}:pull,push&scope=repository:${OTHER}:pull,push`, { headers: { authorization: `Basic ${basic}` } });
  auth = `Bearer ${((await token.json()) as { token: string }).token}`;
});
afterAll(() => server?.stop());

function call(method: string, path: string, body?: Buffer | string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, body: typeof body === 'string' ? body : body === undefined ? undefined : new Uint8Array(body), headers: { authorization: auth, ...headers } });
}

async function codeOf(response: Response): Promise<string> {
  const body = (await response.json()) as { errors?: { code: string; message: string }[] };
  expect(Array.isArray(body.errors) && body.errors.length > 0).toBe(true);
  expect(typeof body.errors?.[0].message).toBe('string');
  return body.errors?.[0].code ?? '';
}

const config = blobOf(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } })));
const layer = blobOf(randomBytes(2_048));
const imageManifest = (cfg: Blob, layers: readonly Blob[], extra: Record<string, unknown> = {}): Blob =>
  blobOf(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: cfg.digest, size: cfg.size }, layers: layers.map((l) => ({ mediaType: 'application/vnd.oci.image.layer.v1.tar', digest: l.digest, size: l.size })), ...extra })));
const manifest = imageManifest(config, [layer]);
const absentDigest = `sha256:${createHash('sha256').update('nothing here').digest('hex')}`;

async function monolithic(name: string, blob: Blob): Promise<Response> {
  return call('POST', `/v2/${name}/blobs/uploads/?digest=${blob.digest}`, blob.bytes, { 'content-type': 'application/octet-stream' });
}

describe('pull', () => {
  it('setup: pushes a config, a layer and a manifest under a tag', async () => {
    for (const blob of [config, layer]) expect((await monolithic(NAME, blob)).status).toBe(201);
    expect((await call('PUT', `/v2/${NAME}/manifests/tagtest0`, manifest.bytes, { 'content-type': OCI_MANIFEST })).status).toBe(201);
  });

  it('HEAD and GET a manifest by tag and by digest; an unknown one is 404', async () => {
    for (const reference of ['tagtest0', manifest.digest]) {
      const head = await call('HEAD', `/v2/${NAME}/manifests/${reference}`, undefined, { accept: OCI_MANIFEST });
      expect(head.status).toBe(200);
      expect(head.headers.get('docker-content-digest')).toBe(manifest.digest);
      const get = await call('GET', `/v2/${NAME}/manifests/${reference}`, undefined, { accept: OCI_MANIFEST });
      expect(get.status).toBe(200);
      expect(get.headers.get('content-type')).toBe(OCI_MANIFEST);
      expect(Buffer.from(await get.arrayBuffer()).equals(manifest.bytes)).toBe(true);
    }
    expect((await call('HEAD', `/v2/${NAME}/manifests/nonexistent`)).status).toBe(404);
    const missing = await call('GET', `/v2/${NAME}/manifests/${absentDigest}`);
    expect(missing.status).toBe(404);
    expect(await codeOf(missing)).toBe('MANIFEST_UNKNOWN');
  });

  it('HEAD and GET a blob; an unknown one is 404', async () => {
    const head = await call('HEAD', `/v2/${NAME}/blobs/${layer.digest}`);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(layer.size));
    const get = await call('GET', `/v2/${NAME}/blobs/${layer.digest}`);
    expect(Buffer.from(await get.arrayBuffer()).equals(layer.bytes)).toBe(true);
    expect((await call('HEAD', `/v2/${NAME}/blobs/${absentDigest}`)).status).toBe(404);
    const missing = await call('GET', `/v2/${NAME}/blobs/${absentDigest}`);
    expect(missing.status).toBe(404);
    expect(await codeOf(missing)).toBe('BLOB_UNKNOWN');
  });

  it('answers a 400 with an error body of the specification', async () => {
    const response = await call('PUT', `/v2/${NAME}/manifests/sha256:totallywrong`, '{"invalid": true}', { 'content-type': OCI_MANIFEST });
    expect(response.status).toBe(400);
    expect(ERROR_CODES).toContain(await codeOf(response));
  });
});

describe('push', () => {
  it('streamed: POST, a PATCH without Content-Range, then PUT with the digest', async () => {
    const blob = blobOf(randomBytes(5_000));
    const started = await call('POST', `/v2/${NAME}/blobs/uploads/`);
    expect(started.status).toBe(202);
    const patched = await call('PATCH', started.headers.get('location') as string, blob.bytes, { 'content-type': 'application/octet-stream' });
    expect(patched.status).toBe(202);
    const put = await call('PUT', `${patched.headers.get('location')}?digest=${blob.digest}`, undefined, { 'content-length': '0' });
    expect(put.status).toBe(201);
    expect(put.headers.get('location')).toBeTruthy();
  });

  it('monolithic: POST with the digest, or POST then PUT with the whole blob; an empty blob too', async () => {
    const blob = blobOf(randomBytes(700));
    expect((await call('GET', `/v2/${NAME}/blobs/${blob.digest}`)).status).toBe(404);
    const posted = await monolithic(NAME, blob);
    expect(posted.status).toBe(201);
    expect(posted.headers.get('location')).toBe(`/v2/${NAME}/blobs/${blob.digest}`);
    expect((await call('GET', `/v2/${NAME}/blobs/${blob.digest}`)).status).toBe(200);
    const second = blobOf(randomBytes(900));
    const session = await call('POST', `/v2/${NAME}/blobs/uploads/`);
    expect(session.status).toBe(202);
    const put = await call('PUT', `${session.headers.get('location')}?digest=${second.digest}`, second.bytes, { 'content-type': 'application/octet-stream' });
    expect(put.status).toBe(201);
    expect((await call('GET', `/v2/${NAME}/blobs/${second.digest}`)).status).toBe(200);
    const empty = blobOf(Buffer.alloc(0));
    expect((await monolithic(NAME, empty)).status).toBe(201);
    const head = await call('HEAD', `/v2/${NAME}/blobs/${empty.digest}`);
    expect(head.headers.get('content-length')).toBe('0');
  });

  it('chunked: an out-of-order chunk is 416; in order, the last chunk comes with the PUT', async () => {
    const blob = blobOf(randomBytes(3_000));
    const first = blob.bytes.subarray(0, 1_000);
    const rest = blob.bytes.subarray(1_000);
    const wrongStart = await call('POST', `/v2/${NAME}/blobs/uploads/`, undefined, { 'content-length': '0' });
    const outOfOrder = await call('PATCH', wrongStart.headers.get('location') as string, rest, { 'content-type': 'application/octet-stream', 'content-range': `1000-${blob.size - 1}` });
    expect(outOfOrder.status).toBe(416);
    const session = await call('POST', `/v2/${NAME}/blobs/uploads/`, undefined, { 'content-length': '0' });
    const patched = await call('PATCH', session.headers.get('location') as string, first, { 'content-type': 'application/octet-stream', 'content-range': '0-999' });
    expect(patched.status).toBe(202);
    const put = await call('PUT', `${patched.headers.get('location')}?digest=${blob.digest}`, rest, { 'content-type': 'application/octet-stream', 'content-range': `1000-${blob.size - 1}` });
    expect(put.status).toBe(201);
    expect(Buffer.from(await (await call('GET', `/v2/${NAME}/blobs/${blob.digest}`)).arrayBuffer()).equals(blob.bytes)).toBe(true);
  });

  it('mounts a blob from another repository, and starts an upload when it cannot', async () => {
    expect((await monolithic(OTHER, layer)).status).toBe(201);
    const fresh = blobOf(randomBytes(300));
    expect((await monolithic(OTHER, fresh)).status).toBe(201);
    const mounted = await call('POST', `/v2/${NAME}/blobs/uploads/?mount=${fresh.digest}&from=${OTHER}`);
    expect(mounted.status).toBe(201);
    expect(mounted.headers.get('location')).toBe(`/v2/${NAME}/blobs/${fresh.digest}`);
    const fallback = await call('POST', `/v2/${NAME}/blobs/uploads/?mount=${absentDigest}&from=${OTHER}`);
    expect(fallback.status).toBe(202);
    expect(fallback.headers.get('location')).toMatch(/\/blobs\/uploads\//);
  });

  it('accepts a manifest under several tags; GET by digest then answers it', async () => {
    expect((await call('GET', `/v2/${NAME}/manifests/${absentDigest}`)).status).toBe(404);
    for (let i = 0; i < 4; i++) {
      const put = await call('PUT', `/v2/${NAME}/manifests/test${i}`, manifest.bytes, { 'content-type': OCI_MANIFEST });
      expect(put.status).toBe(201);
      expect(put.headers.get('location')).toBeTruthy();
    }
    expect((await call('GET', `/v2/${NAME}/manifests/${manifest.digest}`, undefined, { accept: OCI_MANIFEST })).status).toBe(200);
  });
});

describe('content discovery', () => {
  it('lists the tags, whole and in pages (n, last, Link)', async () => {
    const all = ['tagtest0', 'test0', 'test1', 'test2', 'test3'];
    const list = await call('GET', `/v2/${NAME}/tags/list`);
    expect(await list.json()).toEqual({ name: NAME, tags: all });
    const page = await call('GET', `/v2/${NAME}/tags/list?n=2`);
    expect(((await page.json()) as { tags: string[] }).tags).toEqual(all.slice(0, 2));
    expect(page.headers.get('link')).toContain('rel="next"');
    const after = await call('GET', `/v2/${NAME}/tags/list?n=2&last=test0`);
    expect(((await after.json()) as { tags: string[] }).tags).toEqual(['test1', 'test2']);
  });

  it('lists the referrers of a manifest, and filters them by artifactType', async () => {
    const empty = blobOf(Buffer.from('{}'));
    expect((await monolithic(NAME, empty)).status).toBe(201);
    const subject = { mediaType: OCI_MANIFEST, digest: manifest.digest, size: manifest.size };
    const artifact = (artifactType: string): Blob =>
      blobOf(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST, artifactType, config: { mediaType: 'application/vnd.oci.empty.v1+json', digest: empty.digest, size: empty.size }, layers: [{ mediaType: 'application/vnd.oci.empty.v1+json', digest: empty.digest, size: empty.size }], subject })));
    const one = artifact('application/vnd.example.sbom');
    const two = artifact('application/vnd.example.signature');
    for (const a of [one, two]) {
      const put = await call('PUT', `/v2/${NAME}/manifests/${a.digest}`, a.bytes, { 'content-type': OCI_MANIFEST });
      expect(put.status).toBe(201);
      expect(put.headers.get('oci-subject')).toBe(manifest.digest);
    }
    const referrers = await call('GET', `/v2/${NAME}/referrers/${manifest.digest}`);
    expect(referrers.status).toBe(200);
    expect(referrers.headers.get('content-type')).toBe(OCI_INDEX);
    const index = (await referrers.json()) as { schemaVersion: number; mediaType: string; manifests: { digest: string; artifactType: string }[] };
    expect(index.schemaVersion).toBe(2);
    expect(index.mediaType).toBe(OCI_INDEX);
    expect(index.manifests.map((m) => m.digest).sort()).toEqual([one.digest, two.digest].sort());
    const filtered = await call('GET', `/v2/${NAME}/referrers/${manifest.digest}?artifactType=application/vnd.example.sbom`);
    expect(filtered.headers.get('oci-filters-applied')).toBe('artifactType');
    expect(((await filtered.json()) as { manifests: { digest: string }[] }).manifests.map((m) => m.digest)).toEqual([one.digest]);
    const none = await call('GET', `/v2/${NAME}/referrers/${absentDigest}`);
    expect(none.status).toBe(200);
    expect(((await none.json()) as { manifests: unknown[] }).manifests).toEqual([]);
  });
});

describe('content management', () => {
  let before = 0;

  it('deletes a tag (202): the manifest stays under its other tags', async () => {
    before = ((await (await call('GET', `/v2/${NAME}/tags/list`)).json()) as { tags: string[] }).tags.length;
    expect((await call('DELETE', `/v2/${NAME}/manifests/tagtest0`)).status).toBe(202);
    expect((await call('GET', `/v2/${NAME}/manifests/tagtest0`)).status).toBe(404);
    expect((await call('GET', `/v2/${NAME}/manifests/test0`)).status).toBe(200);
  });

  it('deletes a manifest by digest (202, then 404), and the tags list shows it', async () => {
    expect((await call('DELETE', `/v2/${NAME}/manifests/${manifest.digest}`)).status).toBe(202);
    expect((await call('GET', `/v2/${NAME}/manifests/${manifest.digest}`)).status).toBe(404);
    expect((await call('DELETE', `/v2/${NAME}/manifests/${manifest.digest}`)).status).toBe(404);
    const tags = ((await (await call('GET', `/v2/${NAME}/tags/list`)).json()) as { tags: string[] }).tags;
    expect(tags.length).toBeLessThan(before);
    expect(tags).toEqual([]);
  });

  it('deletes a blob (202, then 404)', async () => {
    expect((await call('DELETE', `/v2/${NAME}/blobs/${config.digest}`)).status).toBe(202);
    expect((await call('GET', `/v2/${NAME}/blobs/${config.digest}`)).status).toBe(404);
    // Still in the repository it was mounted from.
    expect((await call('GET', `/v2/${OTHER}/blobs/${layer.digest}`)).status).toBe(200);
  });
});
