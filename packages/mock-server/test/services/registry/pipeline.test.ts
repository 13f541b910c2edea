// The pipeline issue 16 is done with: create a namespace and a repository, get a login token, push
// with skopeo, list the tag, start a scan, delete the tag: every API step through the client, the
// push through the registry of the same server.
import { AcrClient } from '@acr-ee/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startMockServer, type MockServer } from '../../../src/index.js';
import { randomImage, writeLayout } from './oci-layout.js';
import { copy, skopeo } from './skopeo.js';

const KEY = { accessKeyId: 'pipeline-key', accessKeySecret: 'pipeline-secret-0123456789' };
const INSTANCE = 'cri-mock0000000001';
let server: MockServer;
let client: AcrClient;
const work = mkdtempSync(join(tmpdir(), 'registry-pipeline-'));

beforeAll(async () => {
  server = await startMockServer({ ...KEY, seed: { timings: { scanMs: 60_000 } } });
  client = new AcrClient({ ...KEY, regionId: 'cn-hangzhou', endpoint: server.url, retry: false });
});
afterAll(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

it('creates a namespace and repository, logs in, pushes with skopeo, lists the tag, scans it and deletes it', async () => {
  const host = new URL(server.url).host;
  await client.createNamespace({ InstanceId: INSTANCE, NamespaceName: 'ci', AutoCreateRepo: false });
  const created = await client.createRepository({ InstanceId: INSTANCE, RepoNamespaceName: 'ci', RepoName: 'service', RepoType: 'PRIVATE', Summary: 'built by CI' });
  const repoId = created.RepoId as string;
  const login = await client.getAuthorizationToken({ InstanceId: INSTANCE });
  const creds = `${login.TempUsername}:${login.AuthorizationToken}`;

  const image = randomImage({ architecture: 'amd64', os: 'linux' }, [64_000, 8_000]);
  const layout = join(work, 'image');
  writeLayout(layout, 'build-1', [image]);
  const push = await copy(`oci:${layout}:build-1`, `docker://${host}/ci/service:build-1`, ['--dest-tls-verify=false', '--dest-creds', creds]);
  expect(push.code, push.stderr).toBe(0);

  const tags = await client.listRepoTag({ InstanceId: INSTANCE, RepoId: repoId });
  expect(tags.Images?.map((i) => ({ Tag: i.Tag, Digest: i.Digest, ImageId: i.ImageId }))).toEqual([
    { Tag: 'build-1', Digest: image.manifest.digest.slice(7), ImageId: image.config.digest.slice(7) },
  ]);

  await client.createRepoTagScanTask({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'build-1' });
  expect((await client.getRepoTagScanStatus({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'build-1' })).Status).toBe('SCANNING');
  server.clock.advance(60_000);
  expect((await client.getRepoTagScanStatus({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'build-1' })).Status).toBe('COMPLETE');

  await client.deleteRepoTag({ InstanceId: INSTANCE, RepoId: repoId, Tag: 'build-1' });
  expect((await client.listRepoTag({ InstanceId: INSTANCE, RepoId: repoId })).Images).toEqual([]);
  const listed = await skopeo(['list-tags', '--tls-verify=false', '--creds', creds, `docker://${host}/ci/service`]);
  expect(listed.code, listed.stderr).toBe(0);
  expect(JSON.parse(listed.stdout).Tags).toEqual([]);
  const gone = await skopeo(['inspect', '--raw', '--tls-verify=false', '--creds', creds, `docker://${host}/ci/service:build-1`]);
  expect(gone.code).not.toBe(0);
  expect(gone.stderr).toContain('manifest unknown');
});
