/**
 * Ingestion counters behind GetIngestionStats. Plain numbers updated in O(1)
 * on the ingestion path; the Prometheus side reads the same numbers at scrape
 * time (see metrics.ts), so nothing is counted twice.
 */
import { RateWindow, type Clock } from './rate-window.js'

export class IngestionStats {
  readonly startedAt: number
  ticksIngested = 0
  newsIngested = 0
  /** Upstream failures, stream errors and malformed messages. */
  errors = 0
  /** Items pushed out of a full buffer (ticks and news). */
  evictions = 0
  /** Ticks refused because maxSymbols symbols are already buffered. */
  ticksDropped = 0
  readonly #tickRate: RateWindow
  readonly #newsRate: RateWindow
  readonly #clock: Clock

  constructor (rateWindowS: number, clock: Clock = Date.now) {
    this.#clock = clock
    this.startedAt = clock()
    this.#tickRate = new RateWindow(rateWindowS, clock)
    this.#newsRate = new RateWindow(rateWindowS, clock)
  }

  recordTick (): void {
    this.ticksIngested++
    this.#tickRate.record()
  }

  recordNews (n: number): void {
    if (n <= 0) return
    this.newsIngested += n
    this.#newsRate.record(n)
  }

  get ticksPerSecond (): number { return round2(this.#tickRate.perSecond()) }
  get newsPerSecond (): number { return round2(this.#newsRate.perSecond()) }
  get uptimeMs (): number { return this.#clock() - this.startedAt }
}

function round2 (n: number): number {
  return Math.round(n * 100) / 100
}
