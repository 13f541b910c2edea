// The cold-start benchmark: a whole Node.js process that loads a client, constructs it and makes one
// GetInstance call against the loopback server, then exits; timed from spawn to exit. Contenders:
// @acr-ee/client (its built dist), a bare node:http request, the vendor runtime
// (@alicloud/openapi-client), and the process alone. Runs interleaved, medians reported, then the
// ratios to the bare request and one JSON line. Exits 0 whatever the verdict; 1 when anything
// fails (a process, an answer, a request count), 2 on bad flags.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { signedUrlOnce } from '../client/contenders/floor.js';
import type { Target } from '../client/contenders/types.js';
import { getInstanceExample } from '../client/example.js';
import { requestCount, startServer } from '../client/server-process.js';
import { choose, number, optionsOrExit, readFlags } from '../shared/flags.js';
import { median } from '../shared/stats.js';

const CONTENDERS = ['acr-ee', 'bare', 'openapi-client', 'node'] as const;
type Contender = (typeof CONTENDERS)[number];
/** The target of the issue: a whole process with our client at most this many times the bare request's. */
const TARGET_RATIO = 1.15;
/** Contenders that make a request (the process alone makes none). */
const CALLING: ReadonlySet<Contender> = new Set(['acr-ee', 'bare', 'openapi-client']);

const USAGE = `usage: npm run bench:cold-start -w @acr-ee/bench -- [--runs=N] [--only=LIST]
  --runs=N     processes per contender, interleaved (3 to 500; default 30)
  --only=LIST  contenders, comma-separated: ${CONTENDERS.join(', ')} (default all)`;

interface Options {
  readonly runs: number;
  readonly only: readonly Contender[];
}

function parseOptions(argv: readonly string[]): Options {
  const flags = readFlags(argv, ['runs', 'only'], []);
  const only = flags.has('only') ? choose('only', flags.get('only')!, CONTENDERS, 'contender') : [...CONTENDERS];
  return { runs: flags.has('runs') ? number('runs', flags.get('runs')!, 3, 500, true) : 30, only };
}

/** Runs one contender process; resolves with its wall time from spawn to exit, in ms. */
function runOnce(name: Contender, target: Target & { signedUrl: string }): Promise<number> {
  const script = fileURLToPath(new URL(`./contenders/${name}.mjs`, import.meta.url));
  const guard = fileURLToPath(new URL('./guard.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', guard, script, JSON.stringify(target)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      if (code !== 0 || stdout.trim() !== target.instanceId) {
        reject(new Error(`${name}: ${signal ?? `exit code ${code}`}, answered ${JSON.stringify(stdout.trim().slice(0, 80))}`));
      } else resolve(ms);
    });
  });
}

async function main(): Promise<void> {
  const options = optionsOrExit(parseOptions, USAGE, 'bench:cold-start');
  const example = await getInstanceExample();
  const { server, port } = await startServer(example.body, example.instanceId);
  try {
    const base: Target = { port, regionId: 'cn-hangzhou', accessKeyId: 'LTAIbenchmarkKeyId', accessKeySecret: 'benchmark-secret-not-a-real-one', instanceId: example.instanceId };
    const target = { ...base, signedUrl: signedUrlOnce(base) };
    const load = loadavg()[0];
    const times = new Map<Contender, number[]>(options.only.map((name) => [name, []]));
    for (let run = 1; run <= options.runs; run++) {
      for (const name of options.only) {
        const before = await requestCount(server);
        times.get(name)!.push(await runOnce(name, target));
        const requests = (await requestCount(server)) - before;
        if (requests !== (CALLING.has(name) ? 1 : 0)) throw new Error(`${name}: ${requests} requests for one process`);
      }
      process.stderr.write(`run ${run}/${options.runs}\n`);
    }
    report(options, times, [load, loadavg()[0]]);
  } finally {
    server.kill();
  }
}

function report(options: Options, times: Map<Contender, number[]>, load: [number, number]): void {
  const medians = Object.fromEntries([...times].map(([name, ms]) => [name, round(median(ms))])) as Partial<Record<Contender, number>>;
  console.log(`cold start: spawn to exit, median of ${options.runs} processes each (load average ${load[0].toFixed(2)} -> ${load[1].toFixed(2)})`);
  for (const [name, ms] of times) {
    const sorted = [...ms].sort((a, b) => a - b);
    console.log(`  ${name.padEnd(15)} ${medians[name]!.toFixed(1).padStart(7)} ms   (min ${sorted[0].toFixed(1)}, max ${sorted.at(-1)!.toFixed(1)})`);
  }
  const ratios: Record<string, number> = {};
  const bare = medians.bare;
  if (bare !== undefined) {
    for (const name of ['acr-ee', 'openapi-client'] as const) {
      if (medians[name] !== undefined) ratios[`${name}/bare`] = round(medians[name]! / bare, 3);
    }
  }
  if (medians['acr-ee'] !== undefined && medians['openapi-client'] !== undefined) {
    ratios['acr-ee/openapi-client'] = round(medians['acr-ee'] / medians['openapi-client'], 3);
  }
  for (const [name, ratio] of Object.entries(ratios)) console.log(`  ${name.padEnd(22)} ${ratio.toFixed(2)}x`);
  const met = ratios['acr-ee/bare'] === undefined ? null : ratios['acr-ee/bare'] <= TARGET_RATIO;
  if (met !== null) console.log(`  target: acr-ee at most ${TARGET_RATIO}x the bare request: ${met ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify({ benchmark: 'cold-start', medianMs: medians, ratios, target: { 'acr-ee/bare': TARGET_RATIO, met }, runs: options.runs, loadAverage: load }));
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

main().catch((error: unknown) => {
  process.stderr.write(`cold start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
