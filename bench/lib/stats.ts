import type { Measurement } from '../measure.ts';

/** Sorts a copy of the samples and reads quantile `q` (0..1) by the nearest-rank rule. */
export function quantile(samples: readonly number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error('quantile of no samples');
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

/** Median, p99 and calls per second of per-call timings in nanoseconds. */
export function summarize(name: string, perCallNs: readonly number[]): Measurement {
  const medianNs = quantile(perCallNs, 0.5);
  return {
    name,
    medianNs,
    p99Ns: quantile(perCallNs, 0.99),
    opsPerSec: 1e9 / medianNs,
    samples: perCallNs.length,
  };
}
