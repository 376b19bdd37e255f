/**
 * The verdict: the headline targets (the question SREs ask: does it hold
 * 1,000+ users at p95 < 500 ms with < 1 % errors?) and the script's
 * thresholds, each pass / fail / not measured. A missing measurement is
 * "not measured", never a pass: the verdict is then at best inconclusive.
 */
import { basename } from 'node:path'
import { z } from 'zod'
import type { Analysis } from './analysis.js'
import type { VerdictStatus } from '../../results-dir/index.js'
import { formatCount, formatMs, formatPct, formatPctValue, formatRate } from '../render/format.js'

export const targetsSchema = z.object({
  p95Ms: z.number().positive().default(500),
  p99Ms: z.number().positive().default(1000),
  /** Fraction: 0.01 = 1 %. */
  errorRate: z.number().min(0).max(1).default(0.01),
  /** Mean requests per second over the peak stage. */
  peakRps: z.number().nonnegative().default(1000),
  concurrentUsers: z.number().int().nonnegative().default(1000),
  /** Mean under load. System: % of all cores; a service: % of one core (a Node.js event loop's ceiling is one core). */
  cpuPct: z.number().positive().default(80),
  /** Max under load: system memory used, and each service's RSS as % of the machine's memory. */
  memPct: z.number().positive().default(70)
}).strict()
export type Targets = z.output<typeof targetsSchema>
export const DEFAULT_TARGETS: Targets = targetsSchema.parse({})

export type CheckStatus = 'pass' | 'fail' | 'not measured'

export interface TargetRow {
  id: string
  target: string
  /** The measured value in the target's unit (ms, fraction, req/s, users, %); null when not measured. */
  value: number | null
  measured: string
  status: CheckStatus
  /** How the value was obtained (which file, which window). */
  basis: string
}

export interface Verdict {
  status: VerdictStatus
  targets: TargetRow[]
  /** Failed targets' and thresholds' names. */
  failed: string[]
  notMeasured: string[]
  /**
   * Why the run is incomplete (Analysis.incomplete): its figures cover only
   * what was measured before it stopped, so it cannot pass (at best inconclusive).
   */
  incomplete: string[]
}

type Compare = (value: number, limit: number) => boolean
const below: Compare = (v, l) => v < l
const atLeast: Compare = (v, l) => v >= l

function row (id: string, target: string, value: number | null, limit: number, ok: Compare, format: (v: number) => string, basis: string): TargetRow {
  if (value === null || !Number.isFinite(value)) return { id, target, value: null, measured: 'not measured', status: 'not measured', basis }
  return { id, target, value, measured: format(value), status: ok(value, limit) ? 'pass' : 'fail', basis }
}


export function judge (analysis: Analysis, targets: Targets = DEFAULT_TARGETS): Verdict {
  // A chaos run's faults are judged by the resilience verdict: latency and errors here are judged before the first fault.
  const before = analysis.chaos?.beforeFaults ?? null
  const figures = before === null ? analysis.overall : { ...analysis.overall, latency: before.latency, errorRate: before.errorRate }
  const span = before === null ? 'whole run' : 'before the first chaos fault'
  const latencyBasis = `http_req_duration, ${span} (${seriesSource(analysis) ?? 'k6 summary export'})`
  const rows: TargetRow[] = [
    row('latency-p95', `p95 latency < ${targets.p95Ms} ms`, figures.latency?.p95 ?? null, targets.p95Ms, below, formatMs, latencyBasis),
    row('latency-p99', `p99 latency < ${targets.p99Ms} ms`, figures.latency?.p99 ?? null, targets.p99Ms, below, formatMs, latencyBasis),
    row('error-rate', `error rate < ${formatPct(targets.errorRate)}`, figures.errorRate, targets.errorRate, below, formatPct, `http_req_failed, ${span}`),
    row('peak-throughput', `throughput ≥ ${formatCount(targets.peakRps)} req/s at the peak stage`, figures.peakRps, targets.peakRps, atLeast, (v) => formatRate(v) + askedAtPeak(analysis),
      peakBasis(analysis) + askedBasis(analysis)),
    row('concurrent-users', `concurrent users ≥ ${formatCount(targets.concurrentUsers)}`, figures.maxVus, targets.concurrentUsers, atLeast, formatCount, 'max of the vus metric'),
    ...resourceRows(analysis, targets)
  ]
  // The runner's thresholds span the whole run, faults included: shown, but not judged in a chaos run.
  const judged = before === null ? analysis.thresholds : []
  const thresholdFailures = judged.filter((t) => t.ok === false).map((t) => `threshold ${t.metric}: ${t.expression}`)
  const thresholdUnknown = judged.filter((t) => t.ok === null).map((t) => `threshold ${t.metric}: ${t.expression}`)
  const failed = [...rows.filter((r) => r.status === 'fail').map((r) => r.target), ...thresholdFailures]
  const notMeasured = [...rows.filter((r) => r.status === 'not measured').map((r) => r.target), ...thresholdUnknown]
  const incomplete = analysis.incomplete
  const status: VerdictStatus = failed.length > 0 ? 'fail' : notMeasured.length > 0 || incomplete.length > 0 ? 'inconclusive' : 'pass'
  return { status, targets: rows, failed, notMeasured, incomplete }
}

/** The file the per-second figures were read from, and its format: the basis says the truth. */
function seriesSource (analysis: Analysis): string | undefined {
  const { ndjson, series } = analysis.sources
  if (ndjson === null || series === null) return undefined
  return `${basename(ndjson)}, ${series === 'aggregates' ? "the runner's per-second aggregates" : "k6's JSON lines"}`
}

function peakBasis (analysis: Analysis): string {
  const source = seriesSource(analysis)
  if (source === undefined) return "needs per-second data (the runner's aggregates or k6 JSON lines; the run has neither)"
  return analysis.peak === null ? `needs per-second data (${source} holds none)` : `mean http_reqs/s over ${analysis.peak.label} (${source})`
}

/** The verdict as one line: `PASS`, `FAIL`, `INCONCLUSIVE`, marked INCOMPLETE when the run stopped before its end. */
export function verdictHeadline (verdict: Verdict): string {
  const status = verdict.status.toUpperCase()
  return verdict.incomplete.length === 0 ? status : `${status} — INCOMPLETE RUN (stopped before the test ended; figures are what was measured until then)`
}

/** What the VUs asked at the peak beside what was delivered (the runner's figure, in the manifest). */
function askedAtPeak (analysis: Analysis): string {
  const peak = analysis.manifest?.rates?.peak
  if (peak === undefined) return ''
  if (peak.intendedRps === null) return ' (asked: as fast as answered)'
  return ` of ${formatRate(peak.intendedRps)} asked${peak.share === null ? '' : ` (${formatPct(peak.share)} delivered)`}`
}

function askedBasis (analysis: Analysis): string {
  const peak = analysis.manifest?.rates?.peak
  return peak === undefined ? '' : `; asked: the runner's ${peak.level} ${peak.unit} × requests per think time, ${peak.seconds.toFixed(0)} s measured`
}

function resourceRows (analysis: Analysis, targets: Targets): TargetRow[] {
  const res = analysis.resources
  const basis = 'monitor CSVs, samples during the load'
  const sys = res?.system ?? null
  const rows: TargetRow[] = [
    row('system-cpu', `system CPU < ${targets.cpuPct} % (mean)`, sys?.cpuPct?.mean ?? null, targets.cpuPct, below, formatPctValue, basis),
    row('system-memory', `system memory < ${targets.memPct} % (max)`, sys?.memPct?.max ?? null, targets.memPct, below, formatPctValue, basis)
  ]
  const services = res?.services ?? []
  if (services.length === 0) {
    rows.push(row('services-cpu', `each service's CPU < ${targets.cpuPct} % of a core (mean)`, null, targets.cpuPct, below, formatPctValue, basis))
    rows.push(row('services-memory', `each service's RSS < ${targets.memPct} % of RAM (max)`, null, targets.memPct, below, formatPctValue, basis))
    return rows
  }
  const totalMemory = sys?.memTotalBytes ?? analysis.manifest?.machine.memoryBytes ?? null
  for (const s of services) {
    rows.push(row(`cpu-${s.name}`, `${s.name} CPU < ${targets.cpuPct} % of a core (mean)`, s.cpuPct?.mean ?? null, targets.cpuPct, below, formatPctValue, basis))
    const rssPct = s.rssBytes === null || totalMemory === null || totalMemory <= 0 ? null : (s.rssBytes.max / totalMemory) * 100
    rows.push(row(`memory-${s.name}`, `${s.name} RSS < ${targets.memPct} % of RAM (max)`, rssPct, targets.memPct, below, formatPctValue, basis))
  }
  return rows
}
