// The order in which interleaved benchmarks run their contenders.

/**
 * The contenders in the order of one run: the rows of a balanced Latin square (Williams design),
 * taken in turn, so that over a whole cycle of rows (n of them for n contenders, 2n when n is odd)
 * every contender runs right after every other equally often (once a cycle; twice when n is odd).
 * Why: a process leaves the machine busier for the next one (the vendor runtime's exit, its
 * sockets' close on the server), and a plain rotation (A B C D, B C D A, ...) keeps the cyclic
 * order, so a contender would nearly always follow the same one.
 */
export function balancedOrder<T>(list: readonly T[], run: number): T[] {
  const n = list.length;
  // The first row: 0, 1, n-1, 2, n-2, ...; row r adds r to each (mod n).
  const first = Array.from({ length: n }, (_, i) => (i === 0 ? 0 : i % 2 === 1 ? (i + 1) / 2 : n - i / 2));
  const rows = n % 2 === 0 ? n : 2 * n;
  const row = run % rows;
  const order = first.map((k) => list[(k + row) % n]);
  // With an odd count, the second half of the cycle runs the first half's rows backwards.
  return row >= n ? order.reverse() : order;
}
