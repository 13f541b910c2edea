// The three servers of the benchmark, each started in a process of its own on 127.0.0.1 and a port
// of its own: the mock server (mock-server-process.ts), `prism mock` of the spec (its CLI, as
// test/support/prism.ts starts it), and the bare node:http ceiling (bare-server.ts).
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { TSX_EXEC_ARGV } from '../shared/child-job.js';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../test/support/free-port.js';
import { toPrismTarget, type RpcWire } from '../../test/support/rpc-route.js';
import type { ServerName } from './options.js';
import type { Identity } from './sign.js';

const require = createRequire(import.meta.url);
const here = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

export interface RunningServer {
  readonly name: ServerName;
  readonly port: number;
  /** The process whose CPU time is the server's. */
  readonly pid: number | null;
  /** For a server that routes on the path only: the spec's wire mapping. */
  readonly wire?: RpcWire;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** Forks a TypeScript server script that sends { type: 'ready', port } over IPC. */
function forkReady(script: string, args: string[], what: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(here(script), args, { execArgv: TSX_EXEC_ARGV, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not ready within 60 s`)), 60_000);
    child.on('message', (message: { type?: string; port?: number }) => {
      if (message.type === 'ready' && typeof message.port === 'number') {
        clearTimeout(timer);
        resolve({ child, port: message.port });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what}: exited (code ${code}) before it was ready`));
    });
  });
}

export async function startMock(identity: Identity): Promise<RunningServer> {
  const { child, port } = await forkReady('./mock-server-process.ts', [JSON.stringify(identity)], 'mock server');
  return { name: 'mock-server', port, pid: child.pid ?? null, stop: stopper(child) };
}

export async function startBare(body: string): Promise<RunningServer> {
  const { child, port } = await forkReady('./bare-server.ts', [body], 'bare server');
  return { name: 'bare', port, pid: child.pid ?? null, stop: stopper(child) };
}

/** One GET of `target`; resolves to the status and body, or null when nothing answers yet. */
export function probe(port: number, target: string): Promise<{ status: number; body: string } | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: target, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', () => resolve(null));
    req.end();
  });
}

/**
 * `prism mock <spec>` in its own process, logging errors only (its per-request log lines would cost
 * it throughput, and the benchmark gives every server its best configuration). Ready when a routed
 * GetInstance (`readyTarget`, already signed) is answered.
 */
export async function startPrism(specFile: string, wire: RpcWire, readyTarget: string): Promise<RunningServer> {
  const port = await freePort();
  const cli = require.resolve('@stoplight/prism-cli/dist/index.js');
  const child = spawn(process.execPath, [cli, 'mock', specFile, '--host', '127.0.0.1', '--port', String(port), '--verboseLevel', 'error'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)));
  const routed = toPrismTarget(wire, readyTarget);
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`prism exited (code ${child.exitCode}) before it was ready:\n${stderr}`);
    const answer = await probe(port, routed);
    if (answer?.status === 200) break;
    if (answer) throw new Error(`prism answers the routed GetInstance with HTTP ${answer.status}: ${answer.body.slice(0, 500)}`);
    if (Date.now() > deadline) throw new Error(`prism: not ready within 90 s:\n${stderr}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return { name: 'prism', port, pid: child.pid ?? null, wire, stop: stopper(child) };
}
