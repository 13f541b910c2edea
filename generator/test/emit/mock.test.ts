// The mock server emitter: golden output for the small fixture spec, what it requires of a spec,
// and the table the server serves (@acr-ee/api's, emit/api) agrees with the model for the real spec
// (every operation, its parameters, RAM rule) with an example for each.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel, flattenProperties, resolveType, type ApiModel, type ParameterModel, type TypeModel } from '../../src/model/index.js';
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
    expect(() => emitMockFiles(model)).not.toThrow();
    const files = Object.fromEntries(emitApiFiles(model).map((f) => [f.path, f.content]));
    const api = mockView((await importEmitted(files['operations.ts'])).api);
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

  it('lists every operation of the real spec with its RAM rule, parameters and examples', async () => {
    const model = buildModel(ROOT_FILE);
    const files = Object.fromEntries(emitMockFiles(model).map((f) => [f.path, f.content]));
    const { operations } = await importEmitted(emitApiFiles(model).find((f) => f.path === 'operations.ts')!.content);
    const { examples } = await importEmitted(files['examples.ts']);
    expect(Object.keys(operations)).toEqual(model.operations.map((op) => op.name));
    for (const op of model.operations) {
      expect(operations[op.name], op.name).toMatchObject({ action: op.name, group: op.group, ram: { action: op.ram.action, resource: op.ram.resource } });
      expect(operations[op.name].params, op.name).toEqual(op.parameters.map((p) => expectedParameter(model, p)));
      expect(examples, op.name).toHaveProperty([op.name]);
    }
  });
});

const CONSTRAINTS = ['enum', 'minLength', 'maxLength', 'pattern', 'minimum', 'maximum'] as const;

/**
 * A parameter as the spec states it: wire name, kind, required, and its schema's constraints; an
 * array or object one also its wire style and the shape of its parts (items, properties); one
 * mirroring a server URL variable, that variable.
 */
function expectedParameter(model: ApiModel, p: ParameterModel): Record<string, unknown> {
  const { kind, ...rest } = expectedShape(model, p.type);
  return { name: p.name, kind, required: p.required, ...(p.style ? { style: p.style } : {}), ...rest, ...(p.serverVariable ? { serverVariable: p.serverVariable } : {}), ...(p.default !== undefined ? { default: p.default } : {}) };
}

function expectedShape(model: ApiModel, given: TypeModel): Record<string, unknown> {
  const type = resolveType(model, given);
  if (type.kind === 'array') {
    return { kind: 'array', items: expectedShape(model, type.items), ...(type.minItems !== undefined ? { minItems: type.minItems } : {}), ...(type.maxItems !== undefined ? { maxItems: type.maxItems } : {}) };
  }
  if (type.kind === 'object') {
    const properties = flattenProperties(model, type);
    const required = properties.filter((f) => f.required).map((f) => f.name);
    return { kind: 'object', properties: Object.fromEntries(properties.map((f) => [f.name, expectedShape(model, f.type)])), ...(required.length > 0 ? { requiredProperties: required } : {}) };
  }
  const record = type as unknown as Record<string, unknown>;
  return { kind: type.kind, ...Object.fromEntries(CONSTRAINTS.filter((key) => record[key] !== undefined).map((key) => [key, record[key]])) };
}
