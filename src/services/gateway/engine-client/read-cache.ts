/**
 * A short-lived cache of engine answers ("micro-caching"): an entry is fresh for
 * `ttlMs`, then stale-but-usable for `staleMs` more (the caller serves it while
 * one refresh runs: nginx's `proxy_cache_use_stale updating`), then gone. The
 * whole cache holds at most `maxBytes` of serialized JSON, so however many
 * distinct keys clients invent, memory stays bounded. All entries share one
 * lifetime, so insertion order is expiry order and eviction is O(1) each.
 */
export interface CachedValue<V> {
  value: V
  /** How old the engine's answer is, in ms. */
  ageMs: number
  /** false once past ttlMs: usable, but the caller should refresh it. */
  fresh: boolean
}

interface Entry<V> {
  value: V
  bytes: number
  storedAt: number
}

export class ReadCache<V> {
  readonly #ttlMs: number
  readonly #lifetimeMs: number
  readonly #maxBytes: number
  readonly #entries = new Map<string, Entry<V>>()
  readonly #now: () => number
  #bytes = 0

  constructor (ttlMs: number, staleMs: number, maxBytes: number, now: () => number = Date.now) {
    this.#ttlMs = ttlMs
    this.#lifetimeMs = ttlMs + staleMs
    this.#maxBytes = maxBytes
    this.#now = now
  }

  get enabled (): boolean {
    return this.#ttlMs > 0
  }

  get bytes (): number {
    return this.#bytes
  }

  get size (): number {
    return this.#entries.size
  }

  get (key: string): CachedValue<V> | undefined {
    const entry = this.#entries.get(key)
    if (entry === undefined) return undefined
    const ageMs = this.#now() - entry.storedAt
    if (ageMs < this.#lifetimeMs) return { value: entry.value, ageMs, fresh: ageMs < this.#ttlMs }
    this.#delete(key, entry)
    return undefined
  }

  /** Values larger than the whole budget are not cached. */
  set (key: string, value: V, bytes: number): void {
    if (!this.enabled || bytes > this.#maxBytes) return
    const previous = this.#entries.get(key)
    if (previous !== undefined) this.#delete(key, previous)
    this.#entries.set(key, { value, bytes, storedAt: this.#now() })
    this.#bytes += bytes
    this.#evict()
  }

  /** Drops expired entries, then the oldest ones while over budget. */
  #evict (): void {
    const now = this.#now()
    for (const [key, entry] of this.#entries) {
      const expired = now - entry.storedAt >= this.#lifetimeMs
      if (!expired && this.#bytes <= this.#maxBytes) return
      this.#delete(key, entry)
    }
  }

  #delete (key: string, entry: Entry<V>): void {
    this.#entries.delete(key)
    this.#bytes -= entry.bytes
  }
}
