/**
 * A chaos run in the report: its events (chaos-events.ndjson), the per-second
 * series the readers built, and from both the resilience verdict and the
 * bands the charts shade. A run without the events file is not a chaos run.
 */
import { join } from 'node:path'
import { FAULT_EVENTS_FILE, faultBands, readFaultEvents, type FaultBand, type FaultEvent } from '../read/fault-events.js'
import { classifySecond, compareRecovery, judgeResilience, type RecoveryRegression, type ResilienceVerdict, type SecondSample } from './resilience.js'
import type { Targets } from './verdict.js'
import type { WindowSpec } from '../read/load-series.js'

/** What a reader keeps per second that resilience needs (load-series.ts SecondStats has it). */
export interface ResilienceSecond {
  time: number
  requests: number
  latency: { percentile: (p: 99) => number | null }
  /** Failed requests by `status\u0000error_code`. */
  failures: ReadonlyMap<string, number>
  /** 503 answers the workload judged clean (`clean_refusals` passes); null when the run has no such metric. */
  cleanRefusals: number | null
}

export function resilienceSeries (seconds: readonly ResilienceSecond[], cleanRefusalsMeasured: boolean): SecondSample[] {
  return seconds.map((s) => {
    const failed = [...s.failures].map(([key, count]) => {
      const [status = '', errorCode = ''] = key.split('\u0000')
      return { status, errorCode, count }
    })
    return { t: s.time, requests: s.requests, failures: classifySecond(failed, cleanRefusalsMeasured ? s.cleanRefusals ?? 0 : null), p99Ms: s.latency.percentile(99) }
  })
}

/** The load before the first fault (an epoch window of the readers), or null without faults. */
export function beforeFaultsWindow (events: readonly FaultEvent[]): WindowSpec | null {
  const first = events.find((e) => e.type === 'fault-start')
  return first === undefined ? null : { fromS: 0, toS: first.time / 1000, epoch: true }
}

export interface ChaosReport {
  events: FaultEvent[]
  verdict: ResilienceVerdict
  bands: FaultBand[]
  /** Epoch ms of the first fault: the performance verdict of a chaos run is judged before it. */
  firstFaultMs: number | null
  skippedLines: number
}

export async function readChaosEvents (dir: string): Promise<{ events: FaultEvent[], skippedLines: number } | undefined> {
  return await readFaultEvents(join(dir, FAULT_EVENTS_FILE))
}

export function chaosReport (read: { events: FaultEvent[], skippedLines: number }, series: SecondSample[], targets: Pick<Targets, 'errorRate' | 'p99Ms'>): ChaosReport {
  const { events } = read
  const first = events.find((e) => e.type === 'fault-start')
  return {
    events,
    verdict: judgeResilience(events, series, { errorRate: targets.errorRate, p99Ms: targets.p99Ms }),
    bands: faultBands(events),
    firstFaultMs: first?.time ?? null,
    skippedLines: read.skippedLines
  }
}

export function recoveryRegressions (current: ChaosReport | null, baseline: ChaosReport | null): RecoveryRegression[] {
  return current === null || baseline === null ? [] : compareRecovery(current.verdict, baseline.verdict)
}
