/**
 * Accumulators for k6's four metric types. Trends go into the runner's own
 * HDR histograms (lab/load/metrics TrendHistogram: same scaling, precision
 * and clamping), so the report's percentiles of a metric are the runner's,
 * and a run of any length is summarized in bounded memory; exact count, sum,
 * min and max are kept beside the histogram, which only approximates them.
 */
import { TrendHistogram, hdrScaleOf, type EncodedHistogram, type ValueType } from '../../load/metrics/index.js'

/** Exact figures that travel with a histogram (the histogram only approximates them). */
export interface ExactTrend { count: number, sum: number, min: number, max: number }

/** k6's value kind as a results file names it ("time", "data", "default"); anything else is "default". */
export function valueTypeOf (contains: string | undefined): ValueType {
  return contains === 'time' || contains === 'data' ? contains : 'default'
}

export class TrendStats {
  /** Whole-metric precision (3 significant digits: 0.1 %), as the runner's whole-metric sinks. */
  readonly #hist: TrendHistogram
  readonly #scale: number
  count = 0
  sum = 0
  min = Number.POSITIVE_INFINITY
  max = Number.NEGATIVE_INFINITY

  /** `contains`: the trend's kind, which sets its HDR scaling (http_req_duration's "time" unless told). */
  constructor (contains: ValueType = 'time') {
    this.#hist = new TrendHistogram(contains, 3)
    this.#scale = hdrScaleOf(contains).scale
  }

  record (value: number): void {
    this.count++
    this.sum += value
    if (value < this.min) this.min = value
    if (value > this.max) this.max = value
    this.#hist.record(value)
  }

  /**
   * Adds a histogram of `count` values whose buckets hold value × `hdrScale`
   * (the aggregate format's windows), with their exact count, sum, min and max.
   */
  addHistogram (hist: EncodedHistogram, hdrScale: number, exact: ExactTrend): void {
    if (exact.count === 0) return
    this.count += exact.count
    this.sum += exact.sum
    if (exact.min < this.min) this.min = exact.min
    if (exact.max > this.max) this.max = exact.max
    if (hdrScale === this.#scale) {
      this.#hist.addEncoded(hist)
      return
    }
    // A file written with another scaling: each bucket is re-recorded at ours.
    this.#hist.addEncoded({ ...hist, values: hist.values.map((v) => Math.round(v * this.#scale / hdrScale)) })
  }

  /** The value at percentile `p` (0–100), as the runner computes it (HDR, within the exact min and max); null when empty. */
  percentile (p: number): number | null {
    if (this.count === 0) return null
    const value = this.#hist.percentile(p)
    // HDR answers with the top of the value's bucket: never past the exact extremes.
    return value < this.min ? this.min : value > this.max ? this.max : value
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
  addHistogram (hist: EncodedHistogram, hdrScale: number, exact: ExactTrend): boolean {
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

export function newMetricStats (type: MetricType, contains: ValueType = 'default'): MetricStats {
  switch (type) {
    case 'trend': return { type, stats: new TrendStats(contains) }
    case 'rate': return { type, stats: new RateStats() }
    case 'counter': return { type, stats: new CounterStats() }
    case 'gauge': return { type, stats: new GaugeStats() }
  }
}

export function recordMetric (metric: MetricStats, value: number): void {
  metric.stats.record(value)
}
