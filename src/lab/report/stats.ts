/**
 * Accumulators for k6's four metric types. Trends go into HDR histograms, so
 * a run of any length is summarized in bounded memory; exact count, sum, min
 * and max are kept beside the histogram, which only approximates them.
 */
import { build, type Histogram } from 'hdr-histogram-js'
import type { JsHistogram } from 'hdr-histogram-js/dist/JsHistogram.js'

/** Exact figures that travel with a histogram (the histogram only approximates them). */
export interface ExactTrend { count: number, sum: number, min: number, max: number }

/**
 * Values are recorded in thousandths of their unit (µs for k6's ms) because HDR
 * histograms hold integers; 3 significant digits keep percentiles within 0.1 %.
 */
const SCALE = 1000

export class TrendStats {
  readonly #hist: Histogram = build({ bitBucketSize: 'packed', numberOfSignificantValueDigits: 3, autoResize: true })
  count = 0
  sum = 0
  min = Number.POSITIVE_INFINITY
  max = Number.NEGATIVE_INFINITY

  record (value: number): void {
    this.count++
    this.sum += value
    if (value < this.min) this.min = value
    if (value > this.max) this.max = value
    // HDR histograms hold no negatives: a negative custom trend value counts as 0 for percentiles only.
    this.#hist.recordValue(Math.max(0, Math.round(value * SCALE)))
  }

  /**
   * Adds a histogram of `count` values whose buckets hold value × `hdrScale`
   * (the aggregate format's windows), with their exact count, sum, min and max.
   */
  addHistogram (hist: Histogram, hdrScale: number, exact: ExactTrend): void {
    if (exact.count === 0) return
    this.count += exact.count
    this.sum += exact.sum
    if (exact.min < this.min) this.min = exact.min
    if (exact.max > this.max) this.max = exact.max
    if (hdrScale === SCALE) {
      this.#hist.add(hist)
      return
    }
    // Another unit (data trends hold whole bytes): re-record each bucket at our scale.
    const js = hist as unknown as JsHistogram
    const last = js.countsArrayIndex(js.maxValue)
    for (let i = 0; i <= last; i++) {
      const n = js.getCountAtIndex(i)
      if (n > 0) this.#hist.recordValueWithCount(Math.round(js.valueFromIndex(i) * SCALE / hdrScale), n)
    }
  }

  /** The value at percentile `p` (0–100), within HDR precision; null when empty. */
  percentile (p: number): number | null {
    if (this.count === 0) return null
    if (p >= 100) return this.max
    if (p <= 0) return this.min
    // HDR answers with the top of the value's bucket: never report more than the exact max.
    return Math.min(this.max, this.#hist.getValueAtPercentile(p) / SCALE)
  }

  get mean (): number | null {
    return this.count === 0 ? null : this.sum / this.count
  }
}

/** The percentiles a per-second chart draws: all a finished second needs to keep. */
export const CHART_PERCENTILES = [50, 95, 99] as const
export type ChartPercentile = typeof CHART_PERCENTILES[number]

/**
 * A second's latencies: a live histogram while points may still arrive, then
 * frozen to its chart percentiles, so a run of hours holds a bounded number of
 * histograms (k6 flushes its output in batches, slightly out of order).
 */
export class SecondLatency {
  #live: TrendStats | undefined = new TrendStats()
  #frozen: Record<ChartPercentile, number | null> | undefined

  /** False once frozen: the value could not be counted. */
  record (value: number): boolean {
    if (this.#live === undefined) return false
    this.#live.record(value)
    return true
  }

  /** A window's histogram (see TrendStats.addHistogram); false once frozen. */
  addHistogram (hist: Histogram, hdrScale: number, exact: ExactTrend): boolean {
    if (this.#live === undefined) return false
    this.#live.addHistogram(hist, hdrScale, exact)
    return true
  }

  freeze (): void {
    const live = this.#live
    if (live === undefined) return
    this.#frozen = { 50: live.percentile(50), 95: live.percentile(95), 99: live.percentile(99) }
    this.#live = undefined
  }

  percentile (p: ChartPercentile): number | null {
    return this.#live !== undefined ? this.#live.percentile(p) : this.#frozen?.[p] ?? null
  }
}

/** k6 "rate": the share of non-zero values. */
export class RateStats {
  nonZero = 0
  total = 0

  record (value: number): void {
    this.total++
    if (value !== 0) this.nonZero++
  }

  add (nonZero: number, zero: number): void {
    this.nonZero += nonZero
    this.total += nonZero + zero
  }

  get rate (): number | null {
    return this.total === 0 ? null : this.nonZero / this.total
  }
}

export class CounterStats {
  count = 0

  record (value: number): void {
    this.count += value
  }
}

export class GaugeStats {
  last: number | null = null
  min = Number.POSITIVE_INFINITY
  max = Number.NEGATIVE_INFINITY

  record (value: number): void {
    this.last = value
    if (value < this.min) this.min = value
    if (value > this.max) this.max = value
  }

  /** A window's last value and range. */
  recordRange (last: number, min: number, max: number): void {
    this.last = last
    if (min < this.min) this.min = min
    if (max > this.max) this.max = max
  }
}

export const metricTypes = ['counter', 'gauge', 'rate', 'trend'] as const
export type MetricType = typeof metricTypes[number]

export type MetricStats =
  | { type: 'trend', stats: TrendStats }
  | { type: 'rate', stats: RateStats }
  | { type: 'counter', stats: CounterStats }
  | { type: 'gauge', stats: GaugeStats }

export function newMetricStats (type: MetricType): MetricStats {
  switch (type) {
    case 'trend': return { type, stats: new TrendStats() }
    case 'rate': return { type, stats: new RateStats() }
    case 'counter': return { type, stats: new CounterStats() }
    case 'gauge': return { type, stats: new GaugeStats() }
  }
}

export function recordMetric (metric: MetricStats, value: number): void {
  metric.stats.record(value)
}
