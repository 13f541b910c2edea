// Figures both benchmarks summarise with: the median of rounds, and the machine the run shared.

/** The machine the run shared: other load makes figures noisier (and ratios less so). */
export interface Machine {
  readonly cpus: number;
  /** One-minute load average at the start and at the end of the run. */
  readonly loadStart: number;
  readonly loadEnd: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
