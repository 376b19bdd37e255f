/**
 * A small time-bounded cache with a size bound: entries expire after `ttlMs`
 * and the oldest insertion goes first when full, so memory is bounded whatever
 * keys clients send.
 */
import type { Clock } from './rate-window.js'

export class TtlCache<V> {
  readonly #ttlMs: number
  readonly #maxEntries: number
  readonly #clock: Clock
  readonly #entries = new Map<string, { value: V, expiresAt: number }>()

  constructor (ttlMs: number, maxEntries: number, clock: Clock = Date.now) {
    this.#ttlMs = ttlMs
    this.#maxEntries = maxEntries
    this.#clock = clock
  }

  get enabled (): boolean { return this.#ttlMs > 0 }
  get size (): number { return this.#entries.size }

  /** The fresh entry (wrapped, so a cached `null` differs from a miss; `expiresAt` in clock ms), or undefined when absent or expired. */
  get (key: string): { readonly value: V, readonly expiresAt: number } | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= this.#clock()) {
      this.#entries.delete(key)
      return undefined
    }
    return entry
  }

  /** Clock ms now: what `expiresAt` compares with. */
  now (): number { return this.#clock() }

  set (key: string, value: V): void {
    if (this.#ttlMs <= 0) return
    this.#entries.delete(key)
    if (this.#entries.size >= this.#maxEntries) {
      const oldest = this.#entries.keys().next().value
      if (oldest !== undefined) this.#entries.delete(oldest)
    }
    this.#entries.set(key, { value, expiresAt: this.#clock() + this.#ttlMs })
  }
}
