// Runs Debian's skopeo (CI installs it: .ci/run) against a server in this process: asynchronously,
// since a synchronous child would block the event loop the server answers on. TLS verification is
// off because the server speaks plain HTTP on loopback (skopeo then falls back from HTTPS to HTTP).
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SKOPEO = '/usr/bin/skopeo';

export interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const home = mkdtempSync(join(tmpdir(), 'skopeo-home-'));

export function skopeo(args: readonly string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(SKOPEO, ['--insecure-policy', ...args], { timeout: 180_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, HOME: home, XDG_RUNTIME_DIR: home } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      const missing = error?.code === 'ENOENT' ? `${SKOPEO} is missing: install Debian's skopeo (apt-get install -y skopeo; .ci/run does it)` : '';
      resolve({ code, stdout, stderr: missing + stderr });
    });
  });
}

/** `skopeo copy` and its result; a failure includes skopeo's own words (credentials never appear in them). */
export async function copy(from: string, to: string, extra: readonly string[]): Promise<Run> {
  return skopeo(['copy', '--retry-times', '0', ...extra, from, to]);
}
