// Where the access key comes from, and the one object that holds the secret. The secret lives only in
// private fields, so neither util.inspect, JSON.stringify nor an error can show it.
import { percentEncode, preparedHmac, V1_HMAC, v1Key } from '@acr-ee/wire';
import { defaultCredentialsChain } from '../credentials/chain.js';
import { cachesItself, namedProvider } from '../credentials/provider.js';
import { RefreshingCredentials } from '../credentials/refresh.js';
import { checkedKeys } from '../credentials/static.js';
import { inspectCustom } from './inspect-symbol.js';
import { AcrError, ConfigError, CredentialsError } from './errors.js';

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

/**
 * Called for fresh credentials, e.g. to rotate STS tokens. The providers of this package (see
 * credentials/) have a `providerName` and cache by themselves; a function of your own needs neither.
 */
export interface CredentialsProvider {
  (): Credentials | Promise<Credentials>;
  /** Which provider this is (`environment`, `oidc-role`, ...), for messages. */
  readonly providerName?: string;
}

export const ENV_ACCESS_KEY_ID = 'ALIBABA_CLOUD_ACCESS_KEY_ID';
export const ENV_ACCESS_KEY_SECRET = 'ALIBABA_CLOUD_ACCESS_KEY_SECRET';
export const ENV_SECURITY_TOKEN = 'ALIBABA_CLOUD_SECURITY_TOKEN';

/** Reuse credentials with an expiration until this long before it. */
const EXPIRY_MARGIN_MS = 60_000;

/** Signs with one access key. The only holder of a secret; shows only its AccessKeyId's kind. */
export class SigningIdentity {
  readonly accessKeyId: string;
  readonly encodedAccessKeyId: string;
  readonly securityToken: string | undefined;
  readonly encodedSecurityToken: string | undefined;
  readonly #sign: (toSign: string) => string;
  readonly #secret: string;
  #signAcs3: ((toSign: string) => string) | undefined;

  constructor(credentials: Credentials) {
    this.accessKeyId = credentials.accessKeyId;
    this.encodedAccessKeyId = percentEncode(credentials.accessKeyId);
    this.securityToken = credentials.securityToken || undefined;
    this.encodedSecurityToken = credentials.securityToken ? percentEncode(credentials.securityToken) : undefined;
    this.#sign = preparedHmac(V1_HMAC, v1Key(credentials.accessKeySecret), 'base64');
    this.#secret = credentials.accessKeySecret;
  }

  /** The hex HMAC-SHA256 of an ACS3 string-to-sign (the key prepared at first use: v1 clients never pay for it). */
  signAcs3(toSign: string): string {
    this.#signAcs3 ??= preparedHmac('sha256', this.#secret, 'hex');
    return this.#signAcs3(toSign);
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

  [inspectCustom](): string {
    return '[SigningIdentity]';
  }
}

export type CredentialsKind = 'static' | 'environment' | 'provider' | 'default chain';

/** The client's source of signing identities: fixed, or from a provider that caches (see below). */
export class CredentialSource {
  readonly kind: CredentialsKind;
  readonly #fixed: SigningIdentity | undefined;
  readonly #provider: CredentialsProvider | undefined;
  // The identity of the credentials last handed out, and their fields: a provider hands out the same
  // credentials until it renews them, so the HMAC key is prepared once per renewal. Fields, not the
  // object, are compared: a caller's provider may change one object in place.
  #last: { accessKeyId: string; accessKeySecret: string; securityToken: string | undefined; identity: SigningIdentity } | undefined;

  constructor(kind: CredentialsKind, source: Credentials | CredentialsProvider) {
    this.kind = kind;
    if (typeof source === 'function') this.#provider = cachesItself(source) ? source : cachingProvider(source);
    else this.#fixed = new SigningIdentity(source);
  }

  /** Synchronous when the identity is at hand, so the usual call awaits nothing for it. */
  current(): SigningIdentity | Promise<SigningIdentity> {
    if (this.#fixed !== undefined) return this.#fixed;
    let answer: Credentials | Promise<Credentials>;
    try {
      answer = this.#provider!();
    } catch (error) {
      return Promise.reject(providerFailure(error));
    }
    if (!(answer instanceof Promise)) return this.#identityOf(answer);
    return answer.then(
      (credentials) => this.#identityOf(credentials),
      (error: unknown) => Promise.reject(providerFailure(error)),
    );
  }

  #identityOf(credentials: Credentials): SigningIdentity {
    const last = this.#last;
    if (
      last !== undefined &&
      credentials !== null &&
      typeof credentials === 'object' &&
      credentials.accessKeyId === last.accessKeyId &&
      credentials.accessKeySecret === last.accessKeySecret &&
      credentials.securityToken === last.securityToken
    ) {
      return last.identity;
    }
    const problem = credentialsProblem(credentials);
    if (problem !== undefined) throw new CredentialsError(`the credentials provider returned ${problem}`);
    const identity = new SigningIdentity(credentials);
    this.#last = { accessKeyId: credentials.accessKeyId, accessKeySecret: credentials.accessKeySecret, securityToken: credentials.securityToken, identity };
    return identity;
  }

  toJSON(): string {
    return `[credentials: ${this.kind}]`;
  }

  [inspectCustom](): string {
    return `[credentials: ${this.kind}]`;
  }
}

/**
 * A caller's own provider, with the client's caching: credentials with an expiration are reused
 * until one minute before it (and past that while a renewal fails and they are still valid);
 * without one, the provider is asked for every attempt. Concurrent attempts share one call.
 */
export function cachingProvider(provider: CredentialsProvider): CredentialsProvider {
  const cache = new RefreshingCredentials(
    async () => {
      let credentials: Credentials;
      try {
        credentials = await provider();
      } catch (error) {
        throw providerFailure(error);
      }
      const problem = credentialsProblem(credentials);
      if (problem !== undefined) throw new CredentialsError(`the credentials provider returned ${problem}`);
      return { credentials, expiresAt: expirationOf(credentials.expiration) };
    },
    { clock: Date.now, renewAheadMs: () => EXPIRY_MARGIN_MS, keepWithoutExpiry: false },
  );
  return namedProvider(provider.providerName ?? 'provider', () => cache.get());
}

/** Our errors as they are; anything else a provider threw, as a CredentialsError with its message. */
function providerFailure(error: unknown): AcrError {
  if (error instanceof AcrError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CredentialsError(`the credentials provider failed: ${message}`, { cause: error });
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
 * Picks the source: explicit keys, else a provider, else the default chain (see credentials/chain.ts).
 * Half-given explicit keys fail now, naming what is missing.
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
  if (explicit) return new CredentialSource('static', checkedKeys(config.accessKeyId, config.accessKeySecret, config.securityToken, ['accessKeyId', 'accessKeySecret', 'securityToken'], ''));
  if (config.securityToken !== undefined) throw new ConfigError('securityToken was given without accessKeyId and accessKeySecret');
  // Both key variables set: the chain's first provider would take them anyway; read them once, now.
  if (env[ENV_ACCESS_KEY_ID] && env[ENV_ACCESS_KEY_SECRET]) {
    return new CredentialSource('environment', checkedKeys(env[ENV_ACCESS_KEY_ID], env[ENV_ACCESS_KEY_SECRET], env[ENV_SECURITY_TOKEN] || undefined, [ENV_ACCESS_KEY_ID, ENV_ACCESS_KEY_SECRET, ENV_SECURITY_TOKEN], ''));
  }
  return new CredentialSource('default chain', defaultCredentialsChain({ env }));
}
