// The spec as it was at a git commit: the spec's folder is extracted from the repository (with
// `git archive`, so nothing in the working tree is touched) into a temporary folder, where the
// generator's own loader reads it like any spec.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';

export class BaseRefError extends Error {}

export interface SpecCheckout {
  /** The root file of the spec as it was at the ref. */
  readonly rootFile: string;
  readonly dispose: () => void;
}

/** Extracts the folder holding `rootFile` as it was at `ref`; throws BaseRefError if it cannot. */
export function checkoutSpecAt(ref: string, rootFile: string): SpecCheckout {
  if (!/^[\w./@~^{}:-]+$/.test(ref) || ref.startsWith('-')) throw new BaseRefError(`--base '${ref}' is not a git ref`);
  const specDir = dirname(rootFile);
  const top = git(['rev-parse', '--show-toplevel'], specDir).toString('utf8').trim();
  const folder = relative(top, specDir).split(sep).join('/') || '.';
  const commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], specDir, `--base '${ref}' names no commit`).toString('utf8').trim();
  const archive = git(['archive', '--format=tar', commit, '--', folder], top, `the spec folder ${folder} does not exist at ${ref}`);
  const dir = mkdtempSync(join(tmpdir(), 'acr-diff-base-'));
  const untar = spawnSync('tar', ['-x', '-f', '-', '-C', dir], { input: archive });
  if (untar.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`could not unpack the spec at ${ref}: ${untar.stderr.toString('utf8').trim()}`);
  }
  return { rootFile: join(dir, folder, basename(rootFile)), dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

function git(args: string[], cwd: string, failure?: string): Buffer {
  const result = spawnSync('git', args, { cwd, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw new BaseRefError(`git did not run: ${result.error.message}`);
  if (result.status !== 0) {
    const said = result.stderr.toString('utf8').trim().split('\n')[0];
    throw new BaseRefError(failure ?? `git ${args[0]} failed: ${said}`);
  }
  return result.stdout;
}
