// Contract tests the other way round: the mock server's answers against the spec. The running
// mock server (@acr-ee/mock-server, built) sits behind `prism proxy` of the spec with `--errors`,
// so Prism validates both the client's request and the server's answer, and turns a violation
// into an error answer of its own (422 for the request, 500 for the answer; warnings come back in
// its `sl-violations` header). The shared scenario
// (packages/mock-server/test/support/every-operation.ts) makes every operation succeed through the
// generated client with signature verification on; each answer Prism let through is also checked
// with the spec's strict validator, which Prism is not (undeclared fields are errors there). Then
// every operation's error answer (an unknown instance; for operations without one, a wrong
// signature) is validated the same way against the spec's error response.
//
//   client --/?Action=X--> routing adapter --/%23Action=X?...--> prism proxy --> path hop --/?Action=X--> mock server
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenAPIV3 } from 'openapi-types';
import { ROOT_FILE, listOperations, loadDereferenced, successContent, validateExample } from '@acr-ee/spec';
import { buildModel, type OperationModel } from '@acr-ee/generator';
import { AcrClient, ServiceError, type Transport } from '@acr-ee/client';
import { startMockServer, type MockServer } from '@acr-ee/mock-server';
import { SEED, exerciseEveryOperation } from '../../packages/mock-server/test/support/every-operation.js';
import { startPrism, type PrismServer } from '../support/prism.js';
import { startPathHop, type PathHop } from '../support/path-hop.js';
import { fromPrismTarget, repeatListsOf } from '../support/rpc-route.js';
import { operationMethod, prismRoutedTransport } from '../support/client-calls.js';

const model = buildModel(ROOT_FILE);
const byName = new Map(model.operations.map((op) => [op.name, op]));

/** One request and the answer Prism gave for it. */
interface Exchange {
  action: string;
  status: number;
  violations: string | undefined;
  body: string;
}

const exchanges = new Map<string, Exchange[]>();
const errorExchanges = new Map<string, Exchange>();
const successSchemas = new Map<string, unknown>();
const errorSchemas = new Map<string, unknown>();
let scenarioFailure: string | undefined;
let mock: MockServer;
let hop: PathHop;
let prism: PrismServer;
let client: AcrClient;
let record: (exchange: Exchange) => void = () => {};

/** The client's own transport, routed to Prism's path keys, keeping every answer as Prism sent it. */
function recordingTransport(): Transport {
  return prismRoutedTransport(model.rpc, (request, response) => {
    const query = request.path.slice(request.path.indexOf('?'));
    const violations = response.headers['sl-violations'];
    record({
      action: new URLSearchParams(query).get(model.rpc.actionParameter) ?? '',
      status: response.status,
      violations: Array.isArray(violations) ? violations.join('\n') : violations,
      body: response.body,
    });
  }, repeatListsOf(model));
}

const methodOf = (op: OperationModel, on: AcrClient = client) => operationMethod(on, op);

function describeError(error: unknown): string {
  return error instanceof ServiceError ? `${error.message} ${JSON.stringify(error.data ?? error.bodyExcerpt)}` : String(error);
}

beforeAll(async () => {
  const doc = (await loadDereferenced()) as OpenAPIV3.Document;
  for (const entry of listOperations(doc)) {
    successSchemas.set(entry.operationId, successContent(entry)?.schema);
    const clientError = entry.operation.responses?.['4XX'] as OpenAPIV3.ResponseObject | undefined;
    errorSchemas.set(entry.operationId, clientError?.content?.['application/json']?.schema);
  }
  mock = await startMockServer({ seed: SEED });
  hop = await startPathHop(mock.url, (target) => fromPrismTarget(model.rpc, target, repeatListsOf(model)));
  prism = await startPrism(ROOT_FILE, { upstream: hop.url });
  client = new AcrClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', regionId: 'cn-hangzhou', endpoint: prism.url, transport: recordingTransport(), retry: false });

  record = (exchange) => exchanges.set(exchange.action, [...(exchanges.get(exchange.action) ?? []), exchange]);
  try {
    await exerciseEveryOperation({
      call: async (action, params) => {
        try {
          return (await methodOf(byName.get(action)!)(params)) as Record<string, unknown>;
        } catch (error) {
          throw new Error(`${action} failed through prism proxy: ${describeError(error)}`);
        }
      },
      // Through the admin endpoint, as a user's test would (it is not an operation of the spec).
      advance: async (ms) => {
        const answer = await fetch(`${mock.url}/-/clock?advanceMs=${ms}`, { method: 'POST' });
        if (!answer.ok) throw new Error(`the mock server's clock did not move: HTTP ${answer.status}`);
      },
      // No operation lists artifact build tasks: the admin endpoint does.
      artifactBuildTasks: async () => {
        const answer = await fetch(`${mock.url}/-/artifact-build-tasks`);
        if (!answer.ok) throw new Error(`the mock server did not list its artifact build tasks: HTTP ${answer.status}`);
        return ((await answer.json()) as { tasks: { BuildTaskId: string; Tag: string }[] }).tasks;
      },
    });
  } catch (error) {
    scenarioFailure = String(error);
  }

  // Error answers: the example request on an instance that does not exist, or, for operations
  // without an instance, signed with the wrong secret.
  record = (exchange) => errorExchanges.set(exchange.action, exchange);
  const wrongSecret = new AcrClient({ accessKeyId: 'testid', accessKeySecret: 'not-the-secret', regionId: 'cn-hangzhou', endpoint: prism.url, transport: recordingTransport(), retry: false });
  for (const op of model.operations) {
    const takesInstance = op.parameters.some((p) => p.name === 'InstanceId');
    const call = takesInstance ? methodOf(op)({ ...op.requestExample, InstanceId: 'cri-doesnotexist00' }) : methodOf(op, wrongSecret)(op.requestExample);
    await call.catch(() => undefined);
  }
  wrongSecret.close();
}, 120_000);

afterAll(async () => {
  client?.close();
  await prism?.stop();
  await hop?.stop();
  await mock?.close();
  const passed = model.operations.filter((op) => exchanges.has(op.name) && errorExchanges.has(op.name)).length;
  console.log(`contract: ${passed} of ${model.operations.length} operations' mock-server answers exercised through prism proxy`);
});

function expectValid(exchange: Exchange, schema: unknown): void {
  const where = `${exchange.action} (HTTP ${exchange.status})`;
  expect(exchange.violations, `${where}: prism proxy reported violations`).toBeUndefined();
  let body: unknown;
  expect(() => (body = JSON.parse(exchange.body)), `${where}: the answer is not JSON: ${exchange.body.slice(0, 200)}`).not.toThrow();
  expect(validateExample(schema, body), `${where}: ${exchange.body.slice(0, 500)}`).toEqual([]);
}

describe.each(model.operations.map((op) => [op.name] as const))('%s', (name) => {
  it('the mock server’s success answer passes prism proxy and the spec’s strict schema', () => {
    const seen = exchanges.get(name) ?? [];
    expect(seen.length, `${name} was not exercised${scenarioFailure ? `: ${scenarioFailure}` : ''}`).toBeGreaterThan(0);
    for (const exchange of seen) {
      expect(exchange.status, `${name}: ${exchange.body.slice(0, 500)}`).toBe(200);
      expectValid(exchange, successSchemas.get(name));
    }
  });

  it('the mock server’s error answer passes prism proxy and the spec’s error schema', () => {
    const exchange = errorExchanges.get(name);
    expect(exchange, `${name}: no error answer recorded`).toBeDefined();
    expect(exchange!.status, `${name}: ${exchange!.body.slice(0, 500)}`).toBeGreaterThanOrEqual(400);
    expect(exchange!.status).toBeLessThan(500);
    expectValid(exchange!, errorSchemas.get(name));
  });
});

it('the scenario ran to its end', () => {
  expect(scenarioFailure).toBeUndefined();
});

describe('prism proxy really validates answers', () => {
  let wrong: Server;
  let strictPrism: PrismServer;

  beforeAll(async () => {
    // A server that answers GetInstance with a RequestId of the wrong type and no other field.
    wrong = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 42 }));
    });
    await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve));
    strictPrism = await startPrism(ROOT_FILE, { upstream: `http://127.0.0.1:${(wrong.address() as AddressInfo).port}` });
  }, 90_000);

  afterAll(async () => {
    await strictPrism?.stop();
    await new Promise((resolve) => wrong?.close(resolve));
  });

  it('a wrong answer comes back as an error naming the violation', async () => {
    const op = byName.get('GetInstance')!;
    const wrongClient = new AcrClient({ accessKeyId: 'testid', accessKeySecret: 'testsecret', regionId: 'cn-hangzhou', endpoint: strictPrism.url, transport: recordingTransport(), retry: false });
    let seen: Exchange | undefined;
    record = (exchange) => (seen = exchange);
    try {
      await expect(methodOf(op, wrongClient)(op.requestExample)).rejects.toThrow(ServiceError);
    } finally {
      wrongClient.close();
    }
    expect(seen?.status, seen?.body).toBe(500);
    expect(seen?.body).toMatch(/VIOLATIONS/);
    expect(seen?.body).toMatch(/RequestId must be string/);
  });
});
