// Checks an OIDC token (a JWT) the way STS does for AssumeRoleWithOIDC: signed with RS256 by the
// provider's key, issued by the provider's issuer, for one of its client ids, not expired on the
// server's clock. Failures are MockErrors that say which check failed and never echo the token.
import { verify } from 'node:crypto';
import { MockError } from '../../runtime/http/wire-errors.js';
import type { CompiledOidcProvider } from './config.js';

export interface TokenClaims {
  readonly iss: string;
  readonly sub: string;
  readonly aud: readonly string[];
  /** Seconds since the epoch. */
  readonly exp: number;
  readonly iat: number | undefined;
}

const invalidToken = (why: string): MockError => new MockError(400, 'InvalidParameter.OIDCToken', `The parameter OIDCToken is wrongly formed: ${why}.`);
const rejected = (code: string, why: string): MockError => new MockError(400, `AuthenticationFail.OIDCToken.${code}`, `The OIDC token is not accepted: ${why}.`);

function decodePart(part: string, name: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) throw invalidToken(`its ${name} is not base64url`);
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw invalidToken(`its ${name} is not JSON`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidToken(`its ${name} is not a JSON object`);
  return value as Record<string, unknown>;
}

/** The token's claims, once every check has passed. `now` is the server's clock (ms). */
export function checkOidcToken(token: string, provider: CompiledOidcProvider, now: number): TokenClaims {
  const parts = token.trim().split('.');
  if (parts.length !== 3) throw invalidToken('a JWT has three dot-separated parts');
  const header = decodePart(parts[0], 'header');
  const claims = decodePart(parts[1], 'payload');
  if (header.alg !== 'RS256') throw invalidToken(`its alg must be RS256, not ${JSON.stringify(String(header.alg)).slice(0, 20)}`);
  const signed = Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii');
  if (!/^[A-Za-z0-9_-]+$/.test(parts[2]) || !verify('RSA-SHA256', signed, provider.key, Buffer.from(parts[2], 'base64url'))) {
    throw rejected('SignatureInvalid', "its signature does not verify with the OIDC provider's key");
  }
  if (claims.iss !== provider.issuer) throw rejected('IssuerMismatch', `its iss is not the issuer of ${provider.arn}`);
  const aud = typeof claims.aud === 'string' ? [claims.aud] : Array.isArray(claims.aud) ? claims.aud.filter((a): a is string => typeof a === 'string') : [];
  if (!aud.some((a) => provider.clientIds.includes(a))) throw rejected('AudienceMismatch', `its aud names none of the client ids of ${provider.arn}`);
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) throw invalidToken('it has no numeric exp');
  if (claims.exp * 1000 <= now) throw rejected('Expired', `it expired at ${new Date(claims.exp * 1000).toISOString()} (server clock ${new Date(now).toISOString()})`);
  if (typeof claims.nbf === 'number' && claims.nbf * 1000 > now) throw rejected('NotYetValid', 'its nbf is in the future');
  if (typeof claims.sub !== 'string' || claims.sub === '') throw invalidToken('it has no sub');
  return { iss: claims.iss, sub: claims.sub, aud, exp: claims.exp, iat: typeof claims.iat === 'number' ? claims.iat : undefined };
}
