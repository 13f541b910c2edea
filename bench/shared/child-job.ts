// Runs one measuring process (a TypeScript file, through tsx) with its job as a JSON argument, and
// reads back the one result line it prints after `mark`. A process that fails, prints no result or
// outlives `limitMs` (killed) rejects with a message naming it.
import { spawn } from 'node:child_process';

/** Node flags that run a TypeScript file (the benchmarks' processes are TypeScript, through tsx). */
export const TSX_EXEC_ARGV = ['--import', import.meta.resolve('tsx')];

export function runJobProcess<Result>(script: string, job: unknown, mark: string, label: string, limitMs: number): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX_EXEC_ARGV, script, JSON.stringify(job)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').find((l) => l.startsWith(mark));
      if (code !== 0 || !line) {
        reject(new Error(`${label} failed (${signal ?? `exit code ${code}`}${signal ? `, limit ${limitMs} ms` : ''})`));
        return;
      }
      resolve(JSON.parse(line.slice(mark.length)) as Result);
    });
  });
}
