// Every operation of the spec (enumerated from the generator's model, never listed here) is called
// through the generated client with the spec's example parameters, against a loopback server that
// checks the signature and the parameters it received and answers with the spec's example.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT_FILE } from '@acr-ee/spec';
import { buildModel, type OperationModel } from '@acr-ee/generator';
import { flattenValue } from '@acr-ee/wire';
import { AcrClient, signatureOf } from '../../src/index.js';
import { startRecordingServer, type RecordedRequest, type RecordingServer } from '../support/recording-server.js';

const model = buildModel(ROOT_FILE);
const KEY = { accessKeyId: 'test-key-id', accessKeySecret: 'test-secret-Δ/+=' };
const CLIENT_REGION = 'cn-beijing';

let server: RecordingServer;
let client: AcrClient;

/** What the real service checks first: a valid signature and well-formed common parameters. */
function checkCommon(request: RecordedRequest): void {
  const { Signature, ...signed } = request.params;
  const expected = signatureOf(request.method, signed, KEY.accessKeySecret);
  if (Signature !== expected) throw new Error(`signature mismatch: got ${Signature}, expected ${expected}`);
  expect(request.path).toBe(model.rpc.path);
  expect(signed).toMatchObject({
    Format: 'JSON',
    Version: model.apiVersion,
    AccessKeyId: KEY.accessKeyId,
    SignatureMethod: model.signature.method,
    SignatureVersion: model.signature.version,
  });
  // Only what the spec defines goes on the wire: the operation's parameters, the common ones, the
  // Action and the signature; and every required common parameter is there.
  const op = exampleOf(request.params.Action);
  const known = new Set([model.rpc.actionParameter, model.signature.parameterName, ...model.commonParameters.map((p) => p.name), ...op.parameters.map((p) => p.name)]);
  const lists = op.parameters.filter((p) => p.style === 'repeatList').map((p) => `${p.name}.`);
  expect(Object.keys(request.params).filter((name) => !known.has(name) && !lists.some((l) => name.startsWith(l)))).toEqual([]);
  for (const p of model.commonParameters.filter((p) => p.required)) expect(signed[p.name], p.name).toBeDefined();
  expect(signed.Timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  expect(signed.SignatureNonce).toMatch(/^[0-9a-f-]{36}$/);
}

function exampleOf(name: string): OperationModel {
  return model.operations.find((o) => o.name === name)!;
}

beforeAll(async () => {
  server = await startRecordingServer((request) => {
    checkCommon(request);
    return { body: exampleOf(request.params.Action).response.example };
  });
  client = new AcrClient({ ...KEY, regionId: CLIENT_REGION, endpoint: server.url, retry: false });
});

afterAll(() => server.close());

/** The wire pairs of a request's own parameters: scalars as text, arrays and objects in their style (G-21). */
function wirePairs(op: OperationModel, request: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request)) {
    const style = op.parameters.find((p) => p.name === name)?.style;
    if (style === undefined) out[name] = String(value);
    else for (const [wireName, text] of flattenValue(name, style, value)) out[wireName] = text;
  }
  return out;
}

describe.each(model.operations.map((op) => [op.name, op] as const))('%s', (_name, op) => {
  const call = (request: Record<string, unknown>, method: 'GET' | 'POST' = 'GET') =>
    (client as unknown as Record<string, (r: unknown, o: unknown) => Promise<unknown>>)[op.methodName](request, { method });

  it.each(['GET', 'POST'] as const)('%s with the example parameters returns the example response', async (method) => {
    const before = server.requests.length;
    const result = await call({ ...op.requestExample }, method);
    expect(result).toEqual(op.response.example);
    expect(server.requests).toHaveLength(before + 1);
    const received = server.requests.at(-1)!;
    expect(received.method).toBe(method);
    expect(received.params.Action).toBe(op.name);
    const expected = wirePairs(op, op.requestExample);
    const lists = op.parameters.filter((p) => p.style === 'repeatList').map((p) => `${p.name}.`);
    const own = Object.fromEntries(Object.entries(received.params).filter(([name]) => op.parameters.some((p) => p.name === name) || lists.some((l) => name.startsWith(l))));
    expect(own).toEqual(expected);
  });

  it('fills RegionId from the client when the call omits it', async () => {
    const { RegionId: _omitted, ...rest } = op.requestExample;
    await call(rest);
    expect(server.requests.at(-1)!.params.RegionId).toBe(CLIENT_REGION);
  });
});

// A parameter with a default is the service's to fill in: the client sends only what the call gives.
const withDefaults = model.operations.filter((op) => op.parameters.some((p) => p.default !== undefined));

describe.each(withDefaults.map((op) => [op.name, op] as const))('%s, leaving out its parameters that have a default', (_name, op) => {
  it('sends none of them', async () => {
    const defaulted = op.parameters.filter((p) => p.default !== undefined).map((p) => p.name);
    const request = Object.fromEntries(Object.entries(op.requestExample).filter(([name]) => !defaulted.includes(name)));
    await (client as unknown as Record<string, (r: unknown) => Promise<unknown>>)[op.methodName](request);
    const sent = Object.keys(server.requests.at(-1)!.params);
    expect(sent.filter((name) => defaulted.includes(name))).toEqual([]);
    expect(sent).toEqual(expect.arrayContaining(Object.keys(wirePairs(op, request))));
  });
});

it('has operations with a parameter default to check', () => {
  expect(withDefaults.length).toBeGreaterThan(0);
});

it('exercised every operation of the spec', () => {
  const seen = new Set(server.requests.map((r) => r.params.Action));
  expect([...seen].sort()).toEqual(model.operations.map((o) => o.name).sort());
});
