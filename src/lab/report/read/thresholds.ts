/**
 * k6 thresholds (`p(95)<500`, `rate<0.01`) and sub-metric selectors
 * (`http_req_duration{name:"a,b"}`) evaluated against the aggregates read
 * from a run's files. The grammar is the runner's own (lab/load/thresholds,
 * lab/load/metrics selector.ts): a results file is read as the runner wrote it.
 * Used when a run has no k6 summary export (whose threshold results are
 * authoritative and used first).
 */
import { parsePercentile, parseSubmetricSelector, type SubmetricSelector } from '../../load/metrics/index.js'
import type { ThresholdExpression } from '../../load/thresholds/index.js'
import type { MetricStats } from './stats.js'

/**
 * A selector read from a file (a Metric line, a summary key, the manifest):
 * undefined when it does not parse, so one bad key costs its own figures, not the report.
 */
export function readSelector (key: string): SubmetricSelector | undefined {
  try {
    return parseSubmetricSelector(key)
  } catch {
    return undefined
  }
}

/** The key the runner writes for a metric or sub-metric (`metric{k:v,k2:"a,b"}`); the key as given when it does not parse. */
export function canonicalMetricKey (key: string): string {
  return readSelector(key)?.key ?? key.trim()
}

/** The metric a key selects from: `http_req_duration` for `http_req_duration{name:x}`. */
export function baseMetricOf (key: string): string {
  return readSelector(key)?.metric ?? key.slice(0, key.includes('{') ? key.indexOf('{') : key.length).trim()
}

/** The value an aggregation takes on a metric, or null when it does not apply or nothing was recorded. */
export function aggregate (metric: MetricStats, expression: ThresholdExpression, durationS: number | null): number | null {
  const { aggregation } = expression
  switch (metric.type) {
    case 'trend': {
      const s = metric.stats
      const percentile = parsePercentile(aggregation)
      if (percentile !== undefined) return s.percentile(percentile)
      if (aggregation === 'med') return s.percentile(50)
      if (aggregation === 'avg') return s.mean
      if (aggregation === 'count') return s.count
      if (aggregation === 'min') return s.count === 0 ? null : s.min
      if (aggregation === 'max') return s.count === 0 ? null : s.max
      return null
    }
    case 'rate':
      if (aggregation === 'rate') return metric.stats.rate
      if (aggregation === 'passes') return metric.stats.nonZero
      if (aggregation === 'fails') return metric.stats.total - metric.stats.nonZero
      return null
    case 'counter':
      if (aggregation === 'count') return metric.stats.count
      if (aggregation === 'rate') return durationS === null || durationS <= 0 ? null : metric.stats.count / durationS
      return null
    case 'gauge':
      if (aggregation === 'value') return metric.stats.last
      if (aggregation === 'min') return metric.stats.last === null ? null : metric.stats.min
      if (aggregation === 'max') return metric.stats.last === null ? null : metric.stats.max
      return null
  }
}
