// The model built from the real spec: every operation, derived traits (paging, read-only, region),
// and nothing the spec does not say.
import { describe, expect, it } from 'vitest';
import { ROOT_FILE, allParameters, listOperations, loadDereferenced } from '@acr-ee/spec';
import { buildModel, flattenProperties, resolveType } from '../../src/model/index.js';
import { MINI_SPEC } from '../fixtures.js';

const model = buildModel(ROOT_FILE);
const doc = await loadDereferenced();

describe('the model of the real spec', () => {
  it('has every operation of the spec, once, in spec order', () => {
    expect(model.operations.map((o) => o.name)).toEqual(listOperations(doc).map((e) => e.operationId));
    expect(model.operations).toHaveLength(Object.keys(doc.paths).length);
  });

  it('puts every operation in exactly one group, groups in tag order', () => {
    expect(model.groups.map((g) => g.name)).toEqual(doc.tags!.map((t) => t.name));
    expect(model.groups.flatMap((g) => g.operations).sort()).toEqual(model.operations.map((o) => o.name).sort());
  });

  it('derives paging from PageNo/PageSize and TotalCount, or from NextToken, with the one list of the response', () => {
    for (const op of model.operations) {
      const names = op.parameters.map((p) => p.name);
      const fields = flattenProperties(model, op.response.type);
      const byPageNumber = names.includes('PageNo') && names.includes('PageSize');
      const byToken = !byPageNumber && names.includes('NextToken') && fields.some((f) => f.name === 'NextToken');
      expect(op.pagination?.kind, op.name).toBe(byPageNumber ? 'page-number' : byToken ? 'token' : undefined);
      if (!op.pagination) continue;
      const field = fields.find((p) => p.name === op.pagination!.itemsField);
      const outer = resolveType(model, field!.type);
      const { itemsInnerField } = op.pagination;
      const list = itemsInnerField === undefined ? outer : outer.kind === 'object' ? resolveType(model, flattenProperties(model, outer).find((p) => p.name === itemsInnerField)!.type) : outer;
      expect(list.kind, op.name).toBe('array');
    }
    // The paged operations, read from the spec itself rather than counted by hand (families keep adding some).
    const paged = listOperations(doc).filter((e) => ['PageNo', 'PageSize'].every((name) => allParameters(e).some((p) => p.name === name)));
    expect(paged.length).toBeGreaterThan(0);
    expect(model.operations.filter((o) => o.pagination?.kind === 'page-number').map((o) => o.name)).toEqual(paged.map((e) => e.operationId));
    // ListTagResources pages by token, its pairs wrapped as the service's XML-shaped answer has them.
    expect(model.operations.find((o) => o.name === 'ListTagResources')?.pagination).toMatchObject({
      kind: 'token',
      tokenParameter: 'NextToken',
      nextTokenField: 'NextToken',
      itemsField: 'TagResources',
      itemsInnerField: 'TagResource',
    });
  });

  it('reads each paged operation’s item key from x-acr-item-key, fields of its items', () => {
    for (const op of model.operations.filter((o) => o.pagination?.kind === 'page-number')) {
      const raw = doc.paths[op.pathKey]!.get as unknown as Record<string, unknown>;
      expect(op.pagination!.itemKey, op.name).toEqual(raw['x-acr-item-key']);
      const item = resolveType(model, op.pagination!.itemType);
      const fields = item.kind === 'object' ? flattenProperties(model, item).map((p) => p.name) : [];
      expect(op.pagination!.itemKey, op.name).toBeDefined();
      for (const key of op.pagination!.itemKey ?? []) expect(fields, op.name).toContain(key);
    }
  });

  it('reads the waiters from x-acr-waiters, each on a read operation, with its method name', () => {
    const waiters = model.operations.flatMap((op) => op.waiters.map((w) => [op.name, w.methodName, w.field?.join('.') ?? w.successErrors.join()]));
    expect(waiters).toEqual([
      ['GetInstance', 'waitUntilInstanceRunning', 'InstanceStatus'],
      ['GetRepoSyncTask', 'waitUntilRepoSyncTaskFinished', 'TaskStatus'],
      ['GetNamespace', 'waitUntilNamespaceDeleted', 'NAMESPACE_NOT_EXIST'],
      ['GetRepository', 'waitUntilRepositoryDeleted', 'REPO_NOT_EXIST'],
      ['GetRepoTagScanStatus', 'waitUntilRepoTagScanComplete', 'Status'],
      ['GetRepoBuildRecordStatus', 'waitUntilRepoBuildFinished', 'BuildStatus'],
      ['GetArtifactSubscriptionTask', 'waitUntilArtifactSubscriptionTaskFinished', 'TaskStatus'],
    ]);
    const running = model.operations.find((o) => o.name === 'GetInstance')!.waiters[0];
    expect(running).toMatchObject({ success: ['RUNNING'], retry: ['PENDING', 'STARTING'], ignoreCase: false, successErrors: [] });
  });

  it('marks Get* and List* as read-only and nothing else', () => {
    for (const op of model.operations) expect(op.readOnly, op.name).toBe(/^(Get|List)/.test(op.name));
  });

  it('keeps Action and the common parameters out of each operation’s own parameters', () => {
    const common = model.commonParameters.map((p) => p.name);
    expect(common).toEqual(['Format', 'Version', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'Timestamp', 'ResourceOwnerAccount', 'SecurityToken']);
    for (const op of model.operations) {
      const names = op.parameters.map((p) => p.name);
      expect(names, op.name).not.toContain('Action');
      for (const name of common) expect(names, op.name).not.toContain(name);
      expect(names[0], op.name).toBe('RegionId');
    }
  });

  it('links RegionId to the server variable regionId', () => {
    for (const op of model.operations) expect(op.parameters[0].serverVariable, op.name).toBe('regionId');
    const others = model.operations.flatMap((o) => o.parameters.slice(1)).filter((p) => p.serverVariable);
    expect(others).toEqual([]);
  });

  it('has an example value for every required parameter and the 200 example of every operation', () => {
    for (const op of model.operations) {
      for (const p of op.parameters.filter((p) => p.required)) expect(op.requestExample[p.name], `${op.name}.${p.name}`).toBeDefined();
      expect(op.response.example, op.name).toEqual((doc.paths[op.pathKey]!.get!.responses['200'] as any).content['application/json'].example);
    }
  });

  it('carries the RAM rule, the source section and the error responses', () => {
    for (const op of model.operations) {
      const raw = doc.paths[op.pathKey]!.get! as any;
      expect(op.ram).toEqual(raw['x-acs-ram']);
      expect(op.source).toBe(raw['x-acs-source']);
      expect(op.errors.map((e) => e.status)).toEqual(['4XX', '5XX']);
    }
    expect(model.errorSchema).toBe('ErrorResponse');
  });

  it('reads the wire mapping and the signature scheme', () => {
    expect(model.rpc).toMatchObject({ path: '/', actionParameter: 'Action', pathKeyTemplate: '/#Action={operationId}', defaultFormat: 'XML' });
    expect(model.signature).toMatchObject({ parameterName: 'Signature', version: '1.0', method: 'HMAC-SHA1', keySuffix: '&' });
    expect(model.server.urlTemplate).toBe('https://cr.{regionId}.aliyuncs.com');
    expect(model.apiVersion).toBe('2018-12-01');
  });

  it('names shared schemas by their component key and resolves every reference', () => {
    const names = new Set(model.schemas.map((s) => s.name));
    expect(names.size).toBe(model.schemas.length);
    const visit = (t: any): void => {
      if (t.kind === 'ref') expect(names.has(t.name), t.name).toBe(true);
      if (t.kind === 'array') visit(t.items);
      if (t.kind === 'object') {
        for (const b of t.bases) expect(names.has(b), b).toBe(true);
        t.properties.forEach((p: any) => visit(p.type));
      }
    };
    model.schemas.forEach((s) => visit(s.type));
    model.operations.forEach((o) => visit(o.response.type));
  });

  it('has no absolute paths in it (locations are relative to the spec folder)', () => {
    expect(JSON.stringify(model)).not.toContain(ROOT_FILE.replace(/openapi\.yaml$/, ''));
    expect(buildModel(MINI_SPEC).operations.map((o) => o.location)).toEqual([
      'paths/widgets.yaml#/GetWidget/get',
      'paths/widgets.yaml#/ListWidget/get',
      'paths/widgets.yaml#/CreateWidget/get',
    ]);
  });
});
