// A loopback HTTP server for tests: records every request (method, parameters from the query
// string or the form body, headers) and answers with what the test's handler returns.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Decoded parameters, from the query string (GET) or the form body (POST). */
  readonly params: Record<string, string>;
  /** The raw query string or body, exactly as received. */
  readonly raw: string;
  readonly headers: IncomingMessage['headers'];
}

export interface Reply {
  readonly status?: number;
  readonly body: unknown;
}

export interface RecordingServer {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startRecordingServer(handler: (request: RecordedRequest) => Reply): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const raw = req.method === 'POST' ? Buffer.concat(chunks).toString('utf8') : url.search.slice(1);
      const request: RecordedRequest = {
        method: req.method ?? '',
        path: url.pathname,
        params: Object.fromEntries(new URLSearchParams(raw)),
        raw,
        headers: req.headers,
      };
      requests.push(request);
      let reply: Reply;
      try {
        reply = handler(request);
      } catch (error) {
        reply = { status: 400, body: { RequestId: 'test', Code: 'TestServerRejected', Message: (error as Error).message } };
      }
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
