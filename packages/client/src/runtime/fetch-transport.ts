// A transport over the Fetch API, for runtimes without node:http (Deno, Bun, workers) or to route
// calls through an instrumented fetch. On Node it costs far more CPU per call than the default
// node:http transport, so it is never the default.
import { AbortError, AcrError, ConnectionError, TimeoutError } from './errors.js';
import { BodyCollector, checkDeclaredLength } from './response-body.js';
import type { Transport, TransportRequest, TransportResponse } from './transport.js';

type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

export function createFetchTransport(fetchImpl: FetchLike = globalThis.fetch): Transport {
  if (typeof fetchImpl !== 'function') {
    throw new TypeError('createFetchTransport: no fetch implementation (pass one as the argument)');
  }
  return (request) => send(fetchImpl, request);
}

async function send(fetchImpl: FetchLike, req: TransportRequest): Promise<TransportResponse> {
  const signal = req.signal;
  if (signal?.aborted) throw new AbortError({ cause: signal.reason });
  // One controller carries both reasons to stop; which one fired is remembered to pick the error.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  const onAbort = (): void => controller.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const init: RequestInit = { method: req.method, headers: req.headers, body: req.body, signal: controller.signal };
    const res = await fetchImpl(req.origin + req.path, init);
    const body = await readBody(res, req.maxResponseBytes, controller);
    return { status: res.status, headers: headersOf(res.headers), body };
  } catch (error) {
    if (error instanceof AcrError) throw error;
    if (timedOut) throw new TimeoutError(req.timeoutMs);
    if (signal?.aborted) throw new AbortError({ cause: signal.reason });
    const message = error instanceof Error ? error.message : String(error);
    throw new ConnectionError(`connection failed: ${message}`, { cause: error });
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** The body, counted against the cap as it streams; past it, the request is aborted (socket dropped). */
async function readBody(res: Response, limit: number, controller: AbortController): Promise<string> {
  const collector = new BodyCollector(limit);
  try {
    checkDeclaredLength(res.headers.get('content-length'), limit);
    if (res.body === null) return '';
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return collector.text();
      collector.add(value);
    }
  } catch (error) {
    if (error instanceof AcrError) controller.abort();
    throw error;
  }
}

function headersOf(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => {
    out[name] = value;
  });
  return out;
}
