// Child process: the loopback server every contender calls. Answers every request, whatever its
// method, path or signature (the floor sends a URL signed once), with the spec's GetInstance
// example as `application/json`, on keep-alive connections, provided the request carries the
// expected `InstanceId=...` in its query or form body; otherwise a 400 error body, so that a
// contender that drops the parameter fails loudly. It counts requests, so the parent can check that
// each call was exactly one request.
//
// Usage (by run.ts only, forked with an IPC channel): server.ts '<response body>' '<InstanceId>'
// Messages: it sends { type: 'ready', port } once listening; on { type: 'count' } it answers
// { type: 'count', count }.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type ServerMessage = { type: 'ready'; port: number } | { type: 'count'; count: number };

function jsonHeaders(body: Buffer): Record<string, string> {
  return { 'content-type': 'application/json', 'content-length': String(body.length) };
}

function main(): void {
  const body = Buffer.from(process.argv[2] ?? '', 'utf8');
  const instanceId = process.argv[3] ?? '';
  if (body.length === 0 || instanceId === '' || !process.send) {
    throw new Error('server.ts is started by run.ts (fork, with the body and the InstanceId)');
  }
  // Every encoding of the value in use (RFC 3986, form) leaves an instance id as it is.
  const needle = `InstanceId=${encodeURIComponent(instanceId)}`;
  const ok = { status: 200, body, headers: jsonHeaders(body) };
  const missing = Buffer.from(JSON.stringify({ Code: 'BenchMissingInstanceId', Message: `the request lacks ${needle}`, RequestId: 'bench' }));
  const bad = { status: 400, body: missing, headers: jsonHeaders(missing) };
  let count = 0;
  const server = createServer((req, res) => {
    count += 1;
    let form = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (form += chunk));
    req.on('end', () => {
      const answer = req.url?.includes(needle) || form.includes(needle) ? ok : bad;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    });
  });
  // Connections stay open across a contender's phases; they close when its process exits.
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 121_000;
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    process.send?.({ type: 'ready', port } satisfies ServerMessage);
  });
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'count') process.send?.({ type: 'count', count } satisfies ServerMessage);
  });
  // The parent went away (finished or crashed): go too.
  process.on('disconnect', () => process.exit(0));
}

main();
