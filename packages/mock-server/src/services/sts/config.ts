// What the STS and instance-metadata services are told at start: the roles callers may assume (and
// the policy each role's sessions get), the OIDC identity providers tokens are checked against,
// and the instance's RAM role. Checked here, each mistake a TypeError naming the option.
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { CompiledPolicy, PolicyError, type RamPolicy } from '../../runtime/policy/ram.js';

export interface RoleConfig {
  /** What the role's sessions may do (a RAM policy document). Default: everything. */
  readonly policy?: RamPolicy;
  /** The longest session a caller may ask for, in seconds (900 to 43,200). Default 3,600, as RAM's. */
  readonly maxSessionDurationSeconds?: number;
}

export interface OidcProviderConfig {
  /** `acs:ram::{accountId}:oidc-provider/{name}`, what callers send as OIDCProviderArn. */
  readonly arn: string;
  /** The token's `iss` must be exactly this. */
  readonly issuer: string;
  /** The token's `aud` (a string or a list) must contain one of these. */
  readonly clientIds: readonly string[];
  /** The provider's RSA public key (PEM, or a JWK) that RS256 signatures are checked with. */
  readonly publicKey: string | JsonWebKey;
}

export interface StsOptions {
  /**
   * The RAM roles of the account, by name. With this option only these can be assumed (others:
   * `EntityNotExist.Role`); without it, any role name of the server's account can, and its
   * sessions may do everything.
   */
  readonly roles?: Readonly<Record<string, RoleConfig>>;
  /** The OIDC providers AssumeRoleWithOIDC accepts tokens of. Default none. */
  readonly oidcProviders?: readonly OidcProviderConfig[];
  /** The instance's RAM role: served by the ECS metadata paths and the credentials URI. Default none. */
  readonly instanceRole?: string;
  /** Whether the metadata service answers without an IMDSv2 token (IMDSv1). Default true. */
  readonly imdsV1?: boolean;
}

export interface CompiledRole {
  readonly name: string;
  readonly policy: CompiledPolicy | undefined;
  readonly maxSessionMs: number;
}

export interface CompiledOidcProvider {
  readonly arn: string;
  readonly issuer: string;
  readonly clientIds: readonly string[];
  readonly key: KeyObject;
}

export const ROLE_NAME = /^[A-Za-z0-9.@_-]{1,64}$/;
const DEFAULT_MAX_SESSION_S = 3600;

export function compileRoles(roles: StsOptions['roles']): ReadonlyMap<string, CompiledRole> | undefined {
  if (roles === undefined) return undefined;
  if (roles === null || typeof roles !== 'object' || Array.isArray(roles)) throw new TypeError('roles must be an object of role name to role');
  const out = new Map<string, CompiledRole>();
  for (const [name, role] of Object.entries(roles)) {
    if (!ROLE_NAME.test(name)) throw new TypeError(`roles: ${JSON.stringify(name)} is not a role name (1 to 64 letters, digits, ".", "@", "_" or "-")`);
    if (role === null || typeof role !== 'object') throw new TypeError(`roles.${name} must be an object`);
    const max = role.maxSessionDurationSeconds ?? DEFAULT_MAX_SESSION_S;
    if (!Number.isInteger(max) || max < 900 || max > 43_200) throw new RangeError(`roles.${name}.maxSessionDurationSeconds must be an integer from 900 to 43200`);
    let policy: CompiledPolicy | undefined;
    try {
      policy = role.policy === undefined ? undefined : new CompiledPolicy(role.policy);
    } catch (error) {
      if (error instanceof PolicyError) throw new TypeError(`roles.${name}.policy: ${error.message}`);
      throw error;
    }
    // Role names are case-insensitive in RAM.
    out.set(name.toLowerCase(), { name, policy, maxSessionMs: max * 1000 });
  }
  return out;
}

export function compileOidcProviders(providers: StsOptions['oidcProviders']): readonly CompiledOidcProvider[] {
  if (providers === undefined) return [];
  if (!Array.isArray(providers)) throw new TypeError('oidcProviders must be an array');
  return providers.map((p: OidcProviderConfig, i) => {
    const where = `oidcProviders[${i}]`;
    if (p === null || typeof p !== 'object') throw new TypeError(`${where} must be an object`);
    if (typeof p.arn !== 'string' || !/^acs:ram::[^:]+:oidc-provider\/[A-Za-z0-9._-]{1,128}$/.test(p.arn)) {
      throw new TypeError(`${where}.arn must be acs:ram::{accountId}:oidc-provider/{name}`);
    }
    if (typeof p.issuer !== 'string' || p.issuer === '') throw new TypeError(`${where}.issuer must be a non-empty string`);
    if (!Array.isArray(p.clientIds) || p.clientIds.length === 0 || !p.clientIds.every((c) => typeof c === 'string' && c !== '')) {
      throw new TypeError(`${where}.clientIds must be a non-empty array of non-empty strings`);
    }
    let key: KeyObject;
    try {
      key = typeof p.publicKey === 'string' ? createPublicKey(p.publicKey) : createPublicKey({ key: p.publicKey, format: 'jwk' });
    } catch (error) {
      throw new TypeError(`${where}.publicKey is not a public key (PEM or JWK): ${(error as Error).message}`);
    }
    if (key.asymmetricKeyType !== 'rsa') throw new TypeError(`${where}.publicKey must be an RSA key (tokens are checked as RS256)`);
    return { arn: p.arn, issuer: p.issuer, clientIds: [...p.clientIds], key };
  });
}

export function checkInstanceRole(name: string | undefined): string | undefined {
  if (name !== undefined && (typeof name !== 'string' || !ROLE_NAME.test(name))) {
    throw new TypeError('instanceRole must be a role name (1 to 64 letters, digits, ".", "@", "_" or "-")');
  }
  return name;
}
