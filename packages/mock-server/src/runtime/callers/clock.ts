// The server's clock: the host's clock plus an offset that tests move forward (build progress,
// token expiry, timestamps). Handlers get `now` from it; signature timestamps are checked against it.

// The clock stays within the dates a wire Timestamp can carry (four-digit years), far inside the
// range of a JavaScript Date: an offset beyond it would make `new Date(now)` throw everywhere.
const EARLIEST = Date.parse('0000-01-01T00:00:00.000Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

export class Clock {
  #offsetMs = 0;

  constructor(offsetMs = 0) {
    this.offsetMs = offsetMs;
  }

  now(): number {
    return Date.now() + this.#offsetMs;
  }

  get offsetMs(): number {
    return this.#offsetMs;
  }

  set offsetMs(value: number) {
    if (!Number.isSafeInteger(value)) throw new RangeError('the clock offset must be a whole number of milliseconds');
    const now = Date.now() + value;
    if (now < EARLIEST || now > LATEST) throw new RangeError('the clock offset must keep the clock between the years 0000 and 9999');
    this.#offsetMs = value;
  }

  /** Moves the clock forward by `ms` (a non-negative whole number). */
  advance(ms: number): void {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new RangeError('the clock advances by a non-negative whole number of milliseconds');
    this.offsetMs = this.#offsetMs + ms;
  }
}

const TIMESTAMP = /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})Z$/;
// Requests within one second share their Timestamp string: parse each once.
let lastText = '';
let lastMs = NaN;

/** Milliseconds since the epoch of a `YYYY-MM-DDThh:mm:ssZ` timestamp, or NaN when it is not one. */
export function parseTimestamp(text: string): number {
  if (text === lastText) return lastMs;
  const m = TIMESTAMP.exec(text);
  let ms = NaN;
  if (m !== null) {
    const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number);
    const value = Date.UTC(year, month - 1, day, hour, minute, second);
    const back = new Date(value);
    // Date.UTC rolls 2024-02-31 over to March: only real calendar dates count.
    if (back.getUTCMonth() === month - 1 && back.getUTCDate() === day && hour < 24 && minute < 60 && second < 60) ms = value;
  }
  lastText = text;
  lastMs = ms;
  return ms;
}
