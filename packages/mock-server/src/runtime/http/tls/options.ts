// The server's HTTPS option: `true` for a certificate it makes itself (self-signed, for the names
// of namesFor), or a certificate and key of your own (PEM).
import { createPrivateKey, X509Certificate } from 'node:crypto';
import { namesFor, selfSignedCertificate, type TlsCredentials } from './certificate.js';

export type TlsOption = boolean | TlsCredentials;

/** The certificate and key to serve with, or undefined for plain HTTP. Throws TypeError naming what is wrong. */
export function tlsCredentialsOf(option: TlsOption | undefined, host: string): TlsCredentials | undefined {
  if (option === undefined || option === false) return undefined;
  if (option === true) return selfSignedCertificate(namesFor(host));
  if (option === null || typeof option !== 'object' || typeof option.cert !== 'string' || typeof option.key !== 'string') {
    throw new TypeError('tls must be true, false, or { cert, key } (PEM strings)');
  }
  try {
    new X509Certificate(option.cert);
  } catch (error) {
    throw new TypeError(`tls.cert is not a PEM certificate: ${(error as Error).message}`);
  }
  try {
    createPrivateKey(option.key);
  } catch {
    // The key's text is never echoed.
    throw new TypeError('tls.key is not a PEM private key');
  }
  return { cert: option.cert, key: option.key };
}
