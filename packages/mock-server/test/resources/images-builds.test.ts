// Tags, manifests, layers, scans; build rules and build records progressing over time.
import { describe, expect, it } from 'vitest';
import { Harness } from './harness.js';

const I1 = 'cri-mock0000000001';
const TIMINGS = { buildPendingMs: 1_000, buildRunningMs: 2_000 };

function setup(): { h: Harness; repoId: string; call: (action: Parameters<Harness['call']>[0], params?: Record<string, string | number | boolean>) => Record<string, unknown> } {
  const h = new Harness({
    timings: TIMINGS,
    instances: [{ namespaces: [{ name: 'team', repositories: [{ name: 'api', tags: [{ tag: 'old' }, { tag: 'v1', layers: [{ size: 5, instruction: 'COPY', command: 'COPY . /app' }] }] }] }] }],
  });
  h.advance(10);
  const call = (action: Parameters<Harness['call']>[0], params: Record<string, string | number | boolean> = {}) =>
    h.call(action, { InstanceId: I1, RepoId: repoId, ...params });
  const repoId = h.call('GetRepository', { InstanceId: I1, RepoNamespaceName: 'team', RepoName: 'api' }).RepoId as string;
  return { h, repoId, call };
}

describe('tags', () => {
  it('lists the most recently updated first, then by tag', () => {
    const { call } = setup();
    expect((call('ListRepoTag').Images as { Tag: string }[]).map((i) => i.Tag)).toEqual(['old', 'v1']);
    expect(call('ListRepoTag', { PageNo: 2, PageSize: 1 })).toMatchObject({ TotalCount: 2, Images: [{ Tag: 'v1' }] });
  });

  it('answers layers and both manifest schemas from the fixture', () => {
    const { call } = setup();
    const layers = call('GetRepoTagLayers', { Tag: 'v1' }).Layers as Record<string, unknown>[];
    expect(layers).toEqual([{ BlobDigest: expect.stringMatching(/^sha256:[0-9a-f]{64}$/), BlobSize: 5, LayerInstruction: 'COPY', LayerCMD: 'COPY . /app', LayerIndex: 0 }]);
    const v2 = call('GetRepoTagManifest', { Tag: 'v1' });
    expect(v2.Manifest).toMatchObject({ SchemaVersion: 2, MediaType: 'application/vnd.docker.distribution.manifest.v2+json', Layers: [{ Size: 5, Digest: layers[0].BlobDigest }] });
    const v1 = call('GetRepoTagManifest', { Tag: 'v1', SchemaVersion: 1 }).Manifest as Record<string, unknown>;
    expect(v1).toMatchObject({ SchemaVersion: 1, Name: 'team/api', Tag: 'v1', FsLayers: [{ BlobSum: layers[0].BlobDigest }] });
    const tag = (call('ListRepoTag').Images as Record<string, unknown>[]).find((i) => i.Tag === 'v1')!;
    expect(tag.ImageId).toBe(((v2.Manifest as { Config: { Digest: string } }).Config.Digest).slice(7));
  });

  it('answers the layers with a Digest only while the tag names that image (CURATION L-22)', () => {
    const { h, repoId, call } = setup();
    const images = call('ListRepoTag').Images as { Tag: string; Digest: string }[];
    const v1 = images.find((i) => i.Tag === 'v1')!.Digest;
    const old = images.find((i) => i.Tag === 'old')!.Digest;
    const layers = call('GetRepoTagLayers', { Tag: 'v1' }).Layers;
    expect(call('GetRepoTagLayers', { Tag: 'v1', Digest: `sha256:${v1}` }).Layers).toEqual(layers);
    expect(call('GetRepoTagLayers', { Tag: 'v1', Digest: v1 }).Layers).toEqual(layers);
    expect(h.fail('GetRepoTagLayers', { InstanceId: I1, RepoId: repoId, Tag: 'v1', Digest: `sha256:${old}` })).toMatchObject({ status: 400, code: 'InvalidParameter' });
    expect(h.fail('GetRepoTagLayers', { InstanceId: I1, RepoId: repoId, Tag: 'v1', Digest: 'latest' }).code).toBe('InvalidParameter');
  });

  it('deletes a tag; unknown tags and repositories are not found', () => {
    const { h, repoId, call } = setup();
    call('DeleteRepoTag', { Tag: 'old' });
    expect(call('ListRepoTag').TotalCount).toBe(1);
    expect(h.fail('DeleteRepoTag', { InstanceId: I1, RepoId: 'crr-nope', Tag: 'v1' })).toMatchObject({ status: 404, code: 'REPO_NOT_EXIST' });
    expect(h.fail('GetRepoTagLayers', { InstanceId: I1, RepoId: repoId, Tag: 'old' })).toMatchObject({ status: 404, code: 'TAG_NOT_EXIST' });
    expect(h.fail('CreateRepoTagScanTask', { InstanceId: I1, RepoId: repoId, Tag: 'old' }).code).toBe('TAG_NOT_EXIST');
  });
});

describe('builds', () => {
  const rule = { DockerfileLocation: '/', DockerfileName: 'Dockerfile', ImageTag: 'built', PushName: 'main', PushType: 'GIT_BRANCH' };

  it('progresses PENDING -> BUILDING -> SUCCESS and pushes the image', () => {
    const { h, call } = setup();
    const { BuildRuleId } = call('CreateRepoBuildRule', rule);
    const { BuildRecordId } = call('CreateBuildRecordByRule', { BuildRuleId: BuildRuleId as string });
    const status = () => call('GetRepoBuildRecordStatus', { BuildRecordId: BuildRecordId as string }).BuildStatus;
    expect(BuildRecordId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(status()).toBe('PENDING');
    expect(call('GetRepoBuildRecord', { BuildRecordId: BuildRecordId as string }).EndTime).toBeUndefined();
    h.advance(1_000);
    expect(status()).toBe('BUILDING');
    h.advance(1_999);
    expect(status()).toBe('BUILDING');
    expect((call('ListRepoTag').Images as { Tag: string }[]).map((i) => i.Tag)).not.toContain('built');
    h.advance(1);
    expect(status()).toBe('SUCCESS');
    const record = call('GetRepoBuildRecord', { BuildRecordId: BuildRecordId as string });
    expect(record).toMatchObject({ Status: 'SUCCESS', EndTime: (record.StartTime as number) + 3_000, Image: { RepoNamespaceName: 'team', RepoName: 'api', ImageTag: 'built' } });
    h.advance(60_000);
    const built = (call('ListRepoTag').Images as Record<string, unknown>[]).find((i) => i.Tag === 'built');
    expect(built).toMatchObject({ ImageUpdate: record.EndTime, ImageCreate: record.EndTime });
  });

  it('looks for Dockerfile in / when a rule does not say where', () => {
    const { call } = setup();
    const { BuildRuleId } = call('CreateRepoBuildRule', { ImageTag: 'built', PushName: 'main', PushType: 'GIT_BRANCH' });
    expect(call('ListRepoBuildRule').BuildRules).toEqual([expect.objectContaining({ BuildRuleId, DockerfileLocation: '/', DockerfileName: 'Dockerfile' })]);
  });

  it('cancels a record that is not finished, and refuses a finished one', () => {
    const { h, repoId, call } = setup();
    const { BuildRuleId } = call('CreateRepoBuildRule', rule);
    const first = call('CreateBuildRecordByRule', { BuildRuleId: BuildRuleId as string }).BuildRecordId as string;
    h.advance(1_500);
    const second = call('CreateBuildRecordByRule', { BuildRuleId: BuildRuleId as string }).BuildRecordId as string;
    call('CancelRepoBuildRecord', { BuildRecordId: first });
    expect(call('GetRepoBuildRecordStatus', { BuildRecordId: first }).BuildStatus).toBe('CANCELED');
    const again = h.fail('CancelRepoBuildRecord', { InstanceId: I1, RepoId: repoId, BuildRecordId: first });
    expect(again).toMatchObject({ status: 409, code: 'BUILD_RECORD_ALREADY_FINISHED' });
    h.advance(3_000);
    const list = call('ListRepoBuildRecord').BuildRecords as Record<string, unknown>[];
    expect(list.map((r) => [r.BuildRecordId, r.BuildStatus])).toEqual([[second, 'SUCCESS'], [first, 'CANCELED']]);
    expect(list[1].EndTime).toBe((list[1].StartTime as number) + 1_500);
    expect((call('ListRepoTag').Images as { Tag: string }[]).filter((i) => i.Tag === 'built')).toHaveLength(1);
  });

  it('updates only the fields sent, lists rules in creation order, deletes them', () => {
    const { h, repoId, call } = setup();
    const a = call('CreateRepoBuildRule', rule).BuildRuleId as string;
    const b = call('CreateRepoBuildRule', { ...rule, PushType: 'GIT_TAG', PushName: 'v*' }).BuildRuleId as string;
    expect(a).toMatch(/^crbr-[0-9a-z]{16}$/);
    expect(call('UpdateRepoBuildRule', { BuildRuleId: a, ImageTag: 'next' }).BuildRuleId).toBe(a);
    expect(call('ListRepoBuildRule').BuildRules).toEqual([
      { BuildRuleId: a, DockerfileLocation: '/', DockerfileName: 'Dockerfile', PushType: 'GIT_BRANCH', PushName: 'main', ImageTag: 'next' },
      { BuildRuleId: b, DockerfileLocation: '/', DockerfileName: 'Dockerfile', PushType: 'GIT_TAG', PushName: 'v*', ImageTag: 'built' },
    ]);
    call('DeleteRepoBuildRule', { BuildRuleId: a });
    expect(call('ListRepoBuildRule').TotalCount).toBe(1);
    expect(h.fail('CreateBuildRecordByRule', { InstanceId: I1, RepoId: repoId, BuildRuleId: a })).toMatchObject({ status: 404, code: 'BUILD_RULE_NOT_EXIST' });
    expect(h.fail('GetRepoBuildRecord', { InstanceId: I1, BuildRecordId: 'nope' })).toMatchObject({ status: 404, code: 'BUILD_RECORD_NOT_EXIST' });
  });
});
