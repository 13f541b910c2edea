// Seed fixtures are pushed content: a fixture that pins no digest and no size is an image the
// registry serves, its manifest's digest the Digest the API answers, its config the ImageId, its
// blobs the layers GetRepoTagLayers lists; the same seed gives the same digests on another server
// and at another time. A fixture that pins a size or a digest is in the API only, and the registry
// says so.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer, type MockServerOptions } from '../../../src/index.js';

const INSTANCE = 'cri-mock0000000001';
const SEED: MockServerOptions['seed'] = {
  instances: [{
    namespaces: [{
      name: 'seeded',
      repositories: [{
        name: 'app',
        tags: [
          { tag: 'v1' },
          { tag: 'v2', architecture: 'arm64', createdAt: Date.parse('2025-05-06T07:08:09Z'), layers: [{ instruction: 'COPY', command: 'COPY . /app' }] },
          { tag: 'pinned', layers: [{ size: 1024 }] },
        ],
      }],
    }],
  }],
};

const servers: MockServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
});

async function start(options: MockServerOptions = {}): Promise<MockServer> {
  const server = await startMockServer({ verifySignature: false, seed: SEED, ...options });
  servers.push(server);
  return server;
}

async function rpc(server: MockServer, action: string, params: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const query = new URLSearchParams({ Action: action, Version: '2018-12-01', Format: 'JSON', RegionId: 'cn-hangzhou', InstanceId: INSTANCE, ...params });
  return (await (await fetch(`${server.url}/?${query}`)).json()) as Record<string, unknown>;
}

async function pullToken(server: MockServer): Promise<string> {
  const login = await rpc(server, 'GetAuthorizationToken');
  const basic = Buffer.from(`${String(login.TempUsername)}:${String(login.AuthorizationToken)}`).toString('base64');
  const service = encodeURIComponent(`registry.aliyuncs.com:cn-hangzhou:${INSTANCE}`);
  const response = await fetch(`${server.url}/auth?service=${service}&scope=${encodeURIComponent('repository:seeded/app:pull')}`, { headers: { authorization: `Basic ${basic}` } });
  expect(response.status).toBe(200);
  return `Bearer ${((await response.json()) as { token: string }).token}`;
}

const sha256 = (bytes: Buffer): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

interface Tag { Tag: string; Digest: string; ImageId: string; ImageSize: number; ImageCreate: number }

async function tagsOf(server: MockServer): Promise<{ repoId: string; tags: Map<string, Tag> }> {
  const repoId = String((await rpc(server, 'GetRepository', { RepoNamespaceName: 'seeded', RepoName: 'app' })).RepoId);
  const images = (await rpc(server, 'ListRepoTag', { RepoId: repoId })).Images as Tag[];
  return { repoId, tags: new Map(images.map((i) => [i.Tag, i])) };
}

describe('seeded images in the registry', () => {
  it('serves a fixture that pins nothing: manifest, config and layers with the digests and sizes the API answers', async () => {
    const server = await start();
    const auth = await pullToken(server);
    const { repoId, tags } = await tagsOf(server);
    const get = async (path: string): Promise<Response> => fetch(`${server.url}/v2/seeded/app/${path}`, { headers: { authorization: auth, accept: 'application/vnd.docker.distribution.manifest.v2+json' } });
    const expected = { v1: { architecture: 'amd64', layers: [['ADD', /^file:[0-9a-f]{16} in \/etc\/acr-mock-origin$/], ['RUN', /^\/bin\/sh -c make layer-1 # buildkit$/]] }, v2: { architecture: 'arm64', layers: [['COPY', /^COPY \. \/app$/]] } } as const;
    for (const [name, want] of Object.entries(expected)) {
      const tag = tags.get(name) as Tag;
      const response = await get(`manifests/${name}`);
      expect(response.status, name).toBe(200);
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(sha256(bytes)).toBe(`sha256:${tag.Digest}`);
      expect(response.headers.get('docker-content-digest')).toBe(`sha256:${tag.Digest}`);
      const manifest = JSON.parse(bytes.toString('utf8')) as { config: { digest: string; size: number }; layers: { digest: string; size: number }[] };
      expect(manifest.config.digest).toBe(`sha256:${tag.ImageId}`);
      expect(tag.ImageSize).toBe(manifest.config.size + manifest.layers.reduce((sum, l) => sum + l.size, 0));
      const layers = (await rpc(server, 'GetRepoTagLayers', { RepoId: repoId, Tag: name })).Layers as { BlobDigest: string; BlobSize: number; LayerInstruction: string; LayerCMD: string }[];
      expect(layers.map((l) => [l.BlobDigest, l.BlobSize])).toEqual(manifest.layers.map((l) => [l.digest, l.size]));
      expect(layers.map((l) => l.LayerInstruction)).toEqual(want.layers.map((l) => l[0]));
      layers.forEach((l, i) => expect(l.LayerCMD).toMatch(want.layers[i][1]));
      const config = Buffer.from(await (await get(`blobs/${manifest.config.digest}`)).arrayBuffer());
      expect([sha256(config), config.length]).toEqual([manifest.config.digest, manifest.config.size]);
      const parsed = JSON.parse(config.toString('utf8')) as { architecture: string; os: string; created?: string; history: { created_by: string }[]; rootfs: { diff_ids: string[] } };
      expect(parsed).toMatchObject({ architecture: want.architecture, os: 'linux' });
      // The history says what GetRepoTagLayers says, as a registry push of the image would make it say.
      expect(parsed.history.map((h) => h.created_by)).toEqual(layers.map((l) => `/bin/sh -c #(nop) ${l.LayerInstruction} ${l.LayerCMD}`));
      for (const [index, layer] of manifest.layers.entries()) {
        const blob = Buffer.from(await (await get(`blobs/${layer.digest}`)).arrayBuffer());
        expect([sha256(blob), blob.length]).toEqual([layer.digest, layer.size]);
        const tar = gunzipSync(blob);
        expect(sha256(tar)).toBe(parsed.rootfs.diff_ids[index]);
        expect(tar.toString('latin1')).toContain(`${INSTANCE}/seeded/app:${name}\nlinux/${want.architecture}\n`);
      }
      if (name === 'v2') {
        expect(parsed.created).toBe('2025-05-06T07:08:09.000Z');
        expect(tag.ImageCreate).toBe(Date.parse('2025-05-06T07:08:09Z'));
      } else {
        // No build time given: the image says none, so its digest does not depend on the clock.
        expect(parsed.created).toBeUndefined();
      }
    }
    expect(await (await get('tags/list')).json()).toEqual({ name: 'seeded/app', tags: ['pinned', 'v1', 'v2'] });
  });

  it('gives the same digests on another server whose clock is a day ahead', async () => {
    const first = await tagsOf(await start());
    const again = await tagsOf(await start({ clockOffsetMs: 86_400_000 }));
    for (const name of ['v1', 'v2']) {
      const [a, b] = [first.tags.get(name) as Tag, again.tags.get(name) as Tag];
      expect([b.Digest, b.ImageId, b.ImageSize]).toEqual([a.Digest, a.ImageId, a.ImageSize]);
    }
    expect((again.tags.get('v1') as Tag).ImageCreate - (first.tags.get('v1') as Tag).ImageCreate).toBeGreaterThanOrEqual(86_400_000);
    expect(first.tags.get('v1')?.Digest).not.toBe(first.tags.get('v2')?.Digest);
  });

  it('answers MANIFEST_UNKNOWN for a fixture that pins a size, saying its image is in the API only', async () => {
    const server = await start();
    const auth = await pullToken(server);
    const { tags } = await tagsOf(server);
    expect(tags.get('pinned')?.ImageSize).toBe(1024 + 1_469 + 64);
    const response = await fetch(`${server.url}/v2/seeded/app/manifests/pinned`, { headers: { authorization: auth } });
    expect(response.status).toBe(404);
    const body = (await response.json()) as { errors: { code: string; message: string }[] };
    expect(body.errors[0].code).toBe('MANIFEST_UNKNOWN');
    expect(body.errors[0].message).toContain(`sha256:${tags.get('pinned')?.Digest}`);
    expect(body.errors[0].message).toMatch(/in the API only .*pins a digest or a size/);
  });
});
