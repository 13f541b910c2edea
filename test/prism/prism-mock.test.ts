// Proves the spec's representation of the RPC wire works with Prism: every operation, called the
// way the wire calls it (`GET /?Action=<Op>&...` with the spec's example parameters), is routed to
// its operation through the adapter derived from the spec, validated, and answered with the
// spec's example. The full contract tests with the generated client build on this.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenAPIV3 } from 'openapi-types';
import {
  allParameters, listOperations, loadDereferenced, ROOT_FILE, successContent, type OperationEntry,
} from '@acr-ee/spec';
import { startPrism, type PrismServer } from '../support/prism.js';
import { flattenValue } from '@acr-ee/wire';
import { rpcWire, toPrismTarget, type RepeatLists, type RpcWire } from '../support/rpc-route.js';

let prism: PrismServer;
let wire: RpcWire;
let operations: OperationEntry[];
let pathKeys: number;
/** Per operation, its repeatList parameters (their `x-acr-style`). */
let repeatLists: RepeatLists;
const styleOf = (p: OpenAPIV3.ParameterObject) => (p as unknown as Record<string, 'repeatList' | 'json' | undefined>)['x-acr-style'];
/** The query parameter that carries the signature, as the spec's security scheme names it. */
let signatureParameter: string;

beforeAll(async () => {
  const doc = await loadDereferenced();
  wire = rpcWire(doc);
  operations = listOperations(doc);
  pathKeys = Object.keys(doc.paths).length;
  repeatLists = new Map(operations.map((op) => [op.operationId, allParameters(op).filter((p) => styleOf(p) === 'repeatList').map((p) => p.name)]));
  const [scheme] = Object.values(doc.components?.securitySchemes ?? {}) as OpenAPIV3.ApiKeySecurityScheme[];
  signatureParameter = scheme.name;
  prism = await startPrism(ROOT_FILE);
}, 90_000);

afterAll(async () => {
  await prism?.stop();
});

/** The wire request target of an operation, from the spec's parameter examples. */
function exampleTarget(op: OperationEntry, omit?: string): string {
  const query = new URLSearchParams();
  for (const p of allParameters(op)) {
    if (p.name === omit || p.example === undefined) continue;
    const style = styleOf(p);
    // An array or object parameter goes as its wire style writes it (`Tag.1.Key=...`, or JSON).
    if (style === undefined) query.set(p.name, String(p.example));
    else for (const [name, value] of flattenValue(p.name, style, p.example)) query.set(name, value);
  }
  query.set(signatureParameter, 'c2lnbmF0dXJlLW5vdC1jaGVja2VkLWJ5LXByaXNt');
  return `/?${query.toString().replace(/\+/g, '%20')}`;
}

async function get(target: string): Promise<{ status: number; body: unknown; violations: string }> {
  const res = await fetch(`${prism.url}${target}`);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, violations: res.headers.get('sl-violations') ?? '' };
}

describe('prism mock of the spec', () => {
  it('does not route the raw wire (the reason the adapter exists)', async () => {
    const res = await get(exampleTarget(operations[0]));
    expect(res.status).toBe(404);
  });

  it('answers every operation, routed by Action, with its example', async () => {
    const failures: string[] = [];
    for (const op of operations) {
      const res = await get(toPrismTarget(wire, exampleTarget(op), repeatLists));
      const example = successContent(op)?.example;
      if (res.status !== 200) failures.push(`${op.operationId}: HTTP ${res.status} ${res.violations}`);
      else if (JSON.stringify(res.body) !== JSON.stringify(example)) failures.push(`${op.operationId}: body differs`);
    }
    expect(failures).toEqual([]);
    expect(operations).toHaveLength(pathKeys);
  }, 120_000);

  it('rejects a request missing a required parameter of the operation, naming it', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const op of operations) {
      const required = (op.operation.parameters as OpenAPIV3.ParameterObject[])
        .find((p) => p.required && p.name !== wire.actionParameter);
      if (!required) continue;
      checked++;
      const res = await get(toPrismTarget(wire, exampleTarget(op, required.name), repeatLists));
      if (res.status !== 422 || !res.violations.toLowerCase().includes(required.name.toLowerCase())) {
        failures.push(`${op.operationId} without ${required.name}: HTTP ${res.status} ${res.violations}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBe(pathKeys);
  }, 120_000);
});
