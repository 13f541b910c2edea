// What every provider of this folder shares: its options (where settings, the network and the time
// come from), the checks of those options, and the making of a named provider function that the
// client recognises as caching by itself.
import { didYouMean } from '../runtime/closest.js';
import type { Credentials, CredentialsProvider } from '../runtime/credentials.js';
import { ConfigError } from '../runtime/errors.js';
import { fsLoaded, osLoaded } from '../runtime/lazy-builtins.js';
import type { Transport } from '../runtime/transport.js';
import { defaultCredentialsTransport } from './http.js';
import { RefreshingCredentials, temporaryRenewAhead, type Fetched } from './refresh.js';

export type Environment = Readonly<Record<string, string | undefined>>;

export interface ProviderOptions {
  /** Where `ALIBABA_CLOUD_*` settings are read from. Default: `process.env`. */
  readonly env?: Environment;
}

export interface RemoteProviderOptions extends ProviderOptions {
  /** Sends the provider's requests. Default: node:http(s) without keep-alive. Pass one to trust a CA. */
  readonly transport?: Transport;
  /** Budget of one request, in milliseconds (default per provider). */
  readonly timeoutMs?: number;
  /** The time now in epoch milliseconds, for expiry and request timestamps. Default: `Date.now`. */
  readonly clock?: () => number;
}

/** Names the option keys of remote providers, for the unknown-option check. */
export const REMOTE_OPTION_KEYS = ['env', 'transport', 'timeoutMs', 'clock'] as const;

/** The client asks these providers for every attempt: they cache and renew by themselves. */
const selfCaching = new WeakSet<CredentialsProvider>();

export function cachesItself(provider: CredentialsProvider): boolean {
  return selfCaching.has(provider);
}

/** A provider function with a name, marked as caching by itself. */
export function namedProvider(providerName: string, get: () => Credentials | Promise<Credentials>): CredentialsProvider {
  const provider = Object.defineProperty(() => get(), 'providerName', { value: providerName, enumerable: true }) as CredentialsProvider;
  selfCaching.add(provider);
  return provider;
}

/** A provider of temporary credentials: fetched, held, renewed ahead of expiry (see refresh.ts). */
export function temporaryProvider(providerName: string, fetch: () => Promise<Fetched>, clock: () => number): CredentialsProvider {
  const cache = new RefreshingCredentials(fetch, { clock, renewAheadMs: temporaryRenewAhead, keepWithoutExpiry: true });
  return namedProvider(providerName, () => cache.get());
}

/** The credentials a provider hands out for an answer with an expiry. */
export function fetchedOf(c: { accessKeyId: string; accessKeySecret: string; securityToken: string; expiresAt: number }): Fetched {
  const credentials: Credentials = Object.freeze({
    accessKeyId: c.accessKeyId,
    accessKeySecret: c.accessKeySecret,
    securityToken: c.securityToken,
    expiration: new Date(c.expiresAt),
  });
  return { credentials, expiresAt: c.expiresAt };
}

export interface Remote {
  readonly env: Environment;
  readonly transport: Transport;
  readonly clock: () => number;
  readonly timeoutMs: number;
}

/** Options checked (unknown keys included, against `keys`), defaults filled. */
export function remoteOf(options: RemoteProviderOptions, keys: readonly string[], what: string, defaultTimeoutMs: number): Remote {
  checkOptionKeys(options, keys, what);
  if (options.transport !== undefined && typeof options.transport !== 'function') throw new ConfigError(`${what}: transport must be a function`);
  if (options.clock !== undefined && typeof options.clock !== 'function') throw new ConfigError(`${what}: clock must be a function returning epoch milliseconds`);
  const timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  if (typeof timeoutMs !== 'number' || !(timeoutMs > 0) || timeoutMs > 600_000) {
    throw new ConfigError(`${what}: timeoutMs must be a positive number of milliseconds (at most 600,000)`);
  }
  return { env: envOf(options, what), transport: options.transport ?? defaultCredentialsTransport(), clock: options.clock ?? Date.now, timeoutMs };
}

export function checkOptionKeys(options: unknown, keys: readonly string[], what: string): void {
  if (options === null || typeof options !== 'object') throw new ConfigError(`${what}: options must be an object`);
  for (const key of Object.keys(options)) {
    if (!keys.includes(key)) throw new ConfigError(`${what}: unknown option ${JSON.stringify(key)}${didYouMean(key, keys)}`);
  }
}

export function envOf(options: ProviderOptions, what: string): Environment {
  const env = options.env ?? globalThis.process?.env ?? {};
  if (env === null || typeof env !== 'object') throw new ConfigError(`${what}: env must be an object of strings`);
  return env;
}

/** A setting: the option when given, else the variable when set and not empty. */
export function setting(option: string | undefined, env: Environment, variable: string, optionName: string, what: string): string | undefined {
  if (option !== undefined) {
    if (typeof option !== 'string' || option === '') throw new ConfigError(`${what}: ${optionName} must be a non-empty string`);
    return option;
  }
  const value = env[variable];
  return value === undefined || value === '' ? undefined : value;
}

/** Whether a boolean variable is set to `true` (in any case), as the vendor's tools read them. */
export function flag(env: Environment, variable: string): boolean {
  return env[variable]?.toLowerCase() === 'true';
}

/** The missing settings of a provider, as one ConfigError: `what: A is not set; B is not set`. */
export function requireSettings(what: string, missing: readonly string[]): void {
  if (missing.length > 0) throw new ConfigError(`${what}: ${missing.map((name) => `${name} is not set`).join('; ')}`);
}

/** A settings file's text, read now; a missing or unreadable file is a ConfigError naming the path. */
export function readSettingsFile(path: string, what: string): string {
  try {
    return fsLoaded().readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new ConfigError(`${what}: ${path} does not exist`);
    throw new ConfigError(`${what}: cannot read ${path}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

/** The home directory: the option, else the platform's (HOME on POSIX). */
export function homeOf(homeDir: unknown, what: string): string {
  if (homeDir !== undefined) {
    if (typeof homeDir !== 'string' || homeDir === '') throw new ConfigError(`${what}: homeDir must be a non-empty string`);
    return homeDir;
  }
  const home = osLoaded().homedir();
  if (home === '') throw new ConfigError(`${what}: no home directory`);
  return home;
}
