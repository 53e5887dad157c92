// Knobs read from the environment: BENCH_QUICK=1 for a smoke run, BENCH_SIZES for list sizes.

/** True when BENCH_QUICK is set (to anything but 0 or empty): fewer samples, smaller tables. */
export const QUICK = (process.env.BENCH_QUICK ?? '') !== '' && process.env.BENCH_QUICK !== '0';

/** Picks the full or the quick value of a knob. */
export function pick<T>(full: T, quick: T): T {
  return QUICK ? quick : full;
}

/** Parses BENCH_SIZES (`10000,100000` or `10k,1m`), else returns `fallback`. */
export function benchSizes(fallback: readonly number[]): readonly number[] {
  const raw = process.env.BENCH_SIZES;
  if (raw === undefined || raw.trim() === '') return fallback;
  return raw.split(',').map((part) => {
    const match = /^\s*(\d+(?:\.\d+)?)\s*([km]?)\s*$/i.exec(part);
    if (match === null) throw new Error(`BENCH_SIZES: cannot read "${part}"`);
    const scale = { '': 1, k: 1e3, m: 1e6 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
    return Math.round(Number(match[1]) * scale);
  });
}
