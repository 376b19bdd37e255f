import { z } from 'zod'
import type { MetricType } from './types.js'

/**
 * Names of the aggregations each metric type answers (in summaries, in
 * `summaryTrendStats` and in thresholds). Trends also answer any `p(N)` with
 * 0 <= N <= 100, e.g. `p(99.9)`.
 */
export const STATS_BY_TYPE: Readonly<Record<MetricType, readonly string[]>> = {
  counter: ['count', 'rate'],
  gauge: ['value', 'min', 'max'],
  rate: ['rate', 'passes', 'fails'],
  trend: ['avg', 'min', 'med', 'max', 'count']
}

export const DEFAULT_SUMMARY_TREND_STATS: readonly string[] = ['avg', 'min', 'med', 'max', 'p(90)', 'p(95)']

const PERCENTILE = /^p\(\s*(\d+(?:\.\d+)?|\.\d+)\s*\)$/

/** The N of `p(N)`, or undefined when the text is not a percentile in 0..100. */
export function parsePercentile (stat: string): number | undefined {
  const match = PERCENTILE.exec(stat)
  if (match === null) return undefined
  const n = Number(match[1])
  return n >= 0 && n <= 100 ? n : undefined
}

/** True when `stat` is an aggregation the type answers. */
export function isStatFor (type: MetricType, stat: string): boolean {
  if (STATS_BY_TYPE[type].includes(stat)) return true
  return type === 'trend' && parsePercentile(stat) !== undefined
}

/** Canonical spelling: `p( 99.90 )` becomes `p(99.9)`, as k6 prints it. */
export function canonicalStat (stat: string): string {
  const n = parsePercentile(stat)
  return n === undefined ? stat : `p(${n})`
}

/**
 * Schema of k6's `summaryTrendStats` option, for the runner's options schema:
 * rejects anything a trend cannot answer (`p(101)`, `mean`), naming it.
 */
export const summaryTrendStatsSchema = z.array(z.string().trim().refine((stat) => isStatFor('trend', stat), {
  error: (issue) => `"${String(issue.input)}" is not a trend statistic (use avg, min, med, max, count or p(N) with 0 <= N <= 100)`
}))
