// Admin endpoints, under `/-/` (the RPC wire only ever uses `/`), never signed, always JSON:
//
//   GET    /-/health   {"status":"ok","apiVersion":...,"operations":60,"verifySignature":true,"now":...}
//   GET    /-/clock    {"now":<ms>,"iso":"...","offsetMs":<ms>}
//   POST   /-/clock    body {"advanceMs":N} (forward by N ms) or {"offsetMs":N} (set the offset);
//                      or the same as a query parameter (`/-/clock?advanceMs=60000`). Answers as GET.
//   GET    /-/faults   the fault configuration        PUT|POST: replace it (body)   DELETE: none
//   GET    /-/policy   {"policy":<document>|null}     PUT|POST: replace it (body)   DELETE: none
//   POST   /-/reset    state, clock, faults, policy and nonces back to how the server started
//   GET    /-/stats    {"requests":N,"internalErrors":N}
//
// Services add read-only endpoints of their own (Mounted.admin; the CR API's
// /-/artifact-build-tasks, see start.ts): GET only, never behind the admin token.
//
// Failures use the error body (JSON): 400 InvalidParameter, 404 InvalidPath.NotFound, 405.
import { timingSafeEqual } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { api, operations } from '../api.js';
import { checkFaultConfig, FaultConfigError } from '../policy/faults.js';
import { emptyParams, parseParamsInto } from '../http/params.js';
import { PolicyError } from '../policy/ram.js';
import { asMockError, hostIdOf, newRequestId, send, sendError } from '../http/respond.js';
import { ACTIONS, type ServerState } from './state.js';
import type { AdminView } from '../http/mount.js';
import { internalError, invalidParameter, methodNotAllowed, MockError, pathNotFound } from '../http/wire-errors.js';

export const ADMIN_PREFIX = '/-/';

export interface AdminRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly body: Buffer | undefined;
  readonly host: string | undefined;
  readonly authorization: string | undefined;
}

/** The endpoints that change the server: behind the admin token when there is one. */
const GUARDED = new Set(['/-/clock', '/-/faults', '/-/policy', '/-/reset']);

function checkAdminToken(state: ServerState, req: AdminRequest): void {
  const token = state.adminToken;
  if (token === undefined || !GUARDED.has(req.path)) return;
  const given = Buffer.from(req.authorization?.startsWith('Bearer ') ? req.authorization.slice(7) : '');
  const expected = Buffer.from(token);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new MockError(401, 'InvalidAdminToken', 'This admin endpoint needs the admin token (printed at start, or given with --admin-token): send Authorization: Bearer <token>.');
  }
}

type Route = (state: ServerState, req: AdminRequest) => unknown;

const routes: Readonly<Record<string, Readonly<Record<string, Route>>>> = {
  '/-/health': {
    GET: (state) => ({ status: 'ok', apiVersion: api.version, operations: Object.keys(operations).length, verifySignature: state.verifySignature, now: state.clock.now() }),
  },
  '/-/clock': { GET: clockOf, POST: moveClock, PUT: moveClock },
  '/-/faults': {
    GET: (state) => state.faults.config,
    PUT: setFaults,
    POST: setFaults,
    DELETE: (state) => {
      state.faults.set({});
      return state.faults.config;
    },
  },
  '/-/policy': {
    GET: (state) => ({ policy: state.policy?.document ?? null }),
    PUT: setPolicy,
    POST: setPolicy,
    DELETE: (state) => {
      state.setPolicy(null);
      return { policy: null };
    },
  },
  '/-/reset': {
    POST: (state) => {
      state.reset();
      return { reset: true, now: state.clock.now() };
    },
  },
  '/-/stats': { GET: (state) => ({ ...state.stats }) },
};

function clockOf(state: ServerState): unknown {
  const now = state.clock.now();
  return { now, iso: new Date(now).toISOString(), offsetMs: state.clock.offsetMs };
}

function jsonBody(req: AdminRequest): Record<string, unknown> {
  const params = emptyParams();
  if (req.query !== '') parseParamsInto(params, req.query, 'query string');
  const fromQuery: Record<string, unknown> = {};
  for (const [name, value] of params) fromQuery[name] = /^-?[0-9]+$/.test(value) ? Number(value) : value;
  if (req.body === undefined || req.body.length === 0) return fromQuery;
  let value: unknown;
  try {
    value = JSON.parse(req.body.toString('utf8'));
  } catch {
    throw invalidParameter('body', 'it must be JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidParameter('body', 'it must be a JSON object');
  return { ...fromQuery, ...(value as Record<string, unknown>) };
}

function moveClock(state: ServerState, req: AdminRequest): unknown {
  const { advanceMs, offsetMs } = jsonBody(req);
  if ((advanceMs === undefined) === (offsetMs === undefined)) throw invalidParameter('advanceMs', 'give either advanceMs or offsetMs');
  try {
    if (advanceMs !== undefined) state.clock.advance(advanceMs as number);
    else state.clock.offsetMs = offsetMs as number;
  } catch (error) {
    throw invalidParameter(advanceMs !== undefined ? 'advanceMs' : 'offsetMs', (error as Error).message);
  }
  return clockOf(state);
}

function setFaults(state: ServerState, req: AdminRequest): unknown {
  try {
    state.faults.set(checkFaultConfig(jsonBody(req), ACTIONS));
  } catch (error) {
    if (error instanceof FaultConfigError) throw invalidParameter('faults', error.message);
    throw error;
  }
  return state.faults.config;
}

function setPolicy(state: ServerState, req: AdminRequest): unknown {
  const body = jsonBody(req);
  try {
    state.setPolicy('policy' in body ? (body.policy as never) : (body as never));
  } catch (error) {
    if (error instanceof PolicyError) throw invalidParameter('policy', error.message);
    throw error;
  }
  return { policy: state.policy?.document ?? null };
}

export function handleAdmin(state: ServerState, res: ServerResponse, req: AdminRequest, views: Readonly<Record<string, AdminView>> = {}): void {
  const requestId = newRequestId();
  try {
    const route = Object.hasOwn(routes, req.path) ? routes[req.path] : Object.hasOwn(views, req.path) ? { GET: views[req.path] } : undefined;
    if (route === undefined) throw pathNotFound(req.path);
    const handler = Object.hasOwn(route, req.method) ? route[req.method] : undefined;
    if (handler === undefined) throw methodNotAllowed(req.method);
    checkAdminToken(state, req);
    const result = handler(state, req);
    send(res, 200, 'JSON', JSON.stringify(result), requestId);
  } catch (error) {
    const known = asMockError(error);
    if (known === undefined) state.internalError(error, `admin ${req.method} ${req.path}`);
    sendError(res, known ?? internalError(), 'JSON', requestId, hostIdOf(req.host));
  }
}
