/**
 * Streams a k6 JSON output file (`--out json=FILE`, NDJSON, optionally gzipped)
 * into bounded aggregates: per metric, per operation (the `name` tag), per
 * second, errors by type, checks. No point is kept: a ten-minute run at
 * 5,000 req/s (millions of lines) costs a few hundred histograms.
 *
 * k6 line shapes (https://grafana.com/docs/k6/latest/results-output/real-time/json/):
 *   {"type":"Metric","data":{"name":"http_req_duration","type":"trend","contains":"time","thresholds":["p(95)<500"],"submetrics":null},"metric":"http_req_duration"}
 *   {"type":"Point","data":{"time":"2026-11-28T00:30:00.123456789Z","value":12.3,"tags":{"name":"quotes","status":"200"}},"metric":"http_req_duration"}
 */
import { RateStats, TrendStats, metricTypes, newMetricStats, type MetricStats, type MetricType } from './stats.js'
import { matchesTags, parseSelector, type MetricSelector } from './thresholds.js'
import { ErrorTable, SecondSeries, newWindowAggregates, readLines, windowsAt, type ErrorCount, type SecondStats, type WindowAggregate } from './load-series.js'

export { FREEZE_AFTER_S, type ErrorCount, type SecondStats, type WindowAggregate } from './load-series.js'

export interface MetricInfo {
  name: string
  type: MetricType
  /** k6's value kind: "time", "data" or "default". */
  contains: string
  thresholds: string[]
}

export interface OperationStats {
  name: string
  duration: TrendStats
  failed: RateStats
}

export interface K6Aggregates {
  metrics: Map<string, MetricInfo>
  /** Whole-run stats per metric name, and per tracked submetric key (`metric{tag:value}`). */
  stats: Map<string, MetricStats>
  operations: Map<string, OperationStats>
  /** Ordered by time, only the seconds in which something was recorded. */
  seconds: SecondStats[]
  errors: ErrorCount[]
  checks: Map<string, { passes: number, fails: number }>
  /** Epoch second of the first point in the file: where windows (stages) start counting. */
  originS: number | null
  windows: WindowAggregate[]
  /** First and last point time, epoch ms; null when the file has no point. */
  firstMs: number | null
  lastMs: number | null
  points: number
  malformedLines: number
  firstMalformedLine: number | null
  /** http_req_duration points that arrived after their second was frozen (see FREEZE_AFTER_S): counted, not charted. */
  lateLatencyPoints: number
}

export interface ReadNdjsonOptions {
  /** Submetric keys (`http_req_duration{name:quotes}`) to aggregate too: threshold targets from elsewhere. */
  track?: string[]
  /** Time windows (stages) to aggregate requests, errors and latency over, in seconds from the origin (see K6Aggregates.originS). */
  windows?: Array<{ fromS: number, toS: number }>
}

/** The metrics the report is built on (k6's built-in names). */
export const K6 = {
  duration: 'http_req_duration',
  requests: 'http_reqs',
  failed: 'http_req_failed',
  vus: 'vus',
  checks: 'checks'
} as const

/**
 * A Point can precede its Metric line in files that were cut and merged by
 * hand; k6's built-ins then still get their right type. Anything else unknown is a trend.
 */
const KNOWN_TYPES: Record<string, MetricType> = {
  vus: 'gauge', vus_max: 'gauge', http_reqs: 'counter', iterations: 'counter', data_sent: 'counter', data_received: 'counter',
  dropped_iterations: 'counter', ws_msgs_sent: 'counter', ws_msgs_received: 'counter', ws_sessions: 'counter',
  http_req_failed: 'rate', checks: 'rate'
}

interface Tracker extends MetricSelector {
  key: string
}

interface PointData {
  time: number
  value: number
  tags: Record<string, unknown> | undefined
}

export class K6Aggregator {
  readonly metrics = new Map<string, MetricInfo>()
  readonly stats = new Map<string, MetricStats>()
  readonly operations = new Map<string, OperationStats>()
  readonly #seconds = new SecondSeries()
  lateLatencyPoints = 0
  readonly #errors = new ErrorTable()
  readonly checks = new Map<string, { passes: number, fails: number }>()
  readonly #trackers = new Map<string, Tracker[]>()
  firstMs: number | null = null
  lastMs: number | null = null
  points = 0
  malformedLines = 0
  firstMalformedLine: number | null = null
  #lineNumber = 0

  originS: number | null = null
  readonly windows: WindowAggregate[]

  constructor (options: ReadNdjsonOptions = {}) {
    for (const key of options.track ?? []) this.#track(key)
    this.windows = newWindowAggregates(options.windows)
  }

  /** Feeds one NDJSON line; a line that is not k6 JSON is counted, not fatal (a crashed run's last line is often cut). */
  line (text: string): void {
    this.#lineNumber++
    if (text.trim() === '') return
    let entry: unknown
    try {
      entry = JSON.parse(text)
    } catch {
      this.#malformed()
      return
    }
    if (!isRecord(entry)) return this.#malformed()
    if (entry.type === 'Metric') this.#metricLine(entry)
    else if (entry.type === 'Point') this.#pointLine(entry)
  }

  #malformed (): void {
    this.malformedLines++
    this.firstMalformedLine ??= this.#lineNumber
  }

  #metricLine (entry: Record<string, unknown>): void {
    const data = entry.data
    if (!isRecord(data) || typeof data.name !== 'string') return this.#malformed()
    const type = metricTypes.find((t) => t === data.type) ?? KNOWN_TYPES[data.name] ?? 'trend'
    const thresholds = Array.isArray(data.thresholds) ? data.thresholds.filter((t): t is string => typeof t === 'string') : []
    this.metrics.set(data.name, { name: data.name, type, contains: typeof data.contains === 'string' ? data.contains : 'default', thresholds })
    // A submetric's name carries its selector; k6 lists them under `submetrics`.
    if (Array.isArray(data.submetrics)) {
      for (const sub of data.submetrics) if (isRecord(sub) && typeof sub.name === 'string') this.#track(sub.name)
    }
    if (data.name.includes('{')) this.#track(data.name)
  }

  #track (key: string): void {
    const selector = parseSelector(key)
    if (Object.keys(selector.tags).length === 0) return
    const list = this.#trackers.get(selector.metric) ?? []
    if (list.some((t) => t.key === key)) return
    list.push({ key, ...selector })
    this.#trackers.set(selector.metric, list)
  }

  #pointLine (entry: Record<string, unknown>): void {
    const data = entry.data
    const metric = entry.metric
    if (!isRecord(data) || typeof metric !== 'string' || typeof data.value !== 'number' || typeof data.time !== 'string') return this.#malformed()
    const time = Date.parse(data.time)
    if (Number.isNaN(time)) return this.#malformed()
    const point: PointData = { time, value: data.value, tags: isRecord(data.tags) ? data.tags : undefined }
    this.points++
    this.originS ??= Math.floor(time / 1000)
    if (this.firstMs === null || time < this.firstMs) this.firstMs = time
    if (this.lastMs === null || time > this.lastMs) this.lastMs = time
    const type = this.metrics.get(metric)?.type ?? KNOWN_TYPES[metric] ?? 'trend'
    this.#statsFor(metric, type).stats.record(point.value)
    for (const tracker of this.#trackers.get(metric) ?? []) {
      if (matchesTags(tracker, point.tags)) this.#statsFor(tracker.key, type).stats.record(point.value)
    }
    this.#builtin(metric, point)
  }

  #statsFor (key: string, type: MetricType): MetricStats {
    let stats = this.stats.get(key)
    if (stats === undefined) {
      stats = newMetricStats(type)
      this.stats.set(key, stats)
    }
    return stats
  }

  #builtin (metric: string, point: PointData): void {
    switch (metric) {
      case K6.duration:
        if (!this.#second(point.time).latency.record(point.value)) this.lateLatencyPoints++
        this.#operation(point.tags).duration.record(point.value)
        for (const w of this.#windowsAt(point.time)) w.duration.record(point.value)
        break
      case K6.requests:
        this.#second(point.time).requests += point.value
        for (const w of this.#windowsAt(point.time)) w.requests += point.value
        break
      case K6.failed:
        this.#second(point.time).failed.record(point.value)
        this.#operation(point.tags).failed.record(point.value)
        for (const w of this.#windowsAt(point.time)) w.failed.record(point.value)
        if (point.value !== 0) this.#error(point.tags)
        break
      case K6.vus: {
        const second = this.#second(point.time)
        second.vus = second.vus === null ? point.value : Math.max(second.vus, point.value)
        break
      }
      case K6.checks: {
        const name = tag(point.tags, 'check') || '(unnamed)'
        const check = this.checks.get(name) ?? { passes: 0, fails: 0 }
        if (point.value !== 0) check.passes++
        else check.fails++
        this.checks.set(name, check)
        break
      }
    }
  }

  #windowsAt (timeMs: number): WindowAggregate[] {
    return this.originS === null ? [] : windowsAt(this.windows, timeMs / 1000 - this.originS)
  }

  #second (timeMs: number): SecondStats {
    return this.#seconds.at(Math.floor(timeMs / 1000))
  }

  #operation (tags: Record<string, unknown> | undefined): OperationStats {
    const name = operationName(tags)
    let op = this.operations.get(name)
    if (op === undefined) {
      op = { name, duration: new TrendStats(), failed: new RateStats() }
      this.operations.set(name, op)
    }
    return op
  }

  #error (tags: Record<string, unknown> | undefined): void {
    this.#errors.add(operationName(tags), tag(tags, 'status'), tag(tags, 'error_code'), 1)
  }

  result (): K6Aggregates {
    return {
      metrics: this.metrics,
      stats: this.stats,
      operations: this.operations,
      seconds: this.#seconds.list(),
      errors: this.#errors.rows(),
      checks: this.checks,
      originS: this.originS,
      windows: this.windows,
      firstMs: this.firstMs,
      lastMs: this.lastMs,
      points: this.points,
      malformedLines: this.malformedLines,
      firstMalformedLine: this.firstMalformedLine,
      lateLatencyPoints: this.lateLatencyPoints
    }
  }
}

/** k6 names a request by its URL unless the script sets `tags: { name }`. */
export function operationName (tags: Record<string, unknown> | undefined): string {
  return tag(tags, 'name') || tag(tags, 'url') || '(unnamed)'
}

function tag (tags: Record<string, unknown> | undefined, key: string): string {
  const value = tags?.[key]
  return value === undefined || value === null ? '' : String(value)
}

function isRecord (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export async function readK6Ndjson (file: string, options: ReadNdjsonOptions = {}): Promise<K6Aggregates> {
  const aggregator = new K6Aggregator(options)
  for await (const line of readLines(file)) aggregator.line(line)
  return aggregator.result()
}
