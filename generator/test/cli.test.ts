// The acr-generate command: flags are validated, spec problems are reported with their location,
// and the committed generated files match what the spec produces (`--check`).
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli.js';
import { miniSpecCopy } from './fixtures.js';

describe('acr-generate', () => {
  it('the committed generated files of every target are up to date', () => {
    const result = run(['all', '--check']);
    expect(result.output).not.toMatch(/stale/);
    expect(result.code).toBe(0);
  });

  it('rejects an unknown target, naming it and the known ones', () => {
    expect(run(['clinet'])).toEqual({ code: 2, output: expect.stringMatching(/unknown target 'clinet'[\s\S]*Targets: api, client/) });
  });

  it('rejects a missing target and an unknown flag', () => {
    expect(run([]).output).toMatch(/^no target given/);
    expect(run(['client', '--chek'])).toMatchObject({ code: 2, output: expect.stringMatching(/Unknown option '--chek'/) });
  });

  it('reports spec problems with their location and exit code 1', () => {
    const spec = miniSpecCopy({ file: 'paths/widgets.yaml', change: (d) => delete d.ListWidget.get.operationId });
    expect(run(['client', '--check', '--spec', spec])).toEqual({
      code: 1,
      output: expect.stringMatching(/paths\/widgets\.yaml#\/ListWidget\/get: an operation needs an operationId/),
    });
  });

  it('reports a missing spec file', () => {
    expect(run(['client', '--check', '--spec', '/nonexistent/openapi.yaml'])).toMatchObject({ code: 1, output: expect.stringMatching(/does not exist/) });
  });
});
