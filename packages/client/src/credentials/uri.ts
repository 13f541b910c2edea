// Credentials from a URL that answers `{ AccessKeyId, AccessKeySecret, SecurityToken, Expiration }`
// (a sidecar, a local credentials server): ALIBABA_CLOUD_CREDENTIALS_URI.
import type { CredentialsProvider } from '../runtime/credentials.js';
import { ConfigError, CredentialsError } from '../runtime/errors.js';
import { jsonObjectOf, send, temporaryCredentialsOf, type TemporaryFields } from './http.js';
import { fetchedOf, REMOTE_OPTION_KEYS, remoteOf, requireSettings, setting, temporaryProvider, type RemoteProviderOptions } from './provider.js';

export const ENV_CREDENTIALS_URI = 'ALIBABA_CLOUD_CREDENTIALS_URI';
/** The vendor's read timeout for a credentials URI. */
export const CREDENTIALS_URI_TIMEOUT_MS = 10_000;

export interface CredentialsUriOptions extends RemoteProviderOptions {
  /** An http(s) URL. Default: `ALIBABA_CLOUD_CREDENTIALS_URI`. */
  readonly uri?: string;
}

/** Credentials fetched with a GET of the URI, renewed ahead of their Expiration. */
export function credentialsUriCredentials(options: CredentialsUriOptions = {}): CredentialsProvider {
  const what = 'credentials uri';
  const remote = remoteOf(options, [...REMOTE_OPTION_KEYS, 'uri'], what, CREDENTIALS_URI_TIMEOUT_MS);
  const uri = setting(options.uri, remote.env, ENV_CREDENTIALS_URI, 'uri', what);
  requireSettings(what, uri === undefined ? [ENV_CREDENTIALS_URI] : []);
  const name = options.uri !== undefined ? 'uri' : ENV_CREDENTIALS_URI;
  let url: URL;
  try {
    url = new URL(uri!);
  } catch {
    throw new ConfigError(`${what}: ${name} must be an http(s) URL`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.username !== '' || url.password !== '') {
    throw new ConfigError(`${what}: ${name} must be an http(s) URL without user info`);
  }
  const origin = url.origin;
  const path = `${url.pathname}${url.search}`;
  return temporaryProvider(
    'credentials-uri',
    async () => {
      const response = await send(remote.transport, { method: 'GET', origin, path, timeoutMs: remote.timeoutMs }, what);
      // The path's query may carry a secret of its own: the error names the origin only.
      if (response.status !== 200) throw new CredentialsError(`${what}: ${origin} answered HTTP ${response.status}`);
      return fetchedOf(temporaryCredentialsOf(jsonObjectOf(response, what) as TemporaryFields, what));
    },
    remote.clock,
  );
}
