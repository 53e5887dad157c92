/**
 * A small seeded PRNG (mulberry32) with the picks the generators need, so every generated
 * subject, row and input reproduces from one number.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** Each element kept with probability `p`, order preserved. */
  subset<T>(items: readonly T[], p = 0.5): T[] {
    return items.filter(() => this.chance(p));
  }

  /** `n` draws of `make` (n itself drawn from [min, max]). */
  many<T>(min: number, max: number, make: () => T): T[] {
    const n = min + this.int(max - min + 1);
    return Array.from({ length: n }, make);
  }

  /** A random (version 4 shaped) lowercase uuid. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(16).toString(16)).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20)}`;
  }

  /** A child generator whose stream depends only on this one's seed and `label`. */
  fork(label: number): Random {
    return new Random(Math.imul(this.int(2 ** 31) ^ label, 2654435761));
  }
}
