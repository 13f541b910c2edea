// Where the access key comes from, and the one object that holds the secret. The secret lives only in
// private fields, so neither util.inspect, JSON.stringify nor an error can show it.
import { inspect } from 'node:util';
import { ConfigError, CredentialsError } from './errors.js';
import { percentEncode, preparedHmac, V1_HMAC, v1Key } from '@acr-ee/wire';

export interface Credentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The STS token, for temporary credentials. */
  readonly securityToken?: string;
  /**
   * When temporary credentials expire (a Date, epoch milliseconds, or an ISO 8601 string). With it,
   * the client reuses the credentials until one minute before; without it, the client asks the
   * provider again for every attempt (so a provider without expiration should cache itself).
   */
  readonly expiration?: Date | number | string;
}

/** Called for fresh credentials, e.g. to rotate STS tokens. */
export type CredentialsProvider = () => Credentials | Promise<Credentials>;

export const ENV_ACCESS_KEY_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
export const ENV_ACCESS_KEY_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
export const ENV_SECURITY_TOKEN = 'ALIBABA_CLOUD_SECURITY_TOKEN';

/** Reuse credentials with an expiration until this long before it. */
const EXPIRY_MARGIN_MS = 60_000;

/** Signs with one access key. The only holder of a secret; shows only its AccessKeyId's kind. */
export class SigningIdentity {
  readonly encodedAccessKeyId: string;
  readonly encodedSecurityToken: string | undefined;
  readonly #sign: (toSign: string) => string;

  constructor(credentials: Credentials) {
    this.encodedAccessKeyId = percentEncode(credentials.accessKeyId);
    this.encodedSecurityToken = credentials.securityToken ? percentEncode(credentials.securityToken) : undefined;
    this.#sign = preparedHmac(V1_HMAC, v1Key(credentials.accessKeySecret), 'base64');
  }

  /**
   * The Base64 HMAC-SHA1 of a string-to-sign, as signer.ts's computeSignature gives it, by
   * hmac.ts (the key prepared once; see there why). A string-to-sign is ASCII: every part is percent-encoded.
   */
  sign(toSign: string): string {
    return this.#sign(toSign);
  }

  toJSON(): string {
    return '[SigningIdentity]';
  }

  [inspect.custom](): string {
    return '[SigningIdentity]';
  }
}

export type CredentialsKind = 'static' | 'environment' | 'provider';

/** The client's source of signing identities: fixed, or from a provider with caching. */
export class CredentialSource {
  readonly kind: CredentialsKind;
  readonly #fixed: SigningIdentity | undefined;
  readonly #provider: CredentialsProvider | undefined;
  #cached: SigningIdentity | undefined;
  #cachedUntil = 0;
  #pending: Promise<SigningIdentity> | undefined;

  constructor(kind: CredentialsKind, source: Credentials | CredentialsProvider) {
    this.kind = kind;
    if (typeof source === 'function') this.#provider = source;
    else this.#fixed = new SigningIdentity(source);
  }

  /** Synchronous when the identity is at hand, so the usual call awaits nothing for it. */
  current(): SigningIdentity | Promise<SigningIdentity> {
    if (this.#fixed !== undefined) return this.#fixed;
    if (this.#cached !== undefined && Date.now() < this.#cachedUntil) return this.#cached;
    // Concurrent calls share one provider call rather than stampeding it.
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #refresh(): Promise<SigningIdentity> {
    let credentials: Credentials;
    try {
      credentials = await this.#provider!();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new CredentialsError(`the credentials provider failed: ${message}`, { cause: error });
    }
    const problem = credentialsProblem(credentials);
    if (problem !== undefined) throw new CredentialsError(`the credentials provider returned ${problem}`);
    const identity = new SigningIdentity(credentials);
    const expiresAt = expirationOf(credentials.expiration);
    this.#cached = expiresAt === undefined ? undefined : identity;
    this.#cachedUntil = expiresAt === undefined ? 0 : expiresAt - EXPIRY_MARGIN_MS;
    return identity;
  }

  toJSON(): string {
    return `[credentials: ${this.kind}]`;
  }

  [inspect.custom](): string {
    return `[credentials: ${this.kind}]`;
  }
}

/** What is wrong with a provider's answer, naming fields, never showing values. */
function credentialsProblem(value: unknown): string | undefined {
  if (value === null || typeof value !== 'object') return 'no credentials object';
  const c = value as Record<string, unknown>;
  if (typeof c.accessKeyId !== 'string' || c.accessKeyId === '') return 'no accessKeyId';
  if (typeof c.accessKeySecret !== 'string' || c.accessKeySecret === '') return 'no accessKeySecret';
  if (c.securityToken !== undefined && typeof c.securityToken !== 'string') return 'a securityToken that is not a string';
  if (c.expiration !== undefined && expirationOf(c.expiration as Credentials['expiration']) === undefined) {
    return 'an expiration that is not a valid date';
  }
  return undefined;
}

function expirationOf(expiration: Credentials['expiration']): number | undefined {
  if (expiration === undefined) return undefined;
  const time = expiration instanceof Date ? expiration.getTime() : typeof expiration === 'number' ? expiration : Date.parse(expiration);
  return Number.isFinite(time) ? time : undefined;
}

export interface CredentialsConfig {
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  readonly credentials?: CredentialsProvider;
}

/**
 * Picks the source: explicit keys, else a provider, else the environment (read once, here).
 * Missing or half-given credentials fail now, naming what is missing.
 */
export function credentialSourceOf(config: CredentialsConfig, env: NodeJS.ProcessEnv): CredentialSource {
  const explicit = config.accessKeyId !== undefined || config.accessKeySecret !== undefined;
  if (config.credentials !== undefined) {
    if (typeof config.credentials !== 'function') throw new ConfigError('credentials must be a function returning credentials');
    if (explicit || config.securityToken !== undefined) {
      throw new ConfigError('pass either credentials (a provider) or accessKeyId/accessKeySecret, not both');
    }
    return new CredentialSource('provider', config.credentials);
  }
  if (explicit) return new CredentialSource('static', checked(config, 'accessKeyId', 'accessKeySecret', 'securityToken'));
  if (config.securityToken !== undefined) throw new ConfigError('securityToken was given without accessKeyId and accessKeySecret');
  const fromEnv = {
    accessKeyId: env[ENV_ACCESS_KEY_ID] || undefined,
    accessKeySecret: env[ENV_ACCESS_KEY_SECRET] || undefined,
    securityToken: env[ENV_SECURITY_TOKEN] || undefined,
  };
  if (fromEnv.accessKeyId === undefined && fromEnv.accessKeySecret === undefined) {
    throw new ConfigError(
      `no credentials: pass accessKeyId and accessKeySecret, or a credentials provider, or set ${ENV_ACCESS_KEY_ID} and ${ENV_ACCESS_KEY_SECRET}`,
    );
  }
  return new CredentialSource('environment', checked(fromEnv, ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET, ENV_SECURITY_TOKEN));
}

/** Both key parts present and non-empty strings; `names` are how the caller spelt them. */
function checked(c: CredentialsConfig, idName: string, secretName: string, tokenName: string): Credentials {
  const { accessKeyId, accessKeySecret, securityToken } = c;
  if (typeof accessKeyId !== 'string' || accessKeyId === '') throw new ConfigError(`${idName} is missing or empty`);
  if (typeof accessKeySecret !== 'string' || accessKeySecret === '') {
    throw new ConfigError(`${secretName} is missing or empty`);
  }
  if (securityToken !== undefined && (typeof securityToken !== 'string' || securityToken === '')) {
    throw new ConfigError(`${tokenName} must be a non-empty string`);
  }
  return { accessKeyId, accessKeySecret, securityToken };
}
