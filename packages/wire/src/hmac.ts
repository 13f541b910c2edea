// HMAC with the key's work done once, for signing (the client, per attempt) and verifying (the mock
// server, per request). Why not one createHmac per message: on a keep-alive loopback call it
// measured about 12-18 us of CPU (an HMAC context allocated and keyed per call), a large share of a
// client's budget (the benchmark's target is 1.2x a bare request). HMAC is
// H((K ^ opad) || H((K ^ ipad) || m)) (RFC 2104): the padded key blocks are prepared once per key,
// and a message costs two one-shot `crypto.hash` calls over reused buffers. Still OpenSSL's
// digests, no hand-written crypto. The tests hold it to RFC 2202's vectors and to createHmac.
import { createHash, hash } from 'node:crypto';

const BLOCK_BYTES = 64;

export type HmacAlgorithm = 'sha1' | 'sha256';

/**
 * A signer for one key: message in, HMAC out. Strings-to-sign are ASCII (every part is
 * percent-encoded); `messageEncoding` says how other characters become bytes.
 */
export function preparedHmac(
  algorithm: HmacAlgorithm,
  key: string | Uint8Array,
  output: 'base64' | 'hex',
  messageEncoding: 'utf8' | 'latin1' = 'utf8',
): (message: string) => string {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : key;
  const padded = Buffer.alloc(BLOCK_BYTES);
  Buffer.from(bytes.length > BLOCK_BYTES ? createHash(algorithm).update(bytes).digest() : bytes).copy(padded);
  const digestBytes = algorithm === 'sha1' ? 20 : 32;
  let inner = Buffer.alloc(4096);
  for (let i = 0; i < BLOCK_BYTES; i++) inner[i] = padded[i] ^ 0x36;
  const outer = Buffer.alloc(BLOCK_BYTES + digestBytes);
  for (let i = 0; i < BLOCK_BYTES; i++) outer[i] = padded[i] ^ 0x5c;
  return (message) => {
    // At most 3 bytes per UTF-16 unit; grow the reused buffer when a message could overflow it.
    if (BLOCK_BYTES + message.length * 3 > inner.length) {
      const larger = Buffer.alloc(BLOCK_BYTES + message.length * 3);
      inner.copy(larger, 0, 0, BLOCK_BYTES);
      inner = larger;
    }
    const length = inner.write(message, BLOCK_BYTES, messageEncoding);
    hash(algorithm, inner.subarray(0, BLOCK_BYTES + length), 'buffer').copy(outer, BLOCK_BYTES);
    return hash(algorithm, outer, output);
  };
}
