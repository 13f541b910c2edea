// Child process: the ceiling. A bare `node:http` server on 127.0.0.1 that answers every request,
// whatever it asks, with the same JSON body the mock server answers to the benchmark's GetInstance
// (captured from it at start), on keep-alive connections. No parsing, no signature, no state.
//
// Usage (by run.ts only, forked with an IPC channel): bare-server.ts '<response body>'
// It sends { type: 'ready', port } once listening.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

function main(): void {
  const body = Buffer.from(process.argv[2] ?? '', 'utf8');
  if (body.length === 0 || !process.send) throw new Error('bare-server.ts is started by run.ts (fork, with the body)');
  const headers = { 'content-type': 'application/json;charset=utf-8', 'content-length': String(body.length) };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, headers);
      res.end(body);
    });
  });
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  server.listen(0, '127.0.0.1', () => {
    process.send?.({ type: 'ready', port: (server.address() as AddressInfo).port });
  });
  process.on('disconnect', () => process.exit(0));
}

main();
