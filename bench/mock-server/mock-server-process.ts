// Child process: the mock server under test, as built (the package's dist/), with signature
// verification on (signature, timestamp window and nonce replay checked, as by default), its state
// in memory, no request log, and a seed of one RUNNING instance with the InstanceId and region the
// benchmark asks for (the spec's GetInstance example), so that it answers the same request as Prism.
//
// Usage (by run.ts only, forked with an IPC channel): mock-server-process.ts '<Identity as JSON>'
// It sends { type: 'ready', port } once listening.
import { startMockServer } from '@acr-ee/mock-server';
import type { Identity } from './sign.js';

async function main(): Promise<void> {
  const identity = JSON.parse(process.argv[2] ?? '') as Identity;
  if (!process.send) throw new Error('mock-server-process.ts is started by run.ts (fork, with the identity)');
  const server = await startMockServer({
    host: '127.0.0.1',
    port: 0,
    accessKeyId: identity.accessKeyId,
    accessKeySecret: identity.accessKeySecret,
    verifySignature: true,
    seed: { regionId: identity.regionId, instances: [{ instanceId: identity.instanceId }] },
  });
  process.send({ type: 'ready', port: server.port });
  process.on('disconnect', () => {
    void server.close().finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(`mock server: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
