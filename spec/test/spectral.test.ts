import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { ROOT_FILE, SPEC_DIR } from '../src/load.js';

const require = createRequire(import.meta.url);

interface SpectralResult {
  code: string;
  message: string;
  severity: number;
  path: string[];
  source?: string;
}

describe('Spectral lint (spectral:oas, all rules; see .spectral.yaml)', () => {
  it('reports nothing', () => {
    const cli = require.resolve('@stoplight/spectral-cli/dist/index.js');
    const run = spawnSync(process.execPath, [cli, 'lint', ROOT_FILE, '--ruleset', '.spectral.yaml', '--format', 'json', '--quiet'], {
      cwd: SPEC_DIR,
      encoding: 'utf8',
    });
    const jsonStart = run.stdout.indexOf('[');
    expect(jsonStart, `spectral printed no JSON report:\n${run.stdout}\n${run.stderr}`).toBeGreaterThanOrEqual(0);
    const results = JSON.parse(run.stdout.slice(jsonStart)) as SpectralResult[];
    expect(results.map((r) => `${r.code}: ${r.message} at ${r.source ?? ''}#/${r.path.join('/')}`)).toEqual([]);
  });
});
