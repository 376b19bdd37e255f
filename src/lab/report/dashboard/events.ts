/**
 * The live dashboard's event schema (sent as server-sent events, one JSON
 * object per `data:` line). The runner's adapter publishes a `window` every
 * second, the monitor's adapter a `monitor` per sample, and the workflow one
 * `end`. Times are Unix epoch milliseconds; latencies milliseconds; rates are
 * fractions (0.012 = 1.2 %). `null` means "nothing measured in this window"
 * (no request finished), which the charts draw as a gap, never as zero.
 */
import type { FaultBand } from '../read/fault-events.js'

export interface LatencyPercentiles {
  p50: number | null
  p95: number | null
  p99: number | null
}

/** One operation (the k6 `name` tag) during one window. */
export interface OperationWindow extends LatencyPercentiles {
  name: string
  /** Requests that completed in the window. */
  requests: number
  rps: number
  errorRate: number
}

/** A threshold's status as evaluated by the runner at the end of the window. */
export interface ThresholdStatus {
  /** The metric (with its k6 submetric selector, if any): `http_req_duration{name:quotes}`. */
  metric: string
  /** The k6 threshold expression: `p(95)<500`. */
  expression: string
  ok: boolean
  /** The value the expression was evaluated on, when known. */
  value?: number | null
}

export interface WindowEvent {
  type: 'window'
  time: number
  vus: number
  rps: number
  errorRate: number
  latency: LatencyPercentiles
  checks: { passes: number, fails: number }
  operations: OperationWindow[]
  thresholds: ThresholdStatus[]
}

export interface ServiceUsage {
  name: string
  cpuPct: number | null
  rssBytes: number | null
}

export interface MonitorEvent {
  type: 'monitor'
  time: number
  system: { cpuPct: number | null, memPct: number | null }
  services: ServiceUsage[]
}

/** A stage boundary, drawn as a vertical line on the time charts. */
export interface StageEvent {
  type: 'stage'
  time: number
  name: string
  target?: number
}

/** Every chaos fault and recovery window so far (whole list each time: a late page needs only the last). */
export interface BandsEvent {
  type: 'bands'
  time: number
  bands: FaultBand[]
}

/** The end of the run; the page stops expecting updates. */
export interface EndEvent {
  type: 'end'
  time: number
  summary: EndSummary
}

export interface EndSummary {
  /** pass / fail / inconclusive, as the report's verdict says, when analyzed. */
  verdict?: string
  requests?: number
  durationS?: number
  errorRate?: number
  latency?: LatencyPercentiles
  thresholds?: ThresholdStatus[]
  /** Where the run's report was written. */
  reportPath?: string
  message?: string
}

export type DashboardEvent = WindowEvent | MonitorEvent | StageEvent | BandsEvent | EndEvent
