// The mock server emitter: golden output for the small fixture spec, and the real spec's table
// agrees with the model (every operation, its parameters, RAM rule and paging).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel } from '../../src/model/index.js';
import { emitMockFiles } from '../../src/emit/mock/index.js';
import { GOLDEN_DIR, MINI_SPEC, miniSpecCopy } from '../fixtures.js';

const GOLDEN_MOCK_DIR = join(GOLDEN_DIR, 'mock');

describe('mock server emitter', () => {
  it('writes the golden files for the fixture spec (update them with `npm run golden -w @acr-ee/generator`)', () => {
    const files = emitMockFiles(buildModel(MINI_SPEC));
    expect(files.map((f) => f.path)).toEqual(readdirSync(GOLDEN_MOCK_DIR).sort());
    for (const file of files) expect(file.content, file.path).toBe(readFileSync(join(GOLDEN_MOCK_DIR, file.path), 'utf8'));
  });

  it('is deterministic', () => {
    expect(emitMockFiles(buildModel(miniSpecCopy()))).toEqual(emitMockFiles(buildModel(MINI_SPEC)));
  });

  it('lists every operation of the real spec with its RAM rule, parameters and examples', () => {
    const model = buildModel(ROOT_FILE);
    const files = Object.fromEntries(emitMockFiles(model).map((f) => [f.path, f.content]));
    for (const op of model.operations) {
      expect(files['operations.ts'], op.name).toContain(`${op.name}: {\n    action: '${op.name}',`);
      expect(files['operations.ts'], op.name).toContain(`ram: { action: '${op.ram.action}', resource: '${op.ram.resource}' },`);
      expect(files['examples.ts'], op.name).toContain(`"${op.name}": {`);
    }
  });
});
