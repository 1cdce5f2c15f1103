// A Map bounded by count, the least recently used entry dropped first: a Map keeps insertion order,
// so an entry read is moved to the end and the first is the one to drop.

/** A bounded map: `get` marks an entry as used, `set` drops the least recently used past `size`. */
export class LruMap<K, V> {
  readonly #entries = new Map<K, V>();
  constructor(private readonly max: number) {}

  get size(): number {
    return this.#entries.size;
  }

  /** The value under `key`, now the most recently used; undefined when there is none. */
  get(key: K): V | undefined {
    if (!this.#entries.has(key)) return undefined;
    const value = this.#entries.get(key)!;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }

  /** Keeps `value` under `key` as the most recently used, dropping the least recently used past the size. */
  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    if (this.#entries.size > this.max) this.#entries.delete(this.#entries.keys().next().value!);
  }
}
