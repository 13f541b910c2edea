// credentialsChain over the caller's own functions: tried in order, the first that yields kept,
// each cached as the client caches a provider of its own, and every failure named. No network.
import { describe, expect, it, vi } from 'vitest';
import { ConfigError, CredentialsError, type Credentials } from '../../src/runtime/index.js';
import { credentialsChain, staticCredentials } from '../../src/credentials/index.js';

const KEY = { accessKeyId: 'LTAIchain', accessKeySecret: 'chain-secret-never-shown' };

describe('credentialsChain', () => {
  it('takes the first that yields and keeps it; a function of your own is cached by its expiration', async () => {
    const failing = vi.fn(async (): Promise<Credentials> => {
      throw new Error('not configured here');
    });
    const own = vi.fn(async (): Promise<Credentials> => ({ ...KEY, expiration: Date.now() + 3_600_000 }));
    const chain = credentialsChain([failing, own, staticCredentials({ accessKeyId: 'other', accessKeySecret: 'x' })]);
    expect((await chain()).accessKeyId).toBe('LTAIchain');
    expect((await chain()).accessKeyId).toBe('LTAIchain');
    expect(failing).toHaveBeenCalledTimes(1);
    expect(own).toHaveBeenCalledTimes(1);
  });

  it('names each failure, the provider’s own name when it has one, and no secret', async () => {
    const chain = credentialsChain([async () => Promise.reject(new Error('boom')), async () => ({ accessKeyId: 'a' }) as Credentials]);
    const error = (await Promise.resolve(chain()).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(CredentialsError);
    expect(error.message).toBe(
      'credentials chain: no provider yielded credentials. provider 1: the credentials provider failed: boom; provider 2: the credentials provider returned no accessKeySecret',
    );
  });

  it('needs a non-empty array of functions', () => {
    expect(() => credentialsChain([])).toThrow(new ConfigError('credentials chain: pass a non-empty array of credentials providers'));
    expect(() => credentialsChain([KEY as never])).toThrow(ConfigError);
  });
});
