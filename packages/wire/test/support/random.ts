// A seeded PRNG (mulberry32), so a failing randomised test reproduces from its printed seed.

export type Random = () => number;

export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from `env[name]` when set (to reproduce a failure), else a fresh one. */
export function seedFrom(name: string): number {
  const given = process.env[name];
  return given !== undefined && given !== '' ? Number(given) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
}

export function integer(random: Random, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

// Everything percent-encoding can get wrong: reserved characters, `%`, space, multi-byte UTF-8.
const PIECES = [...'abcXYZ019-_.~', ' ', '*', '+', '/', '=', '&', '%', '?', '#', ':', '!', "'", '(', ')', 'é', '镜像', '🐳', '\n'];

export function awkwardText(random: Random, maxPieces = 12): string {
  let out = '';
  for (let n = integer(random, 0, maxPieces); n > 0; n--) out += pick(random, PIECES);
  return out;
}
