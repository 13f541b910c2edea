// The initial state of a mock server: its instances and, in each, namespaces, repositories and the
// images pushed to them ("fixtures"), chart namespaces, repositories and versions; plus the
// durations of everything that progresses over time and the salt of generated IDs.
//
// Everything is optional. `seedState(store, {}, now)` gives one RUNNING Enterprise_Basic instance,
// `cri-mock0000000001` ("mock-instance-1") in cn-hangzhou, with nothing in it. A seed that lists
// instances replaces that default. Images are pushed as `docker push` would (push.ts): listed
// under a repository, or as `images` naming namespace and repository, which creates the repository
// when the namespace has AutoCreateRepo on. Example (JSON, as a seed file would hold it):
//
//   { "regionId": "cn-shanghai", "timings": { "buildPendingMs": 0, "buildRunningMs": 1000 },
//     "instances": [{ "instanceName": "prod", "namespaces": [{ "name": "team",
//       "repositories": [{ "name": "api", "tags": [{ "tag": "v1", "layers": [{ "size": 1024 }] }] }] }],
//       "images": [{ "namespace": "team", "repository": "web", "tag": "latest" }],
//       "chartNamespaces": [{ "name": "charts", "repositories": [{ "name": "app",
//         "releases": [{ "chart": "app", "release": "0.1.0" }] }] }] }] }
//
// Seeding a store that was seeded before (a persistent store, restarted) changes nothing.
import { createHash } from 'node:crypto';
import type { Store } from '../store/store.js';
import { addChartRelease, type ChartReleaseFixture } from './chart-releases.js';
import { createChartRepository } from './chart-repositories.js';
import { createChartNamespace } from './chart-namespaces.js';
import { DEFAULT_ID_SALT, DEFAULT_TIMINGS, writeSettings, type Timings } from './common/config.js';
import { checkName } from './common/names.js';
import { COLLECTIONS, type RepoType, type StateContext } from './common/collections.js';
import type { CredentialRecord } from './credentials.js';
import type { InstanceRecord } from './instances.js';
import { createNamespace } from './namespaces.js';
import { pushImage, type ImageFixture } from './push.js';
import { createRepository } from './repositories.js';
import { seedScanFindings, type ScanFindingsSeed } from './scans.js';
import { seedEventRules, type EventRuleSeed } from './events.js';
import { seedUpstreamImages, type UpstreamImage } from './upstream.js';

export type { ChartReleaseFixture } from './chart-releases.js';
export type { Timings } from './common/config.js';
export type { ImageFixture, LayerFixture } from './push.js';

export const DEFAULT_REGION_ID = 'cn-hangzhou';
export const DEFAULT_INSTANCE_ID = 'cri-mock0000000001';

export type InstanceStatus = 'PENDING' | 'INIT_ERROR' | 'STARTING' | 'RUNNING' | 'STOPPING' | 'STOPPED' | 'DELETING' | 'DELETED';

/**
 * The quotas of each specification (the mock's choice; the reference prints Basic's 100/1000, the
 * vendor's metadata example 50 chart namespaces and 5000 chart repositories, kept for every one).
 */
export const QUOTAS: Readonly<Record<string, { namespaces: number; repos: number; chartNamespaces: number; chartRepos: number }>> = {
  Enterprise_Basic: { namespaces: 100, repos: 1000, chartNamespaces: 50, chartRepos: 5000 },
  Enterprise_Standard: { namespaces: 500, repos: 3000, chartNamespaces: 50, chartRepos: 5000 },
  Enterprise_Advanced: { namespaces: 1000, repos: 5000, chartNamespaces: 50, chartRepos: 5000 },
};

export interface Seed {
  /** The region of instances that name none. Default `cn-hangzhou`. */
  readonly regionId?: string;
  /** Default: one instance with every default (see InstanceSeed). */
  readonly instances?: readonly InstanceSeed[];
  /** Phases of builds, synchronization tasks, VPC links and scans, in ms (defaults: DEFAULT_TIMINGS). */
  readonly timings?: Partial<Timings>;
  /** Mixed into generated IDs and tokens. Default `acr-ee-mock`. */
  readonly idSalt?: string;
  /**
   * What a security scan of an image finds, by the image's digest (`sha256:<64 hex>` or the 64
   * digits; the manifest digest ListRepoTag answers). An image not named here scans clean.
   */
  readonly scanFindings?: Readonly<Record<string, ScanFindingsSeed>>;
  /**
   * What the registries artifact subscription imports from hold, by source repository
   * (`DOCKER_HUB/library/nginx`, `GCR/<namespace>/<repository>`, `QUAY/...`): its images, each
   * with the platforms it has. A source repository not named here has the default catalogue
   * (upstream.ts).
   */
  readonly upstreamImages?: Readonly<Record<string, readonly UpstreamImage[]>>;
}

export interface InstanceSeed {
  /** Default `cri-mock` + the instance's position (from 1) in 10 digits: `cri-mock0000000001`. */
  readonly instanceId?: string;
  /** Default `mock-instance-<position>`. */
  readonly instanceName?: string;
  readonly regionId?: string;
  /** Default `Enterprise_Basic`. */
  readonly specification?: string;
  /** Default `RUNNING`. Operations on the contents of an instance that is not RUNNING answer 409. */
  readonly status?: InstanceStatus;
  /** Defaults: QUOTAS of the specification (Basic's for an unknown one). */
  readonly namespaceQuota?: number;
  readonly repoQuota?: number;
  readonly chartNamespaceQuota?: number;
  readonly chartRepoQuota?: number;
  /** CreateTime, ms. Default `now`. */
  readonly createdAt?: number;
  /** The logon password (only its hash is kept). */
  readonly password?: string;
  readonly namespaces?: readonly NamespaceSeed[];
  /** Images pushed by namespace and repository name, after `namespaces` are created. */
  readonly images?: readonly ImagePushSeed[];
  readonly chartNamespaces?: readonly ChartNamespaceSeed[];
  /** Event notification rules (the API cannot create one): see events.ts. */
  readonly eventRules?: readonly EventRuleSeed[];
}

export interface NamespaceSeed {
  readonly name: string;
  /** Default true. */
  readonly autoCreateRepo?: boolean;
  /** Default PRIVATE. */
  readonly defaultRepoType?: RepoType;
  readonly repositories?: readonly RepositorySeed[];
}

export interface RepositorySeed {
  readonly name: string;
  /** Default: the namespace's DefaultRepoType. */
  readonly type?: RepoType;
  /** Default `Seeded repository`. */
  readonly summary?: string;
  readonly detail?: string;
  /** Default MANUAL. */
  readonly buildType?: 'MANUAL' | 'AUTO';
  readonly tags?: readonly ImageFixture[];
}

export interface ImagePushSeed extends ImageFixture {
  readonly namespace: string;
  readonly repository: string;
}

export interface ChartNamespaceSeed {
  readonly name: string;
  readonly autoCreateRepo?: boolean;
  readonly defaultRepoType?: RepoType;
  readonly repositories?: readonly ChartRepositorySeed[];
}

export interface ChartRepositorySeed {
  readonly name: string;
  readonly type?: RepoType;
  readonly summary?: string;
  readonly releases?: readonly ChartReleaseFixture[];
}

export interface SeedResult {
  /** False when the store had been seeded before and was left as it was. */
  readonly seeded: boolean;
  readonly instanceIds: readonly string[];
}

const SEEDED_KEY = 'seeded';

export function isSeeded(store: Store): boolean {
  return store.get<boolean>('meta', SEEDED_KEY) === true;
}

function instanceRecord(seed: Seed, spec: InstanceSeed, position: number, now: number): InstanceRecord {
  const specification = spec.specification ?? 'Enterprise_Basic';
  const quota = QUOTAS[specification] ?? QUOTAS.Enterprise_Basic;
  const createdAt = spec.createdAt ?? now;
  return {
    InstanceId: spec.instanceId ?? `cri-mock${String(position).padStart(10, '0')}`,
    InstanceName: spec.instanceName ?? `mock-instance-${position}`,
    InstanceSpecification: specification,
    InstanceStatus: spec.status ?? 'RUNNING',
    RegionId: spec.regionId ?? seed.regionId ?? DEFAULT_REGION_ID,
    CreateTime: createdAt,
    ModifiedTime: createdAt,
    namespaceQuota: spec.namespaceQuota ?? quota.namespaces,
    repoQuota: spec.repoQuota ?? quota.repos,
    chartNamespaceQuota: spec.chartNamespaceQuota ?? quota.chartNamespaces,
    chartRepoQuota: spec.chartRepoQuota ?? quota.chartRepos,
  };
}

function seedContents(context: StateContext, instance: InstanceRecord, spec: InstanceSeed): void {
  const instanceId = instance.InstanceId;
  for (const ns of spec.namespaces ?? []) {
    const namespace = createNamespace(context, {
      instanceId,
      name: checkName('namespaces.name', ns.name),
      autoCreateRepo: ns.autoCreateRepo,
      defaultRepoType: ns.defaultRepoType,
    });
    for (const repo of ns.repositories ?? []) {
      createRepository(context, {
        instance,
        namespace: ns.name,
        name: checkName('repositories.name', repo.name),
        type: repo.type ?? namespace.DefaultRepoType,
        summary: repo.summary ?? 'Seeded repository',
        detail: repo.detail,
        buildType: repo.buildType,
      });
      for (const image of repo.tags ?? []) pushImage(context, { instance, namespace: ns.name, repository: repo.name, image });
    }
  }
  for (const { namespace, repository, ...image } of spec.images ?? []) pushImage(context, { instance, namespace, repository, image });
  for (const ns of spec.chartNamespaces ?? []) {
    createChartNamespace(context, {
      instanceId,
      name: checkName('chartNamespaces.name', ns.name),
      autoCreateRepo: ns.autoCreateRepo,
      defaultRepoType: ns.defaultRepoType,
    });
    for (const repo of ns.repositories ?? []) {
      const record = createChartRepository(context, {
        instanceId,
        namespace: ns.name,
        name: checkName('chartNamespaces.repositories.name', repo.name),
        type: repo.type ?? ns.defaultRepoType ?? 'PRIVATE',
        summary: repo.summary,
      });
      for (const release of repo.releases ?? []) addChartRelease(context, record, release);
    }
  }
  seedEventRules(context, instance, spec.eventRules ?? []);
  if (spec.password !== undefined) {
    const credentials: CredentialRecord = {
      InstanceId: instanceId,
      passwordSha256: createHash('sha256').update(spec.password).digest('hex'),
      passwordModifiedTime: context.now,
    };
    context.store.put(COLLECTIONS.credentials, instanceId, credentials);
  }
}

/** Writes the seed's state into an empty store (see the header), in one transaction. */
export function seedState(store: Store, seed: Seed = {}, nowMs: number = Date.now()): SeedResult {
  return store.transaction(() => {
    if (isSeeded(store)) {
      return { seeded: false, instanceIds: store.list<InstanceRecord>(COLLECTIONS.instances).map((i) => i.InstanceId) };
    }
    writeSettings(store, { timings: { ...DEFAULT_TIMINGS, ...seed.timings }, idSalt: seed.idSalt ?? DEFAULT_ID_SALT });
    const context: StateContext = { store, now: nowMs };
    seedScanFindings(context, seed.scanFindings ?? {});
    seedUpstreamImages(context, seed.upstreamImages ?? {});
    const specs = seed.instances ?? [{}];
    const instanceIds: string[] = [];
    specs.forEach((spec, index) => {
      const instance = instanceRecord(seed, spec, index + 1, nowMs);
      if (store.get(COLLECTIONS.instances, instance.InstanceId)) throw new Error(`seed: instance ${instance.InstanceId} is listed twice`);
      store.put(COLLECTIONS.instances, instance.InstanceId, instance);
      seedContents(context, instance, spec);
      instanceIds.push(instance.InstanceId);
    });
    store.put('meta', SEEDED_KEY, true);
    return { seeded: true, instanceIds };
  });
}
