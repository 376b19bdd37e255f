/**
 * The resilience verdict of a chaos run: for each fault, from what was
 * measured, how soon it showed (first failed request), how soon the system
 * recovered (error rate and p99 back under their targets for `holdS`
 * seconds in a row), what failed meanwhile and how, and memory after against
 * before; then whether every service was healthy at the end.
 *
 * It reads a neutral per-second series (`SecondSample`), so the k6 NDJSON and
 * an aggregated time series can both feed it. One second is the resolution:
 * "detected within 1.3 s" is an upper bound, "recovered 0 s after healthy"
 * means within the second the failed part came back.
 *
 * Judged apart from the performance verdict: a clean refusal while the engine
 * is dead is the expected answer, not a performance failure.
 */
import { faultTimelines, type FaultEvent, type FaultTimeline } from '../read/fault-events.js'

/**
 * How a request failed. `clean`: 503 with Retry-After and the JSON error
 * envelope (the client is told to come back). `refused`: the connection was
 * refused (nothing listened: no request was sent, a client may retry at once).
 * `unverified_503`: a 503 the workload could not inspect (scripts without the
 * `clean_refusals` metric). The rest are unclean.
 */
export const FAILURE_CLASSES = ['clean', 'refused', 'unverified_503', 'reset', 'timeout', 'server_error', 'client_error', 'other'] as const
export type FailureClass = typeof FAILURE_CLASSES[number]
export const UNCLEAN_CLASSES: readonly FailureClass[] = ['reset', 'timeout', 'server_error', 'client_error', 'other']

/** k6 error codes (src/lab/load/http/error-codes.ts) of failures without a status. */
const TIMEOUT_CODES = new Set(['1050', '1211'])
const RESET_CODES = new Set(['1201', '1220'])
const REFUSED_CODES = new Set(['1212'])

/**
 * The class of failed requests from what a k6 result records of them: the
 * `status` tag ("0" when no response) and the `error_code` tag. A 503 is only
 * known clean from the workload's `clean_refusals` Rate (see classifySecond).
 */
export function failureClassOf (status: string, errorCode: string): FailureClass {
  const code = Number(status)
  if (code === 503) return 'unverified_503'
  if (code >= 500) return 'server_error'
  if (code >= 400) return 'client_error'
  if (TIMEOUT_CODES.has(errorCode)) return 'timeout'
  if (RESET_CODES.has(errorCode)) return 'reset'
  if (REFUSED_CODES.has(errorCode)) return 'refused'
  return 'other'
}

/**
 * One second's failures by class, from its failed requests by status and
 * error code and, when the workload measures it, how many of its 503s were
 * clean refusals (`clean_refusals` passes; null: not measured). A 503 not
 * clean is a server error like any other.
 */
export function classifySecond (failed: ReadonlyArray<{ status: string, errorCode: string, count: number }>, cleanRefusals: number | null): Partial<Record<FailureClass, number>> {
  const out: Partial<Record<FailureClass, number>> = {}
  const add = (c: FailureClass, n: number): void => { if (n > 0) out[c] = (out[c] ?? 0) + n }
  for (const failure of failed) add(failureClassOf(failure.status, failure.errorCode), failure.count)
  const refusals = out.unverified_503 ?? 0
  if (cleanRefusals !== null && refusals > 0) {
    delete out.unverified_503
    const clean = Math.min(refusals, cleanRefusals)
    add('clean', clean)
    add('server_error', refusals - clean)
  }
  return out
}

export interface SecondSample {
  /** Unix epoch second. */
  t: number
  /** Requests completed in this second (failed ones included). */
  requests: number
  failures: Partial<Record<FailureClass, number>>
  /** p99 of the request durations completed in this second, ms; null when none. */
  p99Ms: number | null
}

export interface RecoveryCriteria {
  /** Error rate (fraction) a second must stay under. */
  errorRate: number
  p99Ms: number
  /** Seconds in a row under both. */
  holdS: number
  /** Recovery target after the failed part is healthy again, s. */
  targetS: number
}

export type ResilienceStatus = 'pass' | 'fail' | 'not measured'

export interface ResilienceTarget {
  id: 'recovery' | 'unclean' | 'healthy-at-end'
  target: string
  measured: string
  status: ResilienceStatus
}

export interface MemoryDelta {
  name: string
  beforeBytes: number | null
  afterBytes: number | null
}

export interface FaultVerdict {
  index: number
  name: string
  kind: string
  target: string
  /** Epoch seconds. */
  startS: number
  healthyS: number | null
  recoveredS: number | null
  /** Fault start → end of the first second with a failed request; null: no request failed. */
  detectS: number | null
  /** Healthy again → start of the first `holdS` good seconds; null: not recovered before the next fault or the end. */
  recoverS: number | null
  /** Fault start → recovered. */
  outageS: number | null
  requests: number
  failures: Record<FailureClass, number>
  unclean: number
  memory: MemoryDelta[]
  errors: string[]
  targets: ResilienceTarget[]
  status: 'pass' | 'fail' | 'inconclusive'
}

export interface ResilienceVerdict {
  status: 'pass' | 'fail' | 'inconclusive'
  criteria: RecoveryCriteria
  faults: FaultVerdict[]
  skipped: Array<{ name: string, reason: string }>
  healthyAtEnd: ResilienceTarget
}

const emptyFailures = (): Record<FailureClass, number> => Object.fromEntries(FAILURE_CLASSES.map((c) => [c, 0])) as Record<FailureClass, number>

export function failedIn (s: SecondSample): number {
  let n = 0
  for (const c of FAILURE_CLASSES) n += s.failures[c] ?? 0
  return n
}

/** A second proves health when requests completed, few failed, and the p99 is under its target. */
export function isGoodSecond (s: SecondSample | undefined, c: RecoveryCriteria): boolean {
  if (s === undefined || s.requests === 0 || s.p99Ms === null) return false
  return failedIn(s) / s.requests < c.errorRate && s.p99Ms < c.p99Ms
}

/**
 * The first second `t` ≥ `fromS`'s second such that `holdS` seconds from it
 * are all good and all end by `untilS`; null when there is none.
 */
export function firstRecoveredSecond (bySecond: ReadonlyMap<number, SecondSample>, fromS: number, untilS: number, c: RecoveryCriteria): number | null {
  const hold = Math.max(1, Math.round(c.holdS))
  let run = 0
  for (let t = Math.floor(fromS); t + 1 <= untilS; t++) {
    run = isGoodSecond(bySecond.get(t), c) ? run + 1 : 0
    if (run === hold) return t - hold + 1
  }
  return null
}

export function judgeFault (fault: FaultTimeline, bySecond: ReadonlyMap<number, SecondSample>, untilS: number, c: RecoveryCriteria): FaultVerdict {
  const startS = fault.startMs / 1000
  const healthyS = fault.healthyMs === null ? null : fault.healthyMs / 1000
  const recovered = healthyS === null ? null : firstRecoveredSecond(bySecond, healthyS, untilS, c)
  const recoveredS = recovered === null || healthyS === null ? null : Math.max(recovered, healthyS)
  const failures = emptyFailures()
  let requests = 0
  let detectS: number | null = null
  // Unrecovered: whole seconds before the next fault only (its own failures are its own).
  const lastS = recoveredS ?? Math.floor(untilS)
  for (let t = Math.floor(startS); t < lastS; t++) {
    const s = bySecond.get(t)
    if (s === undefined) continue
    requests += s.requests
    for (const k of FAILURE_CLASSES) failures[k] += s.failures[k] ?? 0
    if (detectS === null && failedIn(s) > 0) detectS = Math.max(0, t + 1 - startS)
  }
  const recoverS = recoveredS === null || healthyS === null ? null : recoveredS - healthyS
  const unclean = UNCLEAN_CLASSES.reduce((sum, k) => sum + failures[k], 0)
  const observedS = healthyS === null ? 0 : untilS - healthyS
  const targets = [recoveryTarget(fault, { recoverS, healthyS, observedS }, c, beforeFault(bySecond, startS, c)), uncleanTarget(unclean, failures.unverified_503)]
  return {
    index: fault.index, name: fault.name, kind: fault.kind, target: fault.target,
    startS, healthyS, recoveredS, detectS, recoverS, outageS: recoveredS === null ? null : recoveredS - startS,
    requests, failures, unclean, memory: memoryDeltas(fault), errors: fault.errors, targets, status: combine(targets)
  }
}

/** Healthy again → recovered, and how long after healthy the run was watched for it (until the next fault or the end). */
interface RecoveryObservation { recoverS: number | null, healthyS: number | null, observedS: number }

function recoveryTarget (fault: FaultTimeline, observation: RecoveryObservation, c: RecoveryCriteria, before: BeforeFault): ResilienceTarget {
  const { recoverS, healthyS } = observation
  const target = `recovered ≤ ${c.targetS} s after ${fault.target} is healthy again`
  if (healthyS === null) return { id: 'recovery', target, measured: `${fault.target} never healthy again`, status: 'fail' }
  if (recoverS === null && !before.withinTargets) {
    // Nothing to recover to: the load was over the targets already before the fault.
    return { id: 'recovery', target, measured: `not recovered, but already over the targets before the fault (${before.describe})`, status: 'not measured' }
  }
  // A recovery within the target ends with holdS good seconds at most targetS + holdS after healthy: a shorter watch
  // (a short --time-scale shrinks the recovery windows, not the target) cannot tell a pass from a fail.
  if (recoverS === null && observation.observedS < c.targetS + c.holdS) {
    return { id: 'recovery', target, measured: `not recovered in the ${observation.observedS.toFixed(1)} s watched after healthy, fewer than the ${c.targetS + c.holdS} s a recovery within the target may need (${c.targetS} s + ${c.holdS} s held): run at a larger --time-scale to judge it`, status: 'not measured' }
  }
  if (recoverS === null) return { id: 'recovery', target, measured: 'not recovered before the next fault or the end of the test', status: 'fail' }
  return { id: 'recovery', target, measured: `${recoverS.toFixed(1)} s`, status: recoverS <= c.targetS ? 'pass' : 'fail' }
}

interface BeforeFault { withinTargets: boolean, describe: string }

/** Whether the `holdS` whole seconds before the fault's second were all under the targets (what recovery returns to). */
export function beforeFault (bySecond: ReadonlyMap<number, SecondSample>, startS: number, c: RecoveryCriteria): BeforeFault {
  const hold = Math.max(1, Math.round(c.holdS))
  const seconds = Array.from({ length: hold }, (_, i) => bySecond.get(Math.floor(startS) - hold + i))
  const good = seconds.filter((s) => isGoodSecond(s, c)).length
  const requests = seconds.reduce((n, s) => n + (s?.requests ?? 0), 0)
  const failed = seconds.reduce((n, s) => n + (s === undefined ? 0 : failedIn(s)), 0)
  const p99 = Math.max(...seconds.map((s) => s?.p99Ms ?? 0))
  const errors = requests === 0 ? '–' : `${((failed / requests) * 100).toFixed(1)} % errors`
  return { withinTargets: good === hold, describe: `${good} of the ${hold} s before it under the targets; ${errors}, p99 up to ${p99.toFixed(0)} ms` }
}

function uncleanTarget (unclean: number, unverified: number): ResilienceTarget {
  const target = '0 unclean failures (reset, timeout, other 5xx)'
  if (unclean > 0) return { id: 'unclean', target, measured: `${unclean}`, status: 'fail' }
  if (unverified > 0) return { id: 'unclean', target, measured: `0 (${unverified} 503s not inspected by the workload)`, status: 'not measured' }
  return { id: 'unclean', target, measured: '0', status: 'pass' }
}

function memoryDeltas (fault: FaultTimeline): MemoryDelta[] {
  const names = [...new Set([...fault.memoryBefore, ...fault.memoryAfter].map((m) => m.name))]
  return names.map((name) => ({
    name,
    beforeBytes: fault.memoryBefore.find((m) => m.name === name)?.rssBytes ?? null,
    afterBytes: fault.memoryAfter.find((m) => m.name === name)?.rssBytes ?? null
  }))
}

function combine (targets: readonly ResilienceTarget[]): 'pass' | 'fail' | 'inconclusive' {
  if (targets.some((t) => t.status === 'fail')) return 'fail'
  return targets.some((t) => t.status === 'not measured') ? 'inconclusive' : 'pass'
}

/** Judges every fault of a chaos run from its events and the per-second series. */
export function judgeResilience (events: readonly FaultEvent[], series: readonly SecondSample[], criteria: Omit<RecoveryCriteria, 'holdS' | 'targetS'>): ResilienceVerdict {
  const plan = events.find((e) => e.type === 'plan')
  const c: RecoveryCriteria = { ...criteria, holdS: plan?.holdS ?? 5, targetS: plan?.targetS ?? 5 }
  const bySecond = new Map(series.map((s) => [s.t, s]))
  const lastSecond = series.reduce((max, s) => Math.max(max, s.t + 1), 0)
  const timelines = faultTimelines(events)
  const faults = timelines.map((fault, i) => {
    const next = timelines[i + 1]
    // Recovery is looked for until the next fault begins, or the end of the measurements.
    const untilS = next === undefined ? lastSecond : next.startMs / 1000
    return judgeFault(fault, bySecond, untilS, c)
  })
  const skipped = events.flatMap((e) => e.type === 'skipped' ? [{ name: e.name, reason: e.reason }] : [])
  const healthyAtEnd = healthTarget(events)
  const all = [...faults.flatMap((f) => f.targets), healthyAtEnd]
  const status = faults.length === 0 ? 'inconclusive' : combine(all)
  return { status, criteria: c, faults, skipped, healthyAtEnd }
}

function healthTarget (events: readonly FaultEvent[]): ResilienceTarget {
  const target = 'every service healthy at the end'
  const health = events.findLast((e) => e.type === 'health')
  if (health === undefined) return { id: 'healthy-at-end', target, measured: 'not checked (the run ended early)', status: 'not measured' }
  const sick = health.services.filter((s) => !s.healthy)
  if (sick.length === 0) return { id: 'healthy-at-end', target, measured: health.services.map((s) => s.name).join(', '), status: 'pass' }
  return { id: 'healthy-at-end', target, measured: `unhealthy: ${sick.map((s) => `${s.name} (${s.detail})`).join(', ')}`, status: 'fail' }
}

export interface RecoveryRegression {
  name: string
  baselineS: number | null
  currentS: number | null
}

/**
 * Recovery times against a baseline run's, fault by fault (matched by name).
 * Slower by more than the series' resolution (1 s) and by half again counts;
 * so does not recovering where the baseline did.
 */
export function compareRecovery (current: ResilienceVerdict, baseline: ResilienceVerdict): RecoveryRegression[] {
  const out: RecoveryRegression[] = []
  for (const fault of current.faults) {
    const base = baseline.faults.find((x) => x.name === fault.name)
    if (base === undefined || base.recoverS === null) continue
    const worse = fault.recoverS === null || (fault.recoverS > base.recoverS + 1 && fault.recoverS > base.recoverS * 1.5)
    if (worse) out.push({ name: fault.name, baselineS: base.recoverS, currentS: fault.recoverS })
  }
  return out
}
