// What a service hands the HTTP core to be served: APIs on the RPC wire (`/`, by Version) and
// services of their own paths (the ECS metadata paths, the credentials URI). The core serves the
// admin endpoints (`/-/`) itself; a path no one serves is 404 InvalidPath.NotFound.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ServerState } from '../operate/state.js';
import type { RpcService } from './rpc.js';

/**
 * A request to a path service. Its body was read (at most maxRequestBytes) and dropped, unless the
 * service streams bodies: then `body` is the unread request, for the service to consume.
 */
export interface ServiceRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  /** Whether the connection is TLS (the scheme of URLs the service hands out). */
  readonly secure: boolean;
  /** The unread body, for a service with `streamsBodies` (it must consume or discard it). */
  readonly body?: IncomingMessage;
}

/** A service of its own paths. */
export interface PathService {
  /** Whether the path is one of this service's. */
  serves(path: string): boolean;
  /** Bodies of any size are handed over unread (`ServiceRequest.body`) instead of being read first. */
  readonly streamsBodies?: boolean;
  /** Answers one request; never throws (failures are answered in the service's own shape). */
  handle(req: ServiceRequest, res: ServerResponse): void;
}

/** A read-only admin endpoint a service adds under `/-/` (GET, unsigned, JSON): what it answers. */
export type AdminView = (state: ServerState) => unknown;

export interface Mounted {
  /** The APIs on `/`; the first is the primary one (see RpcFront). */
  readonly rpc: readonly RpcService[];
  readonly paths: readonly PathService[];
  /** Read-only admin endpoints of the services, by path (`/-/artifact-build-tasks`), beside the core's. */
  readonly admin?: Readonly<Record<string, AdminView>>;
}

/**
 * Builds the services on a server's state (its clock, store, keys), once, before the store opens:
 * a service that refuses its options throws, and nothing is left open.
 */
export type Mount = (state: ServerState) => Mounted;
