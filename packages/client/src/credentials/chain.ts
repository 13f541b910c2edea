// Chains of providers: the first that yields credentials wins and is kept for every later call;
// when none yields, the error lists what each one found missing. The default chain is the vendor's
// order: environment, OIDC role, aliyun CLI profile, ini file, ECS instance role, credentials URI.
import { cachingProvider, type Credentials, type CredentialsProvider } from '../runtime/credentials.js';
import { ConfigError, CredentialsError } from '../runtime/errors.js';
import { cliProfileCredentials, PROFILE_OPTION_KEYS, remotePart, type ProfileOptions } from './cli-profile.js';
import { ecsRamRoleCredentials } from './ecs.js';
import { iniProfileCredentials } from './ini-profile.js';
import { oidcRoleCredentials } from './oidc.js';
import { cachesItself, checkOptionKeys, namedProvider } from './provider.js';
import { environmentCredentials } from './static.js';
import { credentialsUriCredentials } from './uri.js';

interface Link {
  readonly name: string;
  /** Makes the provider; throws (a ConfigError) when what it needs is not there. */
  readonly create: () => CredentialsProvider;
}

/** A chain of the given providers, tried in order. */
export function credentialsChain(providers: readonly CredentialsProvider[]): CredentialsProvider {
  if (!Array.isArray(providers) || providers.length === 0 || providers.some((p) => typeof p !== 'function')) {
    throw new ConfigError('credentials chain: pass a non-empty array of credentials providers');
  }
  return chainOf(
    // A function of the caller's own gets the client's caching, as it would as `credentials`.
    providers.map((provider, i) => {
      const caching = cachesItself(provider) ? provider : cachingProvider(provider);
      return { name: provider.providerName ?? `provider ${i + 1}`, create: () => caching };
    }),
    'credentials chain',
  );
}

export type DefaultCredentialsChainOptions = ProfileOptions;

/**
 * The vendor's default chain. Each provider is made when the chain is first asked, from the
 * environment and files as they are then; one that is not configured is skipped, with the reason.
 * The options reach every provider (a test points STS and the metadata service at a loopback server).
 */
export function defaultCredentialsChain(options: DefaultCredentialsChainOptions = {}): CredentialsProvider {
  checkOptionKeys(options, PROFILE_OPTION_KEYS, 'default credentials chain');
  const remote = remotePart(options);
  const sts = { stsEndpoint: options.stsEndpoint, stsRegionId: options.stsRegionId, enableVpc: options.enableVpc };
  return chainOf(
    [
      { name: 'environment', create: () => environmentCredentials({ env: options.env }) },
      { name: 'oidc role', create: () => oidcRoleCredentials({ ...remote, ...sts }) },
      { name: 'cli profile', create: () => cliProfileCredentials(options) },
      { name: 'ini profile', create: () => iniProfileCredentials(options) },
      { name: 'ecs ram role', create: () => ecsRamRoleCredentials({ ...remote, metadataEndpoint: options.metadataEndpoint }) },
      { name: 'credentials uri', create: () => credentialsUriCredentials(remote) },
    ],
    'default credentials chain',
  );
}

function chainOf(links: readonly Link[], what: string): CredentialsProvider {
  let chosen: CredentialsProvider | undefined;
  let resolving: Promise<Credentials> | undefined;

  const resolve = async (): Promise<Credentials> => {
    const reasons: string[] = [];
    for (const link of links) {
      try {
        const provider = link.create();
        const credentials = await provider();
        chosen = provider;
        return credentials;
      } catch (error) {
        reasons.push(reasonOf(link.name, error));
      }
    }
    throw new CredentialsError(`${what}: no provider yielded credentials. ${reasons.join('; ')}`);
  };

  return namedProvider(what, () => {
    if (chosen !== undefined) return chosen();
    // Concurrent first calls share one walk down the chain.
    resolving ??= resolve().finally(() => {
      resolving = undefined;
    });
    return resolving;
  });
}

/** The provider's error, led by the provider's name (ours already start with it), without its cause. */
function reasonOf(name: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.startsWith(`${name}`) ? message : `${name}: ${message}`;
}
