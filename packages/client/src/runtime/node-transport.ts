// The default transport: node:http / node:https with keep-alive agents. This is the hot path, so it
// avoids what costs CPU per call: no URL parsing (the origin is parsed once), no AbortController
// when the caller passed no signal (one timer covers the timeout), no string concatenation of
// chunks (bytes are counted against the cap as they come and decoded once, see response-body.ts).
import * as http from 'node:http';
import type * as https from 'node:https';
import { AbortError, AcrError, ConnectionError, TimeoutError } from './errors.js';
import { proxyChooserOf, proxyHeaders, tunnellingAgent, type Environment, type ProxyChooser } from './proxy.js';
import { BodyCollector, checkDeclaredLength } from './response-body.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';
import { httpsLoaded } from './lazy-builtins.js';

export interface NodeTransportOptions {
  /** Agent for `http:` endpoints. Default: keep-alive, LIFO scheduling (warm sockets first). */
  readonly httpAgent?: http.Agent;
  /**
   * Agent for `https:` endpoints (TLS options). Default: keep-alive, LIFO scheduling. Through a
   * proxy, a tunnelling agent made with this agent's options is used instead.
   */
  readonly httpsAgent?: https.Agent;
  /**
   * A proxy URL (`http://[user:pass@]host:port`) for every request, or false for none. Default: the
   * environment's `HTTPS_PROXY`, `HTTP_PROXY` and `NO_PROXY` (lower-case names first), read once here.
   */
  readonly proxy?: string | false;
  /** Where the proxy variables are read from. Default: `process.env`. */
  readonly env?: Environment;
}

interface Target {
  readonly request: typeof http.request;
  readonly agent: http.Agent;
  readonly hostname: string;
  readonly port: number;
  /** Through a forward proxy (http: origins): the origin to prefix paths with, and headers to add. */
  readonly forward: { readonly origin: string; readonly headers: Readonly<Record<string, string>> } | undefined;
}

export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  // LIFO hands out the most recently used socket, so idle ones age out instead of all being kept
  // barely alive (and then reset by the server's idle timeout).
  const httpAgent = options.httpAgent ?? new http.Agent({ keepAlive: true, scheduling: 'lifo' });
  let httpsAgent = options.httpsAgent;
  const secureAgent = (): https.Agent => (httpsAgent ??= new (httpsLoaded().Agent)({ keepAlive: true, scheduling: 'lifo' }));
  const chooseProxy = proxyChooserOf(options.proxy, options.env ?? globalThis.process?.env ?? {});
  const tunnels = new Map<string, https.Agent>();
  const tunnelTo = (proxy: URL): https.Agent => {
    let agent = tunnels.get(proxy.href);
    if (agent === undefined) {
      const base = options.httpsAgent as (https.Agent & { options?: https.AgentOptions }) | undefined;
      agent = tunnellingAgent(httpsLoaded().Agent, { keepAlive: true, scheduling: 'lifo', ...base?.options }, proxy);
      tunnels.set(proxy.href, agent);
    }
    return agent;
  };
  const targets = new Map<string, Target>();
  const transport: Transport = (request) => {
    let target = targets.get(request.origin);
    if (target === undefined) {
      target = targetOf(request.origin, httpAgent, secureAgent, chooseProxy, tunnelTo);
      targets.set(request.origin, target);
    }
    return send(target, request);
  };
  transport.close = () => {
    // Only the agents made here: caller-supplied ones may be shared with other code.
    if (options.httpAgent === undefined) httpAgent.destroy();
    if (options.httpsAgent === undefined) httpsAgent?.destroy();
    for (const agent of tunnels.values()) agent.destroy();
  };
  return transport;
}

function targetOf(
  origin: string,
  httpAgent: http.Agent,
  secureAgent: () => https.Agent,
  chooseProxy: ProxyChooser,
  tunnelTo: (proxy: URL) => https.Agent,
): Target {
  const url = new URL(origin);
  const secure = url.protocol === 'https:';
  // URL keeps IPv6 literals in brackets; net.connect wants them bare.
  const bare = (host: string): string => host.replace(/^\[(.*)\]$/, '$1');
  const port = url.port === '' ? (secure ? 443 : 80) : Number(url.port);
  const proxy = chooseProxy(url);
  if (proxy !== undefined && !secure) {
    // Plain http: the proxy forwards an absolute-form request; Host names the origin, not the proxy.
    return {
      request: http.request,
      agent: httpAgent,
      hostname: bare(proxy.hostname),
      port: proxy.port === '' ? 80 : Number(proxy.port),
      forward: { origin, headers: { host: url.host, ...proxyHeaders(proxy) } },
    };
  }
  return {
    request: secure ? httpsLoaded().request : http.request,
    agent: secure ? (proxy === undefined ? secureAgent() : tunnelTo(proxy)) : httpAgent,
    hostname: bare(url.hostname),
    port,
    forward: undefined,
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
      target.forward === undefined
        ? { hostname: target.hostname, port: target.port, path: req.path, method: req.method, headers: req.headers, agent: target.agent }
        : { hostname: target.hostname, port: target.port, path: target.forward.origin + req.path, method: req.method, headers: { ...req.headers, ...target.forward.headers }, agent: target.agent },
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
