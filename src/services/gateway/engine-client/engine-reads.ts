/**
 * The read endpoints' view of the engine (buffers and stats). Measured in
 * BENCHMARKS.md: one gRPC round trip costs far more than serving an HTTP request,
 * so reads are served in three layers, cheapest first:
 *   1. a micro-cache: the engine's answer, already serialized, fresh for
 *      `cacheTtlMs` (default 100 ms; 0 disables), under a byte budget. For
 *      `cacheStaleMs` more it is still served while ONE background refresh runs,
 *      so a slow engine shows up as staleness, not as client latency;
 *   2. coalescing: concurrent identical reads share one in-flight RPC and its
 *      JSON (lists come from the engine as JSON already: `json_items`);
 *   3. the RPC.
 * A read is therefore never older than cacheTtlMs + cacheStaleMs; `ageMs` says how old.
 */
import type { Logger } from '../../common/logger.js'
import type { GatewayMetrics } from '../metrics.js'
import type { EngineClient } from './client.js'
import { SingleFlight } from '../../common/single-flight.js'
import { ReadCache } from './read-cache.js'
import { publicStats } from '../public-stats.js'

/** A JSON document (an array for lists), its item count, and how old the engine's answer is. */
export interface SerializedRead {
  json: Buffer
  count: number
  ageMs: number
}

interface Serialized { json: Buffer, count: number }

export interface EngineReadsSettings {
  coalesce: boolean
  cacheTtlMs: number
  cacheStaleMs: number
  cacheMaxBytes: number
  logger: Logger
}

function serialize (value: object): Serialized {
  return { json: Buffer.from(JSON.stringify(value)), count: 1 }
}

/** Just answered by the engine. Not `{ ...value, ageMs: 0 }`: on Node 20 a literal that starts with a spread costs 1–3 µs (docs/load.md). */
function fresh (value: Serialized): SerializedRead {
  return { json: value.json, count: value.count, ageMs: 0 }
}

export class EngineReads {
  readonly #engine: EngineClient
  readonly #metrics: GatewayMetrics
  readonly #settings: EngineReadsSettings
  readonly #inFlight = new SingleFlight<Serialized>()
  readonly #cache: ReadCache<Serialized>
  readonly #hitCounters = new Map<string, { inc: () => void }>()
  readonly #coalescedCounters = new Map<string, { inc: () => void }>()

  constructor (engine: EngineClient, metrics: GatewayMetrics, settings: EngineReadsSettings) {
    this.#engine = engine
    this.#metrics = metrics
    this.#settings = settings
    this.#cache = new ReadCache(settings.cacheTtlMs, settings.cacheStaleMs, settings.cacheMaxBytes)
  }

  /** Newest first; empty symbol = every symbol. */
  async marketData (symbol: string, limit: number): Promise<SerializedRead> {
    return await this.#read('GetMarketDataBuffer', `m\0${symbol}\0${limit}`,
      async () => await this.#engine.getMarketDataBuffer(symbol, limit))
  }

  /** Newest first; no keywords = any item. */
  async news (keywords: readonly string[], limit: number): Promise<SerializedRead> {
    return await this.#read('GetNewsBuffer', `n\0${keywords.join('\0')}\0${limit}`,
      async () => await this.#engine.getNewsBuffer([...keywords], limit))
  }

  /** The IngestionStats message as a JSON object. */
  async stats (): Promise<SerializedRead> {
    return await this.#read('GetIngestionStats', 'stats', async () => serialize(publicStats(await this.#engine.getIngestionStats())))
  }

  async #read (method: string, key: string, call: () => Promise<Serialized>): Promise<SerializedRead> {
    const cached = this.#cache.get(key)
    if (cached !== undefined) {
      if (!cached.fresh) this.#refreshInBackground(method, key, call)
      this.#cacheHits(method).inc()
      return { json: cached.value.json, count: cached.value.count, ageMs: cached.ageMs }
    }
    if (!this.#settings.coalesce) return fresh(await this.#fill(key, call))
    const { promise: result, joined } = this.#inFlight.run(key, async () => await this.#fill(key, call))
    if (joined) this.#coalesced(method).inc()
    return fresh(await result)
  }

  /** One refresh per key at a time; a failure keeps serving the stale entry until it ages out. */
  #refreshInBackground (method: string, key: string, call: () => Promise<Serialized>): void {
    const { promise: result, joined } = this.#inFlight.run(key, async () => await this.#fill(key, call))
    if (joined) return
    result.catch((err: unknown) => { this.#settings.logger.debug({ err, method }, 'background refresh of a cached read failed') })
  }

  // Pre-bound label children: label hashing on every cache hit showed in profiles.
  #cacheHits (method: string): { inc: () => void } {
    let child = this.#hitCounters.get(method)
    if (child === undefined) this.#hitCounters.set(method, child = this.#metrics.readCacheHits.labels({ method }))
    return child
  }

  #coalesced (method: string): { inc: () => void } {
    let child = this.#coalescedCounters.get(method)
    if (child === undefined) this.#coalescedCounters.set(method, child = this.#metrics.engineRpcCoalesced.labels({ method }))
    return child
  }

  async #fill (key: string, call: () => Promise<Serialized>): Promise<Serialized> {
    const value = await call()
    this.#cache.set(key, value, value.json.length)
    return value
  }
}
