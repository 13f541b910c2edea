// `startMockServer`: the HTTP core with its services mounted (the CR API with the real resource
// handlers; STS, the ECS metadata paths and the credentials URI sharing one StsService), an
// in-memory or SQLite store, and the seed. The package entry (index.ts) and the command (cli.ts)
// both start from here.
import { existsSync, rmSync } from 'node:fs';
import { DEFAULT_REGION_ID, handlers as resourceHandlers, listArtifactBuildTasks, seedState, type Seed } from './resources/index.js';
import type { Handlers } from './resources/context.js';
import type { RuntimeOptions, StoreFactory } from './runtime/operate/options.js';
import { startCore, type RunningServer } from './runtime/http/server.js';
import { CrApi } from './services/cr/pipeline.js';
import { MetadataService } from './services/metadata/endpoint.js';
import { RegistryService } from './services/registry/service.js';
import type { StsOptions } from './services/sts/config.js';
import { StsEndpoint } from './services/sts/endpoint.js';
import { StsService } from './services/sts/service.js';
import type { Store } from './store/store.js';
import { MemoryStore } from './store/memory.js';
import { SqliteStore } from './store/sqlite.js';

/** StsOptions: roles, OIDC providers and the instance role of the STS and metadata services. */
export interface MockServerOptions extends RuntimeOptions, StsOptions {
  /**
   * A SQLite file that keeps the state across restarts (every acknowledged write is durable). It is
   * created when missing and seeded once; `reset` empties it. Default: state in memory only.
   */
  readonly stateFile?: string;
  /** The initial state (see src/resources/README.md). Default `{}`: one RUNNING instance. */
  readonly seed?: Seed;
  /** Replaces the resource handlers (tests of the core). Default: the real ones. */
  readonly handlers?: Handlers;
  /** Replaces the store: called at start (`fresh: false`) and on reset (`fresh: true`); seeded by you. */
  readonly createStore?: StoreFactory;
}

export interface MockServer extends RunningServer {
  /** Same as `stop()`. */
  close(): Promise<void>;
  /** The OCI registry of the default instance (see the README). */
  readonly registry: {
    /** Collects its garbage now (it also runs after every DELETE and every minute); returns what went. */
    collectGarbage(): { readonly manifests: number; readonly links: number; readonly blobs: readonly string[] };
  };
}

/** Starts a mock server in this process. Resolves once it listens; `url` is its endpoint. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { stateFile, seed = {}, handlers = resourceHandlers, createStore, roles, oidcProviders, instanceRole, imdsV1, ...runtime } = options;
  if (stateFile !== undefined && (typeof stateFile !== 'string' || stateFile === '')) throw new TypeError('stateFile must be a non-empty path');
  const factory: StoreFactory =
    createStore ??
    (({ fresh, now }) => {
      const store = stateFile === undefined ? new MemoryStore() : openStateFile(stateFile, fresh);
      try {
        seedState(store, seed, now);
      } catch (error) {
        store.close();
        throw error;
      }
      return store;
    });
  // The server stands for the seed's region unless told otherwise.
  const regionId = runtime.regionId ?? seed.regionId ?? DEFAULT_REGION_ID;
  let registry: RegistryService | undefined;
  const server = await startCore({ ...runtime, regionId, createStore: factory }, (state) => {
    const cr = new CrApi(state, handlers);
    const sts = new StsService({ roles, oidcProviders, instanceRole, imdsV1 }, state.clock, state.accountId);
    // Keys STS issues sign CR requests too, until they expire; a reset forgets them.
    state.addKeySource((accessKeyId) => sts.sessions.get(accessKeyId), () => sts.reset());
    // The OCI registry of the default instance; its blobs beside the state file, else in memory.
    registry = new RegistryService(state, { blobDir: stateFile === undefined ? undefined : `${stateFile}.blobs` });
    // The API reads an artifact build task only by its ID and lists none (the service shows them in
    // its console): tests find the IDs here.
    const admin = { '/-/artifact-build-tasks': () => ({ tasks: listArtifactBuildTasks(state.store, state.clock.now()) }) };
    return { rpc: [cr, new StsEndpoint(state, sts)], paths: [new MetadataService(state, sts), registry], admin };
  });
  const mounted = registry as RegistryService;
  return Object.assign(server, { close: () => server.stop(), registry: { collectGarbage: () => mounted.collectGarbage() } });
}

function openStateFile(file: string, fresh: boolean): Store {
  if (fresh) {
    for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) rmSync(path);
  }
  return new SqliteStore(file);
}
