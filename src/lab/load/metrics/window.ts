import type { EncodedHistogram } from './trend-histogram.js'
import type { ValueType } from './types.js'

/** One metric's aggregates over one window (since the previous `drainWindow`). */
export type WindowMetricStats =
  | { readonly type: 'counter', readonly contains: ValueType, readonly count: number, readonly rate: number }
  | { readonly type: 'gauge', readonly contains: ValueType, readonly value: number, readonly min: number, readonly max: number }
  | { readonly type: 'rate', readonly contains: ValueType, readonly rate: number, readonly passes: number, readonly fails: number }
  | {
    readonly type: 'trend'
    readonly contains: ValueType
    /** Samples in the window, and samples per second. */
    readonly count: number
    readonly rate: number
    readonly avg: number
    readonly min: number
    readonly max: number
    readonly p50: number
    readonly p90: number
    readonly p95: number
    readonly p99: number
    /** The window's HDR buckets, only when drained with `{ histograms: true }` (the aggregate output merges them). */
    readonly histogram?: EncodedHistogram
  }

/** Failed requests (http_req_failed non-zero) of one operation, status and error code within a window. */
export interface WindowFailure {
  /** The `name` tag (k6 defaults it to the URL). */
  readonly name: string
  /** The `status` tag ("0" for a network error), and the `error_code` tag ('' when none). */
  readonly status: string
  readonly errorCode: string
  readonly count: number
}

/** Check results within a window: [group path, check name, passes, fails]. */
export type WindowCheck = readonly [group: string, check: string, passes: number, fails: number]

/**
 * Aggregates since the previous drain: for the live progress line, the live
 * dashboard and the aggregated NDJSON mode. Only metrics that received
 * samples in the window appear (gauges appear once set).
 */
export interface WindowStats {
  /** Epoch ms of the previous drain (or registry creation) and of this one. */
  readonly startMs: number
  readonly endMs: number
  readonly durationMs: number
  /** Whole-metric aggregates by metric name. */
  readonly metrics: Readonly<Record<string, WindowMetricStats>>
  /** Declared sub-metrics by canonical selector, e.g. `http_req_duration{name:fetch}`. */
  readonly submetrics: Readonly<Record<string, WindowMetricStats>>
  /** Per tag value of each breakdown tag: `breakdown.name['fetch'].http_req_duration`. */
  readonly breakdown: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, WindowMetricStats>>>>>>
  /** Failed requests by operation, status and error code (distinct rows per window capped: see registry). */
  readonly failures: readonly WindowFailure[]
  /** Checks that ran in the window, by group and name. */
  readonly checks: readonly WindowCheck[]
}

export interface DrainOptions {
  /** Also return each trend's window histogram (HDR buckets): costs one pass over the buckets per trend. */
  readonly histograms?: boolean
}
