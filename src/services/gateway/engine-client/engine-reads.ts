/**
 * The read endpoints' view of the engine (buffers and stats). Measured in
 * BENCHMARKS.md: one gRPC round trip costs far more than serving an HTTP request,
 * so reads are served in three layers, cheapest first:
 *   1. a micro-cache: the engine's answer, already serialized, for `cacheTtlMs`
 *      (default 100 ms; 0 disables) under a byte budget;
 *   2. coalescing: concurrent identical reads share one in-flight RPC and one
 *      serialization of its (possibly large) list;
 *   3. the RPC.
 * A read is therefore never older than cacheTtlMs plus one RPC.
 */
import type { GatewayMetrics } from '../metrics.js'
import type { EngineClient } from './client.js'
import { Coalescer } from './coalescer.js'
import { ReadCache } from './read-cache.js'

/** A JSON document (an array for lists), its item count, and how old the engine's answer is. */
export interface SerializedRead {
  json: string
  count: number
  ageMs: number
}

interface Serialized { json: string, count: number }

export interface EngineReadsSettings {
  coalesce: boolean
  cacheTtlMs: number
  cacheMaxBytes: number
}

function serialize (value: unknown[] | object): Serialized {
  return { json: JSON.stringify(value), count: Array.isArray(value) ? value.length : 1 }
}

export class EngineReads {
  readonly #engine: EngineClient
  readonly #metrics: GatewayMetrics
  readonly #settings: EngineReadsSettings
  readonly #inFlight = new Coalescer<Serialized>()
  readonly #cache: ReadCache<Serialized>

  constructor (engine: EngineClient, metrics: GatewayMetrics, settings: EngineReadsSettings) {
    this.#engine = engine
    this.#metrics = metrics
    this.#settings = settings
    this.#cache = new ReadCache(settings.cacheTtlMs, settings.cacheMaxBytes)
  }

  /** Newest first; empty symbol = every symbol. */
  async marketData (symbol: string, limit: number): Promise<SerializedRead> {
    return await this.#read('GetMarketDataBuffer', `m\0${symbol}\0${limit}`,
      async () => serialize(await this.#engine.getMarketDataBuffer(symbol, limit)))
  }

  /** Newest first; no keywords = any item. */
  async news (keywords: readonly string[], limit: number): Promise<SerializedRead> {
    return await this.#read('GetNewsBuffer', `n\0${keywords.join('\0')}\0${limit}`,
      async () => serialize(await this.#engine.getNewsBuffer([...keywords], limit)))
  }

  /** The IngestionStats message as a JSON object. */
  async stats (): Promise<SerializedRead> {
    return await this.#read('GetIngestionStats', 'stats', async () => serialize(await this.#engine.getIngestionStats()))
  }

  async #read (method: string, key: string, call: () => Promise<Serialized>): Promise<SerializedRead> {
    const cached = this.#cache.get(key)
    if (cached !== undefined) {
      this.#metrics.readCacheHits.inc({ method })
      return { ...cached.value, ageMs: cached.ageMs }
    }
    if (!this.#settings.coalesce) return { ...await this.#fill(key, call), ageMs: 0 }
    const { result, joined } = this.#inFlight.run(key, async () => await this.#fill(key, call))
    if (joined) this.#metrics.engineRpcCoalesced.inc({ method })
    return { ...await result, ageMs: 0 }
  }

  async #fill (key: string, call: () => Promise<Serialized>): Promise<Serialized> {
    const value = await call()
    this.#cache.set(key, value, value.json.length)
    return value
  }
}
