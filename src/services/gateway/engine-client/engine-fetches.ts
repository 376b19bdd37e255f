/**
 * The fetch endpoints' view of the engine. A fetch asks the engine for
 * current quotes or news, and the engine answers from its own caches (quotes
 * for quoteCacheMs, news searches for newsCacheMs) saying for how much longer
 * each answer stays its answer (`max_age_ms`). Within that time the gateway
 * serves the answer it kept (kept-answers.ts) instead of asking again: the
 * same bytes, the same message, no RPC. Freshness is the engine's, unchanged:
 * a quote is never older than the engine's quote cache allows.
 *
 * Quotes are kept per symbol, each for its own freshness left, so that any
 * combination of known symbols is served; a request with one symbol not kept
 * goes to the engine whole (its answer, not-found symbols included, is the
 * engine's). News answers are kept per source, hours_back and keyword set (the
 * engine's own cache key). Concurrent identical misses share one RPC.
 *
 * Stale if error: when asking the engine again fails because of the provider
 * (PROVIDER_UNAVAILABLE: down, failing, slow, throttling, its circuit open),
 * a kept answer at most `staleIfErrorMs` past its freshness is served instead,
 * marked stale (its age and the engine's code), and counted in
 * `gateway_stale_answers_total`. Past that bound, or with nothing kept, the
 * client gets the engine's 503 with Retry-After. The lookup runs on the error
 * path only: a fresh answer costs what it cost before.
 */
import { MibError } from '../../../errors.js'
import { quotesMessage } from '../../common/contract/messages.js'
import type { GatewayMetrics } from '../metrics.js'
import type { EngineClient, JsonList } from './client.js'
import { SingleFlight } from '../../common/single-flight.js'
import { KeptAnswers } from './kept-answers.js'

/** Why and how old a stale answer is. */
export interface Staleness {
  /** ms since the engine gave the answer. */
  ageMs: number
  /** The engine's code for the failure that made a fresh answer impossible. */
  reason: string
}

/** A successful fetch answer as served: the message, the items as a JSON array, their count; `stale` when served stale. */
export interface FetchAnswer extends JsonList { message: string, stale?: Staleness }

export interface EngineFetchesSettings {
  /** Bound on the JSON kept, bytes. */
  maxBytes: number
  /** How long past its freshness a kept answer may stand in for a fresh one the provider could not give, ms; 0 = never. */
  staleIfErrorMs: number
}

/**
 * How long past its freshness an answer may be served when the provider fails.
 * 10 s covers a circuit breaker's open period (1 s) and the bursts of failures
 * between a flaky provider's successes many times over, while a quote served
 * so is never more than about ten seconds old; a longer outage is a 503.
 */
export const STALE_IF_ERROR_MS = 10_000

/**
 * The engine's codes (docs/engine.md) for a provider that failed for now:
 * the engine works and the request is valid, so an older answer is still the
 * best one there is. Engine unavailability and client mistakes are not here.
 */
export const PROVIDER_UNAVAILABLE: ReadonlySet<string> = new Set([
  'MIB_ERR_ENGINE_UPSTREAM_UNAVAILABLE',
  'MIB_ERR_ENGINE_UPSTREAM_TIMEOUT',
  'MIB_ERR_ENGINE_UPSTREAM_RATE_LIMITED',
  'MIB_ERR_ENGINE_CIRCUIT_OPEN'
])

/** The code of `err` when it is a provider failure a stale answer may stand in for. */
function providerFailure (err: unknown): string | undefined {
  return err instanceof MibError && PROVIDER_UNAVAILABLE.has(err.code) ? err.code : undefined
}

const OPEN = Buffer.from('[')
const COMMA = Buffer.from(',')
const CLOSE = Buffer.from(']')

/** JSON objects as one JSON array. */
function arrayOf (items: readonly Buffer[]): Buffer {
  const parts: Buffer[] = [OPEN]
  for (let i = 0; i < items.length; i++) {
    if (i > 0) parts.push(COMMA)
    parts.push(items[i] as Buffer)
  }
  parts.push(CLOSE)
  return Buffer.concat(parts)
}

export class EngineFetches {
  readonly #engine: EngineClient
  readonly #quotes: KeptAnswers<Buffer>
  readonly #news: KeptAnswers<FetchAnswer>
  readonly #quotesInFlight = new SingleFlight<FetchAnswer & { success: boolean }>()
  readonly #newsInFlight = new SingleFlight<FetchAnswer & { success: boolean }>()
  readonly #keptQuoteHits: { inc: () => void }
  readonly #keptNewsHits: { inc: () => void }
  readonly #metrics: GatewayMetrics

  constructor (engine: EngineClient, metrics: GatewayMetrics, settings: EngineFetchesSettings) {
    this.#engine = engine
    this.#metrics = metrics
    // One budget, split evenly: neither kind can starve the other.
    this.#quotes = new KeptAnswers(settings.maxBytes / 2, Date.now, settings.staleIfErrorMs)
    this.#news = new KeptAnswers(settings.maxBytes / 2, Date.now, settings.staleIfErrorMs)
    this.#keptQuoteHits = metrics.keptAnswerHits.labels({ method: 'FetchMarketData' })
    this.#keptNewsHits = metrics.keptAnswerHits.labels({ method: 'FetchNewsData' })
  }

  /**
   * Quotes of `symbols` (normalized: upper-case, distinct) in their order.
   * Throws the engine's error; `success: false` from the engine comes back as is.
   */
  async quotes (symbols: readonly string[], sourceId: string): Promise<FetchAnswer & { success: boolean }> {
    const kept = this.#keptQuotes(symbols, sourceId)
    if (kept !== undefined) {
      this.#keptQuoteHits.inc()
      return { success: true, message: quotesMessage(kept.length, sourceId), json: arrayOf(kept), count: kept.length }
    }
    const { promise: result } = this.#quotesInFlight.run(`${sourceId}\0${symbols.join('\0')}`, async () => {
      const answer = await this.#engine.fetchMarketData([...symbols], sourceId)
      // Keyed by the symbol asked: only when every symbol came back (items follow the request's order).
      if (answer.success && answer.items.length === symbols.length) {
        for (let i = 0; i < symbols.length; i++) {
          const item = answer.items[i] as Buffer
          this.#quotes.set(quoteKey(sourceId, symbols[i] as string), item, item.length, answer.itemMaxAgeMs[i] ?? 0)
        }
      }
      return { success: answer.success, message: answer.message, json: arrayOf(answer.items), count: answer.items.length }
    })
    try {
      return await result
    } catch (err) {
      return this.#staleQuotes(symbols, sourceId, err)
    }
  }

  /** News of the last `hoursBack` hours matching any keyword. */
  async news (keywords: readonly string[], sourceId: string, hoursBack: number): Promise<FetchAnswer & { success: boolean }> {
    const key = `${sourceId}\0${hoursBack}\0${[...keywords].sort().join('\0')}`
    const kept = this.#news.get(key)
    if (kept !== undefined) {
      this.#keptNewsHits.inc()
      return { success: true, message: kept.message, json: kept.json, count: kept.count }
    }
    const { promise: result } = this.#newsInFlight.run(key, async () => {
      const answer = await this.#engine.fetchNewsData([...keywords], sourceId, hoursBack)
      const served = { success: answer.success, message: answer.message, json: answer.json, count: answer.count }
      if (answer.success) this.#news.set(key, served, answer.json.length, answer.maxAgeMs)
      return served
    })
    try {
      return await result
    } catch (err) {
      const reason = providerFailure(err)
      const stale = reason === undefined ? undefined : this.#news.getStale(key)
      if (reason === undefined || stale === undefined) throw err
      this.#staleServed('FetchNewsData', reason)
      return { success: true, message: stale.value.message, json: stale.value.json, count: stale.value.count, stale: { ageMs: stale.ageMs, reason } }
    }
  }

  /** Every symbol's kept quote within the stale window, served stale; else `err` is rethrown. */
  #staleQuotes (symbols: readonly string[], sourceId: string, err: unknown): FetchAnswer & { success: boolean } {
    const reason = providerFailure(err)
    if (reason === undefined) throw err
    const items: Buffer[] = []
    let ageMs = 0
    for (const symbol of symbols) {
      const stale = this.#quotes.getStale(quoteKey(sourceId, symbol))
      if (stale === undefined) throw err
      items.push(stale.value)
      ageMs = Math.max(ageMs, stale.ageMs)
    }
    this.#staleServed('FetchMarketData', reason)
    return { success: true, message: quotesMessage(items.length, sourceId), json: arrayOf(items), count: items.length, stale: { ageMs, reason } }
  }

  #staleServed (method: string, reason: string): void {
    this.#metrics.staleAnswers.inc({ method, reason })
  }

  #keptQuotes (symbols: readonly string[], sourceId: string): Buffer[] | undefined {
    const out: Buffer[] = []
    for (const symbol of symbols) {
      const item = this.#quotes.get(quoteKey(sourceId, symbol))
      if (item === undefined) return undefined
      out.push(item)
    }
    return out
  }
}

function quoteKey (sourceId: string, symbol: string): string {
  return `${sourceId}\0${symbol}`
}
