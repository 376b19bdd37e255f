import type { GroupNode } from './checks-tree.js'
import type { MetricType, ValueType } from './types.js'

/** One metric (or sub-metric) in k6's handleSummary `data.metrics`. */
export interface SummaryMetric {
  readonly type: MetricType
  readonly contains: ValueType
  /**
   * counter: count, rate · gauge: value, min, max · rate: rate, passes, fails ·
   * trend: the summaryTrendStats. Plus every aggregation a threshold on the
   * metric uses (e.g. `p(99.9)`), so its value can be shown next to it.
   */
  readonly values: Readonly<Record<string, number>>
  /** Threshold expression → result, only on metrics that have thresholds. */
  readonly thresholds?: Readonly<Record<string, { readonly ok: boolean }>>
}

/**
 * Per-operation row (by the `name` tag), what k6 lacks: requests, throughput,
 * errors and latency percentiles per endpoint. Times in ms.
 */
export interface OperationSummary {
  readonly name: string
  readonly requests: number
  /** Requests per second over the test run. */
  readonly rps: number
  /** Requests counted as failed by http_req_failed, and their share. */
  readonly failed: number
  readonly errorRate: number
  readonly avg: number
  readonly p50: number
  readonly p95: number
  readonly p99: number
  readonly max: number
  /** p99 measured from each iteration's intended start (arrival-rate executors), when recorded. */
  readonly p99Intended?: number
  readonly checksPasses: number
  readonly checksFails: number
}

/** k6's handleSummary `data`, plus mib's `operations` extension. */
export interface SummaryData {
  readonly root_group: GroupNode
  readonly options: {
    readonly summaryTrendStats: readonly string[]
    readonly summaryTimeUnit: string
    readonly noColor: boolean
  }
  readonly state: {
    readonly isStdOutTTY: boolean
    readonly isStdErrTTY: boolean
    readonly testRunDurationMs: number
  }
  readonly metrics: Readonly<Record<string, SummaryMetric>>
  /** mib extension: the per-operation table, busiest first. */
  readonly operations: readonly OperationSummary[]
  /** mib extension: what the registry had to drop or clamp to stay bounded. */
  readonly limits: {
    /** Samples whose `name` tag arrived after the distinct-name cap. */
    readonly operationsOverflow: number
    readonly checksOverflow: number
    /** Trend values beyond the histogram range (clamped, still counted). */
    readonly clampedValues: number
  }
}

/** What `summary()` needs that the registry cannot know. */
export interface SummaryOptions {
  readonly testRunDurationMs: number
  readonly summaryTrendStats?: readonly string[]
  /** '' (automatic), 's', 'ms' or 'us', as k6's summaryTimeUnit. */
  readonly summaryTimeUnit?: string
  readonly noColor?: boolean
  readonly isStdOutTTY?: boolean
  readonly isStdErrTTY?: boolean
  /** Threshold results to attach to their metrics (from ThresholdSet.evaluate). */
  readonly thresholds?: ReadonlyArray<{ readonly metric: string, readonly expression: string, readonly ok: boolean, readonly aggregation?: string }>
}
