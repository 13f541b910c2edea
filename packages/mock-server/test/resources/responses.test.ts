// Every operation of the spec, made to succeed in-process by the shared scenario
// (test/support/every-operation.ts, which builds the state each call needs through other calls),
// and every answer validated against the spec's 200 response schema with the spec's strict
// validator (undeclared fields are errors). The operations come from the generated table, so an
// operation added to the spec fails here until the scenario covers it. The same scenario runs over
// HTTP through `prism proxy` in the repository's contract tests (test/contract).
import { beforeAll, describe, expect, it } from 'vitest';
import { listOperations, loadDereferenced, successContent, validateExample } from '@acr-ee/spec';
import { operations, type OperationName } from '../../src/runtime/api.js';
import { listArtifactBuildTasks } from '../../src/resources/index.js';
import { Harness } from './harness.js';
import { SEED, exerciseEveryOperation } from '../support/every-operation.js';

const results = new Map<string, Record<string, unknown>[]>();

const schemas = new Map<string, unknown>();

beforeAll(async () => {
  const doc = await loadDereferenced();
  for (const entry of listOperations(doc)) schemas.set(entry.operationId, successContent(entry)?.schema);
  const h = new Harness(SEED);
  await exerciseEveryOperation({
    call: async (action, params) => {
      const response = h.call(action, params);
      results.set(action, [...(results.get(action) ?? []), response]);
      return response;
    },
    advance: async (ms) => h.advance(ms),
    artifactBuildTasks: async () => listArtifactBuildTasks(h.store, h.now),
  });
});

describe('every operation answers its 200 schema', () => {
  const names = Object.keys(operations).sort() as OperationName[];

  it('covers every operation of the generated table', () => {
    const missing = names.filter((name) => !results.has(name));
    expect(missing).toEqual([]);
  });

  it.each(names)('%s', (name) => {
    const responses = results.get(name) ?? [];
    expect(responses.length, `${name} was not exercised`).toBeGreaterThan(0);
    const schema = schemas.get(name);
    expect(schema, `no 200 schema for ${name}`).toBeDefined();
    for (const response of responses) expect(validateExample(schema, response), JSON.stringify(response)).toEqual([]);
  });
});
