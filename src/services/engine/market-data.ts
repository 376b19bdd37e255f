/**
 * FetchMarketData: quotes from the upstream, into the buffers.
 *
 * Two things keep 300 fetches/s from becoming 300 upstream calls/s:
 * - a per-symbol quote cache (quoteCacheMs, default 250 ms; 0 disables) that
 *   also remembers symbols the provider does not know, for the same time;
 * - single-flight: concurrent requests needing the same symbols share one
 *   upstream call (keyed by the sorted set of symbols still needed).
 * Each upstream quote is ingested once, however many callers it answers.
 */
import type { Ingestion } from './ingestion.js'
import type { EngineMetrics } from './metrics.js'
import type { Tick } from './model.js'
import { SingleFlight } from '../common/single-flight.js'
import type { YahooFinanceSource } from './sources/yahoo-finance.js'
import { TtlCache } from './ttl-cache.js'

export interface QuoteResult {
  /** In request order. */
  quotes: Tick[]
  /** Requested symbols the provider does not know. */
  missing: string[]
  /**
   * How long (ms) every answer here stays what this service would answer
   * again: the least freshness left in the quote cache over the requested
   * symbols (0 with the cache off).
   */
  maxAgeMs: number
  /** The same per quote, in `quotes` order. */
  quoteMaxAgeMs: number[]
}

type Lookup = Map<string, Tick | null>

export class MarketDataService {
  readonly #ingestion: Ingestion
  readonly #metrics: EngineMetrics
  readonly #cache: TtlCache<Tick | null>
  readonly #flights = new SingleFlight<Lookup>()

  constructor (ingestion: Ingestion, metrics: EngineMetrics, cacheMs: number, maxCachedSymbols: number) {
    this.#ingestion = ingestion
    this.#metrics = metrics
    this.#cache = new TtlCache(cacheMs, maxCachedSymbols)
  }

  async fetch (source: YahooFinanceSource, symbols: readonly string[]): Promise<QuoteResult> {
    const found: Lookup = new Map()
    const needed: string[] = []
    for (const symbol of symbols) {
      const cached = this.#cache.get(symbol)
      if (cached === undefined) needed.push(symbol)
      else found.set(symbol, cached.value)
    }
    if (found.size > 0) this.#metrics.quoteCache.inc({ result: 'hit' }, found.size)
    if (needed.length > 0) {
      const key = [...needed].sort().join(',')
      const flight = this.#flights.run(key, async () => await this.#fetchUpstream(source, needed))
      this.#metrics.quoteCache.inc({ result: flight.joined ? 'coalesced' : 'miss' }, needed.length)
      for (const [symbol, tick] of await flight.promise) found.set(symbol, tick)
    }
    const quotes: Tick[] = []
    const missing: string[] = []
    const quoteMaxAgeMs: number[] = []
    let maxAgeMs = symbols.length === 0 ? 0 : Infinity
    for (const symbol of symbols) {
      const tick = found.get(symbol)
      const ageLeft = this.#maxAgeMs(symbol)
      maxAgeMs = Math.min(maxAgeMs, ageLeft)
      if (tick === undefined || tick === null) {
        missing.push(symbol)
      } else {
        quotes.push(tick)
        quoteMaxAgeMs.push(ageLeft)
      }
    }
    return { quotes, missing, maxAgeMs, quoteMaxAgeMs }
  }

  /** Freshness left (ms) of `symbol`'s cached answer; 0 when not cached (or the cache is off). */
  #maxAgeMs (symbol: string): number {
    const expiresAt = this.#cache.get(symbol)?.expiresAt
    return expiresAt === undefined ? 0 : Math.max(0, expiresAt - this.#cache.now())
  }

  async #fetchUpstream (source: YahooFinanceSource, symbols: readonly string[]): Promise<Lookup> {
    const quotes = await source.fetchQuotes(symbols)
    const lookup: Lookup = new Map()
    for (const symbol of symbols) {
      const tick = quotes.get(symbol) ?? null
      lookup.set(symbol, tick)
      this.#cache.set(symbol, tick)
      if (tick !== null) this.#ingestion.tick(tick)
    }
    return lookup
  }
}
