/**
 * Engine answers kept for as long as the engine itself says they stay its
 * answer (the contract's `max_age_ms`: its own quote or news cache freshness
 * left). Serving a kept answer within that time gives the client exactly what
 * asking the engine would have given, without the RPC. Each entry has its own
 * lifetime; the whole store holds at most `maxBytes` of JSON (oldest insertion
 * evicted first), so memory stays bounded whatever keys clients send.
 *
 * With `staleMs` > 0 an answer is also kept that long past its freshness, for
 * one use only: `getStale`, when asking the engine again failed because of the
 * provider (engine-fetches.ts, "stale if error"). `get` never returns it.
 */
interface Entry<V> {
  value: V
  bytes: number
  keptAt: number
  expiresAt: number
}

/** A kept answer past its freshness, and how long ago (ms) the engine gave it. */
export interface StaleAnswer<V> { value: V, ageMs: number }

export class KeptAnswers<V> {
  readonly #maxBytes: number
  readonly #now: () => number
  readonly #staleMs: number
  readonly #entries = new Map<string, Entry<V>>()
  #bytes = 0

  constructor (maxBytes: number, now: () => number = Date.now, staleMs = 0) {
    this.#maxBytes = maxBytes
    this.#now = now
    this.#staleMs = staleMs
  }

  get bytes (): number { return this.#bytes }
  get size (): number { return this.#entries.size }

  /** The value while its max age lasts, else undefined (and it is dropped once past the stale window too). */
  get (key: string): V | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    const now = this.#now()
    if (now < entry.expiresAt) return entry.value
    if (now >= entry.expiresAt + this.#staleMs) this.#delete(key, entry)
    return undefined
  }

  /** The value kept for `key` if it is within its max age plus the stale window, with its age. */
  getStale (key: string): StaleAnswer<V> | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    const now = this.#now()
    if (now < entry.expiresAt + this.#staleMs) return { value: entry.value, ageMs: now - entry.keptAt }
    this.#delete(key, entry)
    return undefined
  }

  /** Keeps `value` for `maxAgeMs` (0: not kept); values larger than the whole budget are not kept. */
  set (key: string, value: V, bytes: number, maxAgeMs: number): void {
    if (!(maxAgeMs > 0) || bytes > this.#maxBytes) return
    const previous = this.#entries.get(key)
    if (previous !== undefined) this.#delete(key, previous)
    const now = this.#now()
    this.#entries.set(key, { value, bytes, keptAt: now, expiresAt: now + maxAgeMs })
    this.#bytes += bytes
    for (const [oldKey, entry] of this.#entries) {
      if (this.#bytes <= this.#maxBytes) break
      this.#delete(oldKey, entry)
    }
  }

  #delete (key: string, entry: Entry<V>): void {
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
  }
}
