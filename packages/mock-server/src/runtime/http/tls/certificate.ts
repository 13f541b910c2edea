// A self-signed certificate for the mock server's HTTPS: an EC P-256 key and an X.509 v3
// certificate (written with der.ts, signed by node:crypto) naming localhost, 127.0.0.1, ::1 and
// the host the server listens on. Clients trust it by its PEM (`ca`, NODE_EXTRA_CA_CERTS).
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { isIP } from 'node:net';
import {
  bitString,
  boolean,
  explicit,
  implicitPrimitive,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der.js';

const ECDSA_WITH_SHA256 = '1.2.840.10045.4.3.2';
const COMMON_NAME = '2.5.4.3';
const BASIC_CONSTRAINTS = '2.5.29.19';
const SUBJECT_ALT_NAME = '2.5.29.17';
const DAY_MS = 86_400_000;

export interface TlsCredentials {
  /** The certificate, PEM. */
  readonly cert: string;
  /** Its private key, PKCS#8 PEM. */
  readonly key: string;
}

/** The names a certificate for `host` must carry: the loopback names and the host itself. */
export function namesFor(host: string): string[] {
  const names = ['localhost', '127.0.0.1', '::1'];
  if (host !== '' && host !== '0.0.0.0' && host !== '::' && !names.includes(host)) names.push(host);
  return names;
}

function generalName(name: string): Buffer {
  const family = isIP(name);
  if (family === 4) return implicitPrimitive(7, Buffer.from(name.split('.').map(Number)));
  if (family === 6) return implicitPrimitive(7, ipv6Bytes(name));
  return implicitPrimitive(2, Buffer.from(name, 'ascii'));
}

function ipv6Bytes(address: string): Buffer {
  const [head, tail = ''] = address.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = address.includes('::') ? (tail === '' ? [] : tail.split(':')) : [];
  const groups = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const out = Buffer.alloc(16);
  groups.forEach((group, i) => out.writeUInt16BE(parseInt(group, 16), i * 2));
  return out;
}

/** A new key and a certificate valid from a day ago for `validDays`, naming `names`. */
export function selfSignedCertificate(names: readonly string[], validDays = 365, now = Date.now()): TlsCredentials {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const algorithm = sequence(objectIdentifier(ECDSA_WITH_SHA256));
  const name = sequence(set(sequence(objectIdentifier(COMMON_NAME), utf8String('acr-ee mock server'))));
  const extensions = sequence(
    // CA:TRUE, so the certificate is its own trust anchor wherever it is trusted.
    sequence(objectIdentifier(BASIC_CONSTRAINTS), boolean(true), octetString(sequence(boolean(true)))),
    sequence(objectIdentifier(SUBJECT_ALT_NAME), octetString(sequence(...names.map(generalName)))),
  );
  const serial = randomBytes(16);
  serial[0] &= 0x7f;
  const tbs = sequence(
    explicit(0, smallInteger(2)),
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(time(new Date(now - DAY_MS)), time(new Date(now + validDays * DAY_MS))),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, extensions),
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = sequence(tbs, algorithm, bitString(signature));
  return { cert: pem('CERTIFICATE', der), key: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string };
}

function pem(label: string, der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

