// The mock-server benchmark: signed GetInstance requests/s at N connections against the mock server,
// against `prism mock` of the same spec, and against a bare node:http server answering the same JSON
// (the ceiling), side by side in one run: each server in its own process, the load generator in a
// fresh process per server and round, rounds interleaved. Prints a table, the ratios and the
// verdict on the targets, then one JSON line. Exits 0 whatever the verdict; 1 when anything fails
// (a server, a request, a process), 2 on bad flags.
import { execFileSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { listOperations, loadDereferenced, ROOT_FILE, successContent } from '@acr-ee/spec';
import { rpcWire, type RpcWire } from '../../test/support/rpc-route.js';
import { RESULT_MARK, type LoadJob, type LoadResult } from './job.js';
import { parseOptions, USAGE, type Options, type ServerName } from './options.js';
import { optionsOrExit } from '../shared/flags.js';
import { jsonLine, render, summarize } from './report.js';
import { probe, startBare, startMock, startPrism, type RunningServer } from './servers.js';
import { signedTargets, type Identity } from './sign.js';
import { runJobProcess } from '../shared/child-job.js';

const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

interface SpecFacts {
  readonly version: string;
  readonly wire: RpcWire;
  /** The GetInstance 200 example (what Prism answers) and its InstanceId. */
  readonly exampleBody: string;
  readonly instanceId: string;
}

async function specFacts(): Promise<SpecFacts> {
  const doc = await loadDereferenced();
  const entry = listOperations(doc).find((op) => op.operationId === 'GetInstance');
  const example = entry ? successContent(entry)?.example : undefined;
  const instanceId = (example as { InstanceId?: unknown } | undefined)?.InstanceId;
  if (typeof instanceId !== 'string') throw new Error('spec: GetInstance has no 200 example with an InstanceId');
  return { version: doc.info.version, wire: rpcWire(doc), exampleBody: JSON.stringify(example), instanceId };
}

function clockTicks(): number {
  try {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
    return Number.isInteger(ticks) && ticks > 0 ? ticks : 100;
  } catch {
    return 100;
  }
}

/** Runs one load-generator process against one server and returns what it measured. */
function runLoad(job: LoadJob): Promise<LoadResult> {
  return runJobProcess<LoadResult>(here('./load.ts'), job, RESULT_MARK, `${job.server}: load generator`, 120_000 + 3 * job.durationMs);
}

/** Starts the servers asked for; the bare one answers what the mock server answers (or the example). */
async function startServers(options: Options, facts: SpecFacts, identity: Identity, started: RunningServer[]): Promise<void> {
  const [readyTarget] = signedTargets(identity, 1, facts.version);
  let body = facts.exampleBody;
  if (options.only.includes('mock-server')) {
    const mock = await startMock(identity);
    started.push(mock);
    const answer = await probe(mock.port, signedTargets(identity, 1, facts.version)[0]);
    if (answer?.status !== 200) throw new Error(`mock server: a signed GetInstance answered ${answer ? `HTTP ${answer.status}: ${answer.body.slice(0, 300)}` : 'nothing'}`);
    body = answer.body;
  }
  if (options.only.includes('prism')) started.push(await startPrism(ROOT_FILE, facts.wire, readyTarget));
  if (options.only.includes('bare')) started.push(await startBare(body));
}

async function bench(options: Options, servers: readonly RunningServer[], facts: SpecFacts, identity: Identity): Promise<Map<ServerName, LoadResult[]>> {
  const results = new Map<ServerName, LoadResult[]>(servers.map((s) => [s.name, []]));
  const ticks = clockTicks();
  for (let round = 1; round <= options.rounds; round += 1) {
    for (const server of servers) {
      const result = await runLoad({
        server: server.name,
        port: server.port,
        wire: server.wire,
        identity,
        version: facts.version,
        warmup: options.warmup,
        durationMs: options.durationS * 1000,
        connections: options.connections,
        serverPid: server.pid,
        clockTicks: ticks,
      });
      results.get(server.name)?.push(result);
      const rate = Math.round((result.requests * 1000) / result.wallMs);
      const cpu = result.serverCpuUs === null ? '' : `, ${(result.serverCpuUs / result.requests).toFixed(1)} µs server CPU/request`;
      process.stderr.write(`round ${round}/${options.rounds}  ${server.name.padEnd(12)} ${rate} requests/s${cpu}${result.exhausted ? ' (pool ran out: phase shortened)' : ''}\n`);
    }
  }
  return results;
}

async function main(): Promise<void> {
  const options = optionsOrExit(parseOptions, USAGE, 'bench:mock');
  if (options.help) {
    console.log(USAGE);
    return;
  }
  const facts = await specFacts();
  // The mock server is seeded with the example's instance, so that all three answer the same request.
  const identity: Identity = {
    accessKeyId: 'LTAIbenchmarkKeyId',
    accessKeySecret: 'benchmark-secret-not-a-real-one',
    regionId: 'cn-hangzhou',
    instanceId: facts.instanceId,
  };
  const servers: RunningServer[] = [];
  try {
    await startServers(options, facts, identity, servers);
    const loadStart = loadavg()[0];
    const figures = summarize(await bench(options, servers, facts, identity));
    const machine = { cpus: availableParallelism(), loadStart, loadEnd: loadavg()[0] };
    console.log(render(figures, options, machine));
    console.log(jsonLine(figures, options, machine));
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
  }
}

main().catch((error: unknown) => {
  console.error(`bench:mock: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
