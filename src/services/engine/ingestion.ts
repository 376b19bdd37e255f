/**
 * Where data enters the engine: every tick (streamed or fetched) and every
 * article goes through here into the bounded buffers, the counters and the
 * live fan-out, so all sources are counted the same way.
 */
import type { MarketBuffer } from './buffers/market-buffer.js'
import type { NewsStore } from './buffers/news-store.js'
import type { EngineMetrics } from './metrics.js'
import type { Article, Tick } from './model.js'
import type { TextAnalysis } from './news/analyze.js'
import type { IngestionStats } from './stats.js'
import type { TickHub } from './streaming/tick-hub.js'

export type ArticleOutcome = 'stored' | 'duplicate'

export class Ingestion {
  readonly market: MarketBuffer
  readonly news: NewsStore
  readonly stats: IngestionStats
  readonly hub: TickHub
  readonly #metrics: EngineMetrics
  /** Per-source counter children: resolving labels per tick would hash them every time. */
  readonly #tickCounters = new Map<string, { inc: () => void }>()
  /** Once the rings are full every tick evicts one: this counter is as hot as ingestion. */
  readonly #marketEvictions: { inc: () => void }

  constructor (market: MarketBuffer, news: NewsStore, stats: IngestionStats, hub: TickHub, metrics: EngineMetrics) {
    this.market = market
    this.news = news
    this.stats = stats
    this.hub = hub
    this.#metrics = metrics
    this.#marketEvictions = metrics.evictions.labels('market')
  }

  tick (tick: Tick): void {
    const outcome = this.market.push(tick)
    if (outcome === 'dropped') {
      this.stats.ticksDropped++
      this.#metrics.ticksDropped.inc({ reason: 'symbol_limit' })
      return
    }
    if (outcome === 'evicted') {
      this.stats.evictions++
      this.#marketEvictions.inc()
    }
    this.stats.recordTick()
    this.#tickCounter(tick.source).inc()
    this.hub.publish(tick)
  }

  article (article: Article, analysis: TextAnalysis, sourceId: string): ArticleOutcome {
    const outcome = this.news.insert(article, analysis.words, analysis.titleWords)
    if (outcome === 'duplicate') {
      this.#metrics.newsDuplicates.inc()
      return 'duplicate'
    }
    if (outcome === 'evicted') {
      this.stats.evictions++
      this.#metrics.evictions.inc({ buffer: 'news' })
    }
    this.stats.recordNews(1)
    this.#metrics.newsIngested.inc({ source: sourceId })
    return 'stored'
  }

  #tickCounter (source: string): { inc: () => void } {
    let counter = this.#tickCounters.get(source)
    if (counter === undefined) {
      counter = this.#metrics.ticksIngested.labels(source)
      this.#tickCounters.set(source, counter)
    }
    return counter
  }

  /** An upstream or stream failure, for GetIngestionStats.errors. */
  error (): void {
    this.stats.errors++
  }
}
