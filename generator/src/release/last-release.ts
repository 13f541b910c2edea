// The last release, as recorded by `npm run release` in `.changeset/last-release.json`: the commit
// whose spec was released. A git tag would not do: a fresh clone may have none (tags are fetched
// apart from branches), while the recorded commit travels with the branch it is committed on.
// No file means nothing has been released yet, so no spec change is pending a release.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const LAST_RELEASE_FILE = '.changeset/last-release.json';

export interface LastRelease {
  /** The commit (40 hex digits) whose spec/ the last release was built from. */
  readonly specCommit: string;
}

export function readLastRelease(root: string): LastRelease | undefined {
  const file = join(root, LAST_RELEASE_FILE);
  if (!existsSync(file)) return undefined;
  let record: unknown;
  try {
    record = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${LAST_RELEASE_FILE} is not JSON: ${(error as Error).message}`);
  }
  const commit = (record as { specCommit?: unknown } | null)?.specCommit;
  if (typeof commit !== 'string' || !/^[0-9a-f]{40}$/.test(commit)) {
    throw new Error(`${LAST_RELEASE_FILE} must be { "specCommit": "<40 hex digits>" }`);
  }
  return { specCommit: commit };
}

export function writeLastRelease(root: string, record: LastRelease): void {
  writeFileSync(join(root, LAST_RELEASE_FILE), `${JSON.stringify(record, null, 2)}\n`);
}
