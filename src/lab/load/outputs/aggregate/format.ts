/**
 * The aggregate results format (`--out aggregate=FILE`, the run directory's
 * `aggregates.ndjson`): one JSON line per window (a second) holding every
 * figure the report needs, with mergeable HDR histograms instead of samples.
 * Written by ./index.ts, read by src/lab/report/read/aggregate-reader.ts; this
 * module is the one description both follow.
 *
 *   {"type":"Header","format":"mib-aggregates","version":1,"windowMs":1000,"startedAtMs":…,"startedAt":"<ISO>"}
 *   {"type":"Metric","name":"http_req_duration","metricType":"trend","contains":"time","hdrScale":1000,"thresholds":["p(95)<500"]}
 *   {"type":"Window","start":…,"end":…,"metrics":{"http_reqs":{"n":2840},"http_req_duration":{"n":2840,"sum":…,"min":…,"max":…,"h":"HISTFAAA…"},…},
 *    "submetrics":{"http_req_duration{name:fetch}":{…}},"breakdown":{"name":{"fetch":{"http_req_duration":{…},…}}},
 *    "failures":[["fetch","503","1503",12]],"checks":[["","status is 200",2828,12]]}
 *   {"type":"End","endedAtMs":…,"endedAt":"<ISO>"}
 *
 * A Metric line precedes the first window that uses the metric (custom
 * metrics appear mid-run). Lines are complete JSON or absent: a crashed run's
 * file is read up to its last complete window. The End line is written once
 * the test has ended and its last window is in (after Ctrl-C too): a file
 * without it is an incomplete run (the runner was killed or crashed), and the
 * report says so.
 */
import type { MetricType, ValueType } from '../../metrics/index.js'

export const AGGREGATE_FORMAT = 'mib-aggregates'
export const AGGREGATE_VERSION = 1

export interface HeaderLine {
  readonly type: 'Header'
  readonly format: typeof AGGREGATE_FORMAT
  readonly version: typeof AGGREGATE_VERSION
  /** The runner's window, ms (windows end on whole multiples of it, epoch time). */
  readonly windowMs: number
  /** The test's start, epoch ms. */
  readonly startedAtMs: number
  readonly startedAt: string
}

export interface MetricLine {
  readonly type: 'Metric'
  readonly name: string
  readonly metricType: MetricType
  readonly contains: ValueType
  /** Trends: histogram values are the metric's values × hdrScale (integers). */
  readonly hdrScale?: number
  readonly thresholds: readonly string[]
}

/** Counter: the window's sum. */
export interface CounterAggregate { readonly n: number }
/** Gauge: last value, and the window's min and max. */
export interface GaugeAggregate { readonly v: number, readonly min: number, readonly max: number }
/** Rate: non-zero samples (passes) and zero samples (fails). */
export interface RateAggregate { readonly p: number, readonly f: number }
/** Trend: exact count, sum, min, max, and the HDR histogram (V2 compressed, base64: HdrHistogram's own encoding). */
export interface TrendAggregate { readonly n: number, readonly sum: number, readonly min: number, readonly max: number, readonly h: string }

export type Aggregate = CounterAggregate | GaugeAggregate | RateAggregate | TrendAggregate

export interface WindowLine {
  readonly type: 'Window'
  /** Epoch ms. */
  readonly start: number
  readonly end: number
  /** Whole metrics by name. */
  readonly metrics: Readonly<Record<string, Aggregate>>
  /** Sub-metrics declared by thresholds, by canonical selector. */
  readonly submetrics: Readonly<Record<string, Aggregate>>
  /** Breakdown tag → tag value → metric → aggregate (`breakdown.name.fetch.http_req_duration`). */
  readonly breakdown: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, Aggregate>>>>>>
  /** Failed requests: [name, status, error code, count]. */
  readonly failures: ReadonlyArray<readonly [string, string, string, number]>
  /** Checks: [group, check, passes, fails]. */
  readonly checks: ReadonlyArray<readonly [string, string, number, number]>
}

/** The last line: the runner reached the end of the test and wrote every window. */
export interface EndLine {
  readonly type: 'End'
  /** Epoch ms. */
  readonly endedAtMs: number
  readonly endedAt: string
}

export type AggregateLine = HeaderLine | MetricLine | WindowLine | EndLine

/** The epoch second a window stands for: the one holding its midpoint (windows end on whole seconds, give or take the tick's lag). */
export function windowSecond (start: number, end: number): number {
  return Math.floor((start + end) / 2000)
}
