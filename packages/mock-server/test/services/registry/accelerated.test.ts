// An artifact build task's `<tag>_accelerated` is registry content (services/registry/accelerated.ts):
// GetRepoTag, GetRepoTagManifest and GetRepoTagLayers answer what the registry serves; the
// manifest is the source's config and layers under their OCI media types, annotated with the
// source's digest, the same for the same source; an index becomes an index of accelerated images;
// skopeo inspects and copies it out; the source is kept while the task runs even when its tag is
// deleted, and the accelerated image goes like any other when its tag is (DeleteRepoTag, a tag
// retention rule). A source in the API only gives an accelerated image in the API only.
import { AcrClient } from '@acr-ee/client';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../../src/index.js';
import { ACCELERATED_SOURCE_ANNOTATION } from '../../../src/services/registry/accelerated.js';
import { GC_GRACE_MS } from '../../../src/services/registry/gc.js';
import { indexOf, OCI, randomImage, writeLayout } from './oci-layout.js';
import { copy, skopeo } from './skopeo.js';

const KEY = { accessKeyId: 'accelerated-key', accessKeySecret: 'accelerated-secret-0123456789' };
const INSTANCE = 'cri-mock0000000001';
const BUILD_MS = 7_000;
const SEED = {
  timings: { artifactBuildPendingMs: 1_000, artifactBuildRunningMs: BUILD_MS - 1_000 },
  instances: [{
    specification: 'Enterprise_Advanced' as const,
    namespaces: [{ name: 'team', autoCreateRepo: true, repositories: [{ name: 'app', tags: [{ tag: 'v1' }, { tag: 'pinned', layers: [{ size: 1024 }] }] }] }],
  }],
};
let server: MockServer;
let client: AcrClient;
let host = '';
let repoId = '';
let creds = '';
const work = mkdtempSync(join(tmpdir(), 'registry-accelerated-'));

beforeAll(async () => {
  // The collection test moves the server clock hours ahead of the client's signatures.
  server = await startMockServer({ ...KEY, verifySignature: false, seed: SEED });
  client = new AcrClient({ ...KEY, regionId: 'cn-hangzhou', endpoint: server.url, retry: false });
  host = new URL(server.url).host;
  repoId = String((await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: 'app' })).RepoId);
  await client.createArtifactBuildRule({ InstanceId: INSTANCE, ScopeType: 'REPOSITORY', ScopeId: repoId, ArtifactType: 'ACCELERATED_IMAGE' });
  await login();
});
afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

/** Registry credentials valid on the server's clock now. */
async function login(): Promise<void> {
  const token = await client.getAuthorizationToken({ InstanceId: INSTANCE });
  creds = `${token.TempUsername}:${token.AuthorizationToken}`;
}

async function bearer(): Promise<string> {
  const service = encodeURIComponent(`registry.aliyuncs.com:cn-hangzhou:${INSTANCE}`);
  const scope = encodeURIComponent('repository:team/app:pull');
  const answer = await fetch(`${server.url}/auth?service=${service}&scope=${scope}`, { headers: { authorization: `Basic ${Buffer.from(creds).toString('base64')}` } });
  expect(answer.status).toBe(200);
  return `Bearer ${((await answer.json()) as { token: string }).token}`;
}

/** The manifest the registry serves for `reference` of team/app, with its digest header; undefined when unknown. */
async function manifest(reference: string): Promise<{ digest: string; mediaType: string; body: Record<string, unknown> } | undefined> {
  const accept = [OCI.manifest, OCI.index, 'application/vnd.docker.distribution.manifest.v2+json'].join(', ');
  const answer = await fetch(`${server.url}/v2/team/app/manifests/${reference}`, { headers: { authorization: await bearer(), accept } });
  if (answer.status === 404) {
    expect(((await answer.json()) as { errors: { code: string }[] }).errors[0].code).toBe('MANIFEST_UNKNOWN');
    return undefined;
  }
  expect(answer.status).toBe(200);
  return { digest: String(answer.headers.get('docker-content-digest')), mediaType: String(answer.headers.get('content-type')), body: (await answer.json()) as Record<string, unknown> };
}

async function blobStatus(digest: string): Promise<number> {
  return (await fetch(`${server.url}/v2/team/app/blobs/${digest}`, { method: 'HEAD', headers: { authorization: await bearer() } })).status;
}

async function tags(): Promise<Map<string, string>> {
  const listed = await client.listRepoTag({ InstanceId: INSTANCE, RepoId: repoId, PageSize: 100 });
  return new Map((listed.Images ?? []).map((i) => [String(i.Tag), String(i.Digest)]));
}

async function push(tag: string, layout: string): Promise<void> {
  const pushed = await copy(`oci:${layout}:${tag}`, `docker://${host}/team/app:${tag}`, ['--all', '--dest-tls-verify=false', '--dest-creds', creds]);
  expect(pushed.code, pushed.stderr).toBe(0);
}

describe('accelerated images', () => {
  it('are the source image under OCI media types with its digest annotated, the same for the same source, and the API answers the registry', async () => {
    await client.createRepoTag({ InstanceId: INSTANCE, NamespaceName: 'team', RepoName: 'app', FromTag: 'v1', ToTag: 'v2' });
    expect(await manifest('v2_accelerated')).toBeUndefined(); // building
    server.clock.advance(BUILD_MS);
    const source = await manifest('v2');
    const accelerated = await manifest('v2_accelerated');
    if (source === undefined || accelerated === undefined) throw new Error('v2 and v2_accelerated are registry content');
    expect(accelerated.mediaType).toBe(OCI.manifest);
    expect(accelerated.digest).not.toBe(source.digest);
    const sourceConfig = source.body.config as { digest: string; size: number };
    const sourceLayers = source.body.layers as { digest: string; size: number }[];
    expect(accelerated.body).toEqual({
      schemaVersion: 2,
      mediaType: OCI.manifest,
      config: { mediaType: OCI.config, digest: sourceConfig.digest, size: sourceConfig.size },
      layers: sourceLayers.map((l) => ({ mediaType: OCI.layer, digest: l.digest, size: l.size })),
      annotations: { [ACCELERATED_SOURCE_ANNOTATION]: source.digest },
    });

    const tag = await client.getRepoTag({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'v2_accelerated' });
    expect(`sha256:${tag.Digest}`).toBe(accelerated.digest);
    expect(tag.ImageId).toBe(sourceConfig.digest.slice(7));
    const api = await client.getRepoTagManifest({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'v2_accelerated' });
    expect(api.Manifest?.Config).toEqual({ MediaType: OCI.config, Digest: sourceConfig.digest, Size: sourceConfig.size });
    expect(api.Manifest?.Layers?.map((l) => [l.MediaType, l.Digest])).toEqual(sourceLayers.map((l) => [OCI.layer, l.digest]));
    const layers = await client.getRepoTagLayers({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'v2_accelerated', Digest: accelerated.digest });
    const sourceRows = await client.getRepoTagLayers({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'v2' });
    expect(layers.Layers).toEqual(sourceRows.Layers);

    // Another push of the same image: the same accelerated image.
    await client.createRepoTag({ InstanceId: INSTANCE, NamespaceName: 'team', RepoName: 'app', FromTag: 'v1', ToTag: 'v3' });
    server.clock.advance(BUILD_MS);
    expect((await tags()).get('v3_accelerated')).toBe(accelerated.digest.slice(7));
  });

  it('can be inspected and copied out with skopeo, digests unchanged; an index becomes an index of accelerated images', async () => {
    const images = [randomImage({ architecture: 'amd64', os: 'linux' }, [30_000, 5_000]), randomImage({ architecture: 'arm64', os: 'linux' }, [20_000])];
    const index = indexOf(images);
    writeLayout(join(work, 'multi'), 'multi', images, index);
    await push('multi', join(work, 'multi'));
    server.clock.advance(BUILD_MS);
    expect((await tags()).has('multi_accelerated')).toBe(true);
    const top = await manifest('multi_accelerated');
    if (top === undefined) throw new Error('multi_accelerated is registry content');
    expect(top.mediaType).toBe(OCI.index);
    expect((top.body.annotations as Record<string, string>)[ACCELERATED_SOURCE_ANNOTATION]).toBe(index.digest);
    const children = top.body.manifests as { digest: string; platform: { architecture: string } }[];
    expect(children.map((c) => c.platform.architecture)).toEqual(['amd64', 'arm64']);
    for (const [i, child] of children.entries()) {
      const made = await manifest(child.digest);
      expect((made?.body.annotations as Record<string, string>)[ACCELERATED_SOURCE_ANNOTATION]).toBe(images[i].manifest.digest);
      expect((made?.body.layers as { digest: string }[]).map((l) => l.digest)).toEqual(images[i].layers.map((l) => l.digest));
    }
    // The API shows the linux/amd64 image, as it does for the source index.
    const layers = await client.getRepoTagLayers({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'multi_accelerated' });
    expect(layers.Layers?.map((l) => l.BlobDigest)).toEqual(images[0].layers.map((l) => l.digest));
    expect((await client.getRepoTag({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'multi_accelerated' })).Digest).toBe(top.digest.slice(7));

    const inspected = await skopeo(['inspect', '--tls-verify=false', '--creds', creds, '--override-arch', 'arm64', `docker://${host}/team/app:multi_accelerated`]);
    expect(inspected.code, inspected.stderr).toBe(0);
    const seen = JSON.parse(inspected.stdout) as { Digest: string; Architecture: string; Layers: string[] };
    expect(seen).toMatchObject({ Digest: top.digest, Architecture: 'arm64', Layers: images[1].layers.map((l) => l.digest) });

    const out = join(work, 'multi-out');
    const pulled = await copy(`docker://${host}/team/app:multi_accelerated`, `oci:${out}:x`, ['--all', '--src-tls-verify=false', '--src-creds', creds]);
    expect(pulled.code, pulled.stderr).toBe(0);
    const layout = JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    expect(layout.manifests[0].digest).toBe(top.digest);
    for (const blob of [images[0].config, ...images[0].layers, images[1].config, ...images[1].layers]) {
      expect(readFileSync(join(out, 'blobs', 'sha256', blob.digest.slice(7))).equals(blob.bytes)).toBe(true);
    }
  });

  it('keep their source while the task runs, even when its tag is deleted, and go as ordinary content when their tag is', async () => {
    const image = randomImage({ architecture: 'amd64', os: 'linux' }, [10_000]);
    writeLayout(join(work, 'solo'), 'solo', [image]);
    await push('solo', join(work, 'solo'));
    await client.deleteRepoTag({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'solo' });
    // The task ends meanwhile, but nothing has read the repository yet: collection runs first.
    server.clock.advance(2 * GC_GRACE_MS);
    await login();
    server.registry.collectGarbage();
    expect(await blobStatus(image.layers[0].digest)).toBe(200);
    const accelerated = (await tags()).get('solo_accelerated');
    expect(accelerated).toBeDefined();
    const made = await manifest('solo_accelerated');
    expect(made?.digest).toBe(`sha256:${accelerated}`);
    expect(await manifest(image.manifest.digest)).toBeDefined();

    // Its tag gone, the source is collected; the accelerated image keeps the blobs it shares.
    server.registry.collectGarbage();
    expect(await manifest(image.manifest.digest)).toBeUndefined();
    expect(await blobStatus(image.layers[0].digest)).toBe(200);
    await client.deleteRepoTag({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'solo_accelerated' });
    server.clock.advance(2 * GC_GRACE_MS);
    await login();
    server.registry.collectGarbage();
    expect(await manifest(`sha256:${accelerated}`)).toBeUndefined();
    expect(await blobStatus(image.layers[0].digest)).toBe(404);
    expect(await blobStatus(image.config.digest)).toBe(404);
  });

  it('of an image in the API only are in the API only, the same for the same source', async () => {
    await client.createRepoTag({ InstanceId: INSTANCE, NamespaceName: 'team', RepoName: 'app', FromTag: 'pinned', ToTag: 'pinned2' });
    await client.createRepoTag({ InstanceId: INSTANCE, NamespaceName: 'team', RepoName: 'app', FromTag: 'pinned', ToTag: 'pinned3' });
    server.clock.advance(BUILD_MS);
    const listed = await tags();
    expect(listed.get('pinned2_accelerated')).toMatch(/^[0-9a-f]{64}$/);
    expect(listed.get('pinned2_accelerated')).not.toBe(listed.get('pinned'));
    expect(listed.get('pinned3_accelerated')).toBe(listed.get('pinned2_accelerated'));
    expect(await manifest('pinned2_accelerated')).toBeUndefined();
  });

  it('are kept or deleted by tag retention rules as any tag, and then collected', async () => {
    await login();
    const image = randomImage({ architecture: 'amd64', os: 'linux' }, [4_000]);
    writeLayout(join(work, 'late'), 'late', [image]);
    await push('late', join(work, 'late'));
    server.clock.advance(BUILD_MS);
    const before = await tags();
    const doomed = before.get('v2_accelerated');
    expect(before.has('late_accelerated')).toBe(true);
    // Keep `late` and the one most recent other tag (its accelerated image, pushed last); delete the rest.
    await client.createArtifactLifecycleRule({ InstanceId: INSTANCE, Scope: 'REPO', NamespaceName: 'team', RepoName: 'app', TagRegexp: '^late$', RetentionTagCount: 1, EnableDeleteTag: true });
    expect([...(await tags()).keys()].sort()).toEqual(['late', 'late_accelerated']);
    expect(await manifest('v2_accelerated')).toBeUndefined();
    expect((await manifest('late_accelerated'))?.digest).toBe(`sha256:${before.get('late_accelerated')}`);
    server.clock.advance(2 * GC_GRACE_MS);
    await login();
    server.registry.collectGarbage();
    expect(await manifest(`sha256:${doomed}`)).toBeUndefined();
    expect(await manifest('late_accelerated')).toBeDefined();
  });
});
