// Docker token authentication, as the service does it: the registry answers 401 with a Bearer
// challenge naming the token endpoint (`/auth` on the same address), the service and the scope it
// needs; the token endpoint takes Basic credentials the API issued and answers a bearer token for
// the scopes it grants.
//
// Accepted credentials, checked against the hashes credentials.ts keeps (never a secret in clear):
// GetAuthorizationToken's temporary user (`temp_user_cr`) and any token it issued, each until its
// own expiry on the server's clock (a later logon does not end an earlier one), or, under any user name, the login password ResetLoginPassword set (the mock has
// no RAM users whose names it could check). They grant pull and push on every repository of the
// instance, as far as the RAM policies that apply allow (the service decides which: the server's,
// or an STS role session's when the temporary token was asked for with its key); no credentials
// (anonymous) grant pull on PUBLIC repositories. Bearer tokens are random,
// kept in memory with their grant, and valid 15 minutes on the server's clock (at most as long as
// the temporary token they came from); a reset or a restart forgets them.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../../store/store.js';
import { COLLECTIONS } from '../../resources/common/collections.js';
import { findRepoByName } from '../../resources/common/lookup.js';
import { hex64 } from '../../resources/common/ids.js';
import { findLogin, TEMP_USERNAME, type CredentialRecord } from '../../resources/credentials.js';
import { RegistryError } from './errors.js';

export type Action = 'pull' | 'push';

export const BEARER_TTL_MS = 15 * 60 * 1000;
const MAX_TOKENS = 10_000;
const MAX_SCOPES = 64;

export interface Grant {
  readonly instanceId: string;
  /** Repository name (`namespace/repo`) -> the actions granted on it. */
  readonly access: ReadonlyMap<string, ReadonlySet<Action>>;
  /** Actions the caller was authenticated for but the RAM policy refused, with the policy's reason. */
  readonly refused: ReadonlyMap<string, ReadonlyMap<Action, string>>;
  readonly expiresAt: number;
}

export interface Scope {
  readonly name: string;
  readonly actions: readonly Action[];
}

/** The `service` of the challenge and the token endpoint: the instance, as the service names its registries. */
export function serviceName(regionId: string, instanceId: string): string {
  return `registry.aliyuncs.com:${regionId}:${instanceId}`;
}

/**
 * `repository:<name>:<actions>` scopes (repeated `scope` parameters, or several separated by
 * spaces). Other resource types (`registry:catalog:*`) are granted nothing; actions other than
 * pull, push and `*` (both) are ignored.
 */
export function parseScopes(values: readonly string[]): Scope[] {
  const scopes: Scope[] = [];
  for (const value of values) {
    for (const item of value.split(' ')) {
      if (item === '') continue;
      const first = item.indexOf(':');
      const last = item.lastIndexOf(':');
      if (first <= 0 || last === first) throw new RegistryError(400, 'UNSUPPORTED', 'a scope is type:name:actions (repository:namespace/repo:pull,push)');
      if (item.slice(0, first) !== 'repository') continue;
      const actions = new Set<Action>();
      for (const action of item.slice(last + 1).split(',')) {
        if (action === 'pull' || action === 'push') actions.add(action);
        else if (action === '*') {
          actions.add('pull');
          actions.add('push');
        }
      }
      scopes.push({ name: item.slice(first + 1, last), actions: [...actions] });
      if (scopes.length > MAX_SCOPES) throw new RegistryError(400, 'UNSUPPORTED', `at most ${MAX_SCOPES} scopes in one token request`);
    }
  }
  return scopes;
}

const sha256 = (text: string): Buffer => createHash('sha256').update(text).digest();

function sameHash(actual: Buffer, expectedHex: string | undefined): boolean {
  if (expectedHex === undefined) return false;
  const expected = Buffer.from(expectedHex, 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Basic credentials found good: until when, and the AccessKeyId a temporary token was issued to (absent: the account's). */
export interface ValidCredentials {
  readonly until: number;
  readonly keyId?: string;
}

/**
 * Until when the Basic credentials of an `Authorization` header are good for `instanceId`
 * (Infinity for the login password) and whose they are, or undefined when they are not good.
 */
export function validCredentials(store: Store, instanceId: string, authorization: string, now: number): ValidCredentials | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+)$/i.exec(authorization.trim());
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const user = decoded.slice(0, colon);
  const password = decoded.slice(colon + 1);
  if (user === TEMP_USERNAME) {
    const login = findLogin(store, instanceId, hex64(password), now);
    if (login !== undefined) return { until: login.expireTime, ...(login.keyId === undefined ? {} : { keyId: login.keyId }) };
  }
  const record = store.get<CredentialRecord>(COLLECTIONS.credentials, instanceId);
  if (user !== '' && record !== undefined && sameHash(sha256(password), record.passwordSha256)) return { until: Infinity };
  return undefined;
}

/** The RAM actions of registry access (checked on the repository's resource when a policy is set). */
export const RAM_ACTIONS: Readonly<Record<Action, string>> = { pull: 'cr:PullRepository', push: 'cr:PushRepository' };

/** Whether the RAM policy allows an action on a repository: undefined when it does, else why not. */
export type RamCheck = (action: Action, name: string) => string | undefined;

/**
 * What a caller gets for the scopes it asked: when authenticated, every action the RAM policy
 * allows (all without a policy); anonymous, pull on PUBLIC repositories.
 */
export function grantFor(store: Store, instanceId: string, authenticated: boolean, scopes: readonly Scope[], ram: RamCheck): Pick<Grant, 'access' | 'refused'> {
  const access = new Map<string, Set<Action>>();
  const refused = new Map<string, Map<Action, string>>();
  for (const scope of scopes) {
    const granted = access.get(scope.name) ?? new Set<Action>();
    for (const action of scope.actions) {
      if (!authenticated) {
        if (action === 'pull' && isPublic(store, instanceId, scope.name)) granted.add(action);
        continue;
      }
      const why = ram(action, scope.name);
      if (why === undefined) granted.add(action);
      else refused.set(scope.name, (refused.get(scope.name) ?? new Map<Action, string>()).set(action, why));
    }
    access.set(scope.name, granted);
  }
  return { access, refused };
}

function isPublic(store: Store, instanceId: string, name: string): boolean {
  const slash = name.indexOf('/');
  if (slash < 0) return false;
  return findRepoByName({ store }, instanceId, name.slice(0, slash), name.slice(slash + 1))?.RepoType === 'PUBLIC';
}

/** Bearer tokens issued, with their grants. */
export class BearerTokens {
  readonly #tokens = new Map<string, Grant>();

  issue(grant: Grant, now: number): string {
    if (this.#tokens.size >= MAX_TOKENS) {
      for (const [token, held] of this.#tokens) if (held.expiresAt <= now) this.#tokens.delete(token);
      // Still full of live tokens: the oldest go first.
      for (const token of this.#tokens.keys()) {
        if (this.#tokens.size < MAX_TOKENS) break;
        this.#tokens.delete(token);
      }
    }
    const token = randomBytes(32).toString('base64url');
    this.#tokens.set(token, grant);
    return token;
  }

  /** The grant of a live token of `authorization` (`Bearer <token>`), else undefined. */
  grantOf(authorization: string | undefined, now: number): Grant | undefined {
    if (authorization === undefined) return undefined;
    const match = /^Bearer +([A-Za-z0-9_-]+)$/i.exec(authorization.trim());
    if (!match) return undefined;
    const grant = this.#tokens.get(match[1]);
    if (grant === undefined) return undefined;
    if (now >= grant.expiresAt) {
      this.#tokens.delete(match[1]);
      return undefined;
    }
    return grant;
  }

  clear(): void {
    this.#tokens.clear();
  }
}
