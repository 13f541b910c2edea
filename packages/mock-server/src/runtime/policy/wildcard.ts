// RAM wildcard patterns: `*` matches any run of characters (none included), `?` exactly one, every
// other character itself. Matched without backtracking, in time linear in the text for a given
// pattern: the pattern is cut at its stars into pieces; the first piece must start the text, the
// last must end it, and each piece between is taken at its leftmost place after the previous one.
// Leftmost is always right: a later place leaves less room for the pieces that follow, never more.
// (Regular expressions built from such patterns backtrack: `*a*a*a*a*c` took a second on a
// 64-character text, and a policy check stalled the whole server.)

/** Counts the characters compared, for tests that pin the cost down. */
export interface MatchMeter {
  steps: number;
}

const NO_METER: MatchMeter = { steps: 0 };

export class Wildcard {
  readonly #pieces: readonly string[];
  readonly #ignoreCase: boolean;
  /** The shortest text it can match: the pattern without its stars. */
  readonly #minLength: number;

  constructor(pattern: string, options: { readonly ignoreCase?: boolean } = {}) {
    this.#ignoreCase = options.ignoreCase === true;
    this.#pieces = (this.#ignoreCase ? pattern.toLowerCase() : pattern).split('*');
    this.#minLength = this.#pieces.reduce((sum, piece) => sum + piece.length, 0);
  }

  matches(input: string, meter: MatchMeter = NO_METER): boolean {
    const text = this.#ignoreCase ? input.toLowerCase() : input;
    const pieces = this.#pieces;
    const last = pieces.length - 1;
    if (last === 0) return text.length === pieces[0].length && pieceAt(text, 0, pieces[0], meter);
    if (text.length < this.#minLength) return false;
    const end = text.length - pieces[last].length;
    if (!pieceAt(text, 0, pieces[0], meter) || !pieceAt(text, end, pieces[last], meter)) return false;
    let from = pieces[0].length;
    for (let i = 1; i < last; i++) {
      const piece = pieces[i];
      let at = from;
      while (at + piece.length <= end && !pieceAt(text, at, piece, meter)) at++;
      if (at + piece.length > end) return false;
      from = at + piece.length;
    }
    return true;
  }
}

/** Whether `piece` (whose `?` matches any one character) is found in `text` at `at`. */
function pieceAt(text: string, at: number, piece: string, meter: MatchMeter): boolean {
  for (let i = 0; i < piece.length; i++) {
    meter.steps++;
    const want = piece.charCodeAt(i);
    if (want !== 63 /* ? */ && want !== text.charCodeAt(at + i)) return false;
  }
  return true;
}
