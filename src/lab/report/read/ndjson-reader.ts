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
import { metricTypes, type MetricType } from './stats.js'
import { selectorMatches, type SubmetricSelector } from '../../load/metrics/index.js'
import { readSelector } from './thresholds.js'
import { CLEAN_REFUSALS_METRIC, LoadAccumulator, addFailure, isRecord, readFileLines, windowsAt, type K6Aggregates, type ReadNdjsonOptions, type SecondStats, type WindowAggregate } from './load-series.js'

export {
  FREEZE_AFTER_S, type ErrorCount, type K6Aggregates, type MetricInfo, type OperationStats, type ReadNdjsonOptions, type SecondStats, type WindowAggregate, type WindowSpec
} from './load-series.js'

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

interface PointData {
  time: number
  value: number
  tags: Record<string, unknown> | undefined
}

export class K6Aggregator extends LoadAccumulator {
  readonly #trackers = new Map<string, SubmetricSelector[]>()

  constructor (options: ReadNdjsonOptions = {}) {
    super(options)
    for (const key of options.track ?? []) this.#track(key)
  }

  protected entry (entry: Record<string, unknown>): void {
    if (entry.type === 'Metric') this.#metricLine(entry)
    else if (entry.type === 'Point') this.#pointLine(entry)
  }

  #metricLine (entry: Record<string, unknown>): void {
    const data = entry.data
    if (!isRecord(data) || typeof data.name !== 'string') return this.malformed()
    const type = metricTypes.find((t) => t === data.type) ?? KNOWN_TYPES[data.name] ?? 'trend'
    const thresholds = Array.isArray(data.thresholds) ? data.thresholds.filter((t): t is string => typeof t === 'string') : []
    this.metrics.set(data.name, { name: data.name, type, contains: typeof data.contains === 'string' ? data.contains : 'default', thresholds })
    // A submetric's name carries its selector; k6 lists them under `submetrics`.
    if (Array.isArray(data.submetrics)) {
      for (const sub of data.submetrics) if (isRecord(sub) && typeof sub.name === 'string') this.#track(sub.name)
    }
    if (data.name.includes('{')) this.#track(data.name)
  }

  /** Aggregates a sub-metric too, under the runner's canonical key (a selector that does not parse is left out). */
  #track (key: string): void {
    const selector = readSelector(key)
    if (selector === undefined || selector.keys.length === 0) return
    const list = this.#trackers.get(selector.metric) ?? []
    if (list.some((t) => t.key === selector.key)) return
    list.push(selector)
    this.#trackers.set(selector.metric, list)
  }

  #pointLine (entry: Record<string, unknown>): void {
    const data = entry.data
    const metric = entry.metric
    if (!isRecord(data) || typeof metric !== 'string' || typeof data.value !== 'number' || typeof data.time !== 'string') return this.malformed()
    const time = Date.parse(data.time)
    if (Number.isNaN(time)) return this.malformed()
    const point: PointData = { time, value: data.value, tags: isRecord(data.tags) ? data.tags : undefined }
    this.points++
    this.originS ??= Math.floor(time / 1000)
    this.span(time, time)
    const type = this.metrics.get(metric)?.type ?? KNOWN_TYPES[metric] ?? 'trend'
    this.statsFor(metric, type).stats.record(point.value)
    const trackers = this.#trackers.get(metric)
    if (trackers !== undefined) {
      const tags = stringTags(point.tags)
      for (const tracker of trackers) if (selectorMatches(tracker, tags)) this.statsFor(tracker.key, type).stats.record(point.value)
    }
    this.#builtin(metric, point)
  }

  #builtin (metric: string, point: PointData): void {
    switch (metric) {
      case K6.duration: {
        if (!this.#second(point.time).latency.record(point.value)) this.lateLatencyPoints++
        const op = this.operation(operationName(point.tags))
        if (op === undefined) this.operationsOverflow++
        else op.duration.record(point.value)
        for (const w of this.#windowsAt(point.time)) w.duration.record(point.value)
        break
      }
      case K6.requests:
        this.#second(point.time).requests += point.value
        for (const w of this.#windowsAt(point.time)) w.requests += point.value
        break
      case K6.failed:
        this.#second(point.time).failed.record(point.value)
        this.operation(operationName(point.tags))?.failed.record(point.value)
        for (const w of this.#windowsAt(point.time)) w.failed.record(point.value)
        if (point.value !== 0) {
          this.#error(point.tags)
          addFailure(this.#second(point.time), tag(point.tags, 'status'), tag(point.tags, 'error_code'), 1)
        }
        break
      case CLEAN_REFUSALS_METRIC:
        if (point.value !== 0) this.#second(point.time).cleanRefusals++
        break
      case K6.vus: {
        const second = this.#second(point.time)
        second.vus = second.vus === null ? point.value : Math.max(second.vus, point.value)
        break
      }
      case K6.checks: {
        this.countCheck(tag(point.tags, 'check') || '(unnamed)', point.value !== 0 ? 1 : 0, point.value !== 0 ? 0 : 1)
        break
      }
    }
  }

  #windowsAt (timeMs: number): WindowAggregate[] {
    return this.originS === null ? [] : windowsAt(this.windows, timeMs / 1000, this.originS)
  }

  #second (timeMs: number): SecondStats {
    return this.seconds.at(Math.floor(timeMs / 1000))
  }

  #error (tags: Record<string, unknown> | undefined): void {
    this.errors.add(operationName(tags), tag(tags, 'status'), tag(tags, 'error_code'), 1)
  }
}

/** k6 names a request by its URL unless the script sets `tags: { name }`. */
export function operationName (tags: Record<string, unknown> | undefined): string {
  return tag(tags, 'name') || tag(tags, 'url') || '(unnamed)'
}

const NO_TAGS: Readonly<Record<string, string>> = {}

/** k6 writes tag values as strings; anything else is compared as its text. */
function stringTags (tags: Record<string, unknown> | undefined): Readonly<Record<string, string>> {
  if (tags === undefined) return NO_TAGS
  for (const value of Object.values(tags)) {
    if (typeof value !== 'string') return Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, String(v)]))
  }
  return tags as Record<string, string>
}

function tag (tags: Record<string, unknown> | undefined, key: string): string {
  const value = tags?.[key]
  return value === undefined || value === null ? '' : String(value)
}

export async function readK6Ndjson (file: string, options: ReadNdjsonOptions = {}): Promise<K6Aggregates> {
  const aggregator = new K6Aggregator(options)
  return aggregator.result(await readFileLines(file, (line) => { aggregator.line(line) }))
}
