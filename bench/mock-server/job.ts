// What run.ts asks of one load-generator process and what that process answers.
import type { RpcWire } from '../../test/support/rpc-route.js';
import type { ServerName } from './options.js';
import type { Identity } from './sign.js';

export interface LoadJob {
  readonly server: ServerName;
  readonly port: number;
  /** Set for a server that routes on the path only (Prism): the spec's wire mapping. */
  readonly wire?: RpcWire;
  readonly identity: Identity;
  /** The API version to sign (the spec's `info.version`). */
  readonly version: string;
  readonly warmup: number;
  readonly durationMs: number;
  readonly connections: number;
  /** The server's process, whose CPU time the timed phase reads from /proc (null: not measured). */
  readonly serverPid: number | null;
  /** Clock ticks per second of /proc/<pid>/stat (`getconf CLK_TCK`). */
  readonly clockTicks: number;
}

export interface LoadResult {
  readonly server: ServerName;
  /** Requests of the timed phase, every one answered 200 with the expected InstanceId. */
  readonly requests: number;
  readonly wallMs: number;
  /** CPU time (user + system) of the server process during the timed phase, in µs; null if unknown. */
  readonly serverCpuUs: number | null;
  /** Pre-signed requests made for the timed phase. */
  readonly pool: number;
  /** The pool ran out before the duration: the phase ended early (its rate is still exact). */
  readonly exhausted: boolean;
}

/** Marks the result line on stdout. */
export const RESULT_MARK = '@@bench-mock-result ';
