// The default transport: node:http / node:https with keep-alive agents. This is the hot path, so it
// avoids what costs CPU per call: no URL parsing (the origin is parsed once), no AbortController
// when the caller passed no signal (one timer covers the timeout), no string concatenation of
// chunks (bytes are counted against the cap as they come and decoded once, see response-body.ts).
import * as http from 'node:http';
import type * as https from 'node:https';
import { createRequire } from 'node:module';
import { AbortError, AcrError, ConnectionError, TimeoutError } from './errors.js';
import { BodyCollector, checkDeclaredLength } from './response-body.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

export interface NodeTransportOptions {
  /** Agent for `http:` endpoints. Default: keep-alive, LIFO scheduling (warm sockets first). */
  readonly httpAgent?: http.Agent;
  /** Agent for `https:` endpoints (TLS options, proxies). Default: keep-alive, LIFO scheduling. */
  readonly httpsAgent?: https.Agent;
}

// node:https loads TLS, about as much start-up as node:http itself: loaded when a client first
// calls an https: origin, so a process talking plain http (a mock server, tests) never pays for it.
const requireBuiltin = createRequire(import.meta.url);
let httpsModule: typeof https | undefined;
function httpsLoaded(): typeof https {
  return (httpsModule ??= requireBuiltin('node:https') as typeof https);
}

interface Target {
  readonly request: typeof http.request;
  readonly agent: http.Agent;
  readonly hostname: string;
  readonly port: number;
}

export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  // LIFO hands out the most recently used socket, so idle ones age out instead of all being kept
  // barely alive (and then reset by the server's idle timeout).
  const httpAgent = options.httpAgent ?? new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  let httpsAgent = options.httpsAgent;
  const secureAgent = (): https.Agent => (httpsAgent ??= new (httpsLoaded().Agent)({ keepAlive: true, scheduling: 'lifo' }));
  const targets = new Map<string, Target>();
  const transport: Transport = (request) => {
    let target = targets.get(request.origin);
    if (target === undefined) {
      target = targetOf(request.origin, httpAgent, secureAgent);
      targets.set(request.origin, target);
    }
    return send(target, request);
  };
  transport.close = () => {
    // Only the agents made here: caller-supplied ones may be shared with other code.
    if (options.httpAgent === undefined) httpAgent.destroy();
    if (options.httpsAgent === undefined) httpsAgent?.destroy();
  };
  return transport;
}

function targetOf(origin: string, httpAgent: http.Agent, secureAgent: () => https.Agent): Target {
  const url = new URL(origin);
  const secure = url.protocol === 'https:';
  return {
    request: secure ? httpsLoaded().request : http.request,
    agent: secure ? secureAgent() : httpAgent,
    // URL keeps IPv6 literals in brackets; net.connect wants them bare.
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 443 : 80) : Number(url.port),
  };
}

function send(target: Target, req: TransportRequest): Promise<TransportResponse> {
  return new Promise((resolve, reject) => {
    const signal = req.signal;
    if (signal?.aborted) {
      reject(new AbortError({ cause: signal.reason }));
      return;
    }
    let settled = false;
    const outgoing = target.request(
      { hostname: target.hostname, port: target.port, path: req.path, method: req.method, headers: req.headers, agent: target.agent },
      (res) => {
        const body = new BodyCollector(req.maxResponseBytes);
        try {
          checkDeclaredLength(contentLengthOf(res.rawHeaders), req.maxResponseBytes);
        } catch (error) {
          fail(error as Error);
          return;
        }
        res.on('data', (chunk: Buffer) => {
          if (settled) return;
          try {
            body.add(chunk);
          } catch (error) {
            fail(error as Error); // destroys the socket: nothing more is read
          }
        });
        res.on('error', fail);
        res.on('end', () => {
          if (settled) return;
          finish();
          resolve(new NodeResponse(res, body.text()));
        });
      },
    );
    // Settle first, then destroy: once the response has begun, destroying the request surfaces as
    // the response's generic "aborted" error, which would hide why.
    const timer = setTimeout(() => fail(new TimeoutError(req.timeoutMs)), req.timeoutMs);
    const onAbort = signal === undefined ? undefined : () => fail(new AbortError({ cause: signal.reason }));
    if (onAbort !== undefined) signal!.addEventListener('abort', onAbort, { once: true });

    function finish(): void {
      settled = true;
      clearTimeout(timer);
      if (onAbort !== undefined) signal!.removeEventListener('abort', onAbort);
    }
    function fail(error: Error): void {
      if (settled) return;
      finish();
      outgoing.destroy();
      reject(error instanceof AcrError ? error : connectionError(error));
    }
    outgoing.on('error', fail);
    outgoing.end(req.body);
  });
}

/** The Content-Length from the raw header list: `res.headers` is built lazily, and stays unbuilt. */
function contentLengthOf(raw: readonly string[]): string | undefined {
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i].length === 14 && raw[i].toLowerCase() === 'content-length') return raw[i + 1];
  }
  return undefined;
}

/** Node builds `res.headers` lazily; only error handling reads them, so keep that lazy too. */
class NodeResponse implements TransportResponse {
  readonly status: number;
  readonly body: string;
  readonly #res: http.IncomingMessage;

  constructor(res: http.IncomingMessage, body: string) {
    this.status = res.statusCode ?? 0;
    this.body = body;
    this.#res = res;
  }

  get headers(): http.IncomingHttpHeaders {
    return this.#res.headers;
  }
}

function connectionError(error: Error): ConnectionError {
  return new ConnectionError(`connection failed: ${error.message}`, { cause: error });
}
