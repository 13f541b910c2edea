// A throwaway copy of this repository for a release to run in: the files git would commit from
// the working tree (tracked and untracked, not ignored) in a fresh git repository with one commit,
// and the installed node_modules folders hard-linked (no install, no network; their workspace
// links are relative, so they point into the copy). Nothing the release does there touches ours.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { workspaces } from '@acr-ee/generator/release';

export const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'release test',
  GIT_AUTHOR_EMAIL: 'release-test@example.invalid',
  GIT_COMMITTER_NAME: 'release test',
  GIT_COMMITTER_EMAIL: 'release-test@example.invalid',
};

function must(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_IDENTITY }, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

export function copyRepository(from: string, to: string): void {
  const files = must('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], from).split('\0').filter(Boolean);
  for (const file of files) {
    if (!existsSync(join(from, file))) continue; // deleted in the working tree, not yet committed
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(from, file), join(to, file));
  }
  const installed = [from, ...workspaces(from).map((w) => w.dir)].map((dir) => join(dir, 'node_modules')).filter(existsSync);
  for (const folder of installed) {
    const target = join(to, folder.slice(from.length));
    rmSync(target, { recursive: true, force: true });
    must('cp', ['-al', folder, target], from);
  }
  must('git', ['init', '-q', '-b', 'main'], to);
  must('git', ['add', '-A'], to);
  must('git', ['commit', '-q', '-m', 'the repository as tested'], to);
}

export { must as runOrThrow };
