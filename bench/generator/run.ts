// The generator benchmark: regenerating every package from the spec (the API table, the client, the
// mock server and the docs) against the peers generating a client from the same spec, each a whole
// process from spawn to exit. Contenders: `acr-generate all --check` (every package, compared with the
// committed files), `acr-generate api client --check` (the client and the operation table it embeds,
// @acr-ee/api's), and @hey-api/openapi-ts 0.99 generating
// its fetch client and types from the spec bundled into one file by Redocly (bundled once, before
// timing: hey-api reads one file). Runs interleaved, medians reported, then the ratios and one JSON
// line. Exits 0 whatever the verdict; 1 when anything fails; 2 on bad flags.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROOT_FILE, listOperations, loadDereferenced } from '@acr-ee/spec';
import { choose, number, optionsOrExit, readFlags, UsageError } from '../shared/flags.js';
import { median } from '../shared/stats.js';

const CONTENDERS = ['acr-ee', 'acr-ee-client', 'hey-api'] as const;
type Contender = (typeof CONTENDERS)[number];
/** The issue's target: regenerating every package takes no longer than hey-api generating its client. */
const TARGET_RATIO = 1;
/** hey-api 0.99 declares `engines.node >= 22.18`. */
const HEY_API_NODE = [22, 18] as const;

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

const USAGE = `usage: npm run bench:generator -w @acr-ee/bench -- [--runs=N] [--only=LIST] [--node=PATH]
  --runs=N     processes per contender, interleaved (1 to 100; default 5)
  --only=LIST  contenders, comma-separated: ${CONTENDERS.join(', ')} (default all)
  --node=PATH  the Node.js binary every contender runs on (default this one; hey-api needs
               ${HEY_API_NODE.join('.')} or later: --node="$(npx -y node@22 -p process.execPath)")`;

interface Options {
  readonly runs: number;
  readonly only: readonly Contender[];
  readonly node: string;
}

function parseOptions(argv: readonly string[]): Options {
  const flags = readFlags(argv, ['runs', 'only', 'node'], []);
  const only = flags.has('only') ? choose('only', flags.get('only')!, CONTENDERS, 'contender') : [...CONTENDERS];
  const node = flags.get('node') ?? process.execPath;
  if (node.trim() === '') throw new UsageError('--node needs the path of a node binary');
  return { runs: flags.has('runs') ? number('runs', flags.get('runs')!, 1, 100, true) : 5, only, node };
}

interface Command {
  readonly args: readonly string[];
  /** Throws when the run did not do its job (its output is checked, not only its exit code). */
  readonly check: (stdout: string) => void;
}

const guard = fileURLToPath(new URL('../shared/loopback-only.mjs', import.meta.url));

/** Runs one contender process to its end; the wall time in ms. */
function runOnce(node: string, name: Contender, command: Command): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(node, ['--import', guard, ...command.args], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 300_000);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      try {
        if (code !== 0) throw new Error(`${signal ?? `exit code ${code}`}: ${(stderr || stdout).trim().slice(0, 400)}`);
        command.check(stdout);
        resolve(wallMs);
      } catch (error) {
        reject(new Error(`${name}: ${(error as Error).message}`));
      }
    });
  });
}

/** The file of a package's command (its package.json `bin`), looked up in node_modules as Node looks up packages. */
function binOf(pkg: string, command: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; dir !== dirname(dir); dir = dirname(dir)) {
    const root = join(dir, 'node_modules', pkg);
    if (!existsSync(join(root, 'package.json'))) continue;
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
    const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.[command];
    if (bin === undefined) throw new Error(`${pkg} has no command ${command}`);
    return join(root, bin);
  }
  throw new Error(`${pkg} is not installed (npm ci)`);
}

/** The commands, given the bundled spec and hey-api's output folder. */
function commands(bundle: string, heyOutput: string, operationCount: number): Record<Contender, Command> {
  const generator = join(REPO_ROOT, 'generator/bin/acr-generate.js');
  const upToDate = (targets: readonly string[]) => (stdout: string) => {
    for (const target of targets) if (!stdout.includes(`${target}: up to date`)) throw new Error(`acr-generate did not report ${target} up to date: ${stdout.trim()}`);
  };
  return {
    'acr-ee': { args: [generator, 'all', '--check'], check: upToDate(['api', 'client', 'mock', 'docs']) },
    'acr-ee-client': { args: [generator, 'api', 'client', '--check'], check: upToDate(['api', 'client']) },
    'hey-api': {
      args: [binOf('@hey-api/openapi-ts', 'openapi-ts'), '--input', bundle, '--output', heyOutput, '--client', '@hey-api/client-fetch', '--silent', '--no-log-file'],
      check: () => {
        // One SDK function per operation, or hey-api did not read the whole spec.
        const sdk = readFileSync(join(heyOutput, 'sdk.gen.ts'), 'utf8');
        const functions = sdk.match(/^export const \w+ = </gm)?.length ?? 0;
        if (functions !== operationCount) throw new Error(`sdk.gen.ts has ${functions} operation functions; the spec has ${operationCount} operations`);
      },
    },
  };
}

/** Redocly's bundle of the spec: one file, as hey-api reads it. */
function bundleSpec(node: string, out: string): Promise<void> {
  const redocly = binOf('@redocly/cli', 'redocly');
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['--import', guard, redocly, 'bundle', ROOT_FILE, '--output', out], {
      cwd: REPO_ROOT,
      env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: 'true', REDOCLY_TELEMETRY: 'off' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`redocly bundle: exit code ${code}: ${stderr.trim().slice(0, 400)}`))));
  });
}

/** The version of the node binary given, refusing one too old for hey-api when hey-api runs. */
function nodeVersion(node: string, only: readonly Contender[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(node, ['-p', 'process.versions.node'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.on('error', (error) => reject(new Error(`--node=${node}: ${error.message}`)));
    child.on('exit', () => {
      const version = out.trim();
      const [major = 0, minor = 0] = version.split('.').map(Number);
      if (!/^\d+\.\d+\.\d+$/.test(version)) reject(new Error(`--node=${node} is not a node binary`));
      else if (only.includes('hey-api') && (major < HEY_API_NODE[0] || (major === HEY_API_NODE[0] && minor < HEY_API_NODE[1]))) {
        reject(new Error(`hey-api needs Node ${HEY_API_NODE.join('.')} or later; ${node} is ${version}. Run every contender on one that is: --node="$(npx -y node@22 -p process.execPath)"`));
      } else resolve(version);
    });
  });
}

async function main(): Promise<void> {
  const options = optionsOrExit(parseOptions, USAGE, 'bench:generator');
  const version = await nodeVersion(options.node, options.only);
  const operationCount = listOperations(await loadDereferenced()).length;
  const work = mkdtempSync(join(tmpdir(), 'acr-bench-generator-'));
  try {
    const bundle = join(work, 'openapi.bundled.yaml');
    if (options.only.includes('hey-api')) await bundleSpec(options.node, bundle);
    const table = commands(bundle, join(work, 'hey-api'), operationCount);
    const load = loadavg()[0];
    const samples = new Map<Contender, number[]>(options.only.map((name) => [name, []]));
    for (let run = 1; run <= options.runs; run++) {
      for (const name of options.only) samples.get(name)!.push(await runOnce(options.node, name, table[name]));
      process.stderr.write(`run ${run}/${options.runs}\n`);
    }
    report({ ...options, version, operationCount }, samples, [load, loadavg()[0]]);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function report(run: Options & { version: string; operationCount: number }, samples: Map<Contender, number[]>, load: [number, number]): void {
  const medians = Object.fromEntries([...samples].map(([name, list]) => [name, Math.round(median(list))])) as Partial<Record<Contender, number>>;
  console.log(`generators: ${run.operationCount} operations, Node ${run.version}, median of ${run.runs} processes each (${cpus().length} CPUs, load average ${load[0].toFixed(2)} -> ${load[1].toFixed(2)})`);
  console.log(`  ${'contender'.padEnd(15)} ${'wall ms'.padStart(8)}   min..max`);
  for (const [name, list] of samples) {
    const sorted = [...list].sort((a, b) => a - b);
    console.log(`  ${name.padEnd(15)} ${String(medians[name]).padStart(8)}   ${Math.round(sorted[0])}..${Math.round(sorted.at(-1)!)}`);
  }
  const ratios: Record<string, number> = {};
  for (const [a, b] of [['acr-ee', 'hey-api'], ['acr-ee-client', 'hey-api']] as const) {
    if (medians[a] !== undefined && medians[b] !== undefined) ratios[`${a}/${b}`] = Math.round((medians[a]! / medians[b]!) * 1000) / 1000;
  }
  for (const [key, value] of Object.entries(ratios)) console.log(`  ${key.padEnd(22)} ${value.toFixed(2)}x`);
  const ratio = ratios['acr-ee/hey-api'];
  const met = ratio === undefined ? null : ratio <= TARGET_RATIO;
  if (met !== null) console.log(`  target: every package regenerated in no longer than hey-api generates its client: ${met ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify({ benchmark: 'generator', operations: run.operationCount, node: run.version, medianMs: medians, ratios, target: { 'acr-ee/hey-api': TARGET_RATIO, met }, runs: run.runs, loadAverage: load }));
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:generator: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

