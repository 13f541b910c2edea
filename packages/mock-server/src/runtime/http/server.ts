// The HTTP core: node:http (or node:https) with keep-alive, routing (`/-/` to the admin endpoints,
// a path service's paths to it, `/` to the RPC front and the API of the request's Version,
// anything else 404), request size limits, bodies, malformed HTTP, start and stop. The services
// come from the caller (Mount): the core knows none of them.
import type * as Http from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type * as Https from 'node:https';
import { createRequire } from 'node:module';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { tlsCredentialsOf } from './tls/options.js';
import { ADMIN_PREFIX, handleAdmin } from '../operate/admin.js';
import type { Clock } from '../callers/clock.js';
import { checkFaultConfig, type FaultConfig } from '../policy/faults.js';
import { checkRuntimeOptions, DEFAULTS, type CoreOptions } from '../operate/options.js';
import type { Mount, Mounted } from './mount.js';
import { RpcFront, sniffFormat } from './rpc.js';
import { RpcRequest } from './request.js';
import type { RamPolicy } from '../policy/ram.js';
import { hostIdOf, newRequestId, renderError, send } from './respond.js';
import { isV3 } from '../callers/signature-v3.js';
import { ACTIONS, ServerState } from '../operate/state.js';

// node:http is required, not imported: on Node 22 and 24 importing it as an ES module evaluates
// every export of its namespace, and some are getters that load undici, node:http2 and node:tls
// (about 14 MB of the idle server's resident memory, measured); require() reads only what is used.
// node:https (and with it node:tls, about 6 MB) is required only for a server with TLS.
const require = createRequire(import.meta.url);
const { createServer, STATUS_CODES } = require('node:http') as typeof Http;
import type { Store } from '../../store/store.js';
import { badRequest, methodNotAllowed, MockError, pathNotFound, tooLarge } from './wire-errors.js';

export interface RunningServer {
  /** `http://host:port` (`https://` with `tls`), to give clients as their endpoint. */
  readonly url: string;
  /** With `tls`: the certificate it serves (PEM), for clients to trust. */
  readonly certificate: string | undefined;
  readonly host: string;
  readonly port: number;
  /** The token `/-/clock`, `/-/faults`, `/-/policy` and `/-/reset` require; undefined when they are open. */
  readonly adminToken: string | undefined;
  /** The server's clock: `clock.advance(ms)` moves it forward, as `POST /-/clock` does. */
  readonly clock: Clock;
  /** The current store (a new one after reset). */
  readonly store: Store;
  /** Requests received and internal errors (handler bugs answered 500) so far. */
  readonly stats: { readonly requests: number; readonly internalErrors: number };
  /** The fault configuration in force. */
  readonly faults: FaultConfig;
  /** Replaces the fault configuration (checked; re-seeds). */
  setFaults(config: FaultConfig | undefined): void;
  /** Replaces the RAM policy (null: allow everything). */
  setPolicy(policy: RamPolicy | null): void;
  /** State, clock, faults, policy and nonces back to how the server started. */
  reset(): void;
  /** Stops listening, closes every connection and the store. Idempotent. */
  stop(): Promise<void>;
}

const KEEP_ALIVE_MS = 65_000;
/** A whole request (line, headers and a body of at most maxRequestBytes) within this, or 408. */
const REQUEST_TIMEOUT_MS = 60_000;

/** Starts a server with the services `mount` builds and a store factory (start.ts supplies the real ones). */
export async function startCore(options: CoreOptions, mount: Mount): Promise<RunningServer> {
  checkRuntimeOptions(options);
  const state = new ServerState(options);
  const services = mount(state);
  const front = new RpcFront(state, services.rpc);
  // Last: the store may hold a file open.
  state.openStore();
  let server: Server;
  let tls: ReturnType<typeof tlsCredentialsOf>;
  try {
    // requireHostHeader off: Node's own 400 for a missing Host has no body; ours has the error shape.
    // Node checks the header and request timeouts every connectionsCheckingInterval (30 s by
    // default): check often enough that a short headersTimeoutMs means what it says.
    const headersTimeout = options.headersTimeoutMs ?? DEFAULTS.headersTimeoutMs;
    const serverOptions = {
      maxHeaderSize: state.maxRequestBytes + 16 * 1024,
      noDelay: true,
      requireHostHeader: false,
      headersTimeout,
      requestTimeout: Math.max(headersTimeout, REQUEST_TIMEOUT_MS),
      connectionsCheckingInterval: Math.min(30_000, Math.max(50, Math.ceil(headersTimeout / 4))),
    };
    const handler = (req: IncomingMessage, res: ServerResponse): void => onRequest(state, front, services, req, res);
    tls = tlsCredentialsOf(options.tls, options.host ?? DEFAULTS.host);
    server = tls === undefined ? createServer(serverOptions, handler) : ((require('node:https') as typeof Https).createServer({ ...serverOptions, ...tls }, handler) as unknown as Server);
    server.on('clientError', onClientError);
    // Without a listener Node closes a CONNECT's socket unanswered: answer it as any other method.
    server.on('connect', (req: IncomingMessage, socket: Duplex) => {
      state.stats.requests++;
      socket.on('error', () => socket.destroy());
      answerRaw(socket, methodNotAllowed(req.method ?? 'CONNECT'), hostIdOf(req.headers.host));
    });
    // Idle keep-alive connections stay open longer than clients' pools keep them (Node's default of
    // 5 s races clients that reuse a socket just as the server closes it).
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    // Beyond the cap a new connection is closed at once: idle or trickling sockets cannot pile up.
    server.maxConnections = options.maxConnections ?? DEFAULTS.maxConnections;
    await listen(server, options.port ?? DEFAULTS.port, options.host ?? DEFAULTS.host);
  } catch (error) {
    state.store.close();
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = options.host ?? DEFAULTS.host;
  let stopping: Promise<void> | undefined;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    certificate: tls?.cert,
    host,
    port: address.port,
    adminToken: state.adminToken,
    clock: state.clock,
    get store() {
      return state.store;
    },
    stats: state.stats,
    get faults() {
      return state.faults.config;
    },
    setFaults: (config) => state.faults.set(checkFaultConfig(config ?? {}, ACTIONS)),
    setPolicy: (policy) => state.setPolicy(policy),
    reset: () => state.reset(),
    stop: () => (stopping ??= stop(server, state)),
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function stop(server: Server, state: ServerState): Promise<void> {
  state.stopped = true;
  for (const timer of state.timers) clearTimeout(timer);
  state.timers.clear();
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  state.store.close();
}

function onRequest(state: ServerState, front: RpcFront, services: Mounted, req: IncomingMessage, res: ServerResponse): void {
  const { paths } = services;
  state.stats.requests++;
  let target = req.url ?? '/';
  // Absolute form (`GET http://host/?...`, as sent to proxies): keep the path and query.
  if (target.charCodeAt(0) !== 47 /* / */) {
    const scheme = target.indexOf('://');
    const slash = scheme === -1 ? -1 : target.indexOf('/', scheme + 3);
    target = slash === -1 ? target : target.slice(slash);
  }
  const q = target.indexOf('?');
  const path = q === -1 ? target : target.slice(0, q);
  const query = q === -1 ? '' : target.slice(q + 1);
  const method = req.method ?? '';
  if (target.length > state.maxRequestBytes) return reject(res, req, tooLarge('request target', state.maxRequestBytes), query);
  if (req.httpVersionMinor === 1 && req.httpVersionMajor === 1 && !hasHost(req.rawHeaders)) {
    return reject(res, req, badRequest('an HTTP/1.1 request needs a Host header'), query);
  }
  if (path.startsWith(ADMIN_PREFIX)) {
    readBody(req, res, state.maxRequestBytes, query, (body) => handleAdmin(state, res, { method, path, query, body, host: req.headers.host, authorization: req.headers.authorization }, services.admin));
    return;
  }
  if (path !== '/') {
    for (const service of paths) {
      if (!service.serves(path)) continue;
      const secure = (req.socket as { encrypted?: boolean }).encrypted === true;
      if (service.streamsBodies === true) return service.handle({ method, path, query, headers: req.headers, secure, body: req }, res);
      return readBody(req, res, state.maxRequestBytes, query, () => service.handle({ method, path, query, headers: req.headers, secure }, res));
    }
    return reject(res, req, pathNotFound(path), query);
  }
  if (method === 'GET') front.handle(res, new RpcRequest(method, query, undefined, req));
  else if (method === 'POST') readBody(req, res, state.maxRequestBytes, query, (body) => front.handle(res, new RpcRequest(method, query, body, req)));
  else reject(res, req, methodNotAllowed(method), query);
}

/** Whether the raw headers have a Host (without building node's header object). */
function hasHost(raw: readonly string[]): boolean {
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i];
    if (name.length === 4 && (name === 'Host' || name === 'host' || name.toLowerCase() === 'host')) return true;
  }
  return false;
}

/** An error before the pipeline: in the Format the query asks for, when it says. */
function reject(res: ServerResponse, req: IncomingMessage, error: MockError, query: string, close = false): void {
  const format = sniffFormat(query, undefined, isV3(req.headers));
  const requestId = newRequestId();
  send(res, error.status, format, renderError(error, format, requestId, hostIdOf(req.headers.host)), requestId, close);
}

/** Bodies beyond this many times the limit are not even drained: the connection is closed. */
const DRAIN_FACTOR = 16;

/**
 * Collects a body up to `limit` bytes, then calls `done`. Over the limit: 413 at once, the rest
 * drained (up to DRAIN_FACTOR times the limit, so the connection stays usable), or the connection
 * closed. A client that aborts gets no answer (there is no one to answer).
 */
function readBody(req: IncomingMessage, res: ServerResponse, limit: number, query: string, done: (body: Buffer) => void): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  let size = 0;
  let over = declared > limit;
  let first: Buffer | undefined;
  let chunks: Buffer[] | undefined;
  const tooBig = (): void => reject(res, req, tooLarge('body', limit), query, declared > limit * DRAIN_FACTOR);
  if (over) tooBig();
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (over) {
      if (size > limit * DRAIN_FACTOR) req.socket.destroy();
      return;
    }
    if (size > limit) {
      over = true;
      first = undefined;
      chunks = undefined;
      tooBig();
      return;
    }
    if (first === undefined) first = chunk;
    else if (chunks === undefined) chunks = [first, chunk];
    else chunks.push(chunk);
  });
  req.on('end', () => {
    if (over) return;
    done(chunks !== undefined ? Buffer.concat(chunks, size) : (first ?? Buffer.alloc(0)));
  });
  req.on('error', () => {
    // Aborted or reset by the client: nothing to answer, nothing to do.
  });
}

type HttpSocket = Socket & { _httpMessage?: ServerResponse | null; [ANSWERING]?: true };
const ANSWERING = Symbol('answering a malformed request');

/**
 * Malformed HTTP, or a request line and headers beyond the limit: an error body, then close. The
 * requests parsed before the malformed one (pipelined in the same write) took effect: their
 * answers go first, in order, then the error.
 */
function onClientError(error: Error & { code?: string }, socket: HttpSocket): void {
  if (socket[ANSWERING] === true) return;
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  socket[ANSWERING] = true;
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const mock =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new MockError(413, 'RequestTooLarge', 'The request line and headers are too large.')
      : timeout
        ? new MockError(408, 'BadRequest', 'The request is malformed: the request took too long to arrive.')
        : badRequest('it is not valid HTTP/1.1');
  answerAfterPending(socket, mock);
}

/**
 * Waits for the response on the socket (Node hands the socket to queued pipelined responses one
 * after the other), then the next, then writes the error. When the malformed bytes are inside the
 * pending request's own body there is nothing to wait for: closed, or answered if nothing was sent.
 */
function answerAfterPending(socket: HttpSocket, mock: MockError): void {
  if (socket.destroyed) return;
  const pending = socket._httpMessage;
  if (pending === undefined || pending === null) return answerRaw(socket, mock, 'localhost');
  if (pending.req?.complete !== true) {
    if (pending.headersSent) socket.destroy();
    else answerRaw(socket, mock, 'localhost');
    return;
  }
  const next = (): void => {
    pending.off('finish', next);
    pending.off('close', next);
    // Node assigns the socket to the next queued response in its own 'finish' listener.
    setImmediate(() => answerAfterPending(socket, mock));
  };
  pending.once('finish', next);
  pending.once('close', next);
}

/** An error answer written straight to a socket that has no response object (then closed): JSON. */
function answerRaw(socket: Duplex, mock: MockError, hostId: string): void {
  const requestId = newRequestId();
  const body = renderError(mock, 'JSON', requestId, hostId);
  socket.end(
    `HTTP/1.1 ${mock.status} ${STATUS_CODES[mock.status]}\r\ncontent-type: application/json;charset=utf-8\r\n` +
      `content-length: ${Buffer.byteLength(body)}\r\nx-acs-request-id: ${requestId}\r\nconnection: close\r\n\r\n${body}`,
  );
}
