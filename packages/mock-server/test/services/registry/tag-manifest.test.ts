// GetRepoTagManifest answers the manifest the registry holds for the tag, as pushed: an OCI image
// manifest, a Docker schema 2 manifest, each with its own media type and its config and layers
// with theirs (a zstd layer stays zstd); an OCI index and a Docker manifest list answer the image
// the tag stands for in the API (linux/amd64, else the first platform; README, Decisions). Pushed
// over HTTP, read through the client, compared with the bytes the registry serves.
import { AcrClient } from '@acr-ee/client';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../../src/index.js';
import { blobOf, DOCKER, indexOf, OCI, randomImage, type Blob, type Image } from './oci-layout.js';

const KEY = { accessKeyId: 'tag-manifest-key', accessKeySecret: 'tag-manifest-secret-0123456789' };
const INSTANCE = 'cri-mock0000000001';
const ZSTD_LAYER = 'application/vnd.oci.image.layer.v1.tar+zstd';
const ACCEPT = [OCI.manifest, OCI.index, DOCKER.manifest, DOCKER.list].join(', ');

let server: MockServer;
let client: AcrClient;
let auth = '';
let repoId = '';

beforeAll(async () => {
  server = await startMockServer({ ...KEY, seed: { instances: [{ namespaces: [{ name: 'team', autoCreateRepo: true }] }] } });
  client = new AcrClient({ ...KEY, regionId: 'cn-hangzhou', endpoint: server.url, retry: false });
  const login = await client.getAuthorizationToken({ InstanceId: INSTANCE });
  const basic = `Basic ${Buffer.from(`${login.TempUsername}:${login.AuthorizationToken}`).toString('base64')}`;
  const service = encodeURIComponent(`registry.aliyuncs.com:cn-hangzhou:${INSTANCE}`);
  const answer = await fetch(`${server.url}/auth?service=${service}&scope=${encodeURIComponent('repository:team/app:pull,push')}`, { headers: { authorization: basic } });
  expect(answer.status).toBe(200);
  auth = `Bearer ${((await answer.json()) as { token: string }).token}`;
});
afterAll(async () => {
  client?.close();
  await server?.stop();
});

async function send(method: string, path: string, blob: Blob, type: string): Promise<void> {
  const answer = await fetch(`${server.url}/v2/team/app/${path}`, { method, headers: { authorization: auth, 'content-type': type }, body: new Uint8Array(blob.bytes) });
  await answer.arrayBuffer();
  expect(answer.status).toBe(201);
}

/** Pushes an image's blobs, then its manifest under `reference` (a tag or its digest). */
async function pushImage(image: Image, reference: string, type: string): Promise<void> {
  for (const blob of [image.config, ...image.layers]) await send('POST', `blobs/uploads/?digest=${blob.digest}`, blob, 'application/octet-stream');
  await send('PUT', `manifests/${reference}`, image.manifest, type);
}

/** An image whose manifest uses the given media types (one layer each). */
function imageWith(types: { manifest: string; config: string; layers: readonly string[] }, platform = { architecture: 'amd64', os: 'linux' }): Image {
  const layers = types.layers.map(() => blobOf(randomBytes(300)));
  const config = blobOf(Buffer.from(JSON.stringify({ architecture: platform.architecture, os: platform.os, created: '2026-05-06T07:08:09Z', rootfs: { type: 'layers', diff_ids: layers.map((l) => l.digest) } })));
  const body = {
    schemaVersion: 2,
    mediaType: types.manifest,
    config: { mediaType: types.config, digest: config.digest, size: config.size },
    layers: layers.map((l, i) => ({ mediaType: types.layers[i], digest: l.digest, size: l.size })),
  };
  return { manifest: blobOf(Buffer.from(JSON.stringify(body, null, 2))), config, layers, platform };
}

/** What the registry serves for `reference`: its Content-Type and body. */
async function served(reference: string): Promise<{ type: string; body: { mediaType?: string; config: Descriptor; layers: Descriptor[]; manifests?: unknown[] } }> {
  const answer = await fetch(`${server.url}/v2/team/app/manifests/${reference}`, { headers: { authorization: auth, accept: ACCEPT } });
  expect(answer.status).toBe(200);
  return { type: String(answer.headers.get('content-type')), body: (await answer.json()) as never };
}

interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
}

const described = (d: Descriptor): { MediaType: string; Digest: string; Size: number } => ({ MediaType: d.mediaType, Digest: d.digest, Size: d.size });

/** GetRepoTagManifest's Manifest for the tag, through the client. */
async function apiManifest(tag: string): Promise<unknown> {
  if (repoId === '') repoId = String((await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: 'app' })).RepoId);
  const answer = await client.getRepoTagManifest({ InstanceId: INSTANCE, RepoId: repoId, Tag: tag });
  expect(answer.Tag).toBe(tag);
  return answer.Manifest;
}

/** The Manifest the API must answer for what the registry serves under `reference`. */
async function expectedFor(reference: string): Promise<unknown> {
  const { type, body } = await served(reference);
  expect(body.manifests).toBeUndefined();
  expect(body.mediaType ?? type).toBe(type);
  return { SchemaVersion: 2, MediaType: type, Config: described(body.config), Layers: body.layers.map(described) };
}

describe('GetRepoTagManifest', () => {
  it('answers an OCI image manifest as pushed: its media type, config and layers with theirs', async () => {
    const image = imageWith({ manifest: OCI.manifest, config: OCI.config, layers: [OCI.layer, ZSTD_LAYER] });
    await pushImage(image, 'oci', OCI.manifest);
    const manifest = await apiManifest('oci');
    expect(manifest).toEqual(await expectedFor('oci'));
    expect(manifest).toMatchObject({ MediaType: OCI.manifest, Config: { MediaType: OCI.config, Digest: image.config.digest }, Layers: [{ MediaType: OCI.layer }, { MediaType: ZSTD_LAYER }] });
  });

  it('answers a Docker schema 2 manifest as pushed', async () => {
    const image = imageWith({ manifest: DOCKER.manifest, config: DOCKER.config, layers: [DOCKER.layer] });
    await pushImage(image, 'docker', DOCKER.manifest);
    const manifest = await apiManifest('docker');
    expect(manifest).toEqual(await expectedFor('docker'));
    expect(manifest).toMatchObject({ MediaType: DOCKER.manifest, Config: { MediaType: DOCKER.config }, Layers: [{ MediaType: DOCKER.layer, Digest: image.layers[0].digest }] });
  });

  it("answers an OCI index's tag with its linux/amd64 image, as the API's tag shows it", async () => {
    const arm = randomImage({ architecture: 'arm64', os: 'linux' }, [200]);
    const amd = randomImage({ architecture: 'amd64', os: 'linux' }, [100, 50]);
    for (const image of [arm, amd]) await pushImage(image, image.manifest.digest, OCI.manifest);
    const index = indexOf([arm, amd]);
    await send('PUT', 'manifests/multi', index, OCI.index);
    expect((await served('multi')).type).toBe(OCI.index);
    const manifest = await apiManifest('multi');
    expect(manifest).toEqual(await expectedFor(amd.manifest.digest));
    const tag = await client.getRepoTag({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'multi' });
    expect(tag.Digest).toBe(index.digest.slice(7));
    expect((manifest as { Config: { Digest: string } }).Config.Digest).toBe(`sha256:${tag.ImageId}`);
  });

  it('answers a Docker manifest list without linux/amd64 with its first image', async () => {
    const images = [imageWith({ manifest: DOCKER.manifest, config: DOCKER.config, layers: [DOCKER.layer] }, { architecture: 'arm64', os: 'linux' }), imageWith({ manifest: DOCKER.manifest, config: DOCKER.config, layers: [DOCKER.layer, DOCKER.layer] }, { architecture: 's390x', os: 'linux' })];
    for (const image of images) await pushImage(image, image.manifest.digest, DOCKER.manifest);
    const list = blobOf(Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: DOCKER.list, manifests: images.map((image) => ({ mediaType: DOCKER.manifest, digest: image.manifest.digest, size: image.manifest.size, platform: image.platform })) })));
    await send('PUT', 'manifests/list', list, DOCKER.list);
    expect(await apiManifest('list')).toEqual(await expectedFor(images[0].manifest.digest));
  });
});
