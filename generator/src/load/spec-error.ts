// Every problem found in the spec input is a SpecError that names where it is, as
// `<file relative to the spec folder>#<JSON pointer>`, so the author can go straight to it.

export class SpecError extends Error {
  constructor(
    readonly location: string,
    readonly problem: string,
  ) {
    super(`${location}: ${problem}`);
    this.name = 'SpecError';
  }
}

/** Several problems at once: the generator reports all it found, not just the first. */
export class SpecErrors extends Error {
  constructor(readonly errors: readonly SpecError[]) {
    super(`The spec has ${errors.length} problem${errors.length === 1 ? '' : 's'}:\n${errors.map((e) => `  - ${e.message}`).join('\n')}`);
    this.name = 'SpecErrors';
  }
}

/** Escapes one JSON pointer segment (RFC 6901). */
export function pointerSegment(key: string | number): string {
  return String(key).replace(/~/g, '~0').replace(/\//g, '~1');
}

function unescapeSegment(segment: string): string {
  return decodeURIComponent(segment).replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The segments of a JSON pointer (`/a/b~1c` -> [`a`, `b/c`]). */
export function pointerSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '/') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return pointer.slice(1).split('/').map(unescapeSegment);
}
