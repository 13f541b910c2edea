// The two servers of the registry benchmark, each in a process of its own on 127.0.0.1, forked with
// an IPC channel and a free port: the mock server's registry (its state file, so blobs go to disk)
// and the ceiling, a bare node:http server that streams the same bytes to a file and back.
//
// Usage (by run.ts only): servers.ts mock|bare <directory>. Sends { type: 'ready', port }.
import { createReadStream, createWriteStream } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { startMockServer } from '@acr-ee/mock-server';

async function main(): Promise<void> {
  const [kind, dir] = process.argv.slice(2);
  if (!process.send || dir === undefined) throw new Error('servers.ts is started by run.ts (fork: mock|bare <directory>)');
  if (kind === 'mock') {
    const server = await startMockServer({
      host: '127.0.0.1',
      port: 0,
      verifySignature: false,
      stateFile: join(dir, 'state.db'),
      seed: { instances: [{ namespaces: [{ name: 'bench', autoCreateRepo: true }] }] },
    });
    process.send({ type: 'ready', port: server.port });
    process.on('disconnect', () => void server.close().finally(() => process.exit(0)));
    return;
  }
  if (kind !== 'bare') throw new Error(`unknown server ${kind}`);
  // PUT /blobs/<n> streams the body to <dir>/<n>; GET /blobs/<n> streams it back. Nothing else.
  const server = createServer((req, res) => {
    const match = /^\/blobs\/([0-9]+)$/.exec(req.url ?? '');
    if (!match) return void res.writeHead(404).end();
    const file = join(dir, `bare-${match[1]}`);
    if (req.method === 'PUT') {
      pipeline(req, createWriteStream(file)).then(
        () => res.writeHead(201, { 'content-length': '0' }).end(),
        () => res.writeHead(500).end(),
      );
    } else if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      pipeline(createReadStream(file), res).catch(() => res.destroy());
    } else res.writeHead(405).end();
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.send?.({ type: 'ready', port: typeof address === 'object' && address !== null ? address.port : 0 });
  });
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(`registry bench server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
