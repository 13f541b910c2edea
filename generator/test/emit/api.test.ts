// The API description emitter: golden output for the small fixture spec, byte-identical output on
// every run, and the real spec's table agrees with the model: every operation with its chapter, RAM
// rule, parameters (in full: checks, wire style, the server variable each mirrors, default), paging
// and numeric success Code, and the common parameters with what a client sends for each.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel, flattenProperties, resolveType, type ApiModel, type ParameterModel, type TypeModel } from '../../src/model/index.js';
import { emitApiFiles } from '../../src/emit/api/index.js';
import { GOLDEN_DIR, MINI_SPEC, importEmitted, listFiles, miniSpecCopy } from '../fixtures.js';

const GOLDEN_API_DIR = join(GOLDEN_DIR, 'api');

describe('API description emitter', () => {
  it('writes the golden files for the fixture spec (update them with `npm run golden -w @acr-ee/generator`)', () => {
    const files = emitApiFiles(buildModel(MINI_SPEC));
    expect(files.map((f) => f.path)).toEqual(listFiles(GOLDEN_API_DIR));
    for (const file of files) expect(file.content, file.path).toBe(readFileSync(join(GOLDEN_API_DIR, file.path), 'utf8'));
  });

  it('is deterministic: the same spec, read from another folder, gives byte-identical files', () => {
    expect(emitApiFiles(buildModel(miniSpecCopy()))).toEqual(emitApiFiles(buildModel(MINI_SPEC)));
    expect(emitApiFiles(buildModel(ROOT_FILE))).toEqual(emitApiFiles(buildModel(ROOT_FILE)));
  });

  it('states the default response format once, as the format parameter\'s default, and refuses a common parameter default it has no place for', async () => {
    const { api } = await importEmitted(emitApiFiles(buildModel(MINI_SPEC)).find((f) => f.path === 'operations.ts')!.content);
    expect(api.defaultFormat).toBe('XML');
    expect(api.commonParameters.find((p: { name: string }) => p.name === 'Format')).not.toHaveProperty('default');
    const tokenDefault = miniSpecCopy({ file: 'components/parameters.yaml', change: (d) => (d.SecurityToken.schema.default = 'none') });
    expect(() => emitApiFiles(buildModel(tokenDefault))).toThrow(/common parameter 'SecurityToken' has a default: @acr-ee\/api has a place only for the format parameter's \(defaultFormat\)/);
  });

  it('describes every operation of the real spec as the model does', async () => {
    const model = buildModel(ROOT_FILE);
    const { api, operations } = await importEmitted(emitApiFiles(model).find((f) => f.path === 'operations.ts')!.content);
    expect(Object.keys(operations)).toEqual(model.operations.map((op) => op.name));
    for (const op of model.operations) {
      const described = operations[op.name];
      expect(described, op.name).toMatchObject({ action: op.name, group: op.group, readOnly: op.readOnly, ram: { action: op.ram.action, resource: op.ram.resource } });
      // Every parameter in spec order, in full: its checks, wire style, the server variable it mirrors and its default.
      expect(described.params, op.name).toEqual(op.parameters.map((p) => expectedParameter(model, p)));
      expect(described.pagination?.itemsField, op.name).toBe(op.pagination?.itemsField);
      if (op.pagination?.kind === 'token') expect(described.pagination.token, op.name).toEqual({ parameter: op.pagination.tokenParameter, field: op.pagination.nextTokenField });
    }
    expect(operations.ListScanBaselineByTask.successCode).toBe(0);
    expect(Object.values(operations).filter((op) => (op as { successCode?: number }).successCode !== undefined).length).toBeLessThan(model.operations.length);
    expect(api.version).toBe(model.apiVersion);
    expect(Object.keys(api.endpoints)).toEqual(model.servers.map((s) => s.network));
    expect(api.commonParameters.map((p: { name: string }) => p.name)).toEqual(model.commonParameters.map((p) => p.name));
    for (const p of model.commonParameters) {
      const described = api.commonParameters.find((c: { name: string }) => c.name === p.name);
      if (p.sent.kind === 'constant') expect(described, p.name).toMatchObject({ value: p.sent.value });
      else if (p.sent.kind === 'request') expect(described, p.name).toMatchObject({ from: p.sent.source });
      else expect(described.value ?? described.from, p.name).toBeUndefined();
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
