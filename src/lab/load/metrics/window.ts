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
  }

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
}
