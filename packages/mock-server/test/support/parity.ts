// The two sides of a parity test: a mock server driven by @alicloud/pop-core as its users write
// requests by hand (json-style values as JSON text, repeatList arrays as `Name.N` pairs, as the
// spec's x-acr-style says for each parameter), and one
// driven by this repository's client taking natural values; their answers are compared without
// what differs by nature (RequestId, and times: each server's clock is the host's, read a few
// milliseconds apart). Servers start with signature verification on and close after each test.
import RPCClient from '@alicloud/pop-core';
import { AcrClient } from '@acr-ee/client';
import { afterEach, expect } from 'vitest';
import { operations, type OperationName } from '../../src/runtime/api.js';
import { startMockServer, type MockServer, type Seed } from '../../src/index.js';

export type Body = Record<string, unknown>;
/** Calls an operation by its Action with natural values; the side decides how they go on the wire. */
export type Call = (action: string, request: Record<string, unknown>) => Promise<Body>;

export interface Side {
  readonly credentials: { readonly accessKeyId: string; readonly accessKeySecret: string };
  readonly regionId: string;
  /** Parameters every call carries (`InstanceId`). */
  readonly defaults: Readonly<Record<string, string>>;
}

/** A factory of servers with this seed, each closed after the test that started it. */
export function serversWith(side: Side, seed: Seed): () => Promise<MockServer> {
  const started: MockServer[] = [];
  afterEach(async () => {
    for (const server of started.splice(0)) await server.close();
  });
  return async () => {
    const server = await startMockServer({ host: '127.0.0.1', port: 0, ...side.credentials, verifySignature: true, seed });
    started.push(server);
    return server;
  };
}

/** What a pop-core user writes: the json-style values as JSON text, the repeatList arrays as `Name.N` (the spec's styles). */
export function popParams(action: string, request: Record<string, unknown>): Record<string, string> {
  const params = operations[action as OperationName].params;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request)) {
    const style = params.find((p) => p.name === name)?.style;
    if (style === 'json') out[name] = JSON.stringify(value);
    else if (Array.isArray(value)) value.forEach((item, i) => (out[`${name}.${i + 1}`] = String(item)));
    else out[name] = String(value);
  }
  return out;
}

export function popCall(side: Side, target: MockServer, method: 'GET' | 'POST'): Call {
  const pop = new RPCClient({ ...side.credentials, endpoint: target.url, apiVersion: '2018-12-01' });
  return (action, request) => pop.request<Body>(action, { RegionId: side.regionId, ...side.defaults, ...popParams(action, request) }, { method });
}

/** The client's method for each Action (`ListChain` -> `listChain`), with the side's defaults. */
export function clientCall(side: Side, target: MockServer): { call: Call; client: AcrClient } {
  const client = new AcrClient({ ...side.credentials, regionId: side.regionId, endpoint: target.url, retry: false });
  const methods = client as unknown as Record<string, (r: unknown) => Promise<Body>>;
  return { client, call: (action, request) => methods[action.charAt(0).toLowerCase() + action.slice(1)]({ ...side.defaults, ...request }) };
}

/** Calls through `call` and keeps each answer, without its RequestId and with its times as their types (timeless), in order. */
export function recording(call: Call): { run: Call; answers: Body[] } {
  const answers: Body[] = [];
  const run: Call = async (action, request) => {
    const { RequestId: _id, ...rest } = await call(action, request);
    answers.push({ action, ...(timeless(rest) as Body) });
    return rest;
  };
  return { run, answers };
}

/** A scenario: calls made one way or the other against `target`, and every answer, in order. */
export type Scenario = (call: Call, target: MockServer) => Promise<Body[]>;

/**
 * Runs `scenario` as a pop-core user sending `method` requests against one new server and as a
 * user of this client against another, and expects the same answers. Returns this client's side
 * (its answers, its server, and the client, which the caller closes).
 */
export async function expectSameAnswers(side: Side, server: () => Promise<MockServer>, method: 'GET' | 'POST', scenario: Scenario): Promise<{ ours: Body[]; ourServer: MockServer; client: AcrClient }> {
  const [theirServer, ourServer] = [await server(), await server()];
  const theirs = await scenario(popCall(side, theirServer, method), theirServer);
  const { call, client } = clientCall(side, ourServer);
  try {
    const ours = await scenario(call, ourServer);
    expect(theirs).toEqual(ours);
    return { ours, ourServer, client };
  } catch (error) {
    client.close();
    throw error;
  }
}

/** A body with every time (`CreateTime`, `StartTime`, ...) replaced by its type: whether it is there, and as a number or text. */
export function timeless(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(timeless);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, /Time$/.test(name) ? typeof inner : timeless(inner)]));
}
