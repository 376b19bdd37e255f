/**
 * Accumulators shared by the two readers of a run's load data — k6's JSON
 * lines (ndjson-reader.ts) and the runner's per-second aggregates
 * (aggregate-reader.ts): the per-second series, the error table and the
 * stage windows.
 */
import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { PassThrough, type Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { RateStats, SecondLatency, TrendStats, newMetricStats, valueTypeOf, type MetricStats, type MetricType } from './stats.js'
import { baseMetricOf } from './thresholds.js'
import { DEFAULT_MAX_TAG_VALUES } from '../../load/metrics/index.js'

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
  /** Requests of operations past the first DEFAULT_MAX_TAG_VALUES names: counted in the totals only. */
  operationsOverflow: number
  /** How the file ended; `endLine`: whether it holds its format's end line (null: the format has none, as k6's JSON lines). */
  ending: StreamEnd & { endLine: boolean | null }
}

export interface ReadNdjsonOptions {
  /** Submetric keys (`http_req_duration{name:quotes}`) to aggregate too: threshold targets from elsewhere. */
  track?: string[]
  /** Time windows (stages) to aggregate requests, errors and latency over, in seconds from the origin (see K6Aggregates.originS). */
  windows?: WindowSpec[]
}

export interface SecondStats {
  /** Unix epoch second. */
  time: number
  /** http_reqs completed in this second. */
  requests: number
  /** http_req_failed points in this second, and how many of them were failures. */
  failed: RateStats
  latency: SecondLatency
  /** Highest `vus` gauge value seen in this second. */
  vus: number | null
  /** Failed requests by `status\u0000error_code` (chaos runs class them: resilience.ts). */
  failures: Map<string, number>
  /** 503 answers the workload judged clean (the `clean_refusals` Rate's passes). */
  cleanRefusals: number
}

/** The workload's Rate fed once per 503: true when it carried Retry-After and the error envelope (load-testing/operations.ts). */
export const CLEAN_REFUSALS_METRIC = 'clean_refusals'

export function addFailure (second: SecondStats, status: string, errorCode: string, count: number): void {
  const key = `${status}\u0000${errorCode}`
  second.failures.set(key, (second.failures.get(key) ?? 0) + count)
}

export interface ErrorCount {
  operation: string
  status: string
  errorCode: string
  count: number
}

/**
 * [fromS, toS) in seconds from the origin, or, with `epoch`, in epoch seconds
 * (windows a workflow recorded by the clock: the profile window); `except`
 * (same clock) is left out: the rest of the peak around the profile window.
 */
export interface WindowSpec {
  fromS: number
  toS: number
  epoch?: boolean
  except?: { fromS: number, toS: number }
}

/** Requests, failures and latency within one window of the run. */
export interface WindowAggregate extends WindowSpec {
  requests: number
  failed: RateStats
  duration: TrendStats
}

/**
 * A second's latency histogram is reduced to its chart percentiles once the
 * file has reached this many seconds later: k6 writes its output in batches
 * a second or two out of order, never a minute.
 */
export const FREEZE_AFTER_S = 60

/** Seconds in which something was recorded; latency histograms freeze FREEZE_AFTER_S behind the newest second. */
export class SecondSeries {
  readonly #seconds = new Map<number, SecondStats>()
  readonly #open = new Set<SecondStats>()
  #latest = Number.NEGATIVE_INFINITY

  /** The stats of the epoch second `time`. */
  at (time: number): SecondStats {
    let second = this.#seconds.get(time)
    if (second === undefined) {
      second = { time, requests: 0, failed: new RateStats(), latency: new SecondLatency(), vus: null, failures: new Map(), cleanRefusals: 0 }
      this.#seconds.set(time, second)
      this.#open.add(second)
      if (time > this.#latest) this.#freezeBefore(time - FREEZE_AFTER_S)
    }
    return second
  }

  #freezeBefore (time: number): void {
    this.#latest = time + FREEZE_AFTER_S
    for (const second of this.#open) {
      if (second.time >= time) continue
      second.latency.freeze()
      this.#open.delete(second)
    }
  }

  /** Ordered by time. */
  list (): SecondStats[] {
    return [...this.#seconds.values()].sort((a, b) => a.time - b.time)
  }
}

/** Failed requests by operation, status and error code. */
export class ErrorTable {
  readonly #rows = new Map<string, ErrorCount>()

  add (operation: string, status: string, errorCode: string, count: number): void {
    const key = `${operation}\u0000${status}\u0000${errorCode}`
    const entry = this.#rows.get(key) ?? { operation, status, errorCode, count: 0 }
    entry.count += count
    this.#rows.set(key, entry)
  }

  /** Most frequent first. */
  rows (): ErrorCount[] {
    return [...this.#rows.values()].sort((a, b) => b.count - a.count || a.operation.localeCompare(b.operation))
  }
}

export function newWindowAggregates (windows: readonly WindowSpec[] | undefined): WindowAggregate[] {
  return (windows ?? []).map((spec) => ({ ...spec, requests: 0, failed: new RateStats(), duration: new TrendStats() }))
}

/** The windows holding the instant `epochS` (epoch seconds; origin-relative windows count from `originS`). */
export function windowsAt (windows: WindowAggregate[], epochS: number, originS: number): WindowAggregate[] {
  if (windows.length === 0) return []
  return windows.filter((w) => {
    const t = w.epoch === true ? epochS : epochS - originS
    return t >= w.fromS && t < w.toS && (w.except === undefined || t < w.except.fromS || t >= w.except.toS)
  })
}

/**
 * How a file's text ended. Written to its end, a results file ends with a
 * line break and, gzipped, with a complete gzip stream; a writer stopped
 * mid-write (kill -9, a crash, a full disk) leaves a cut line or a cut stream.
 */
export interface StreamEnd {
  /** The text does not end with a line break: its last line was cut. */
  cutLine: boolean
  /** The gzip stream ends before its end (its last member is incomplete). */
  cutGzip: boolean
}

/**
 * Calls `onLine` with each line of a text file, gunzipped when its name ends
 * in `.gz`. A file cut short (a crashed run) yields every line up to the cut,
 * gzip included, and says so in the StreamEnd; the cut line itself is the
 * caller's to reject.
 */
export async function readFileLines (file: string, onLine: (line: string) => void): Promise<StreamEnd> {
  const end: StreamEnd = { cutLine: false, cutGzip: false }
  const source = createReadStream(file)
  let text: Readable = source
  if (file.endsWith('.gz')) {
    const gunzip = createGunzip()
    const out = new PassThrough()
    // A missing or unreadable file must still reject (pipe() forwards no errors).
    source.on('error', (err) => { out.destroy(err) })
    gunzip.on('error', (err: NodeJS.ErrnoException) => {
      // zlib reports a stream that stops early only once all it could decode was passed on.
      if (err.code !== 'Z_BUF_ERROR') return out.destroy(err)
      end.cutGzip = true
      out.end()
    })
    source.pipe(gunzip).pipe(out)
    text = out
  }
  let last = -1
  // Beside readline's own listener: both see every chunk.
  text.on('data', (chunk: Buffer) => { if (chunk.length > 0) last = chunk[chunk.length - 1] as number })
  for await (const line of createInterface({ input: text, crlfDelay: Number.POSITIVE_INFINITY })) onLine(line)
  end.cutLine = last !== -1 && last !== 0x0a
  return end
}

export function isRecord (value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * What both readers accumulate, and how a line becomes an entry: each reader
 * says what its entries mean (`entry`). A line that is not JSON, or not an
 * entry of the format, is counted, not fatal (a crashed run's last line is often cut).
 */
export abstract class LoadAccumulator {
  readonly metrics = new Map<string, MetricInfo>()
  readonly stats = new Map<string, MetricStats>()
  readonly operations = new Map<string, OperationStats>()
  readonly checks = new Map<string, { passes: number, fails: number }>()
  readonly windows: WindowAggregate[]
  protected readonly seconds = new SecondSeries()
  protected readonly errors = new ErrorTable()
  originS: number | null = null
  firstMs: number | null = null
  lastMs: number | null = null
  points = 0
  malformedLines = 0
  firstMalformedLine: number | null = null
  lateLatencyPoints = 0
  /** Requests of operations past the first DEFAULT_MAX_TAG_VALUES names: in the totals, not per operation. */
  operationsOverflow = 0
  /** Whether the format's end line was read; null for a format without one. */
  protected endLine: boolean | null = null
  #lineNumber = 0

  constructor (options: ReadNdjsonOptions) {
    this.windows = newWindowAggregates(options.windows)
  }

  line (text: string): void {
    this.#lineNumber++
    if (text.trim() === '') return
    let entry: unknown
    try {
      entry = JSON.parse(text)
    } catch {
      return this.malformed()
    }
    if (!isRecord(entry)) return this.malformed()
    this.entry(entry)
  }

  /** One parsed line. */
  protected abstract entry (entry: Record<string, unknown>): void

  protected malformed (): void {
    this.malformedLines++
    this.firstMalformedLine ??= this.#lineNumber
  }

  /** Widens the span of the data to [startMs, endMs]. */
  protected span (startMs: number, endMs: number): void {
    if (this.firstMs === null || startMs < this.firstMs) this.firstMs = startMs
    if (this.lastMs === null || endMs > this.lastMs) this.lastMs = endMs
  }

  protected statsFor (key: string, type: MetricType): MetricStats {
    let stats = this.stats.get(key)
    if (stats === undefined) {
      // A trend's HDR scaling follows its kind (time, data…), as in the runner.
      stats = newMetricStats(type, valueTypeOf(this.metrics.get(baseMetricOf(key))?.contains))
      this.stats.set(key, stats)
    }
    return stats
  }

  /**
   * The stats of an operation; undefined past the runner's limit of distinct
   * names (a script that leaves URLs unnamed can make thousands): those count
   * in the totals and in `operationsOverflow`, as in the runner.
   */
  protected operation (name: string): OperationStats | undefined {
    let op = this.operations.get(name)
    if (op === undefined) {
      if (this.operations.size >= DEFAULT_MAX_TAG_VALUES) return undefined
      op = { name, duration: new TrendStats(), failed: new RateStats() }
      this.operations.set(name, op)
    }
    return op
  }

  protected countCheck (name: string, passes: number, fails: number): void {
    const check = this.checks.get(name) ?? { passes: 0, fails: 0 }
    check.passes += passes
    check.fails += fails
    this.checks.set(name, check)
  }

  /** The aggregates; `streamEnd` as readFileLines found it (a complete stream when the lines came from elsewhere). */
  result (streamEnd: StreamEnd = { cutLine: false, cutGzip: false }): K6Aggregates {
    return {
      metrics: this.metrics,
      stats: this.stats,
      operations: this.operations,
      seconds: this.seconds.list(),
      errors: this.errors.rows(),
      checks: this.checks,
      originS: this.originS,
      windows: this.windows,
      firstMs: this.firstMs,
      lastMs: this.lastMs,
      points: this.points,
      malformedLines: this.malformedLines,
      firstMalformedLine: this.firstMalformedLine,
      lateLatencyPoints: this.lateLatencyPoints,
      operationsOverflow: this.operationsOverflow,
      ending: { ...streamEnd, endLine: this.endLine }
    }
  }
}
