// Real registry clients against the registry: skopeo copies OCI images built here (random layers, a
// multi-platform index, and one image converted to Docker schema 2) into the mock server with the
// credentials GetAuthorizationToken gave through the client, the client lists what was pushed, and
// skopeo copies it back out with identical digests; skopeo also pulls an image that an artifact
// subscription task imported and one the seed pushed.
import { AcrClient } from '@acr-ee/client';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../../src/index.js';
import { indexOf, randomImage, writeLayout } from './oci-layout.js';
import { copy } from './skopeo.js';

const KEY = { accessKeyId: 'registry-key', accessKeySecret: 'registry-secret-0123456789' };
const INSTANCE = 'cri-mock0000000001';
let server: MockServer;
let client: AcrClient;
let host = '';
const work = mkdtempSync(join(tmpdir(), 'registry-skopeo-'));

beforeAll(async () => {
  server = await startMockServer({ ...KEY, seed: { instances: [{ namespaces: [{ name: 'team', autoCreateRepo: true, defaultRepoType: 'PRIVATE', repositories: [{ name: 'seeded', tags: [{ tag: 'v1' }] }] }] }] } });
  client = new AcrClient({ ...KEY, regionId: 'cn-hangzhou', endpoint: server.url, retry: false });
  host = new URL(server.url).host;
});
afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function loginCreds(): Promise<string> {
  const token = await client.getAuthorizationToken({ InstanceId: INSTANCE });
  expect(token.TempUsername).toBe('temp_user_cr');
  return `${token.TempUsername}:${token.AuthorizationToken}`;
}

function blobNames(layout: string): string[] {
  return readdirSync(join(layout, 'blobs', 'sha256')).sort();
}

function topDigest(layout: string): string {
  const index = JSON.parse(readFileSync(join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
  return index.manifests[0].digest;
}

describe('skopeo against the registry', () => {
  it('pushes a multi-platform OCI index, lists it through the client and pulls it back unchanged', async () => {
    const images = [
      randomImage({ architecture: 'amd64', os: 'linux' }, [40_000, 120_000], ['ADD file:rootfs in /', 'COPY app /app # buildkit']),
      randomImage({ architecture: 'arm64', os: 'linux' }, [50_000]),
    ];
    const index = indexOf(images);
    const source = join(work, 'multi');
    writeLayout(source, 'v1', images, index);
    const creds = await loginCreds();

    const push = await copy(`oci:${source}:v1`, `docker://${host}/team/app:v1`, ['--all', '--dest-tls-verify=false', '--dest-creds', creds]);
    expect(push.stderr).not.toContain(creds.split(':')[1]);
    expect(push.code, push.stderr).toBe(0);

    const repo = await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: 'app' });
    expect(repo.RepoType).toBe('PRIVATE');
    const tags = await client.listRepoTag({ InstanceId: INSTANCE, RepoId: repo.RepoId as string });
    expect(tags.Images?.map((i) => [i.Tag, i.Digest])).toEqual([['v1', index.digest.slice(7)]]);
    const amd64 = images[0];
    expect(tags.Images?.[0]).toMatchObject({ ImageId: amd64.config.digest.slice(7), ImageSize: amd64.config.size + amd64.layers[0].size + amd64.layers[1].size });
    const layers = await client.getRepoTagLayers({ InstanceId: INSTANCE, RepoId: repo.RepoId as string, Tag: 'v1' });
    expect(layers.Layers?.map((l) => [l.BlobDigest, l.BlobSize, l.LayerInstruction])).toEqual([
      [amd64.layers[0].digest, amd64.layers[0].size, 'ADD'],
      [amd64.layers[1].digest, amd64.layers[1].size, 'COPY'],
    ]);

    const target = join(work, 'multi-back');
    const pull = await copy(`docker://${host}/team/app:v1`, `oci:${target}:v1`, ['--all', '--src-tls-verify=false', '--src-creds', creds]);
    expect(pull.code, pull.stderr).toBe(0);
    expect(topDigest(target)).toBe(index.digest);
    expect(blobNames(target)).toEqual(blobNames(source));
    for (const name of blobNames(source)) expect(readFileSync(join(target, 'blobs', 'sha256', name)).equals(readFileSync(join(source, 'blobs', 'sha256', name)))).toBe(true);
  });

  it('pushes an image as Docker schema 2 and pulls it back with the same digest', async () => {
    const image = randomImage({ architecture: 'amd64', os: 'linux' }, [30_000]);
    const source = join(work, 'single');
    writeLayout(source, 'v2', [image]);
    const creds = await loginCreds();
    const push = await copy(`oci:${source}:v2`, `docker://${host}/team/tool:v2`, ['--format', 'v2s2', '--dest-tls-verify=false', '--dest-creds', creds]);
    expect(push.code, push.stderr).toBe(0);
    const target = join(work, 'single-back');
    const pull = await copy(`docker://${host}/team/tool:v2`, `dir:${target}`, ['--src-tls-verify=false', '--src-creds', creds]);
    expect(pull.code, pull.stderr).toBe(0);
    const manifest = readFileSync(join(target, 'manifest.json'));
    expect(JSON.parse(manifest.toString()).mediaType).toBe('application/vnd.docker.distribution.manifest.v2+json');
    const repo = await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: 'tool' });
    const tag = await client.getRepoTag({ InstanceId: INSTANCE, RepoId: repo.RepoId as string, Tag: 'v2' });
    const { createHash } = await import('node:crypto');
    expect(tag.Digest).toBe(createHash('sha256').update(manifest).digest('hex'));
    expect(readFileSync(join(target, image.layers[0].digest.slice(7))).equals(image.layers[0].bytes)).toBe(true);
  });

  it('pushes to and pulls from the domain GetInstanceEndpoint gives the instance, used as it is', async () => {
    const endpoint = await client.getInstanceEndpoint({ InstanceId: INSTANCE, EndpointType: 'internet' });
    const domain = endpoint.Domains?.[0]?.Domain as string;
    expect(domain).toBe(host);
    const image = randomImage({ architecture: 'amd64', os: 'linux' }, [5_000]);
    const source = join(work, 'endpoint');
    writeLayout(source, 'v1', [image]);
    const creds = await loginCreds();
    const push = await copy(`oci:${source}:v1`, `docker://${domain}/team/endpoint:v1`, ['--dest-tls-verify=false', '--dest-creds', creds]);
    expect(push.code, push.stderr).toBe(0);
    const repo = await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: 'endpoint' });
    const tags = await client.listRepoTag({ InstanceId: INSTANCE, RepoId: repo.RepoId as string });
    expect(tags.Images?.map((i) => i.Tag)).toEqual(['v1']);
    const target = join(work, 'endpoint-back');
    const pull = await copy(`docker://${domain}/team/endpoint:v1`, `oci:${target}:v1`, ['--src-tls-verify=false', '--src-creds', creds]);
    expect(pull.code, pull.stderr).toBe(0);
    expect(topDigest(target)).toBe(topDigest(source));
  });

  it('refuses a push without credentials or with wrong ones', async () => {
    const image = randomImage({ architecture: 'amd64', os: 'linux' }, [1_000]);
    const source = join(work, 'refused');
    writeLayout(source, 'v1', [image]);
    const anonymous = await copy(`oci:${source}:v1`, `docker://${host}/team/refused:v1`, ['--dest-tls-verify=false', '--dest-no-creds']);
    expect(anonymous.code).not.toBe(0);
    const wrong = await copy(`oci:${source}:v1`, `docker://${host}/team/refused:v1`, ['--dest-tls-verify=false', '--dest-creds', 'temp_user_cr:not-the-token']);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr.toLowerCase()).toContain('unauthorized');
    const repos = await client.listRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team' });
    expect(repos.Repositories?.map((r) => r.RepoName)).not.toContain('refused');
  });

  it('pulls the image an artifact subscription task imported, with the digest ListRepoTag answers', async () => {
    const { RuleId } = await client.createArtifactSubscriptionRule({
      InstanceId: INSTANCE, SourceProvider: 'DOCKER_HUB', SourceRepoName: 'nginx', NamespaceName: 'team', RepoName: 'nginx', TagRegexp: 'latest', TagCount: 1, Platform: ['linux/arm64'],
    });
    const { TaskId } = await client.createArtifactSubscriptionTask({ InstanceId: INSTANCE, RuleId: String(RuleId) });
    server.clock.advance(60_000);
    expect(await client.getArtifactSubscriptionTask({ InstanceId: INSTANCE, TaskId: String(TaskId) })).toMatchObject({ TaskStatus: 'COMPLETED', TaskResult: 'SUCCESS' });
    const repo = await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: 'nginx' });
    const tag = await client.getRepoTag({ InstanceId: INSTANCE, RepoId: String(repo.RepoId), Tag: 'latest' });
    // A dir: destination keeps the manifest and blobs as the registry served them (oci: converts them).
    const target = join(work, 'subscribed');
    const pull = await copy(`docker://${host}/team/nginx:latest`, `dir:${target}`, ['--src-tls-verify=false', '--src-creds', await loginCreds()]);
    expect(pull.code, pull.stderr).toBe(0);
    const manifest = readFileSync(join(target, 'manifest.json'));
    expect(createHash('sha256').update(manifest).digest('hex')).toBe(tag.Digest);
    const config = (JSON.parse(manifest.toString('utf8')) as { config: { digest: string } }).config.digest;
    expect(config).toBe(`sha256:${tag.ImageId}`);
    expect(JSON.parse(readFileSync(join(target, String(tag.ImageId)), 'utf8'))).toMatchObject({ architecture: 'arm64', os: 'linux' });
  });

  it('pulls an image the seed pushed, with the digests ListRepoTag and GetRepoTagLayers answer', async () => {
    const repo = await client.getRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'team', RepoName: 'seeded' });
    const tags = await client.listRepoTag({ InstanceId: INSTANCE, RepoId: String(repo.RepoId) });
    expect(tags.Images?.map((i) => i.Tag)).toEqual(['v1']);
    const tag = tags.Images?.[0];
    const layers = await client.getRepoTagLayers({ InstanceId: INSTANCE, RepoId: String(repo.RepoId), Tag: 'v1' });
    const target = join(work, 'seeded');
    const pull = await copy(`docker://${host}/team/seeded:v1`, `dir:${target}`, ['--src-tls-verify=false', '--src-creds', await loginCreds()]);
    expect(pull.code, pull.stderr).toBe(0);
    const manifest = readFileSync(join(target, 'manifest.json'));
    expect(createHash('sha256').update(manifest).digest('hex')).toBe(tag?.Digest);
    const parsed = JSON.parse(manifest.toString('utf8')) as { config: { digest: string }; layers: { digest: string; size: number }[] };
    expect(parsed.config.digest).toBe(`sha256:${tag?.ImageId}`);
    expect(parsed.layers.map((l) => [l.digest, l.size])).toEqual(layers.Layers?.map((l) => [l.BlobDigest, l.BlobSize]));
    // Every blob skopeo wrote has the digest it was asked for.
    for (const digest of [parsed.config.digest, ...parsed.layers.map((l) => l.digest)]) {
      expect(`sha256:${createHash('sha256').update(readFileSync(join(target, digest.slice(7)))).digest('hex')}`).toBe(digest);
    }
  });
});
