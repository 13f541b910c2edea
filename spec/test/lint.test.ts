import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SPEC_DIR } from '../src/load.js';

interface LintProblem {
  ruleId: string;
  severity: string;
  message: string;
  location: { source: { ref: string }; pointer: string }[];
}

describe('Redocly CLI lint (recommended-strict, see redocly.yaml)', () => {
  it('reports no error and no warning', () => {
    const run = spawnSync('npx', ['redocly', 'lint', 'openapi.yaml', '--format=json'], {
      cwd: SPEC_DIR,
      encoding: 'utf8',
      env: { ...process.env, REDOCLY_SUPPRESS_NOTIFICATIONS: 'true' },
    });
    const jsonStart = run.stdout.indexOf('{');
    expect(jsonStart, `redocly printed no JSON report:\n${run.stdout}\n${run.stderr}`).toBeGreaterThanOrEqual(0);
    const report = JSON.parse(run.stdout.slice(jsonStart)) as { problems: LintProblem[] };
    const problems = report.problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => `${l.source.ref}${l.pointer}`).join(', ')}`,
    );
    expect(problems).toEqual([]);
    expect(run.status).toBe(0);
  });
});
