// The mock server emitter: golden output for the small fixture spec, what it requires of a spec,
// and an example for every operation of the real spec. The table the server serves (@acr-ee/api's)
// is the API description emitter's, checked against the model in api.test.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel } from '../../src/model/index.js';
import { emitMockFiles } from '../../src/emit/mock/index.js';
import { emitApiFiles } from '../../src/emit/api/index.js';
import { mockView } from '../../../packages/mock-server/src/runtime/operation.js';
import { GOLDEN_DIR, MINI_SPEC, importEmitted, miniSpecCopy } from '../fixtures.js';

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

  it('names the parameters it checks callers by as the spec does (x-acr-value and x-acs-rpc), whatever they are called', async () => {
    const renamed = miniSpecCopy(
      { file: 'components/parameters.yaml', change: (doc) => (doc.Timestamp.name = 'RequestTime') },
      { file: 'openapi.yaml', change: (doc) => (doc['x-acs-rpc'].formatParameter = 'Format') },
    );
    const model = buildModel(renamed);
    const callers = emitMockFiles(model).find((f) => f.path === 'callers.ts')!.content;
    const files = Object.fromEntries(emitApiFiles(model).map((f) => [f.path, f.content]));
    const api = mockView((await importEmitted(files['operations.ts'])).api, (await importEmitted(callers)).callerParameters);
    expect(api.formatParameter).toBe('Format');
    expect(api.commonNames).toEqual({ accessKeyId: 'AccessKeyId', securityToken: 'SecurityToken', signatureNonce: 'SignatureNonce', timestamp: 'RequestTime', apiVersion: 'Version' });
  });

  it('refuses a spec whose common parameters do not say which one carries the request time', () => {
    const withoutTime = miniSpecCopy({ file: 'components/parameters.yaml', change: (doc) => delete doc.Timestamp['x-acr-value'] });
    expect(() => emitMockFiles(buildModel(withoutTime))).toThrow(/components\/parameters: the mock server checks callers by common parameters the spec does not name: give one an x-acr-value from timestamp/);
  });

  it('refuses a spec that does not say which parameter chooses the response format', () => {
    const withoutFormat = miniSpecCopy({ file: 'openapi.yaml', change: (doc) => delete doc['x-acs-rpc'].formatParameter });
    expect(() => emitMockFiles(buildModel(withoutFormat))).toThrow(/x-acs-rpc: the mock server needs formatParameter/);
  });

  it('has examples for every operation of the real spec', async () => {
    const model = buildModel(ROOT_FILE);
    const files = Object.fromEntries(emitMockFiles(model).map((f) => [f.path, f.content]));
    const { examples } = await importEmitted(files['examples.ts']);
    for (const op of model.operations) expect(examples, op.name).toHaveProperty([op.name]);
  });
});
