// A seeded PRNG (mulberry32) and generators of awkward names, values and secrets, so a failing
// randomised test reproduces from its printed seed. The one copy: the client's tests import it from
// here (wire is where percent-encoding and signing live, and what these inputs exercise).

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

// Parameter names of the API are ASCII letters and digits; `.`, `_`, `-` and `~` are the other
// characters that encode to themselves.
const NAME_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-~';

// Everything percent-encoding can get wrong: reserved and sub-delimiter characters, `%`, space,
// multi-byte UTF-8 (accents, CJK, astral-plane emoji), controls.
const VALUE_PIECES = [
  ...'abcXYZ019-_.~',
  ' ', '*', '~', '+', '/', '=', '&', '%', '?', '#', ':', '@', '!', "'", '(', ')', ',', ';', '$', '[', ']', '"', '\\', '<', '>',
  '\n', '\t', '%20', '%2A', 'é', 'ü', 'ñ', 'Å', '镜像', '仓库', '東京', '한국', 'Ωμέγα', '🐳', '👍🏽', '🇨🇳', '\u00a0', '\u200b',
];

export function randomName(random: Random): string {
  let name = '';
  const length = integer(random, 1, 12);
  for (let i = 0; i < length; i++) name += NAME_CHARS[Math.floor(random() * NAME_CHARS.length)];
  return name;
}

export function randomValue(random: Random): string {
  if (random() < 0.08) return '';
  let value = '';
  const length = integer(random, 1, 16);
  for (let i = 0; i < length; i++) value += pick(random, VALUE_PIECES);
  return value;
}

export function randomSecret(random: Random): string {
  return pick(random, ['testsecret', 'a b*c~d+e/f=g&h%i', 'sécrét-镜像-🐳', 'x']) + randomName(random);
}
