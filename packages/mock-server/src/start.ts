// `startMockServer`: the HTTP core with the real resource handlers, an in-memory or SQLite store,
// and the seed. The package entry (index.ts) and the command (cli.ts) both start from here.
import { existsSync, rmSync } from 'node:fs';
import { DEFAULT_REGION_ID, handlers as resourceHandlers, seedState, type Seed } from './resources/index.js';
import type { Handlers } from './resources/context.js';
import type { RuntimeOptions, StoreFactory } from './runtime/operate/options.js';
import { startCore, type RunningServer } from './runtime/http/server.js';
import type { Store } from './store/store.js';
import { MemoryStore } from './store/memory.js';
import { SqliteStore } from './store/sqlite.js';

export interface MockServerOptions extends RuntimeOptions {
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
}

/** Starts a mock server in this process. Resolves once it listens; `url` is its endpoint. */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const { stateFile, seed = {}, handlers = resourceHandlers, createStore, ...runtime } = options;
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
  const server = await startCore({ ...runtime, regionId, handlers, createStore: factory });
  return Object.assign(server, { close: () => server.stop() });
}

function openStateFile(file: string, fresh: boolean): Store {
  if (fresh) {
    for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) rmSync(path);
  }
  return new SqliteStore(file);
}
