// Child process: the load generator. For one server and one round: signs its warm-up requests,
// sends them with N in flight on N keep-alive connections (which opens the connections and warms
// the server's JIT), signs the timed phase's requests (three times the rate of the warm-up's second
// half, and at least 70,000/s, over the duration; each with its own SignatureNonce), runs the timed
// phase, and prints one result line. Every response is checked: HTTP 200 and a JSON body whose
// InstanceId is the one asked for; anything else ends the process with exit code 1 and the first
// failure. Connects to loopback only.
//
// Usage (by run.ts only): load.ts '<LoadJob as JSON>'
import { toPrismTarget } from '../../test/support/rpc-route.js';
import { installLoopbackGuard } from '../shared/loopback-guard.mjs';
import { processCpuUs } from './cpu.js';
import { send, type Check } from './http-load.js';
import { RESULT_MARK, type LoadJob, type LoadResult } from './job.js';
import { signedTargets } from './sign.js';

/** Requests signed for a timed phase at most (about 450 bytes each). */
const MAX_POOL = 2_000_000;
/** The pool covers at least this many requests/s over the duration (the warm-up underestimates
 *  a fast server: its first requests open connections and run cold code). */
const MIN_RATE = 70_000;

/** Complete request bytes, signed now, routed as the server needs. */
function requests(job: LoadJob, count: number): Buffer[] {
  const wire = job.wire;
  return signedTargets(job.identity, count, job.version).map((target) => {
    const path = wire ? toPrismTarget(wire, target) : target;
    return Buffer.from(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${job.port}\r\n\r\n`, 'latin1');
  });
}

function checker(instanceId: string): Check {
  return (status, body) => {
    const text = body.toString('utf8');
    let id: unknown;
    try {
      id = (JSON.parse(text) as { InstanceId?: unknown }).InstanceId;
    } catch {
      id = undefined;
    }
    if (status !== 200 || id !== instanceId) throw new Error(`HTTP ${status}, expected 200 with InstanceId ${instanceId}: ${text.slice(0, 300)}`);
  };
}

async function main(): Promise<void> {
  installLoopbackGuard();
  const job = JSON.parse(process.argv[2] ?? '') as LoadJob;
  const check = checker(job.identity.instanceId);

  const warm = requests(job, job.warmup);
  const half = Math.floor(warm.length / 2);
  await send(job.port, warm.slice(0, half), job.connections, check);
  const started = performance.now();
  await send(job.port, warm.slice(half), job.connections, check);
  const warmRate = ((warm.length - half) * 1000) / (performance.now() - started);

  const pool = Math.min(MAX_POOL, Math.ceil((Math.max(warmRate * 3, MIN_RATE) * job.durationMs) / 1000) + job.connections);
  const timed = requests(job, pool);
  const cpuBefore = job.serverPid === null ? null : processCpuUs(job.serverPid, job.clockTicks);
  const t0 = performance.now();
  const sent = await send(job.port, timed, job.connections, check, t0 + job.durationMs);
  const wallMs = performance.now() - t0;
  const cpuAfter = job.serverPid === null ? null : processCpuUs(job.serverPid, job.clockTicks);

  const result: LoadResult = {
    server: job.server,
    requests: sent,
    wallMs,
    serverCpuUs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
    pool,
    exhausted: sent === pool,
  };
  process.stdout.write(`${RESULT_MARK}${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(`load: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
