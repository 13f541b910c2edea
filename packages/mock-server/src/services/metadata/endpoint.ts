// The ECS instance metadata service's RAM-role paths and a credentials-URI endpoint, on the same
// server (the client and the vendor's tools are pointed at it instead of 100.100.100.200):
//
//   PUT /latest/api/token                                 IMDSv2 token; header
//                                                         x-aliyun-ecs-metadata-token-ttl-seconds (1..21600)
//   GET /latest/meta-data/ram/security-credentials/       the instance role's name
//   GET /latest/meta-data/ram/security-credentials/NAME   its credentials (JSON, Code "Success")
//   GET /credentials-uri[?role=NAME]                      credentials of the instance role (or NAME),
//                                                         as ALIBABA_CLOUD_CREDENTIALS_URI serves them
//
// With a token header (x-aliyun-ecs-metadata-token) the token must be one it issued and unexpired
// (401 otherwise); without one (IMDSv1) it answers unless `imdsV1: false` (then 403).
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { PathService, ServiceRequest } from '../../runtime/http/mount.js';
import { headerOf } from '../../runtime/http/request.js';
import { asMockError } from '../../runtime/http/respond.js';
import { MockError } from '../../runtime/http/wire-errors.js';
import type { ServerState } from '../../runtime/operate/state.js';
import type { StsService } from '../sts/service.js';

export const METADATA_PREFIX = '/latest/';
export const CREDENTIALS_URI_PATH = '/credentials-uri';
const TOKEN_PATH = '/latest/api/token';
const ROLES_PATH = '/latest/meta-data/ram/security-credentials/';
const TTL_HEADER = 'x-aliyun-ecs-metadata-token-ttl-seconds';
const TOKEN_HEADER = 'x-aliyun-ecs-metadata-token';
const MAX_TTL_S = 21_600;


/** IMDSv2 tokens issued, with their expiry on the server's clock. */
export class MetadataTokens {
  readonly #tokens = new Map<string, number>();

  issue(now: number, ttlSeconds: number): string {
    if (this.#tokens.size >= 10_000) for (const [token, until] of this.#tokens) if (until <= now) this.#tokens.delete(token);
    const token = randomBytes(30).toString('base64url');
    this.#tokens.set(token, now + ttlSeconds * 1000);
    return token;
  }

  valid(token: string, now: number): boolean {
    const until = this.#tokens.get(token);
    return until !== undefined && now < until;
  }

  clear(): void {
    this.#tokens.clear();
  }
}

/** The metadata paths and the credentials URI, answering with the STS service's instance role. */
export class MetadataService implements PathService {
  readonly #state: ServerState;
  readonly #sts: StsService;

  constructor(state: ServerState, sts: StsService) {
    this.#state = state;
    this.#sts = sts;
  }

  serves(path: string): boolean {
    return path.startsWith(METADATA_PREFIX) || path === CREDENTIALS_URI_PATH;
  }

  handle(req: ServiceRequest, res: ServerResponse): void {
    const state = this.#state;
    try {
      const [status, type, body] = answer(this.#sts, state.clock.now(), req);
      reply(res, status, type, body);
    } catch (error) {
      const known = asMockError(error);
      if (known === undefined) state.internalError(error, req.path);
      const status = known?.status ?? 500;
      const message = known === undefined ? 'internal error' : `${known.code}: ${known.message}`;
      if (req.path === CREDENTIALS_URI_PATH) reply(res, status, 'application/json', JSON.stringify({ Code: known?.code ?? 'InternalError', Message: message }));
      else reply(res, status, 'text/plain', message);
    }
    state.log?.(`${req.method} ${req.path} ${res.statusCode}`);
  }
}

type Answer = [status: number, contentType: string, body: string];

function answer(sts: StsService, now: number, req: ServiceRequest): Answer {
  if (req.path === CREDENTIALS_URI_PATH) {
    if (req.method !== 'GET') throw new MockError(405, 'UnsupportedHTTPMethod', 'the credentials URI answers GET');
    const role = new URLSearchParams(req.query).get('role') ?? sts.instanceRole;
    if (role === undefined) throw new MockError(404, 'EntityNotExist.Role', 'no role: start the server with instanceRole, or ask for ?role=NAME');
    return [200, 'application/json', JSON.stringify({ Code: 'Success', ...sts.instanceCredentials(role) })];
  }
  if (req.path === TOKEN_PATH) {
    if (req.method !== 'PUT') throw new MockError(405, 'UnsupportedHTTPMethod', 'the token path answers PUT');
    const ttl = headerOf(req.headers, TTL_HEADER);
    const seconds = ttl !== undefined && /^[0-9]{1,5}$/.test(ttl) ? Number(ttl) : NaN;
    if (!(seconds >= 1 && seconds <= MAX_TTL_S)) throw new MockError(400, 'InvalidParameter', `${TTL_HEADER} must be a whole number of seconds from 1 to ${MAX_TTL_S}`);
    return [200, 'text/plain', sts.metadataTokens.issue(now, seconds)];
  }
  if (req.method !== 'GET') throw new MockError(405, 'UnsupportedHTTPMethod', 'metadata paths answer GET');
  checkToken(sts, req.headers, now);
  if (req.path === ROLES_PATH || req.path === ROLES_PATH.slice(0, -1)) {
    if (sts.instanceRole === undefined) throw new MockError(404, 'NotFound', 'this instance has no RAM role');
    return [200, 'text/plain', sts.instanceRole];
  }
  if (req.path.startsWith(ROLES_PATH)) {
    const name = decodeURIComponent(req.path.slice(ROLES_PATH.length));
    if (sts.instanceRole === undefined || name !== sts.instanceRole) throw new MockError(404, 'NotFound', 'no such role on this instance');
    return [200, 'application/json', JSON.stringify({ ...sts.instanceCredentials(name), Code: 'Success' })];
  }
  throw new MockError(404, 'NotFound', 'this metadata path is not served by the mock');
}

function checkToken(sts: StsService, headers: IncomingHttpHeaders, now: number): void {
  const token = headerOf(headers, TOKEN_HEADER);
  if (token === undefined) {
    if (!sts.imdsV1) throw new MockError(403, 'Forbidden', 'IMDSv1 is disabled on this instance: get a token with PUT /latest/api/token first');
    return;
  }
  if (!sts.metadataTokens.valid(token, now)) throw new MockError(401, 'Unauthorized', 'the metadata token is unknown or expired');
}

function reply(res: ServerResponse, status: number, contentType: string, body: string): void {
  res.writeHead(status, { 'content-type': `${contentType};charset=utf-8`, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}
