// STS 2015-04-01 as the mock server plays it: AssumeRole (signed, by any key the server accepts,
// issued ones included, so roles chain), AssumeRoleWithOIDC (unsigned; the token is the proof) and
// GetCallerIdentity, plus the sessions the ECS metadata service and the credentials URI hand out.
// Every issued key is accepted by the CR endpoints until it expires on the server's clock, with its
// role's policy (and the session's own Policy) deciding what it may do.
import { createHash } from 'node:crypto';
import { formatTimestamp } from '@acr-ee/wire';
import type { Clock } from '../../runtime/callers/clock.js';
import { CompiledPolicy, PolicyError } from '../../runtime/policy/ram.js';
import type { AccessKey } from '../../runtime/callers/signature.js';
import { MockError, missingParameter } from '../../runtime/http/wire-errors.js';
import { checkInstanceRole, compileOidcProviders, compileRoles, type CompiledOidcProvider, type CompiledRole, type StsOptions } from './config.js';
import { MetadataTokens } from '../metadata/endpoint.js';
import { checkOidcToken } from './oidc-token.js';
import { SessionKey, SessionRegistry, type IssuedCredentials, type RoleSession } from './sessions.js';

export const STS_VERSION = '2015-04-01';

/** The parameters of one STS request, by wire name. */
export type StsParams = ReadonlyMap<string, string>;

const SESSION_NAME = /^[A-Za-z0-9.@_-]{2,64}$/;
const EXTERNAL_ID = /^[A-Za-z0-9.@:=,/_-]{2,1224}$/;
const ROLE_ARN = /^acs:ram::([0-9A-Za-z_-]{1,64}):role\/([A-Za-z0-9.@_-]{1,64})$/i;
const MIN_DURATION_S = 900;
const DEFAULT_DURATION_S = 3600;
/** ECS instance-role credentials live six hours, as the real metadata service's do. */
const INSTANCE_SESSION_MS = 6 * 3600 * 1000;
/** The metadata service hands out the same credentials until this long before they expire. */
const INSTANCE_REISSUE_MS = 30 * 60 * 1000;

const bad = (name: string, why: string): MockError => new MockError(400, `InvalidParameter.${name}`, `The parameter ${name} is wrongly formed: ${why}.`);
const noRole = (arn: string): MockError => new MockError(404, 'EntityNotExist.Role', `The role does not exist: ${arn.slice(0, 200)}.`);

export class StsService {
  readonly sessions = new SessionRegistry();
  /** IMDSv2 tokens of the metadata service. */
  readonly metadataTokens = new MetadataTokens();
  readonly instanceRole: string | undefined;
  readonly imdsV1: boolean;
  readonly #clock: Clock;
  readonly #accountId: string;
  readonly #roles: ReadonlyMap<string, CompiledRole> | undefined;
  readonly #oidc: readonly CompiledOidcProvider[];
  /** The instance role's current credentials (the metadata service reuses them for a while). */
  #instance: { readonly credentials: IssuedCredentials; readonly expiresAt: number } | undefined;

  constructor(options: StsOptions, clock: Clock, accountId: string) {
    this.#clock = clock;
    this.#accountId = accountId;
    this.#roles = compileRoles(options.roles);
    this.#oidc = compileOidcProviders(options.oidcProviders);
    this.instanceRole = checkInstanceRole(options.instanceRole);
    if (options.imdsV1 !== undefined && typeof options.imdsV1 !== 'boolean') throw new TypeError('imdsV1 must be a boolean');
    this.imdsV1 = options.imdsV1 ?? true;
    if (this.instanceRole !== undefined && this.#roles !== undefined && !this.#roles.has(this.instanceRole.toLowerCase())) {
      throw new TypeError(`instanceRole ${this.instanceRole} is not one of the roles`);
    }
  }

  /** Forgets every issued key (the server's reset). */
  reset(): void {
    this.sessions.clear();
    this.metadataTokens.clear();
    this.#instance = undefined;
  }

  /** Answers one STS action. `caller` is the key that signed it (undefined when unsigned). */
  run(action: string, params: StsParams, caller: AccessKey | undefined): Record<string, unknown> {
    if (action === 'AssumeRole') return this.#assumeRole(params, caller);
    if (action === 'AssumeRoleWithOIDC') return this.#assumeRoleWithOidc(params);
    if (action === 'GetCallerIdentity') return this.#callerIdentity(caller);
    throw new MockError(400, 'InvalidAction.NotFound', `Specified api is not found: STS ${STS_VERSION} here has AssumeRole, AssumeRoleWithOIDC and GetCallerIdentity.`);
  }

  /** Whether the action is answered unsigned (the OIDC token is its proof). */
  static unsigned(action: string | undefined): boolean {
    return action === 'AssumeRoleWithOIDC';
  }

  /** The instance role's credentials, as the metadata service and the credentials URI give them. */
  instanceCredentials(roleName: string): IssuedCredentials & { readonly LastUpdated: string } {
    const now = this.#clock.now();
    const sameRole = roleName.toLowerCase() === this.instanceRole?.toLowerCase();
    if (sameRole && this.#instance !== undefined && this.#instance.expiresAt - now > INSTANCE_REISSUE_MS) {
      return { ...this.#instance.credentials, LastUpdated: formatTimestamp(now) };
    }
    const role = this.#role(roleName, this.#roleArn(roleName));
    const credentials = this.sessions.issue(this.#session(role, this.#roleArn(role.name), 'ecs-instance', undefined), now, INSTANCE_SESSION_MS);
    if (sameRole) this.#instance = { credentials, expiresAt: now + INSTANCE_SESSION_MS };
    return { ...credentials, LastUpdated: formatTimestamp(now) };
  }

  #assumeRole(params: StsParams, caller: AccessKey | undefined): Record<string, unknown> {
    const roleArn = required(params, 'RoleArn');
    const role = this.#roleOf(roleArn);
    const sessionName = sessionNameOf(params);
    const externalId = params.get('ExternalId');
    if (externalId !== undefined && !EXTERNAL_ID.test(externalId)) throw bad('ExternalId', 'use 2 to 1224 letters, digits or .@:=,/_-');
    const durationMs = durationOf(params, role);
    const session = this.#session(role, roleArn, sessionName, params.get('Policy'));
    // A chained session (a role's credentials assuming another role) lasts at most one hour.
    const chained = caller instanceof SessionKey ? Math.min(durationMs, 3600_000) : durationMs;
    const credentials = this.sessions.issue(session, this.#clock.now(), chained);
    return { AssumedRoleUser: assumedRoleUser(session, this.#accountId), Credentials: credentials };
  }

  #assumeRoleWithOidc(params: StsParams): Record<string, unknown> {
    const providerArn = required(params, 'OIDCProviderArn');
    const roleArn = required(params, 'RoleArn');
    const token = required(params, 'OIDCToken');
    const provider = this.#oidc.find((p) => p.arn === providerArn);
    if (provider === undefined) throw new MockError(404, 'EntityNotExist.OIDCProvider', `The OIDC provider does not exist: ${providerArn.slice(0, 200)}.`);
    const role = this.#roleOf(roleArn);
    const sessionName = sessionNameOf(params);
    const durationMs = durationOf(params, role);
    const now = this.#clock.now();
    const claims = checkOidcToken(token, provider, now);
    const session = this.#session(role, roleArn, sessionName, params.get('Policy'));
    const credentials = this.sessions.issue(session, now, durationMs);
    return {
      OIDCTokenInfo: {
        Subject: claims.sub,
        Issuer: claims.iss,
        ClientIds: claims.aud.join(','),
        ExpirationTime: formatTimestamp(claims.exp * 1000),
        IssuanceTime: claims.iat === undefined ? undefined : formatTimestamp(claims.iat * 1000),
        VerificationInfo: 'Success',
      },
      AssumedRoleUser: assumedRoleUser(session, this.#accountId),
      Credentials: credentials,
    };
  }

  #callerIdentity(caller: AccessKey | undefined): Record<string, unknown> {
    const account = this.#accountId;
    if (caller instanceof SessionKey) {
      const s = caller.session;
      return {
        IdentityType: 'AssumedRoleUser',
        AccountId: account,
        PrincipalId: `${s.roleId}:${s.sessionName}`,
        RoleId: s.roleId,
        Arn: `acs:ram::${account}:assumed-role/${s.roleName}/${s.sessionName}`,
      };
    }
    return { IdentityType: 'Account', AccountId: account, PrincipalId: account, UserId: account, Arn: `acs:ram::${account}:root` };
  }

  #roleArn(name: string): string {
    return `acs:ram::${this.#accountId}:role/${name}`;
  }

  #roleOf(roleArn: string): CompiledRole {
    const match = ROLE_ARN.exec(roleArn);
    if (match === null) throw bad('RoleArn', 'it must be acs:ram::{accountId}:role/{roleName}');
    if (match[1] !== this.#accountId) throw noRole(roleArn);
    return this.#role(match[2], roleArn);
  }

  #role(name: string, arn: string): CompiledRole {
    if (this.#roles === undefined) return { name, policy: undefined, maxSessionMs: DEFAULT_DURATION_S * 1000 };
    const role = this.#roles.get(name.toLowerCase());
    if (role === undefined) throw noRole(arn);
    return role;
  }

  #session(role: CompiledRole, roleArn: string, sessionName: string, policyText: string | undefined): RoleSession {
    const policies: CompiledPolicy[] = [];
    if (role.policy !== undefined) policies.push(role.policy);
    if (policyText !== undefined) policies.push(sessionPolicy(policyText));
    return { roleArn, roleName: role.name, roleId: roleIdOf(this.#accountId, role.name), sessionName, policies };
  }
}

function required(params: StsParams, name: string): string {
  const value = params.get(name);
  if (value === undefined || value === '') throw missingParameter(name);
  return value;
}

function sessionNameOf(params: StsParams): string {
  const name = required(params, 'RoleSessionName');
  if (!SESSION_NAME.test(name)) throw bad('RoleSessionName', 'use 2 to 64 letters, digits or .@_-');
  return name;
}

function durationOf(params: StsParams, role: CompiledRole): number {
  const text = params.get('DurationSeconds');
  if (text === undefined || text === '') return Math.min(DEFAULT_DURATION_S * 1000, role.maxSessionMs);
  const seconds = /^[0-9]{1,6}$/.test(text) ? Number(text) : NaN;
  const max = role.maxSessionMs / 1000;
  if (!(seconds >= MIN_DURATION_S && seconds <= max)) {
    throw new MockError(400, 'InvalidParameter.DurationSeconds', `The Min/Max value of DurationSeconds is ${MIN_DURATION_S}/${max} seconds for role ${role.name}.`);
  }
  return seconds * 1000;
}

function sessionPolicy(text: string): CompiledPolicy {
  if (Buffer.byteLength(text, 'utf8') > 2048) throw new MockError(400, 'InvalidParameter.PolicySize', 'The size of Policy must be smaller than 2048 bytes.');
  try {
    return new CompiledPolicy(JSON.parse(text));
  } catch (error) {
    const why = error instanceof PolicyError ? error.message : 'it is not JSON';
    throw new MockError(400, 'InvalidParameter.PolicyGrammar', `The parameter Policy has not passed grammar check: ${why}.`);
  }
}

function assumedRoleUser(session: RoleSession, accountId: string): Record<string, string> {
  return { AssumedRoleId: `${session.roleId}:${session.sessionName}`, Arn: `acs:ram::${accountId}:role/${session.roleName.toLowerCase()}/${session.sessionName}` };
}

/** A stable 17-digit id per account and role, as the vendor's role ids look. */
function roleIdOf(accountId: string, roleName: string): string {
  const digest = createHash('sha256').update(`${accountId}/${roleName.toLowerCase()}`).digest();
  return (digest.readBigUInt64BE(0) % 10n ** 17n).toString().padStart(17, '3');
}
