// Starts `prism mock` on the curated spec (or `prism proxy` in front of a server, when `upstream`
// is given), on a free loopback port, and stops it afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { freePort } from './free-port.js';

const require = createRequire(import.meta.url);

export interface PrismServer {
  url: string;
  stop(): Promise<void>;
}

export interface PrismOptions {
  /** Violations answer errors (`--errors`). Default true. */
  errors?: boolean;
  /** Proxy to this server (`prism proxy`), validating requests and responses, instead of mocking. */
  upstream?: string;
}

export async function startPrism(specFile: string, { errors = true, upstream }: PrismOptions = {}): Promise<PrismServer> {
  const port = await freePort();
  const cli = require.resolve('@stoplight/prism-cli/dist/index.js');
  const command = upstream === undefined ? ['mock', specFile] : ['proxy', specFile, upstream];
  const args = [cli, ...command, '--host', '127.0.0.1', '--port', String(port)];
  if (errors) args.push('--errors');
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`prism did not start within 60 s:\n${output}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`prism exited with ${code} before listening:\n${output}`));
    });
  });
  child.stdout!.resume();
  child.stderr!.resume();
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
