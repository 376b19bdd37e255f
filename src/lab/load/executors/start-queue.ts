/**
 * Intended start times waiting for a free VU: a bounded FIFO of numbers in a
 * ring buffer (a stall at a high rate queues thousands; no per-entry objects).
 */
export class StartQueue {
  readonly #capacity: number
  #buffer: Float64Array
  #head = 0
  #length = 0

  constructor (capacity: number) {
    this.#capacity = capacity
    this.#buffer = new Float64Array(Math.min(capacity, 1024))
  }

  get length (): number {
    return this.#length
  }

  /** False when full. */
  push (value: number): boolean {
    if (this.#length >= this.#capacity) return false
    if (this.#length === this.#buffer.length) this.#grow()
    this.#buffer[(this.#head + this.#length) % this.#buffer.length] = value
    this.#length++
    return true
  }

  shift (): number | undefined {
    if (this.#length === 0) return undefined
    const value = this.#buffer[this.#head] as number
    this.#head = (this.#head + 1) % this.#buffer.length
    this.#length--
    return value
  }

  /** Empties the queue; returns how many entries it held. */
  clear (): number {
    const n = this.#length
    this.#head = 0
    this.#length = 0
    return n
  }

  #grow (): void {
    const bigger = new Float64Array(Math.min(this.#capacity, this.#buffer.length * 2))
    for (let i = 0; i < this.#length; i++) bigger[i] = this.#buffer[(this.#head + i) % this.#buffer.length] as number
    this.#buffer = bigger
    this.#head = 0
  }
}
