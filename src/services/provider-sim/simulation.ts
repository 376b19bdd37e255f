/**
 * The simulated upstream without its HTTP face: market, news, stream fan-out,
 * ticker and the knobs that steer them. One instance per running simulator.
 */
import type { Logger } from '../common/logger.js'
import { FaultInjector } from './faults.js'
import { mergeKnobs, type ProviderSimKnobs } from './knobs.js'
import { Market } from './market.js'
import type { ProviderSimMetrics } from './metrics.js'
import { NewsStore } from './news-store.js'
import type { ProviderSimOptions } from './options.js'
import { StreamHub } from './stream/hub.js'
import { Ticker } from './ticker.js'

export class Simulation {
  readonly market: Market
  readonly news: NewsStore
  readonly hub: StreamHub
  readonly faults: FaultInjector
  readonly startedAtMs: number
  readonly #metrics: ProviderSimMetrics
  readonly #ticker: Ticker
  #knobs: ProviderSimKnobs

  constructor (options: ProviderSimOptions, metrics: ProviderSimMetrics, logger: Logger, nowMs = Date.now()) {
    this.startedAtMs = nowMs
    this.#metrics = metrics
    this.#knobs = { ...options.knobs }
    this.market = new Market(options.symbols, options.seed, nowMs)
    this.news = new NewsStore({ seed: options.seed, symbols: options.symbols, ...options.news })
    this.news.catchUp(nowMs)
    this.hub = new StreamHub(this.market, metrics, options.stream, logger)
    this.faults = new FaultInjector(options.seed, () => this.#knobs)
    this.#ticker = new Ticker((steps, at) => { this.#step(steps, at) })
    metrics.newsArticles.set(this.news.size)
    metrics.showKnobs(this.#knobs)
  }

  #running = false

  get knobs (): ProviderSimKnobs {
    return { ...this.#knobs }
  }

  /** Validates and merges `patch` (throws InvalidKnobsError); a new tick rate applies at once. */
  setKnobs (patch: unknown): ProviderSimKnobs {
    const next = mergeKnobs(this.#knobs, patch)
    // A stopped simulator keeps its knobs but never restarts its ticks (that would keep the process alive).
    if (next.tickRateHz !== this.#knobs.tickRateHz && this.#running) this.#ticker.setRate(next.tickRateHz)
    this.#knobs = next
    this.#metrics.showKnobs(next)
    return this.knobs
  }

  /** Starts the ticks and the stream heartbeat (after the server listens). */
  start (): void {
    this.#running = true
    this.#ticker.setRate(this.#knobs.tickRateHz)
    this.hub.startHeartbeat()
  }

  /** Stops the ticks; stream clients are closed by the HTTP server's shutdown (hub.closeAll). */
  stop (): void {
    this.#running = false
    this.#ticker.stop()
  }

  #step (steps: number, nowMs: number): void {
    for (let i = 0; i < steps; i++) this.hub.broadcast(this.market.step(nowMs), nowMs)
    this.#metrics.marketSteps.inc(steps)
  }
}
