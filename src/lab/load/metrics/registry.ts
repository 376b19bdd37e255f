import { z } from 'zod'
import { parseOptions } from '../../../options.js'
import { BREAKDOWN_METRICS, BUILTIN_METRICS, isValidMetricName } from './builtins.js'
import { ChecksTree } from './checks-tree.js'
import { describeType, MetricNameInvalidError, MetricTypeMismatchError, MetricUnknownError, MetricValueInvalidError, SnapshotInvalidError } from './errors.js'
import { isSubmetricSelector, parseSubmetricSelector, selectorMatches, type SubmetricSelector } from './selector.js'
import { createSink, type Sink } from './sinks.js'
import { type MetricSnapshot, type RegistrySnapshot, type SinkSnapshot, SNAPSHOT_VERSION } from './snapshot.js'
import { DEFAULT_SUMMARY_TREND_STATS, STATS_BY_TYPE, canonicalStat, isStatFor } from './stats.js'
import type { OperationSummary, SummaryData, SummaryMetric, SummaryOptions } from './summary-data.js'
import { ScratchPool } from './trend-histogram.js'
import type { Metric, MetricType, Tags, ValueType } from './types.js'
import type { DrainOptions, WindowFailure, WindowMetricStats, WindowStats } from './window.js'

/** Distinct values kept per breakdown tag and metric (the per-operation table): the report keeps as many. */
export const DEFAULT_MAX_TAG_VALUES = 1000

const RegistryOptionsSchema = z.strictObject({
  /** Tags whose values get their own sinks on the BREAKDOWN_METRICS (the per-operation table). */
  breakdownTags: z.array(z.string().min(1)).optional(),
  /** The proposal's name for `breakdownTags`; either is accepted. */
  trendTrackedTags: z.array(z.string().min(1)).optional(),
  /** Distinct values kept per breakdown tag and metric; later values are counted as overflow. */
  maxTagValues: z.number().int().positive().default(DEFAULT_MAX_TAG_VALUES),
  /** Distinct (group, check) pairs kept for root_group. */
  maxChecks: z.number().int().positive().default(10_000)
})

export type RegistryOptions = z.input<typeof RegistryOptionsSchema>

/** What the runner is told about bounded structures (also in the summary's `limits`). */
export interface RegistryLimits {
  readonly operationsOverflow: number
  readonly checksOverflow: number
  readonly clampedValues: number
}

class TagBreakdown {
  readonly tag: string
  readonly sinks = new Map<string, Sink>()
  overflow = 0
  readonly #entry: MetricEntry
  readonly #max: number

  constructor (tag: string, entry: MetricEntry, max: number) {
    this.tag = tag
    this.#entry = entry
    this.#max = max
  }

  sinkFor (value: string, samples: number): Sink | undefined {
    let sink = this.sinks.get(value)
    if (sink === undefined) {
      if (this.sinks.size >= this.#max) { this.overflow += samples; return undefined }
      // Two digits (<1% error) keep a thousand names within a few MB.
      sink = createSink(this.#entry.type, this.#entry.contains, 2)
      this.sinks.set(value, sink)
    }
    return sink
  }
}

interface SubmetricEntry { readonly selector: SubmetricSelector, readonly sink: Sink }

/**
 * Distinct (name, status, error code) rows of failed requests kept per window;
 * a script that builds names from data folds the surplus into one row.
 */
const MAX_FAILURE_ROWS = 1000
const OTHER_FAILURES = '(other operations)'

/** Failed requests since the last drain (or worker delta), by operation, status and error code. */
class FailureCounts {
  readonly #rows = new Map<string, { name: string, status: string, errorCode: string, count: number }>()

  add (name: string, status: string, errorCode: string, count: number): void {
    let key = `${name}\u0000${status}\u0000${errorCode}`
    let row = this.#rows.get(key)
    if (row === undefined) {
      if (this.#rows.size >= MAX_FAILURE_ROWS) {
        key = OTHER_FAILURES
        row = this.#rows.get(key)
      }
      if (row === undefined) {
        row = key === OTHER_FAILURES ? { name: OTHER_FAILURES, status: '', errorCode: '', count: 0 } : { name, status, errorCode, count: 0 }
        this.#rows.set(key, row)
      }
    }
    row.count += count
  }

  rows (reset: boolean): WindowFailure[] {
    const rows = [...this.#rows.values()].map((r) => ({ ...r }))
    if (reset) this.#rows.clear()
    return rows
  }
}

/** What a metric feeds besides its sinks: `checks` builds root_group, `group_duration` registers groups, `http_req_failed` counts failures by status. */
const Role = { Plain: 0, Checks: 1, Groups: 2, Failed: 3 } as const
type Role = typeof Role[keyof typeof Role]

class MetricEntry implements Metric {
  readonly owner: MetricRegistry
  readonly name: string
  readonly type: MetricType
  readonly contains: ValueType
  readonly sink: Sink
  readonly submetrics: SubmetricEntry[] = []
  readonly breakdown: TagBreakdown[]
  readonly role: Role

  constructor (owner: MetricRegistry, name: string, type: MetricType, contains: ValueType, breakdownTags: readonly string[], maxTagValues: number) {
    this.owner = owner
    this.name = name
    this.type = type
    this.contains = contains
    this.sink = createSink(type, contains, 3)
    this.breakdown = BREAKDOWN_METRICS.has(name) ? breakdownTags.map((tag) => new TagBreakdown(tag, this, maxTagValues)) : []
    this.role = name === 'checks' ? Role.Checks : name === 'group_duration' ? Role.Groups : name === 'http_req_failed' ? Role.Failed : Role.Plain
  }
}

/**
 * Every metric of a test run and their aggregates. One per worker thread;
 * workers ship `snapshot({ reset: true })` deltas that the main thread
 * `merge`s, and the main thread alone drains windows and builds the summary.
 */
export class MetricRegistry {
  readonly #entries = new Map<string, MetricEntry>()
  readonly #submetricKeys = new Map<string, SubmetricEntry>()
  readonly #breakdownTags: readonly string[]
  readonly #maxTagValues: number
  readonly #checks: ChecksTree
  readonly #pool = new ScratchPool()
  readonly #failures = new FailureCounts()
  #windowStartMs = Date.now()

  constructor (options: RegistryOptions = {}) {
    const parsed = parseOptions(RegistryOptionsSchema, options, 'metric registry options')
    this.#breakdownTags = parsed.breakdownTags ?? parsed.trendTrackedTags ?? ['name']
    this.#maxTagValues = parsed.maxTagValues
    this.#checks = new ChecksTree(parsed.maxChecks)
  }

  /** A registry with every k6 built-in metric already defined. */
  static withBuiltins (options: RegistryOptions = {}): MetricRegistry {
    const registry = new MetricRegistry(options)
    for (const { name, type, contains } of BUILTIN_METRICS) registry.define(name, type, contains)
    return registry
  }

  /**
   * Defines a metric, or returns the existing one when the type and
   * `contains` agree (scripts may construct the same custom metric twice).
   */
  define (name: string, type: MetricType, contains: ValueType = 'default'): Metric {
    const existing = this.#entries.get(name)
    if (existing !== undefined) {
      if (existing.type !== type || existing.contains !== contains) {
        throw new MetricTypeMismatchError(name, describeType(existing.type, existing.contains), describeType(type, contains))
      }
      return existing
    }
    if (!isValidMetricName(name)) throw new MetricNameInvalidError(name)
    const entry = new MetricEntry(this, name, type, contains, this.#breakdownTags, this.#maxTagValues)
    this.#entries.set(name, entry)
    return entry
  }

  get (name: string): Metric | undefined {
    return this.#entries.get(name)
  }

  /** Every defined metric, in definition order. */
  list (): Metric[] {
    return [...this.#entries.values()]
  }

  /**
   * Starts a sink for the samples of `metric{tag:value,...}` (declared by
   * thresholds). Call it before the test starts: earlier samples are not in
   * it. Returns the canonical selector key. Idempotent.
   */
  trackSubmetric (selector: string): string {
    const parsed = parseSubmetricSelector(selector)
    const known = this.#submetricKeys.get(parsed.key)
    if (known !== undefined) return parsed.key
    const entry = this.#entries.get(parsed.metric)
    if (entry === undefined) throw new MetricUnknownError(parsed.metric)
    const submetric: SubmetricEntry = { selector: parsed, sink: createSink(entry.type, entry.contains, 3) }
    entry.submetrics.push(submetric)
    this.#submetricKeys.set(parsed.key, submetric)
    return parsed.key
  }

  /**
   * Records one sample. The hot path: one map lookup at most (none when given
   * the Metric from `define`), a loop over declared sub-metrics, and one sink
   * per breakdown tag; it allocates nothing once a tag value has been seen.
   * `time` (epoch ms) only matters for gauges (last value wins on merge).
   */
  add (metric: Metric | string, value: number, tags: Tags, time?: number): void {
    const entry = this.#resolve(metric)
    if (!Number.isFinite(value)) throw new MetricValueInvalidError(entry.name, value)
    entry.sink.add(value, time)
    const submetrics = entry.submetrics
    for (let i = 0; i < submetrics.length; i++) {
      const submetric = submetrics[i] as SubmetricEntry
      if (selectorMatches(submetric.selector, tags)) submetric.sink.add(value, time)
    }
    const breakdown = entry.breakdown
    for (let i = 0; i < breakdown.length; i++) {
      const byTag = breakdown[i] as TagBreakdown
      const tagValue = tags[byTag.tag]
      if (tagValue !== undefined) byTag.sinkFor(tagValue, 1)?.add(value, time)
    }
    if (entry.role === Role.Checks) {
      const check = tags.check
      if (check !== undefined) this.#checks.record(tags.group ?? '', check, value !== 0 ? 1 : 0, value !== 0 ? 0 : 1)
    } else if (entry.role === Role.Groups && tags.group !== undefined) {
      this.#checks.addGroup(tags.group)
    } else if (entry.role === Role.Failed && value !== 0) {
      this.#failures.add(tags.name ?? tags.url ?? '', tags.status ?? '', tags.error_code ?? '', 1)
    }
  }

  #resolve (metric: Metric | string): MetricEntry {
    if (typeof metric !== 'string' && (metric as MetricEntry).owner === this) return metric as MetricEntry
    const name = typeof metric === 'string' ? metric : metric.name
    const entry = this.#entries.get(name)
    if (entry === undefined) throw new MetricUnknownError(name)
    return entry
  }

  /**
   * Aggregations of a metric or sub-metric (`http_req_duration` or
   * `http_req_duration{name:fetch}`) over the whole run; undefined when the
   * key is unknown. `durationMs` is the test's elapsed time (counter rates).
   */
  stats (key: string, names: readonly string[], durationMs: number): Record<string, number> | undefined {
    const sink = this.#sinkFor(key)
    return sink?.stats(names.map(canonicalStat), durationMs, this.#pool)
  }

  #sinkFor (key: string): Sink | undefined {
    if (!isSubmetricSelector(key)) return this.#entries.get(key.trim())?.sink
    return this.#submetricKeys.get(parseSubmetricSelector(key).key)?.sink
  }

  /** Aggregates since the previous drain; starts a new window. Main thread only (see class doc). */
  drainWindow (nowMs: number = Date.now(), options: DrainOptions = {}): WindowStats {
    const histograms = options.histograms === true
    const durationMs = Math.max(0, nowMs - this.#windowStartMs)
    const metrics: Record<string, WindowMetricStats> = {}
    const submetrics: Record<string, WindowMetricStats> = {}
    const breakdown: Record<string, Record<string, Record<string, WindowMetricStats>>> = {}
    for (const entry of this.#entries.values()) {
      const whole = entry.sink.drainWindow(durationMs, this.#pool, histograms)
      if (whole !== undefined) metrics[entry.name] = whole
      for (const { selector, sink } of entry.submetrics) {
        const stats = sink.drainWindow(durationMs, this.#pool, histograms)
        if (stats !== undefined) submetrics[selector.key] = stats
      }
      for (const byTag of entry.breakdown) {
        const perValue = (breakdown[byTag.tag] ??= {})
        for (const [value, sink] of byTag.sinks) {
          const stats = sink.drainWindow(durationMs, this.#pool, histograms)
          if (stats !== undefined) (perValue[value] ??= {})[entry.name] = stats
        }
      }
    }
    const window: WindowStats = {
      startMs: this.#windowStartMs, endMs: nowMs, durationMs, metrics, submetrics, breakdown, failures: this.#failures.rows(true), checks: this.#checks.drainWindow()
    }
    this.#windowStartMs = nowMs
    return window
  }

  /**
   * The whole state as plain, structured-clone-safe data (HDR histograms
   * encoded exactly). With `reset: true` the state is moved out, so a worker
   * can ship deltas every second and the main thread merges each once.
   */
  snapshot (options: { reset?: boolean } = {}): RegistrySnapshot {
    const reset = options.reset === true
    const metrics: MetricSnapshot[] = []
    for (const entry of this.#entries.values()) {
      metrics.push({
        name: entry.name,
        type: entry.type,
        contains: entry.contains,
        sink: entry.sink.snapshot(reset, this.#pool),
        submetrics: entry.submetrics.map(({ selector, sink }) => [selector.key, sink.snapshot(reset, this.#pool)] as const),
        breakdown: entry.breakdown.map((byTag) => {
          const snapshot = {
            tag: byTag.tag,
            // Names without samples (e.g. since the last delta) are left out: a worker's
            // per-second delta then costs what it recorded, not every name ever seen.
            sinks: [...byTag.sinks].filter(([, sink]) => sink.hasSamples).map(([value, sink]) => [value, sink.snapshot(reset, this.#pool)] as const),
            overflow: byTag.overflow
          }
          if (reset) byTag.overflow = 0
          return snapshot
        })
      })
    }
    const checksOverflow = this.#checks.overflow
    if (reset) this.#checks.overflow = 0
    const failures = this.#failures.rows(reset).map((f) => [f.name, f.status, f.errorCode, f.count] as const)
    return { version: SNAPSHOT_VERSION, metrics, checks: this.#checks.entries(reset), groups: this.#checks.groups(), checksOverflow, failures }
  }

  /**
   * Adds a snapshot (from a worker, or a saved run) into this registry,
   * defining the metrics and sub-metrics it does not know yet. Merged samples
   * also count in the current window.
   */
  merge (snapshot: RegistrySnapshot): void {
    if (snapshot.version !== SNAPSHOT_VERSION) throw new SnapshotInvalidError(`version ${String(snapshot.version)} is not ${SNAPSHOT_VERSION}`)
    for (const metric of snapshot.metrics) {
      this.define(metric.name, metric.type, metric.contains)
      const entry = this.#entries.get(metric.name) as MetricEntry
      entry.sink.merge(metric.sink)
      for (const [key, sink] of metric.submetrics) {
        this.#submetricKeys.get(this.trackSubmetric(key))?.sink.merge(sink)
      }
      for (const { tag, sinks, overflow } of metric.breakdown) {
        const byTag = entry.breakdown.find((b) => b.tag === tag)
        if (byTag === undefined) continue
        byTag.overflow += overflow
        for (const [value, sink] of sinks) byTag.sinkFor(value, samplesIn(sink))?.merge(sink)
      }
    }
    for (const group of snapshot.groups) this.#checks.addGroup(group)
    for (const [group, check, passes, fails] of snapshot.checks) this.#checks.record(group, check, passes, fails)
    this.#checks.overflow += snapshot.checksOverflow
    for (const [name, status, errorCode, count] of snapshot.failures ?? []) this.#failures.add(name, status, errorCode, count)
  }

  limits (): RegistryLimits {
    let operationsOverflow = 0
    let clampedValues = 0
    for (const entry of this.#entries.values()) {
      clampedValues += entry.sink.clamped
      if (entry.name === 'http_reqs') operationsOverflow += entry.breakdown.find((b) => b.tag === 'name')?.overflow ?? 0
    }
    return { operationsOverflow, checksOverflow: this.#checks.overflow, clampedValues }
  }

  /** k6's handleSummary `data` (plus `operations` and `limits`). */
  summary (options: SummaryOptions): SummaryData {
    const durationMs = options.testRunDurationMs
    // Options are validated at the edge (summaryTrendStatsSchema); a stat that slips through is left out, not printed as NaN.
    const trendStats = (options.summaryTrendStats ?? DEFAULT_SUMMARY_TREND_STATS).map(canonicalStat).filter((stat) => isStatFor('trend', stat))
    const metrics: Record<string, SummaryMetric> = {}
    const thresholdsByKey = groupThresholds(options.thresholds ?? [])
    const thresholdStats = statsUsedByThresholds(options.thresholds ?? [])
    const describe = (entry: MetricEntry, sink: Sink, key: string): SummaryMetric => {
      const base = entry.type === 'trend' ? trendStats : STATS_BY_TYPE[entry.type]
      const extra = (thresholdStats.get(key) ?? []).filter((stat) => !base.includes(stat))
      return { type: entry.type, contains: entry.contains, values: sink.stats([...base, ...extra], durationMs, this.#pool) }
    }
    for (const entry of [...this.#entries.values()].sort((a, b) => byCodeUnits(a.name, b.name))) {
      if (entry.sink.hasSamples || thresholdsByKey.has(entry.name)) metrics[entry.name] = describe(entry, entry.sink, entry.name)
      for (const { selector, sink } of entry.submetrics) metrics[selector.key] = describe(entry, sink, selector.key)
    }
    for (const [key, thresholds] of thresholdsByKey) {
      const metric = metrics[this.#canonicalKey(key)]
      if (metric !== undefined) metrics[this.#canonicalKey(key)] = { ...metric, thresholds }
    }
    return {
      root_group: this.#checks.build(),
      options: { summaryTrendStats: trendStats, summaryTimeUnit: options.summaryTimeUnit ?? '', noColor: options.noColor ?? false },
      state: { isStdOutTTY: options.isStdOutTTY ?? false, isStdErrTTY: options.isStdErrTTY ?? false, testRunDurationMs: durationMs },
      metrics,
      operations: this.#operations(durationMs),
      limits: this.limits()
    }
  }

  #canonicalKey (key: string): string {
    return isSubmetricSelector(key) ? parseSubmetricSelector(key).key : key.trim()
  }

  #operations (durationMs: number): OperationSummary[] {
    const byName = (metric: string): Map<string, Sink> =>
      this.#entries.get(metric)?.breakdown.find((b) => b.tag === 'name')?.sinks ?? new Map<string, Sink>()
    const reqs = byName('http_reqs')
    const durations = byName('http_req_duration')
    const failed = byName('http_req_failed')
    const checks = byName('checks')
    const intended = byName('http_req_duration_intended')
    const names = new Set([...reqs.keys(), ...durations.keys()])
    const rows: OperationSummary[] = []
    for (const name of names) {
      const latency = durations.get(name)?.stats(['avg', 'p(50)', 'p(95)', 'p(99)', 'max', 'count'], durationMs, this.#pool) ?? {}
      const requests = reqs.get(name)?.stats(['count'], durationMs, this.#pool).count ?? latency.count ?? 0
      const failures = failed.get(name)?.stats(['passes', 'fails'], durationMs, this.#pool)
      // http_req_failed is a rate whose "pass" (non-zero) means the request failed.
      const failedCount = failures?.passes ?? 0
      const judged = failedCount + (failures?.fails ?? 0)
      const checkCounts = checks.get(name)?.stats(['passes', 'fails'], durationMs, this.#pool)
      const intendedSink = intended.get(name)
      rows.push({
        name,
        requests,
        rps: durationMs > 0 ? requests / (durationMs / 1000) : 0,
        failed: failedCount,
        errorRate: judged === 0 ? 0 : failedCount / judged,
        avg: latency.avg ?? 0,
        p50: latency['p(50)'] ?? 0,
        p95: latency['p(95)'] ?? 0,
        p99: latency['p(99)'] ?? 0,
        max: latency.max ?? 0,
        ...(intendedSink?.hasSamples === true ? { p99Intended: intendedSink.stats(['p(99)'], durationMs, this.#pool)['p(99)'] ?? 0 } : {}),
        checksPasses: checkCounts?.passes ?? 0,
        checksFails: checkCounts?.fails ?? 0
      })
    }
    return rows.sort((a, b) => b.requests - a.requests || byCodeUnits(a.name, b.name))
  }
}

/** Samples a sink snapshot holds: what the overflow count gains when its name does not fit. */
function samplesIn (snapshot: SinkSnapshot): number {
  switch (snapshot.type) {
    case 'counter': case 'gauge': return snapshot.samples
    case 'rate': return snapshot.passes + snapshot.fails
    case 'trend': return snapshot.count
  }
}

function statsUsedByThresholds (results: NonNullable<SummaryOptions['thresholds']>): Map<string, string[]> {
  const byKey = new Map<string, string[]>()
  for (const { metric, aggregation } of results) {
    if (aggregation === undefined) continue
    const stats = byKey.get(metric) ?? []
    if (!stats.includes(canonicalStat(aggregation))) stats.push(canonicalStat(aggregation))
    byKey.set(metric, stats)
  }
  return byKey
}

function groupThresholds (results: NonNullable<SummaryOptions['thresholds']>): Map<string, Record<string, { ok: boolean }>> {
  const byKey = new Map<string, Record<string, { ok: boolean }>>()
  for (const { metric, expression, ok } of results) {
    const forMetric = byKey.get(metric) ?? {}
    // Several threshold lines with the same text: any failure fails the text.
    forMetric[expression] = { ok: ok && (forMetric[expression]?.ok ?? true) }
    byKey.set(metric, forMetric)
  }
  return byKey
}

/**
 * Names in code-unit order, as k6's summary sorts them (JavaScript's default
 * sort). Not localeCompare: its collator pages in ICU data (~6 MB RSS) at the
 * end of the test, when the heap is at its largest.
 */
function byCodeUnits (a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
