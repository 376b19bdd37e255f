/**
 * A fixed-capacity ring: push is O(1) and never allocates after construction;
 * when full, the oldest item is overwritten and returned so the caller can
 * count (and un-index) the eviction.
 */
export class RingBuffer<T> {
  readonly capacity: number
  #slots: Array<T | undefined>
  /** Index of the next write. */
  #head = 0
  #size = 0

  constructor (capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be a positive integer, got ${capacity}`)
    this.capacity = capacity
    this.#slots = new Array<T | undefined>(capacity).fill(undefined)
  }

  get size (): number { return this.#size }

  /** Appends `item`; returns the evicted oldest item when the ring was full. */
  push (item: T): T | undefined {
    const evicted = this.#size === this.capacity ? this.#slots[this.#head] : undefined
    this.#slots[this.#head] = item
    this.#head = (this.#head + 1) % this.capacity
    if (this.#size < this.capacity) this.#size++
    return evicted
  }

  /** The i-th newest item (0 = newest), or undefined beyond the size. */
  newest (i = 0): T | undefined {
    if (i < 0 || i >= this.#size) return undefined
    return this.#slots[(this.#head - 1 - i + this.capacity) % this.capacity]
  }

  /** Removes and returns the oldest item (FIFO use, e.g. a subscriber queue). */
  shift (): T | undefined {
    if (this.#size === 0) return undefined
    const tail = (this.#head - this.#size + this.capacity) % this.capacity
    const item = this.#slots[tail]
    this.#slots[tail] = undefined
    this.#size--
    return item
  }

  /** The oldest item, or undefined when empty. */
  oldest (): T | undefined {
    return this.newest(this.#size - 1)
  }

  /** Up to `limit` items, newest first: O(limit). */
  readNewest (limit: number): T[] {
    const n = Math.min(limit, this.#size)
    const out = new Array<T>(n)
    for (let i = 0; i < n; i++) out[i] = this.#slots[(this.#head - 1 - i + this.capacity) % this.capacity] as T
    return out
  }

  clear (): void {
    this.#slots.fill(undefined)
    this.#head = 0
    this.#size = 0
  }
}
