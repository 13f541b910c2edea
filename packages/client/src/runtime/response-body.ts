// Reading a response body under a size cap, shared by both transports. A hostile or broken server
// can send any amount: joining chunks into a string without a bound once crashed the process
// outside the call's promise (ERR_STRING_TOO_LONG at about 512 MB) and let a 300 MB body take the
// process to 1 GB. So bytes are counted as they arrive, the transport stops reading (and drops the
// connection) the moment the count passes the limit, and the text is decoded once at the end.
import { ResponseTooLargeError } from './errors.js';

/** The default cap: the largest answer of this API is far smaller. */
export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
/** The highest cap accepted: below V8's longest string (about 512 M characters). */
export const MAX_RESPONSE_BYTES_LIMIT = 256 * 1024 * 1024;

// Non-fatal like Buffer#toString: a stray invalid byte becomes U+FFFD, and JSON parsing decides.
const utf8 = new TextDecoder('utf-8');

/** Collects one body's chunks, failing as soon as they pass `limit` bytes. */
export class BodyCollector {
  readonly #limit: number;
  #length = 0;
  #first: Uint8Array | undefined;
  #rest: Uint8Array[] | undefined;

  constructor(limit: number) {
    this.#limit = limit;
  }

  /** Adds a chunk; throws ResponseTooLargeError (and keeps nothing more) past the limit. */
  add(chunk: Uint8Array): void {
    this.#length += chunk.byteLength;
    if (this.#length > this.#limit) {
      this.#first = this.#rest = undefined;
      throw new ResponseTooLargeError(this.#limit);
    }
    if (this.#first === undefined) this.#first = chunk;
    else (this.#rest ??= []).push(chunk);
  }

  /** The body decoded as UTF-8 (one copy only when it came in several chunks). */
  text(): string {
    if (this.#first === undefined) return '';
    if (this.#rest === undefined) return utf8.decode(this.#first);
    const whole = new Uint8Array(this.#length);
    whole.set(this.#first, 0);
    let offset = this.#first.byteLength;
    for (const chunk of this.#rest) {
      whole.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return utf8.decode(whole);
  }
}

/**
 * Fails early when the server announces a body over the limit (a Content-Length header), before
 * reading any of it. Absent or unreadable lengths are left to the counting.
 */
export function checkDeclaredLength(value: string | null | undefined, limit: number): void {
  if (value === null || value === undefined || !/^\d+$/.test(value)) return;
  if (Number(value) > limit) throw new ResponseTooLargeError(limit, { declaredBytes: Number(value) });
}
