// Round-robin timing of several variants of one operation: each round times every variant once,
// in a rotated order, so machine load and drift hit all variants alike.
import type { Measurement } from '../measure.ts';
import { summarize } from './stats.ts';

/** One variant to time. */
export interface Variant<F> {
  readonly name: string;
  readonly fn: F;
}

/** How many rounds to time (after discarded warm-up rounds), and calls per timed sample. */
export interface InterleaveOptions {
  readonly rounds: number;
  readonly warmup: number;
  /**
   * Sync only: each variant's calls per sample are calibrated so one sample lasts about this long
   * (the sample is their mean), so a fast variant is not timed cold after a slow one trashed the
   * caches. Async always times one call per sample.
   */
  readonly sampleNs?: number;
}

/** Calls of `fn` that take about `targetNs`, estimated from a short calibration run. */
function calibrate(fn: () => unknown, targetNs: number): number {
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 2_000_000) {
    fn();
    calls++;
    elapsed = Number(process.hrtime.bigint() - start);
  }
  return Math.max(1, Math.min(100_000, Math.round(targetNs / (elapsed / calls))));
}

function rotated<T>(items: readonly T[], by: number): T[] {
  const k = by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/** Times synchronous variants interleaved; returns one measurement per variant, in input order. */
export function interleaveSync(
  variants: readonly Variant<() => unknown>[],
  options: InterleaveOptions,
): (Measurement & { readonly batch: number })[] {
  const batches = variants.map((v) => calibrate(v.fn, options.sampleNs ?? 20_000));
  const samples = variants.map(() => [] as number[]);
  let sink: unknown;
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (const index of rotated([...variants.keys()], round)) {
      const fn = variants[index]!.fn;
      const batch = batches[index]!;
      const start = process.hrtime.bigint();
      for (let i = 0; i < batch; i++) sink = fn();
      const elapsed = Number(process.hrtime.bigint() - start);
      if (round >= options.warmup) samples[index]!.push(elapsed / batch);
    }
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return variants.map((v, i) => ({ ...summarize(v.name, samples[i]!), batch: batches[i]! }));
}

/** Times async variants interleaved, one awaited call per sample. */
export async function interleaveAsync(
  variants: readonly Variant<() => Promise<unknown>>[],
  options: InterleaveOptions,
): Promise<Measurement[]> {
  const samples = variants.map(() => [] as number[]);
  for (let round = 0; round < options.warmup + options.rounds; round++) {
    for (const index of rotated([...variants.keys()], round)) {
      const start = process.hrtime.bigint();
      await variants[index]!.fn();
      const elapsed = Number(process.hrtime.bigint() - start);
      if (round >= options.warmup) samples[index]!.push(elapsed);
    }
  }
  return variants.map((v, i) => summarize(v.name, samples[i]!));
}
