/** One measured operation: median and p99 per call, in nanoseconds, and calls per second. */
export interface Measurement {
  readonly name: string;
  readonly medianNs: number;
  readonly p99Ns: number;
  readonly opsPerSec: number;
  readonly samples: number;
}

/** Options for `measureSync` / `measureAsync`. */
export interface MeasureOptions {
  /** Calls per sample; batching makes sub-microsecond calls measurable. */
  readonly batch?: number;
  /** Samples taken after warm-up. */
  readonly samples?: number;
  /** Warm-up samples discarded. */
  readonly warmup?: number;
}

function summarize(name: string, perCall: number[]): Measurement {
  const sorted = [...perCall].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  const medianNs = at(0.5);
  return { name, medianNs, p99Ns: at(0.99), opsPerSec: 1e9 / medianNs, samples: sorted.length };
}

/** Times a synchronous function: per-call time of each batch, after warm-up. */
export function measureSync(
  name: string,
  fn: () => unknown,
  options: MeasureOptions = {},
): Measurement {
  const { batch = 1000, samples = 200, warmup = 20 } = options;
  const perCall: number[] = [];
  let sink: unknown;
  for (let s = 0; s < warmup + samples; s++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < batch; i++) sink = fn();
    const elapsed = Number(process.hrtime.bigint() - start);
    if (s >= warmup) perCall.push(elapsed / batch);
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return summarize(name, perCall);
}

/** Times an async function one call per sample, after warm-up. */
export async function measureAsync(
  name: string,
  fn: () => Promise<unknown>,
  options: MeasureOptions = {},
): Promise<Measurement> {
  const { samples = 500, warmup = 50 } = options;
  const perCall: number[] = [];
  for (let s = 0; s < warmup + samples; s++) {
    const start = process.hrtime.bigint();
    await fn();
    const elapsed = Number(process.hrtime.bigint() - start);
    if (s >= warmup) perCall.push(elapsed);
  }
  return summarize(name, perCall);
}

/** Formats nanoseconds for tables: ns below 10 µs, µs below 10 ms, else ms. */
export function formatNs(ns: number): string {
  if (ns < 10_000) return `${ns.toFixed(0)} ns`;
  if (ns < 10_000_000) return `${(ns / 1000).toFixed(1)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}
