// Project rules for the curated spec, each derived from the document itself (never a hand list of
// operations): every operation is complete, consistently shaped and its examples are valid.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { OpenAPIV3 } from 'openapi-types';
import { checkExamples } from '../src/examples.js';
import { loadDereferenced, readRoot, readYaml, refTarget, type Document } from '../src/load.js';
import { allParameters, listOperations, parameterSchema, successContent, throughLoneAllOf, type OperationEntry } from '../src/operations.js';
import { walkProperties } from '../src/schema-walk.js';

const COMMON_REFS = [
  'Format', 'Version', 'AccessKeyId', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce',
  'Timestamp', 'ResourceOwnerAccount', 'SecurityToken',
].map((name) => `../components/parameters.yaml#/${name}`);
const WIRE_NAME = /^[A-Za-z][A-Za-z0-9]*$/;
// x-acs-source: a section of the source document, or the vendor's metadata file (CURATION.md M-01).
const DOCUMENT_SECTION = /^§\d+\.\d+$/;
const METADATA_SOURCE = /^metadata (2024-06|2025-12)$/;
const RAM_RESOURCE = /^(\*|acs:cr:\$regionid:\$accountid:((instance|repository|chart)\/\$instanceid(\/[$a-z*]+)*))$/;

let doc: Document;
let operations: OperationEntry[];
beforeAll(async () => {
  doc = await loadDereferenced();
  operations = listOperations(doc);
});

/** Every property of a dereferenced schema, at any depth, as [name, path]. */
function propertyNames(schema: unknown): [string, string][] {
  const names: [string, string][] = [];
  walkProperties(schema, (name, path) => names.push([name, path]));
  return names;
}

describe('the operation set', () => {
  it('has the 60 documented operations and those of the metadata, each mounted at /#Action=<operationId> with GET only', () => {
    const documented = operations.filter((o) => DOCUMENT_SECTION.test(String((o.operation as Record<string, unknown>)['x-acs-source'])));
    expect(documented).toHaveLength(60);
    for (const op of operations) {
      expect(op.pathKey, op.operationId).toBe(`/#Action=${op.operationId}`);
      expect(op.method, op.operationId).toBe('get');
    }
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
  });

  it('uses the 13 chapter tags and the metadata groups, each declared with a description and each given to at least one operation', () => {
    const declared = (doc.tags ?? []).map((t) => t.name);
    expect(declared.filter((name) => (doc.tags ?? []).find((t) => t.name === name)?.description?.includes('Chapter'))).toHaveLength(13);
    for (const tag of doc.tags ?? []) expect(tag.description, tag.name).toBeTruthy();
    const used = new Set(operations.flatMap((o) => o.operation.tags ?? []));
    expect([...used].sort()).toEqual([...declared].sort());
  });
});

describe('every operation', () => {
  it('has exactly one declared tag, a summary, a description and its source (a section, or a metadata file)', () => {
    const declared = new Set((doc.tags ?? []).map((t) => t.name));
    for (const { operationId, operation } of operations) {
      expect(operation.tags, operationId).toHaveLength(1);
      expect(declared.has(operation.tags![0]), `${operationId} tag ${operation.tags![0]}`).toBe(true);
      expect(operation.summary, operationId).toMatch(/^[A-Z].*\.$/);
      expect(operation.description, operationId).toBeTruthy();
      const source = String((operation as Record<string, unknown>)['x-acs-source']);
      expect(DOCUMENT_SECTION.test(source) || METADATA_SOURCE.test(source), `${operationId} source ${source}`).toBe(true);
    }
  });

  it('carries its RAM action and resource template', () => {
    for (const { operationId, operation } of operations) {
      const ram = (operation as Record<string, unknown>)['x-acs-ram'] as Record<string, string> | undefined;
      expect(ram, operationId).toBeDefined();
      expect(ram!.action, operationId).toMatch(/^cr:[A-Z][A-Za-z]+$/);
      expect(ram!.resource, operationId).toMatch(RAM_RESOURCE);
      expect(['documented', 'corrected', 'inferred'], operationId).toContain(ram!.source);
    }
  });

  it('takes Action (its own name only), RegionId and the common parameters, by reference', () => {
    const root = readRoot();
    const chapters = new Map<string, Record<string, OpenAPIV3.PathItemObject>>();
    for (const [pathKey, item] of Object.entries(root.paths)) {
      const { file, pointer } = refTarget((item as { $ref: string }).$ref);
      const operationId = pointer.slice(1);
      if (!chapters.has(file)) chapters.set(file, readYaml(file));
      const raw = chapters.get(file)![operationId];
      expect(raw, pathKey).toBeDefined();
      expect((raw.parameters ?? []).map((p) => (p as OpenAPIV3.ReferenceObject).$ref), operationId).toEqual(COMMON_REFS);
      const own = raw.get!.parameters ?? [];
      const action = own[0] as OpenAPIV3.ParameterObject;
      expect(action.name, operationId).toBe('Action');
      expect(action.required, operationId).toBe(true);
      expect((action.schema as OpenAPIV3.SchemaObject).enum, operationId).toEqual([operationId]);
      expect(own.map((p) => (p as OpenAPIV3.ReferenceObject).$ref), operationId)
        .toContain('../components/parameters.yaml#/RegionId');
    }
  });

  it('declares each parameter once, in the query, with a wire name, a type, a description and an example', () => {
    for (const op of operations) {
      const names = allParameters(op).map((p) => p.name);
      expect(new Set(names).size, `${op.operationId} duplicates: ${names}`).toBe(names.length);
      for (const p of allParameters(op)) {
        const where = `${op.operationId} ${p.name}`;
        expect(p.name, where).toMatch(WIRE_NAME);
        expect(p.in, where).toBe('query');
        expect(p.description, where).toBeTruthy();
        expect(p.example, where).toBeDefined();
        // A shared schema with facts added (a default) is an allOf of it alone (OpenAPI 3.0 ignores a $ref's siblings).
        const schema = throughLoneAllOf(parameterSchema(p));
        expect(schema?.type ?? schema?.enum, where).toBeDefined();
        // An array or object goes on the wire in a style (CURATION G-21), its schema under content.
        const structured = schema?.type === 'array' || schema?.type === 'object';
        const style = (p as unknown as Record<string, unknown>)['x-acr-style'];
        expect(structured ? ['repeatList', 'json'] : [undefined], `${where} x-acr-style`).toContain(style);
        expect(structured ? p.content?.['application/json']?.schema : p.schema, `${where} schema or content`).toBeDefined();
      }
    }
  });

  it('names the fields that identify an item (x-acr-item-key) when it pages with PageNo and PageSize', () => {
    const paged = operations.filter((op) => {
      const names = allParameters(op).map((p) => p.name);
      return names.includes('PageNo') && names.includes('PageSize');
    });
    expect(paged.length).toBeGreaterThan(0);
    for (const op of paged) {
      const itemKey = (op.operation as { 'x-acr-item-key'?: unknown })['x-acr-item-key'];
      expect(Array.isArray(itemKey) && itemKey.length > 0, `${op.operationId} has no x-acr-item-key (CURATION G-18)`).toBe(true);
    }
  });

  it('answers 200 with the success envelope and a JSON example, 4XX and 5XX with the error body', () => {
    for (const op of operations) {
      const content = successContent(op);
      expect(content?.example, op.operationId).toBeDefined();
      const names = propertyNames(content!.schema).map(([n]) => n);
      for (const field of ['RequestId', 'IsSuccess', 'Code']) expect(names, op.operationId).toContain(field);
      for (const status of ['4XX', '5XX']) {
        const error = (op.operation.responses[status] as OpenAPIV3.ResponseObject)?.content?.['application/json'];
        const errorFields = Object.keys((error?.schema as OpenAPIV3.SchemaObject)?.properties ?? {});
        expect(errorFields, `${op.operationId} ${status}`).toEqual(['RequestId', 'HostId', 'Code', 'Message', 'Recommend']);
      }
      expect(Object.keys(op.operation.responses).sort(), op.operationId).toEqual(['200', '4XX', '5XX']);
    }
  });

  it('names every response field without spaces, and types and describes every field', () => {
    for (const op of operations) {
      walkProperties(successContent(op)?.schema, (name, path, schema) => {
        const where = `${op.operationId} ${path}`;
        const s = schema as OpenAPIV3.SchemaObject;
        expect(name, where).toMatch(WIRE_NAME);
        expect(s.description, `${where} has no description`).toBeTruthy();
        expect(s.type ?? s.allOf, `${where} has no type`).toBeDefined();
      });
    }
  });

  it('gives every integer a format (int32 or int64), in parameters and responses', () => {
    const offenders: string[] = [];
    const check = (where: string, schema: unknown) => {
      const s = schema as OpenAPIV3.SchemaObject;
      if (s?.type === 'integer' && !['int32', 'int64'].includes(s.format ?? '')) offenders.push(where);
    };
    for (const op of operations) {
      for (const p of allParameters(op)) check(`${op.operationId} ${p.name}`, parameterSchema(p));
      walkProperties(successContent(op)?.schema, (_name, path, schema) => check(`${op.operationId} ${path}`, schema));
    }
    expect(offenders).toEqual([]);
  });

  it('has examples (parameters and responses) and parameter defaults that validate against their schemas, undeclared fields included', () => {
    const failures = checkExamples(doc).flatMap((c) =>
      c.failures.map((f) => `${c.operationId} ${c.where} ${f.path}: ${f.message}`));
    expect(failures).toEqual([]);
  });
});

describe('the response format', () => {
  it('states its default once: the schema default of the format parameter x-acs-rpc names, not x-acs-rpc (CURATION G-04)', () => {
    const rpc = (doc as unknown as Record<string, Record<string, unknown>>)['x-acs-rpc'];
    expect(rpc).not.toHaveProperty('defaultFormat');
    for (const op of operations) {
      const format = allParameters(op).find((p) => p.name === rpc.formatParameter);
      expect(['XML', 'JSON'], op.operationId).toContain(parameterSchema(format!)?.default);
    }
  });
});

describe('the signature scheme', () => {
  it('is an apiKey in the query named Signature, required by every operation', () => {
    const scheme = doc.components?.securitySchemes?.AcsSignatureV1 as OpenAPIV3.ApiKeySecurityScheme;
    expect(scheme).toMatchObject({ type: 'apiKey', in: 'query', name: 'Signature' });
    expect(doc.security).toEqual([{ AcsSignatureV1: [] }]);
    for (const op of operations) expect(op.operation.security, op.operationId).toBeUndefined();
  });

  it('states the true signature of the chapter 3 worked example', () => {
    // The document prints 0LeaidS1JvxuMvnyH0wuJ+uX5qY= (digit zero for the letter O, twice).
    const query = [
      'AccessKeyId=testid', 'Action=DescribeRegions', 'Format=XML', 'SignatureMethod=HMAC-SHA1',
      'SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf', 'SignatureVersion=1.0',
      'Timestamp=2016-02-23T12%3A46%3A24Z', 'Version=2014-05-26',
    ].join('&');
    const stringToSign = `GET&%2F&${encodeURIComponent(query)}`;
    const signature = createHmac('sha1', 'testsecret&').update(stringToSign).digest('base64');
    expect(signature).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
    const scheme = doc.components?.securitySchemes?.AcsSignatureV1 as OpenAPIV3.ApiKeySecurityScheme;
    expect(scheme.description).toContain(signature);
  });

  it('describes the public and the VPC endpoint as servers with a regionId variable (CURATION G-19)', () => {
    expect(doc.servers).toHaveLength(2);
    const [pub, vpc] = doc.servers! as (OpenAPIV3.ServerObject & { 'x-acs-network'?: string })[];
    expect([pub['x-acs-network'], pub.url]).toEqual(['public', 'https://cr.{regionId}.aliyuncs.com']);
    expect([vpc['x-acs-network'], vpc.url]).toEqual(['vpc', 'https://cr-vpc.{regionId}.aliyuncs.com']);
    // The public regions are the vendor's endpoint table, host for host.
    const table = (JSON.parse(readFileSync(new URL('../../../shared/reference/cr-2018-12-01.metadata-2025-12.json', import.meta.url), 'utf8')) as {
      endpoints: { regionId: string; endpoint: string }[];
    }).endpoints;
    const regions = pub.variables!.regionId.enum!;
    expect(regions).toEqual(table.map((e) => e.regionId));
    for (const e of table) expect(`https://${e.endpoint}`).toBe(pub.url.replace('{regionId}', e.regionId));
    expect(vpc.variables!.regionId.enum).toEqual(regions);
    for (const server of [pub, vpc]) expect(regions).toContain(server.variables!.regionId.default);
  });
});
