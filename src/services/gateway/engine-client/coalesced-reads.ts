/**
 * The read endpoints' view of the engine (buffers and stats): every read goes to
 * the engine, but concurrent identical reads share one RPC AND one serialization
 * of its (possibly large) list. This is what lets /market-data/buffer and
 * /ingestion/stats keep up with bare Fastify under load (see BENCHMARKS.md).
 * With `coalesce` off every request makes its own RPC (for comparison).
 */
import type { GatewayMetrics } from '../metrics.js'
import type { EngineClient } from './client.js'
import { Coalescer } from './coalescer.js'

/** A list already serialized as a JSON array, and its length. */
export interface SerializedList {
  json: string
  count: number
}

function serialize (items: readonly unknown[]): SerializedList {
  return { json: JSON.stringify(items), count: items.length }
}

export class CoalescedReads {
  readonly #engine: EngineClient
  readonly #metrics: GatewayMetrics
  readonly #enabled: boolean
  readonly #lists = new Coalescer<SerializedList>()
  readonly #stats = new Coalescer<string>()

  constructor (engine: EngineClient, metrics: GatewayMetrics, enabled: boolean) {
    this.#engine = engine
    this.#metrics = metrics
    this.#enabled = enabled
  }

  /** Newest first; empty symbol = every symbol. */
  async marketData (symbol: string, limit: number): Promise<SerializedList> {
    return await this.#share(this.#lists, 'GetMarketDataBuffer', `m\0${symbol}\0${limit}`,
      async () => serialize(await this.#engine.getMarketDataBuffer(symbol, limit)))
  }

  /** Newest first; no keywords = any item. */
  async news (keywords: readonly string[], limit: number): Promise<SerializedList> {
    return await this.#share(this.#lists, 'GetNewsBuffer', `n\0${keywords.join('\0')}\0${limit}`,
      async () => serialize(await this.#engine.getNewsBuffer([...keywords], limit)))
  }

  /** The IngestionStats message as JSON. */
  async stats (): Promise<string> {
    return await this.#share(this.#stats, 'GetIngestionStats', 'stats',
      async () => JSON.stringify(await this.#engine.getIngestionStats()))
  }

  async #share<V> (coalescer: Coalescer<V>, method: string, key: string, call: () => Promise<V>): Promise<V> {
    if (!this.#enabled) return await call()
    const { result, joined } = coalescer.run(key, call)
    if (joined) this.#metrics.engineRpcCoalesced.inc({ method })
    return await result
  }
}
