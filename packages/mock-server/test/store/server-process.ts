// A mock server in a process of its own, for tests that must kill it: starts the server on
// 127.0.0.1 with the options given as JSON in argv[2] (a `stateFile` among them), prints
// `READY <url>` on stdout, and runs until it is killed. SIGTERM closes it cleanly.
import { startMockServer } from '../../src/index.js';

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as Parameters<typeof startMockServer>[0];
  const server = await startMockServer({ host: '127.0.0.1', port: 0, ...options });
  process.stdout.write(`READY ${server.url}\n`);
  process.on('SIGTERM', () => {
    void server.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`server-process: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
