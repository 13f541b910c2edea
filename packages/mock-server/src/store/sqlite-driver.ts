// The SQLite engine under the persistent store: Node's own `node:sqlite` where the platform has it
// (Node 22.13 and later, 24), so that most users install no native module; else better-sqlite3,
// an optional peer dependency (Node 20 has no `node:sqlite`; a native module built for one Node
// major does not load on another). Both are driven through this one small synchronous surface,
// and transactions are plain SQL (BEGIN, SAVEPOINT), the same on both.
import { createRequire } from 'node:module';

export interface SqlStatement {
  get(...params: unknown[]): Record<string, unknown> | undefined;
  all(...params: unknown[]): Record<string, unknown>[];
  run(...params: unknown[]): { changes: number | bigint };
}

export interface SqlDatabase {
  /** Which engine opened the file: `node:sqlite` or `better-sqlite3`. */
  readonly engine: string;
  prepare(sql: string): SqlStatement;
  exec(sql: string): void;
  readonly isOpen: boolean;
  close(): void;
}

interface Engine {
  readonly name: string;
  open(file: string, readonly: boolean): { prepare(sql: string): SqlStatement; exec(sql: string): void; close(): void };
}

const require = createRequire(import.meta.url);

/** `node:sqlite`, when this Node has it without a flag; undefined otherwise. */
function nodeSqlite(): Engine | undefined {
  let module: { DatabaseSync: new (file: string, options?: { readOnly?: boolean }) => ReturnType<Engine['open']> };
  try {
    module = require('node:sqlite');
  } catch {
    return undefined;
  }
  return { name: 'node:sqlite', open: (file, readonly) => new module.DatabaseSync(file, { readOnly: readonly }) };
}

/** better-sqlite3, when it is installed and built for this Node; undefined otherwise. */
function betterSqlite(): Engine | undefined {
  let Database: new (file: string, options?: { readonly?: boolean }) => ReturnType<Engine['open']>;
  try {
    Database = require('better-sqlite3');
  } catch {
    return undefined;
  }
  return { name: 'better-sqlite3', open: (file, readonly) => new Database(file, { readonly }) };
}

let chosen: Engine | undefined;

function engine(): Engine {
  chosen ??= nodeSqlite() ?? betterSqlite();
  if (chosen === undefined) {
    throw new Error(
      `a state file needs SQLite: Node.js 22.13 or later has it built in (this is ${process.version}); ` +
        'on Node.js 20, install better-sqlite3 next to @acr-ee/mock-server (npm install better-sqlite3)',
    );
  }
  return chosen;
}

/** Opens (creating it unless `readonly`) an SQLite file with the engine this Node.js has. */
export function openDatabase(file: string, options: { readonly?: boolean } = {}): SqlDatabase {
  const { name, open } = engine();
  const db = open(file, options.readonly ?? false);
  let isOpen = true;
  return {
    engine: name,
    prepare: (sql) => db.prepare(sql),
    exec: (sql) => db.exec(sql),
    get isOpen() {
      return isOpen;
    },
    close() {
      if (!isOpen) return;
      db.close();
      isOpen = false;
    },
  };
}

/** The first column of the first row `PRAGMA <text>` answers (undefined when none). */
export function pragma(db: SqlDatabase, text: string): unknown {
  const row = db.prepare(`PRAGMA ${text}`).get();
  return row === undefined ? undefined : Object.values(row)[0];
}
