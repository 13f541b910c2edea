// Temporary credentials the mock server has issued (STS AssumeRole, AssumeRoleWithOIDC, the ECS
// metadata service, the credentials URI): an AccessKeyId `STS.…`, its secret and SecurityToken,
// the role session they stand for, and when they expire on the server's clock. The CR endpoints
// accept them until then (the STS service adds its registry to the server's keys), with its own
// SecurityToken and under the role session's policies.
import { randomBytes } from 'node:crypto';
import { formatTimestamp } from '@acr-ee/wire';
import { AccessKey } from '../../runtime/callers/signature.js';
import { MockError, securityTokenMismatch } from '../../runtime/http/wire-errors.js';
import type { CompiledPolicy } from '../../runtime/policy/ram.js';

export const sessionExpired = (): MockError => new MockError(403, 'InvalidSecurityToken.Expired', 'Specified SecurityToken is expired.');

/** Who a session is: the role it assumed and the name the caller gave the session. */
export interface RoleSession {
  /** `acs:ram::{account}:role/{name}` as the caller wrote it. */
  readonly roleArn: string;
  readonly roleName: string;
  /** A stable id of the role (same role, same id), as the vendor's `AssumedRoleId` starts. */
  readonly roleId: string;
  readonly sessionName: string;
  /** Every policy must allow a request (the role's, the session's own `Policy`); none: all allowed. */
  readonly policies: readonly CompiledPolicy[];
}

/** An issued access key: signs like any AccessKey, and holds its token, expiry and session. */
export class SessionKey extends AccessKey {
  readonly securityToken: string;
  readonly expiresAt: number;
  readonly session: RoleSession;

  constructor(id: string, secret: string, securityToken: string, expiresAt: number, session: RoleSession) {
    super(id, secret);
    this.securityToken = securityToken;
    this.expiresAt = expiresAt;
    this.session = session;
  }

  /** Only with its own SecurityToken, and only until it expires on the server's clock. */
  override checkToken(token: string | undefined, now: number): void {
    if (token !== this.securityToken) throw securityTokenMismatch();
    if (now >= this.expiresAt) throw sessionExpired();
  }

  override validUntil(): number {
    return this.expiresAt;
  }

  /** The role session's policies (the role's, the session's own `Policy`), not the server's. */
  override policies(): readonly CompiledPolicy[] | undefined {
    return this.session.policies.length === 0 ? undefined : this.session.policies;
  }
}

/** What an STS answer carries (`Credentials`), secret included: it goes to the caller only. */
export interface IssuedCredentials {
  readonly AccessKeyId: string;
  readonly AccessKeySecret: string;
  readonly SecurityToken: string;
  /** `YYYY-MM-DDThh:mm:ssZ`, UTC. */
  readonly Expiration: string;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

export class SessionRegistry {
  readonly #keys = new Map<string, SessionKey>();

  /** Issues new credentials for a session, valid for `durationMs` from `now`. */
  issue(session: RoleSession, now: number, durationMs: number): IssuedCredentials {
    this.#forgetExpired(now);
    const id = `STS.${randomText(24)}`;
    const secret = randomText(40);
    // Real tokens are long opaque strings with `+`, `/` and `=`; so are these (they must survive
    // percent-encoding in a query).
    const token = `CAIS${randomBytes(96).toString('base64')}`;
    const key = new SessionKey(id, secret, token, now + durationMs, session);
    this.#keys.set(id, key);
    return { AccessKeyId: id, AccessKeySecret: secret, SecurityToken: token, Expiration: formatTimestamp(key.expiresAt) };
  }

  /** The issued key of that AccessKeyId (expired or not: the caller tells them apart). */
  get(accessKeyId: string): SessionKey | undefined {
    return this.#keys.get(accessKeyId);
  }

  clear(): void {
    this.#keys.clear();
  }

  // Keys expired for more than a day are forgotten (an expired key still gets its own error
  // for a while, then the unknown-key one).
  #forgetExpired(now: number): void {
    if (this.#keys.size < 1024) return;
    for (const [id, key] of this.#keys) if (key.expiresAt < now - 86_400_000) this.#keys.delete(id);
  }
}
