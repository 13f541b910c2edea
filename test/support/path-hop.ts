// A loopback HTTP hop that rewrites each request's target and passes everything else through
// (method, headers, body; the answer's status, headers and body). It sits between `prism proxy`
// and the server behind it: Prism forwards the path it routed on, the server expects the wire's.
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PathHop {
  url: string;
  stop(): Promise<void>;
}

export async function startPathHop(upstream: string, rewrite: (target: string) => string): Promise<PathHop> {
  const origin = new URL(upstream);
  const server: Server = createServer((req, res) => {
    const headers = { ...req.headers, host: origin.host };
    const forwarded = httpRequest({ host: origin.hostname, port: origin.port, method: req.method, path: rewrite(req.url ?? '/'), headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forwarded.on('error', (error) => {
      res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`path hop: ${error.message}`);
    });
    req.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
