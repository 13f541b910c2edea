// The SignatureNonces seen within the timestamp window, per AccessKeyId, in bounded memory that the
// garbage collector never sees: a ring of at most `capacity` entries in arrival order (each with its
// expiry) and an open-addressing table for lookups, both typed arrays. An entry leaves when its
// window has passed, or, when the ring is full, the oldest one leaves first (a replay of a nonce
// forgotten that way is accepted: the README says so; the default capacity covers 15 minutes at
// over 100 requests/s).
//
// Entries are 52-bit hashes of (AccessKeyId, nonce), not the strings: a string kept per request
// would keep its whole request target alive and scatter lookups over the heap (measured: about a
// fifth of the server's CPU per request at 100,000 entries). Two different nonces share a hash
// with a probability of about one in 2^52 per entry held: a fresh nonce could then be refused as
// used, about once in 10^10 requests with the table full.

const EMPTY = 0;

/** FNV-1a twice (two offsets), over `accessKeyId \n nonce`, folded into a non-zero 52-bit integer. */
function hashOf(accessKeyId: string, nonce: string): number {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < accessKeyId.length; i++) {
    const c = accessKeyId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
    b ^= b >>> 15;
  }
  a = Math.imul(a ^ 10, 0x01000193);
  b = Math.imul(b ^ 10, 0x01000193);
  for (let i = 0; i < nonce.length; i++) {
    const c = nonce.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
    b ^= b >>> 15;
  }
  // Final avalanche (murmur3's) so that the low bits, which pick the slot, depend on every char.
  b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  b ^= b >>> 16;
  const key = (a >>> 0) * 0x100000 + (b >>> 12);
  return key === EMPTY ? 1 : key;
}

export class NonceCache {
  readonly #windowMs: number;
  readonly #capacity: number;
  readonly #ringKeys: Float64Array;
  readonly #ringExpiries: Float64Array;
  #head = 0; // the oldest entry
  #size = 0;
  /** Linear probing, at most half full; EMPTY marks a free slot. */
  readonly #table: Float64Array;

  constructor(windowMs: number, capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new RangeError('the nonce capacity must be a positive integer');
    this.#windowMs = windowMs;
    this.#capacity = capacity;
    this.#ringKeys = new Float64Array(capacity);
    this.#ringExpiries = new Float64Array(capacity);
    let slots = 16;
    while (slots < capacity * 2) slots *= 2;
    this.#table = new Float64Array(slots);
  }

  /**
   * Records the nonce; false when it was already seen (and has not expired). `now` is the server's
   * clock: a nonce is remembered until `now + window`.
   */
  use(accessKeyId: string, nonce: string, now: number): boolean {
    this.#expire(now);
    const key = hashOf(accessKeyId, nonce);
    const table = this.#table;
    const size = table.length;
    let slot = key % size;
    while (table[slot] !== EMPTY) {
      if (table[slot] === key) return false;
      slot = (slot + 1) % size;
    }
    if (this.#size === this.#capacity) {
      this.#dropOldest();
      // The drop may have moved entries: find the free slot again.
      slot = key % size;
      while (table[slot] !== EMPTY) slot = (slot + 1) % size;
    }
    table[slot] = key;
    const entry = (this.#head + this.#size) % this.#capacity;
    this.#ringKeys[entry] = key;
    this.#ringExpiries[entry] = now + this.#windowMs;
    this.#size++;
    return true;
  }

  get size(): number {
    return this.#size;
  }

  clear(): void {
    this.#table.fill(EMPTY);
    this.#head = 0;
    this.#size = 0;
  }

  #expire(now: number): void {
    while (this.#size > 0 && this.#ringExpiries[this.#head] <= now) this.#dropOldest();
  }

  #dropOldest(): void {
    this.#remove(this.#ringKeys[this.#head]);
    this.#head = (this.#head + 1) % this.#capacity;
    this.#size--;
  }

  /** Removes a key, shifting later entries of its probe run back (no tombstones). */
  #remove(key: number): void {
    const table = this.#table;
    const size = table.length;
    let hole = key % size;
    while (table[hole] !== key) {
      if (table[hole] === EMPTY) return;
      hole = (hole + 1) % size;
    }
    let next = hole;
    for (;;) {
      next = (next + 1) % size;
      const moving = table[next];
      if (moving === EMPTY) break;
      const home = moving % size;
      // `moving` may fill the hole unless its home lies cyclically in (hole, next].
      const homeBetween = hole <= next ? home > hole && home <= next : home > hole || home <= next;
      if (!homeBetween) {
        table[hole] = moving;
        hole = next;
      }
    }
    table[hole] = EMPTY;
  }
}
