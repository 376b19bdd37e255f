/**
 * Reads the runner's aggregate results (`--out aggregate=FILE`, the run
 * directory's aggregates.ndjson[.gz]; format in
 * src/lab/load/outputs/aggregate/format.ts) into the same K6Aggregates the
 * k6 JSON reader gives, so the analysis does not care which file a run has.
 * Each window is one second: its HDR histograms merge exactly into the
 * whole-run, per-stage and per-operation ones (within HDR precision: 0.1 %
 * for whole metrics and sub-metrics, 1 % per operation).
 */
import {
  AGGREGATE_FORMAT, windowSecond, type Aggregate, type MetricLine, type TrendAggregate, type WindowLine
} from '../../load/outputs/aggregate/format.js'
import { decodeHistogram } from '../../load/outputs/aggregate/hdr-codec.js'
import { hdrScaleOf, type EncodedHistogram } from '../../load/metrics/index.js'
import { CLEAN_REFUSALS_METRIC, LoadAccumulator, addFailure, isRecord, readFileLines, windowsAt, type K6Aggregates, type ReadNdjsonOptions } from './load-series.js'
import { K6 } from './ndjson-reader.js'
import { metricTypes, valueTypeOf, type MetricStats, type MetricType } from './stats.js'
import { baseMetricOf } from './thresholds.js'

/** The first line of an aggregate file, as run-files.ts sniffs it. */
export const AGGREGATE_SIGNATURE = new RegExp(`^\\s*\\{\\s*"type"\\s*:\\s*"Header"\\s*,\\s*"format"\\s*:\\s*"${AGGREGATE_FORMAT}"`)

/** A trend window decoded once, then added wherever it counts. */
interface DecodedTrend { hist: EncodedHistogram, scale: number, exact: { count: number, sum: number, min: number, max: number } }

export class AggregateReader extends LoadAccumulator {
  readonly #scales = new Map<string, number>()

  constructor (options: ReadNdjsonOptions = {}) {
    super(options)
    this.endLine = false
  }

  protected entry (entry: Record<string, unknown>): void {
    try {
      if (entry.type === 'Header' && typeof entry.startedAtMs === 'number') this.originS ??= Math.floor(entry.startedAtMs / 1000)
      else if (entry.type === 'Metric') this.#metric(entry as unknown as MetricLine)
      else if (entry.type === 'Window') this.#window(entry as unknown as WindowLine)
      else if (entry.type === 'End') this.endLine = true
      else this.malformed()
    } catch {
      // A histogram that does not decode, a field of the wrong kind: the line is skipped and counted.
      this.malformed()
    }
  }

  #metric (line: MetricLine): void {
    if (typeof line.name !== 'string') return this.malformed()
    const type = metricTypes.find((t) => t === line.metricType) ?? 'trend'
    const thresholds = Array.isArray(line.thresholds) ? line.thresholds.filter((t): t is string => typeof t === 'string') : []
    this.metrics.set(line.name, { name: line.name, type, contains: typeof line.contains === 'string' ? line.contains : 'default', thresholds })
    if (typeof line.hdrScale === 'number') this.#scales.set(line.name, line.hdrScale)
  }

  #typeOf (metric: string): MetricType {
    return this.metrics.get(metric)?.type ?? 'trend'
  }

  #window (w: WindowLine): void {
    if (typeof w.start !== 'number' || typeof w.end !== 'number' || !isRecord(w.metrics)) return this.malformed()
    this.points++
    this.originS ??= Math.floor(w.start / 1000)
    this.span(w.start, w.end)
    const second = this.seconds.at(windowSecond(w.start, w.end))
    const stages = windowsAt(this.windows, (w.start + w.end) / 2000, this.originS)

    for (const [metric, agg] of Object.entries(w.metrics)) {
      const type = this.#typeOf(metric)
      const trend = type === 'trend' ? this.#decode(metric, agg) : undefined
      this.#add(this.statsFor(metric, type), agg, trend)
      switch (metric) {
        case K6.requests: {
          const n = (agg as { n: number }).n
          second.requests += n
          for (const s of stages) s.requests += n
          break
        }
        case K6.duration:
          if (trend !== undefined) {
            second.latency.addHistogram(trend.hist, trend.scale, trend.exact)
            for (const s of stages) s.duration.addHistogram(trend.hist, trend.scale, trend.exact)
          }
          break
        case K6.failed: {
          const { p, f } = agg as { p: number, f: number }
          second.failed.add(p, f)
          for (const s of stages) s.failed.add(p, f)
          break
        }
        case CLEAN_REFUSALS_METRIC:
          second.cleanRefusals += (agg as { p: number }).p
          break
        case K6.vus: {
          const { max } = agg as { max: number }
          second.vus = second.vus === null ? max : Math.max(second.vus, max)
          break
        }
      }
    }
    for (const [key, agg] of Object.entries(w.submetrics ?? {})) {
      const metric = baseMetricOf(key)
      const type = this.#typeOf(metric)
      this.#add(this.statsFor(key, type), agg, type === 'trend' ? this.#decode(metric, agg) : undefined)
    }
    for (const [name, byMetric] of Object.entries(w.breakdown?.name ?? {})) {
      const duration = byMetric[K6.duration]
      const failed = byMetric[K6.failed] as { p: number, f: number } | undefined
      if (duration === undefined && failed === undefined) continue
      const op = this.operation(name)
      if (op === undefined) { this.operationsOverflow += (duration as { n?: number } | undefined)?.n ?? 0; continue }
      const trend = duration === undefined ? undefined : this.#decode(K6.duration, duration)
      if (trend !== undefined) op.duration.addHistogram(trend.hist, trend.scale, trend.exact)
      if (failed !== undefined) op.failed.add(failed.p, failed.f)
    }
    for (const [operation, status, errorCode, count] of w.failures ?? []) {
      this.errors.add(operation || '(unnamed)', status, errorCode, count)
      addFailure(second, status, errorCode, count)
    }
    for (const [, check, passes, fails] of w.checks ?? []) this.countCheck(check || '(unnamed)', passes, fails)
  }

  #decode (metric: string, agg: Aggregate): DecodedTrend {
    const t = agg as TrendAggregate
    if (typeof t.h !== 'string' || t.h === '') throw new Error(`trend ${metric} without a histogram`)
    return { hist: decodeHistogram(t.h), scale: this.#scales.get(metric) ?? hdrScaleOf(valueTypeOf(this.metrics.get(metric)?.contains)).scale, exact: { count: t.n, sum: t.sum, min: t.min, max: t.max } }
  }

  #add (stats: MetricStats, agg: Aggregate, trend: DecodedTrend | undefined): void {
    switch (stats.type) {
      case 'counter': stats.stats.count += (agg as { n: number }).n; break
      case 'gauge': { const g = agg as { v: number, min: number, max: number }; stats.stats.recordRange(g.v, g.min, g.max); break }
      case 'rate': { const r = agg as { p: number, f: number }; stats.stats.add(r.p, r.f); break }
      case 'trend': if (trend !== undefined) stats.stats.addHistogram(trend.hist, trend.scale, trend.exact); break
    }
  }
}

export async function readAggregates (file: string, options: ReadNdjsonOptions = {}): Promise<K6Aggregates> {
  const reader = new AggregateReader(options)
  return reader.result(await readFileLines(file, (line) => { reader.line(line) }))
}
