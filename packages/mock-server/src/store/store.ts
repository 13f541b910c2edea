// Where the server keeps its state. Resource modules see only this interface; the server picks the
// implementation: in memory (the default) or SQLite (`--state-file`), which makes every
// acknowledged write durable.
//
// State is a set of collections of JSON values by string key. Keys are chosen by the resource
// modules so that a prefix selects children (`cri-1/ns1/repo1` under `cri-1/ns1/`).

export interface Store {
  /**
   * Runs `fn` as one transaction: when it returns, all of its writes are applied (and, for a
   * persistent store, durable); when it throws, none are. The server runs each request in one.
   */
  transaction<T>(fn: () => T): T;
  get<T>(collection: string, key: string): T | undefined;
  /** Inserts or replaces. Values must be JSON-serialisable. */
  put<T>(collection: string, key: string, value: T): void;
  /** Whether the key existed. */
  delete(collection: string, key: string): boolean;
  /** The values whose key starts with `prefix` (all when omitted), sorted by key (code unit order). */
  list<T>(collection: string, prefix?: string): T[];
  close(): void;
}
