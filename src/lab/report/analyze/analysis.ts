/**
 * The analysis of one run: everything the reports show, computed once from
 * the run's files (k6 NDJSON first, the k6 summary export when there is no
 * NDJSON, the monitor CSVs, the CPU profiles, the manifest). Every figure is
 * measured or derived from measurements; a missing input gives `null`, never
 * a default.
 */
import { basename } from 'node:path'
import type { Manifest } from '../../results-dir/index.js'
import { FREEZE_AFTER_S, K6, readK6Ndjson, type K6Aggregates, type SecondStats, type WindowAggregate, type WindowSpec } from '../read/ndjson-reader.js'
import { observerEffect, observerWindows, type ObserverEffect, type ObserverWindows } from './observer-effect.js'
import { readK6Summary, type K6Summary } from '../read/summary-reader.js'
import { readAggregates } from '../read/aggregate-reader.js'
import { findRunInputs } from '../read/run-files.js'
import { findMonitorFiles, readResourceUsage, type ResourceUsage } from '../read/monitor-reader.js'
import { findCpuProfiles, topFunctions, type ProfileTop } from '../read/profile-top.js'
import { meanRpsIn, peakFromStages, peakWindow, stageMarks, type PeakWindow, type StageMark } from './stages.js'
import { evaluateThresholds, type ThresholdRow } from './threshold-rows.js'
import { canonicalMetricKey, readSelector } from '../read/thresholds.js'
import { DEFAULT_MAX_TAG_VALUES } from '../../load/metrics/index.js'
import { NoLoadDataError } from '../errors.js'
import type { TrendStats } from '../read/stats.js'
import { CLEAN_REFUSALS_METRIC } from '../read/load-series.js'
import { beforeFaultsWindow, readChaosEvents, resilienceSeries } from './chaos-report.js'
import type { FaultEvent } from '../read/fault-events.js'
import type { SecondSample } from './resilience.js'

export const ANALYSIS_VERSION = 1

export interface LatencySummary {
  avg: number | null
  min: number | null
  p50: number | null
  p90: number | null
  p95: number | null
  p99: number | null
  max: number | null
}

export interface OperationRow {
  name: string
  requests: number | null
  rps: number | null
  /** Fraction of http_req_failed; null without that metric. */
  errorRate: number | null
  latency: LatencySummary
}

export interface Timeline {
  /** Epoch seconds, one per second from the first to the last point (gaps included). */
  time: number[]
  rps: number[]
  vus: Array<number | null>
  p50: Array<number | null>
  p95: Array<number | null>
  p99: Array<number | null>
  /** Fraction of failed requests in the second. */
  errorRate: Array<number | null>
}

export interface Overall {
  requests: number | null
  rps: number | null
  errorRate: number | null
  failedRequests: number | null
  latency: LatencySummary | null
  maxVus: number | null
  peakRps: number | null
  checks: { passes: number, fails: number } | null
}

/** Requests, errors and latency over a window of the run (a stage, the peak). */
export interface WindowSummary {
  requests: number
  rps: number | null
  errorRate: number | null
  latency: LatencySummary | null
}

export interface StageRow extends StageMark {
  stats: WindowSummary | null
  maxVus: number | null
}

export interface Analysis {
  version: number
  runId: string
  analyzedAt: string
  manifest: Manifest | undefined
  /**
   * `ndjson`: the time-series file read — the runner's aggregates (aggregates.ndjson) or k6's JSON lines;
   * `series`: which of the two it is.
   */
  sources: { ndjson: string | null, series: SeriesFormat | null, summary: string | null, monitor: string[], profiles: string[] }
  /**
   * Why the run is incomplete: its time series stops before the test's end (no
   * end line, a cut line, a cut gzip stream), as a killed or crashed runner
   * leaves it. Empty for a complete run. What was measured is still analyzed.
   */
  incomplete: string[]
  /** The test's duration, the denominator of every whole-run rate (see testDuration). */
  durationS: number | null
  startMs: number | null
  endMs: number | null
  overall: Overall
  operations: OperationRow[]
  timeline: Timeline
  stages: StageRow[]
  peak: PeakWindow | null
  /** Requests, errors and latency over the peak stages (null when the peak does not come from stages). */
  peakStats: WindowSummary | null
  /** The profile window against the rest of the peak (null without profiles taken in a measured peak). */
  observer: ObserverEffect | null
  errors: Array<{ operation: string, status: string, errorCode: string, count: number }>
  checks: Array<{ name: string, passes: number, fails: number }>
  thresholds: ThresholdRow[]
  resources: ResourceUsage | null
  profiles: ProfileTop[]
  warnings: string[]
  /** A chaos run (chaos-events.ndjson present): its events, the per-second series its verdict is judged on, and the load before the first fault. */
  chaos: ChaosData | null
}

/** The runner's per-second aggregates, or k6's JSON lines (`--out json=FILE`). */
export type SeriesFormat = 'aggregates' | 'k6 json'

export interface ChaosData {
  events: FaultEvent[]
  skippedLines: number
  series: SecondSample[]
  /** Requests, errors and latency before the first fault: the performance verdict of a chaos run. */
  beforeFaults: WindowSummary | null
  /** Epoch seconds the beforeFaults window covers. */
  beforeFaultsSpan: { start: number, end: number } | null
}

export interface AnalyzeOptions {
  runId: string
  dir: string
  manifest: Manifest | undefined
  now?: Date
}

export async function analyzeRun (run: AnalyzeOptions): Promise<Analysis> {
  const { dir, manifest } = run
  const warnings: string[] = []
  const load = await readLoadData(dir, manifest, warnings)
  const { k6, summary } = load
  const startMs = k6?.firstMs ?? null
  const endMs = k6?.lastMs ?? null
  const durationS = testDuration(summary, manifest, startMs, endMs)
  const stages = k6 === undefined ? [] : stageRows(k6, load.relativeMarks)
  const peak = k6 === undefined ? null : peakWindow(stages, k6.seconds)
  const peakStats = load.relativePeak === null || k6 === undefined ? null : windowSummary(k6.windows[load.relativeMarks.length])
  const observer = observerOf(manifest, load, k6)
  const monitorFiles = await findMonitorFiles(dir)
  const profileFiles = await findCpuProfiles(dir)
  return {
    version: ANALYSIS_VERSION,
    runId: run.runId,
    analyzedAt: (run.now ?? new Date()).toISOString(),
    manifest,
    sources: { ndjson: load.ndjson ?? null, series: load.series, summary: load.summaryFile ?? null, monitor: monitorFiles, profiles: profileFiles },
    incomplete: load.ndjson === undefined || k6 === undefined ? [] : incompleteReasons(basename(load.ndjson), k6),
    durationS,
    startMs,
    endMs,
    overall: k6 === undefined ? overallFromSummary(summary) : overallFromK6(k6, durationS, peak),
    operations: k6 === undefined ? operationsFromSummary(summary, durationS) : operationsFromK6(k6, durationS),
    timeline: k6 === undefined ? emptyTimeline() : timelineOf(k6.seconds),
    stages,
    peak,
    peakStats,
    observer,
    errors: k6?.errors ?? [],
    checks: k6 === undefined ? [] : [...k6.checks].map(([name, c]) => ({ name, ...c })),
    thresholds: evaluateThresholds({ k6, summary, manifestThresholds: manifest?.thresholds, durationS }),
    resources: await readResourceUsage(monitorFiles, startMs === null || endMs === null ? undefined : { fromMs: startMs, toMs: endMs }),
    profiles: await readProfiles(profileFiles, warnings),
    warnings,
    chaos: chaosOf(load)
  }
}

function chaosOf (load: LoadData): ChaosData | null {
  const { chaos, k6 } = load
  if (chaos === undefined) return null
  const before = load.beforeFaultsIndex === null || k6 === undefined ? undefined : k6.windows[load.beforeFaultsIndex]
  const origin = k6?.originS ?? null
  return {
    events: chaos.events,
    skippedLines: chaos.skippedLines,
    series: k6 === undefined ? [] : resilienceSeries(k6.seconds, k6.metrics.has(CLEAN_REFUSALS_METRIC)),
    beforeFaults: before === undefined ? null : windowSummary(before),
    beforeFaultsSpan: before === undefined || origin === null ? null : { start: origin, end: before.toS }
  }
}

interface LoadData {
  /** The time-series file read: the aggregates, else k6's JSON lines. */
  ndjson: string | undefined
  series: SeriesFormat | null
  summaryFile: string | undefined
  k6: K6Aggregates | undefined
  summary: K6Summary | undefined
  /** Stage windows in seconds from the first point, and the peak among them. */
  relativeMarks: StageMark[]
  relativePeak: PeakWindow | null
  /** The profile window and the rest of the peak (epoch), aggregated after the stages and the peak. */
  observerWindows: ObserverWindows | null
  chaos: { events: FaultEvent[], skippedLines: number } | undefined
  /** Index among the reader's windows of the one before the first fault. */
  beforeFaultsIndex: number | null
}

async function readLoadData (dir: string, manifest: Manifest | undefined, warnings: string[]): Promise<LoadData> {
  const inputs = await findRunInputs(dir, manifest)
  if (inputs.aggregates === undefined && inputs.ndjson === undefined && inputs.summary === undefined) throw new NoLoadDataError(dir)
  if (inputs.otherNdjson.length > 0) warnings.push(`other NDJSON files not analyzed: ${inputs.otherNdjson.join(', ')}`)
  // Stages are known before reading, relative to the first point: the reader aggregates each one (and the peak) on the way.
  const relativeMarks = stageMarks(manifest?.stages, manifest?.timeScale, 0)
  const relativePeak = peakFromStages(relativeMarks)
  const chaos = await readChaosEvents(dir)
  const beforeFaults = chaos === undefined ? null : beforeFaultsWindow(chaos.events)
  // In a chaos run the rest of the peak the profile window is compared with ends where the faults begin.
  const observed = observerWindows(manifest, beforeFaults?.toS)
  const windows: WindowSpec[] = [
    ...[...relativeMarks, ...(relativePeak === null ? [] : [relativePeak])].map((w) => ({ fromS: w.start, toS: w.end })),
    ...(observed === null ? [] : [observed.inside, observed.rest])
  ]
  const beforeFaultsIndex = beforeFaults === null ? null : windows.push(beforeFaults) - 1
  const track = Object.keys(manifest?.thresholds ?? {})
  // The aggregates hold every figure the report shows, at a fraction of the raw stream's size (read faster too).
  const series = inputs.aggregates ?? inputs.ndjson
  const k6 = inputs.aggregates !== undefined
    ? await readAggregates(inputs.aggregates, { track, windows })
    : inputs.ndjson === undefined ? undefined : await readK6Ndjson(inputs.ndjson, { track, windows })
  const summary = inputs.summary === undefined ? undefined : await readK6Summary(inputs.summary)
  if (k6 !== undefined && series !== undefined) warnings.push(...readerWarnings(basename(series), k6))
  if (k6 === undefined && relativeMarks.length > 0) warnings.push('stages are known but there is no per-second data (aggregates or k6 JSON lines): no per-stage figures')
  if (chaos !== undefined && chaos.skippedLines > 0) warnings.push(`${chaos.skippedLines} unreadable line(s) in chaos-events.ndjson skipped`)
  const format: SeriesFormat | null = inputs.aggregates !== undefined ? 'aggregates' : inputs.ndjson !== undefined ? 'k6 json' : null
  return { ndjson: series, series: format, summaryFile: inputs.summary, k6, summary, relativeMarks, relativePeak, observerWindows: observed, chaos, beforeFaultsIndex }
}

function observerOf (manifest: Manifest | undefined, load: LoadData, k6: K6Aggregates | undefined): ObserverEffect | null {
  if (k6 === undefined || load.observerWindows === null) return null
  const first = load.relativeMarks.length + (load.relativePeak === null ? 0 : 1)
  const inside = k6.windows[first]
  const rest = k6.windows[first + 1]
  return inside === undefined || rest === undefined ? null : observerEffect(manifest, load.observerWindows, inside, rest)
}

/** Why the time series stops before the test's end, in the reader's words; empty when it ran to its end. */
function incompleteReasons (file: string, k6: K6Aggregates): string[] {
  const { cutLine, cutGzip, endLine } = k6.ending
  const reasons: string[] = []
  if (endLine === false) reasons.push(`${file} has no end line: the runner stopped before the test ended (killed or crashed)`)
  if (cutGzip) reasons.push(`${file} is cut short (its gzip stream ends early): the writer stopped mid-write`)
  else if (cutLine) reasons.push(`${file} ends in the middle of a line: the writer stopped mid-write`)
  return reasons
}

function readerWarnings (file: string, k6: K6Aggregates): string[] {
  const warnings: string[] = []
  if (k6.malformedLines > 0) warnings.push(`${k6.malformedLines} malformed line(s) in ${file} skipped (first at line ${k6.firstMalformedLine ?? '?'})`)
  if (k6.points === 0) warnings.push(`${file} holds no data point`)
  if (k6.operationsOverflow > 0) {
    warnings.push(`${k6.operationsOverflow} request(s) of operations past the first ${DEFAULT_MAX_TAG_VALUES} names are in the totals, not in the operations table (name your requests: tags: { name })`)
  }
  if (k6.lateLatencyPoints > 0) {
    warnings.push(`${k6.lateLatencyPoints} http_req_duration point(s) arrived over ${FREEZE_AFTER_S} s out of order: counted in the totals, not in the per-second chart`)
  }
  return warnings
}

function stageRows (k6: K6Aggregates, relativeMarks: StageMark[]): StageRow[] {
  const origin = k6.originS
  if (origin === null) return []
  return relativeMarks.map((m, i) => ({
    ...m,
    start: m.start + origin,
    end: m.end + origin,
    stats: windowSummary(k6.windows[i]),
    maxVus: maxVusIn(k6.seconds, m.start + origin, m.end + origin)
  }))
}

async function readProfiles (files: string[], warnings: string[]): Promise<ProfileTop[]> {
  const profiles: ProfileTop[] = []
  for (const file of files) {
    try {
      profiles.push(await topFunctions(file))
    } catch (err) {
      // One unreadable profile must not cost the whole report; it is named in the warnings.
      warnings.push(`profile ${file} could not be read: ${(err as Error).message}`)
    }
  }
  return profiles
}

export function latencyOf (trend: TrendStats): LatencySummary {
  return {
    avg: trend.mean,
    min: trend.count === 0 ? null : trend.min,
    p50: trend.percentile(50),
    p90: trend.percentile(90),
    p95: trend.percentile(95),
    p99: trend.percentile(99),
    max: trend.count === 0 ? null : trend.max
  }
}

function overallFromK6 (k6: K6Aggregates, durationS: number | null, peak: PeakWindow | null): Overall {
  const duration = k6.stats.get(K6.duration)
  const reqs = k6.stats.get(K6.requests)
  const failed = k6.stats.get(K6.failed)
  const vus = k6.stats.get(K6.vus)
  const checks = k6.stats.get(K6.checks)
  const requests = reqs?.type === 'counter' ? reqs.stats.count : duration?.type === 'trend' ? duration.stats.count : null
  return {
    requests,
    rps: requests === null || durationS === null || durationS <= 0 ? null : requests / durationS,
    errorRate: failed?.type === 'rate' ? failed.stats.rate : null,
    failedRequests: failed?.type === 'rate' ? failed.stats.nonZero : null,
    latency: duration?.type === 'trend' && duration.stats.count > 0 ? latencyOf(duration.stats) : null,
    maxVus: vus?.type === 'gauge' && vus.stats.last !== null ? vus.stats.max : null,
    peakRps: peak === null || requests === null ? null : meanRpsIn(peak, k6.seconds),
    checks: checks?.type === 'rate' ? { passes: checks.stats.nonZero, fails: checks.stats.total - checks.stats.nonZero } : null
  }
}

function operationsFromK6 (k6: K6Aggregates, durationS: number | null): OperationRow[] {
  return [...k6.operations.values()]
    .filter((op) => op.duration.count > 0)
    .sort((a, b) => b.duration.count - a.duration.count || a.name.localeCompare(b.name))
    .map((op) => ({
      name: op.name,
      requests: op.duration.count,
      rps: durationS === null || durationS <= 0 ? null : op.duration.count / durationS,
      errorRate: op.failed.rate,
      latency: latencyOf(op.duration)
    }))
}

function windowSummary (w: WindowAggregate | undefined): WindowSummary | null {
  if (w === undefined) return null
  const length = w.toS - w.fromS
  return {
    requests: w.requests,
    rps: length > 0 ? w.requests / length : null,
    errorRate: w.failed.rate,
    latency: w.duration.count === 0 ? null : latencyOf(w.duration)
  }
}

function maxVusIn (seconds: SecondStats[], from: number, to: number): number | null {
  let max: number | null = null
  for (const s of seconds) {
    if (s.time >= from && s.time < to && s.vus !== null) max = max === null ? s.vus : Math.max(max, s.vus)
  }
  return max
}

function timelineOf (seconds: SecondStats[]): Timeline {
  const t = emptyTimeline()
  const first = seconds[0]
  const last = seconds.at(-1)
  if (first === undefined || last === undefined) return t
  const byTime = new Map(seconds.map((s) => [s.time, s]))
  for (let time = first.time; time <= last.time; time++) {
    const s = byTime.get(time)
    t.time.push(time)
    t.rps.push(s?.requests ?? 0)
    t.vus.push(s?.vus ?? null)
    t.p50.push(s?.latency.percentile(50) ?? null)
    t.p95.push(s?.latency.percentile(95) ?? null)
    t.p99.push(s?.latency.percentile(99) ?? null)
    t.errorRate.push(s?.failed.rate ?? null)
  }
  return t
}

function emptyTimeline (): Timeline {
  return { time: [], rps: [], vus: [], p50: [], p95: [], p99: [], errorRate: [] }
}

/**
 * The runner knows the test's real duration; the points only bound it from
 * inside (the first request ends after the start). So, in order: k6's own
 * (http_reqs count ÷ rate in the summary export), the manifest's load start
 * and end, and last the span of the points.
 */
function testDuration (summary: K6Summary | undefined, manifest: Manifest | undefined, startMs: number | null, endMs: number | null): number | null {
  const fromSummary = summaryDuration(summary)
  if (fromSummary !== null) return fromSummary
  const started = Date.parse(manifest?.startedAt ?? '')
  const ended = Date.parse(manifest?.endedAt ?? '')
  if (Number.isFinite(started) && Number.isFinite(ended) && ended > started) return (ended - started) / 1000
  if (startMs === null || endMs === null) return null
  // A single instant (one point) still took place within a second.
  return Math.max(1, (endMs - startMs) / 1000)
}

// ---- k6 summary export only (no NDJSON): whole-run figures, no timeline ----

function summaryDuration (summary: K6Summary | undefined): number | null {
  const reqs = summary?.metrics[K6.requests]
  const count = reqs?.count
  const rate = reqs?.rate
  return count === undefined || rate === undefined || rate <= 0 ? null : count / rate
}

function summaryLatency (values: Record<string, number> | undefined): LatencySummary | null {
  if (values === undefined) return null
  return {
    avg: values.avg ?? null,
    min: values.min ?? null,
    p50: values.med ?? values['p(50)'] ?? null,
    p90: values['p(90)'] ?? null,
    p95: values['p(95)'] ?? null,
    p99: values['p(99)'] ?? null,
    max: values.max ?? null
  }
}

function overallFromSummary (summary: K6Summary | undefined): Overall {
  const metrics = summary?.metrics ?? {}
  const checks = metrics[K6.checks]
  return {
    requests: metrics[K6.requests]?.count ?? null,
    rps: metrics[K6.requests]?.rate ?? null,
    errorRate: metrics[K6.failed]?.value ?? null,
    failedRequests: metrics[K6.failed]?.passes ?? null,
    latency: summaryLatency(metrics[K6.duration]),
    maxVus: metrics[K6.vus]?.max ?? null,
    // Per-second data is needed to find the peak: a whole-run average is not a peak figure.
    peakRps: null,
    checks: checks?.passes === undefined || checks.fails === undefined ? null : { passes: checks.passes, fails: checks.fails }
  }
}

/** Operations from `mib load`'s `operations`, else from `http_req_duration{name:X}` submetrics, when the script declared them. */
function operationsFromSummary (summary: K6Summary | undefined, durationS: number | null): OperationRow[] {
  if (summary !== undefined && summary.operations.length > 0) {
    return summary.operations.map((op) => ({
      name: op.name,
      requests: op.requests,
      rps: op.rps,
      errorRate: op.errorRate,
      latency: { avg: op.avg, min: null, p50: op.p50, p90: null, p95: op.p95, p99: op.p99, max: op.max }
    }))
  }
  const rows: OperationRow[] = []
  // Sub-metric keys by the runner's canonical selector, so `{name: "a,b"}` finds `{name:"a,b"}`.
  const byKey = new Map(Object.entries(summary?.metrics ?? {}).map(([key, values]) => [canonicalMetricKey(key), values]))
  for (const [key, values] of byKey) {
    const selector = readSelector(key)
    if (selector?.metric !== K6.duration || selector.keys.length !== 1 || selector.keys[0] !== 'name') continue
    const name = selector.values[0] ?? ''
    const latency = summaryLatency(values)
    if (latency === null) continue
    const count = byKey.get(canonicalMetricKey(`${K6.requests}${key.slice(K6.duration.length)}`))?.count
    const failed = byKey.get(canonicalMetricKey(`${K6.failed}${key.slice(K6.duration.length)}`))?.value
    rows.push({
      name,
      requests: count ?? null,
      rps: count === undefined || durationS === null ? null : count / durationS,
      errorRate: failed ?? null,
      latency
    })
  }
  return rows
}
