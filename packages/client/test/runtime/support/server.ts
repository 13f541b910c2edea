// Loopback HTTP servers for the runtime's tests: they record what arrives (raw and decoded) and
// answer through a per-test handler, so each test can fail on purpose in its own way.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureOf } from '../../../src/runtime/index.js';

export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  /** The raw parameter string: the query (GET) or the body (POST). */
  readonly raw: string;
  readonly params: Record<string, string>;
}

export type Handler = (received: Received, res: ServerResponse, req: IncomingMessage) => void | Promise<void>;

export interface TestServer {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startServer(handler: Handler): Promise<TestServer> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const query = url.includes('?') ? url.slice(url.indexOf('?') + 1) : '';
      const raw = req.method === 'POST' ? body : query;
      const entry: Received = { method: req.method ?? '', url, headers: req.headers, raw, params: parseParams(raw) };
      received.push(entry);
      Promise.resolve(handler(entry, res, req)).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Splits `a=b&c=d` and percent-decodes each side (neither client nor pop-core emits `+`). */
export function parseParams(raw: string): Record<string, string> {
  const params: Record<string, string> = {};
  if (raw === '') return params;
  for (const pair of raw.split('&')) {
    const eq = pair.indexOf('=');
    const name = decodeURIComponent(eq < 0 ? pair : pair.slice(0, eq));
    params[name] = eq < 0 ? '' : decodeURIComponent(pair.slice(eq + 1));
  }
  return params;
}

/** Whether the received Signature is right for the rest of the parameters. */
export function signatureValid(received: Received, secret: string): boolean {
  const { Signature, ...rest } = received.params;
  return Signature !== undefined && Signature === signatureOf(received.method, rest, secret);
}

export function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
