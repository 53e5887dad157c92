/**
 * A map that never holds more than `capacity` entries, so input nobody controls cannot grow it
 * without bound. Two generations: reads hit the young one, or promote from the old one; when the
 * young one fills, the old one is dropped whole and the young one becomes old. Recently used
 * entries survive, a hit costs one or two `Map` lookups, and nothing is ever stale: an evicted
 * entry is simply built again.
 */
export class BoundedCache<K, V> {
  #young = new Map<K, V>();
  #old = new Map<K, V>();
  readonly #half: number;

  /** A cache of at most `capacity` entries (at least 2). */
  constructor(capacity: number) {
    this.#half = Math.max(1, Math.floor(capacity / 2));
  }

  /** The value under `key`, or `undefined`; a hit keeps the entry among the recently used. */
  get(key: K): V | undefined {
    const young = this.#young.get(key);
    if (young !== undefined) return young;
    const old = this.#old.get(key);
    if (old !== undefined) this.set(key, old);
    return old;
  }

  /** Stores `value` under `key`, dropping the least recently used generation when full. */
  set(key: K, value: V): void {
    if (this.#young.size >= this.#half) {
      this.#old = this.#young;
      this.#young = new Map();
    }
    this.#young.set(key, value);
  }

  /** Entries held now (young and old, a key in both counted twice); never above the capacity. */
  get size(): number {
    return this.#young.size + this.#old.size;
  }
}
