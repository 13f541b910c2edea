// The cold-start benchmark: a whole Node.js process that loads a client, constructs it and makes one
// GetInstance call against the loopback server, then exits; timed from spawn to exit. Contenders:
// @acr-ee/client (its built dist), a bare node:http request, the vendor runtime
// (@alicloud/openapi-client), and the process alone. Runs interleaved in a balanced order (each
// contender runs right after each other equally often), medians reported, then the ratios to the
// bare request (of the medians, and the median of each run's own ratio) and one JSON line. Exits 0
// whatever the verdict; 1 when anything fails (a process, an answer, a request count), 2 on bad flags.
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Target } from '../client/contenders/types.js';
import { getInstanceExample } from '../client/example.js';
import { requestCount, startServer } from '../client/server-process.js';
import { choose, number, optionsOrExit, readFlags } from '../shared/flags.js';
import { balancedOrder } from '../shared/order.js';
import { median } from '../shared/stats.js';

const CONTENDERS = ['acr-ee', 'bare', 'openapi-client', 'node'] as const;
type Contender = (typeof CONTENDERS)[number];
/** The target of the issue: a whole process with our client at most this many times the bare request's. */
const TARGET_RATIO = 1.15;
/** Contenders that make a request (the process alone makes none). */
const CALLING: ReadonlySet<Contender> = new Set(['acr-ee', 'bare', 'openapi-client']);

const USAGE = `usage: npm run bench:cold-start -w @acr-ee/bench -- [--runs=N] [--only=LIST]
  --runs=N     processes per contender, interleaved (3 to 500; default 40)
  --only=LIST  contenders, comma-separated: ${CONTENDERS.join(', ')} (default all)`;

interface Options {
  readonly runs: number;
  readonly only: readonly Contender[];
}

function parseOptions(argv: readonly string[]): Options {
  const flags = readFlags(argv, ['runs', 'only'], []);
  const only = flags.has('only') ? choose('only', flags.get('only')!, CONTENDERS, 'contender') : [...CONTENDERS];
  return { runs: flags.has('runs') ? number('runs', flags.get('runs')!, 3, 500, true) : 40, only };
}

interface Sample {
  /** From spawn to exit, in ms. */
  readonly wallMs: number;
  /** CPU time (user + system) of the whole process, as it reported just before exiting, in ms. */
  readonly cpuMs: number;
}

/** Runs one contender process and checks its answer. */
function runOnce(name: Contender, target: Target): Promise<Sample> {
  const script = fileURLToPath(new URL(`./contenders/${name}.mjs`, import.meta.url));
  const guard = fileURLToPath(new URL('../shared/loopback-only.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', guard, script, JSON.stringify(target)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      const [instanceId, cpuUs] = stdout.trim().split(' ');
      if (code !== 0 || instanceId !== target.instanceId || !/^\d+$/.test(cpuUs ?? '')) {
        reject(new Error(`${name}: ${signal ?? `exit code ${code}`}, answered ${JSON.stringify(stdout.trim().slice(0, 80))}`));
      } else resolve({ wallMs, cpuMs: Number(cpuUs) / 1000 });
    });
  });
}

async function main(): Promise<void> {
  const options = optionsOrExit(parseOptions, USAGE, 'bench:cold-start');
  const example = await getInstanceExample();
  const { server, port } = await startServer(example.body, example.instanceId);
  try {
    const target: Target = { port, regionId: 'cn-hangzhou', accessKeyId: 'LTAIbenchmarkKeyId', accessKeySecret: 'benchmark-secret-not-a-real-one', instanceId: example.instanceId };
    const load = loadavg()[0];
    const samples = new Map<Contender, Sample[]>(options.only.map((name) => [name, []]));
    for (let run = 1; run <= options.runs; run++) {
      for (const name of balancedOrder(options.only, run)) {
        const before = await requestCount(server);
        samples.get(name)!.push(await runOnce(name, target));
        const requests = (await requestCount(server)) - before;
        if (requests !== (CALLING.has(name) ? 1 : 0)) throw new Error(`${name}: ${requests} requests for one process`);
      }
      process.stderr.write(`run ${run}/${options.runs}\n`);
    }
    report(options, samples, [load, loadavg()[0]]);
  } finally {
    server.kill();
  }
}

type Figure = keyof Sample;

/** Two contenders compared: the ratio of their medians, and the median of each run's own ratio with its quartiles. */
interface Ratio {
  readonly ofMedians: number;
  readonly perRun: number;
  readonly perRunQuartiles: readonly [number, number];
}

function report(options: Options, samples: Map<Contender, Sample[]>, load: [number, number]): void {
  const medians = (figure: Figure): Partial<Record<Contender, number>> =>
    Object.fromEntries([...samples].map(([name, list]) => [name, round(median(list.map((s) => s[figure])))]));
  const wall = medians('wallMs');
  const cpu = medians('cpuMs');
  console.log(`cold start: median of ${options.runs} processes each (load average ${load[0].toFixed(2)} -> ${load[1].toFixed(2)})`);
  console.log(`  ${'contender'.padEnd(15)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)}   wall min..max`);
  for (const [name, list] of samples) {
    const sorted = list.map((s) => s.wallMs).sort((a, b) => a - b);
    console.log(`  ${name.padEnd(15)} ${wall[name]!.toFixed(1).padStart(8)} ${cpu[name]!.toFixed(1).padStart(8)}   ${sorted[0].toFixed(1)}..${sorted.at(-1)!.toFixed(1)}`);
  }
  const ratios = { wall: ratiosOf(samples, 'wallMs'), cpu: ratiosOf(samples, 'cpuMs') };
  console.log(`  ${'ratio'.padEnd(22)} ${'of medians'.padStart(17)}   ${'per run (quartiles)'.padStart(30)}`);
  for (const key of Object.keys(ratios.wall)) {
    const [w, c] = [ratios.wall[key], ratios.cpu[key]];
    const quartiles = `${w.perRunQuartiles[0].toFixed(2)}..${w.perRunQuartiles[1].toFixed(2)}`;
    console.log(`  ${key.padEnd(22)} wall ${w.ofMedians.toFixed(2)}x CPU ${c.ofMedians.toFixed(2)}x   wall ${w.perRun.toFixed(2)}x (${quartiles}) CPU ${c.perRun.toFixed(2)}x`);
  }
  const verdict = ratios.wall['acr-ee/bare'];
  const met = verdict === undefined ? null : verdict.perRun <= TARGET_RATIO;
  if (verdict !== undefined) {
    console.log(
      `  target: acr-ee's wall time at most ${TARGET_RATIO}x the bare request's, per run: ${met ? 'met' : 'NOT met'} ` +
        `(${verdict.perRun.toFixed(2)}x; of the medians ${verdict.ofMedians.toFixed(2)}x, CPU ${ratios.cpu['acr-ee/bare'].perRun.toFixed(2)}x)`,
    );
  }
  console.log(JSON.stringify({ benchmark: 'cold-start', medianMs: { wall, cpu }, ratios, target: { 'acr-ee/bare': TARGET_RATIO, statistic: 'perRun', met }, runs: options.runs, loadAverage: load }));
}

/**
 * acr-ee and openapi-client to bare, and acr-ee to openapi-client, of the contenders that ran. Per
 * run: the two processes of one run ran moments apart, so their ratio cancels what moves the
 * machine's speed for seconds at a time (on a shared VM, every contender's time by a third), which
 * the ratio of the medians, taken over different moments, does not; hence the verdict reads it.
 */
function ratiosOf(samples: Map<Contender, Sample[]>, figure: Figure): Record<string, Ratio> {
  const pairs: [Contender, Contender][] = [['acr-ee', 'bare'], ['openapi-client', 'bare'], ['acr-ee', 'openapi-client']];
  const ratios: Record<string, Ratio> = {};
  for (const [a, b] of pairs) {
    const [as, bs] = [samples.get(a), samples.get(b)];
    if (as === undefined || bs === undefined) continue;
    const perRun = as.map((sample, run) => sample[figure] / bs[run][figure]).sort((x, y) => x - y);
    ratios[`${a}/${b}`] = {
      ofMedians: round(median(as.map((s) => s[figure])) / median(bs.map((s) => s[figure])), 3),
      perRun: round(median(perRun), 3),
      perRunQuartiles: [round(quantile(perRun, 0.25), 3), round(quantile(perRun, 0.75), 3)],
    };
  }
  return ratios;
}

/** The q-quantile of sorted values, interpolated between the two nearest. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

main().catch((error: unknown) => {
  process.stderr.write(`cold start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
