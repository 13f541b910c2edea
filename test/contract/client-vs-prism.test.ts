// Contract tests: the generated client against `prism mock` of the spec. For every operation of the
// spec (from the generator's model, never listed here) the client sends its own signed GET request
// with the spec's example parameters; the only thing between them is the routing adapter derived
// from the spec (test/support/rpc-route.ts), which changes the request path and nothing else. Prism
// validates the request (names, types, required, enums) and answers; the client's typed result must
// equal the spec's example.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel, type OperationModel } from '@acr-ee/generator';
import { AcrClient, ServiceError, ValidationError } from '@acr-ee/client';
import { startPrism, type PrismServer } from '../support/prism.js';
import { operationMethod, prismRoutedTransport } from '../support/client-calls.js';
import { repeatListsOf } from '../support/rpc-route.js';

const model = buildModel(ROOT_FILE);
const passed = new Set<string>();
let prism: PrismServer;
let client: AcrClient;
let sent = 0;

beforeAll(async () => {
  prism = await startPrism(ROOT_FILE);
  client = new AcrClient({ accessKeyId: 'contract-test', accessKeySecret: 'not-checked-by-prism', regionId: 'cn-hangzhou', endpoint: prism.url, transport: prismRoutedTransport(model.rpc, () => (sent += 1), repeatListsOf(model)), retry: false });
}, 90_000);

afterAll(async () => {
  client?.close();
  await prism?.stop();
  console.log(`contract: ${passed.size} of ${model.operations.length} operations passed against prism mock`);
});

const methodOf = (op: OperationModel) => operationMethod(client, op);

describe.each(model.operations.map((op) => [op.name, op] as const))('%s', (name, op) => {
  it('Prism accepts the client’s request with the example parameters, and the typed result is the example', async () => {
    let result: unknown;
    try {
      result = await methodOf(op)({ ...op.requestExample });
    } catch (error) {
      const detail = error instanceof ServiceError ? `${error.message} ${JSON.stringify(error.data ?? error.bodyExcerpt)}` : String(error);
      throw new Error(`${name}: Prism rejected the client's request: ${detail}`);
    }
    expect(result).toEqual(op.response.example);
    passed.add(name);
  });

  const required = op.parameters.filter((p) => p.required && !p.serverVariable);
  // Operations whose only required parameter is RegionId (filled by the client) have no such case.
  if (required.length > 0) it('the client refuses to send a request without a required parameter, naming it', async () => {
    for (const p of required) {
      const { [p.name]: _omitted, ...rest } = op.requestExample;
      const before = sent;
      await expect(methodOf(op)(rest)).rejects.toThrow(ValidationError);
      await expect(methodOf(op)(rest)).rejects.toThrow(p.name);
      expect(sent, `${name} sent a request without ${p.name}`).toBe(before);
    }
  });
});

it('exercised every operation of the spec', () => {
  expect([...passed].sort()).toEqual(model.operations.map((o) => o.name).sort());
});
