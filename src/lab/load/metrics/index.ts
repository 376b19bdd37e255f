/**
 * Metrics of `mib load`: k6's metric model with bounded, mergeable sinks.
 *
 * Public API (everything else in this folder is internal):
 *
 *   const registry = MetricRegistry.withBuiltins({ breakdownTags: ['name'] })
 *   const rtt = registry.define('market_rtt', 'trend', 'time')   // idempotent; k6 name rules
 *   registry.trackSubmetric('http_req_duration{name:fetch}')     // thresholds do this for you
 *   registry.add(rtt, 12.5, { name: 'fetch' })                   // hot path; `add('market_rtt', …)` works too
 *   registry.stats('http_req_duration{name:fetch}', ['p(95)'], elapsedMs)
 *
 *   // worker threads: ship deltas, merge them on the main thread
 *   port.postMessage(registry.snapshot({ reset: true }))         // structured-clone safe
 *   mainRegistry.merge(snapshot)                                 // exact (HDR buckets)
 *   const window = mainRegistry.drainWindow()                    // every ~1 s: live line, dashboard, json aggregate
 *   const data = mainRegistry.summary({ testRunDurationMs, thresholds: results })  // handleSummary `data`
 *
 * Sinks: counter (count, rate/s), gauge (value, min, max; last value wins by
 * time), rate (rate, passes, fails; non-zero = pass), trend (exact avg/min/max/
 * count + HDR histogram percentiles: time trends in µs 1 µs..1 h, 3 significant
 * digits = 0.1%; per-name breakdown sinks 2 digits = <1%; out-of-range values
 * clamped and counted in `limits().clampedValues`). No sink per full tag set:
 * whole metric, declared sub-metrics, and per-`name` breakdown (capped, overflow
 * counted) on http_reqs, http_req_duration, http_req_failed, checks and
 * http_req_duration_intended.
 */
export type { Metric, MetricType, Sample, Tags, ValueType } from './types.js'
export { DEFAULT_MAX_TAG_VALUES, MetricRegistry, type RegistryLimits, type RegistryOptions } from './registry.js'
export type { DrainOptions, WindowCheck, WindowFailure, WindowMetricStats, WindowStats } from './window.js'
export type { MetricSnapshot, RegistrySnapshot, SinkSnapshot } from './snapshot.js'
export type { OperationSummary, SummaryData, SummaryMetric, SummaryOptions } from './summary-data.js'
export type { CheckNode, GroupNode } from './checks-tree.js'
export { BREAKDOWN_METRICS, BUILTIN_METRICS, SYSTEM_TAGS, isValidMetricName } from './builtins.js'
export { isSubmetricSelector, parseSubmetricSelector, selectorMatches, type SubmetricSelector } from './selector.js'
export { DEFAULT_SUMMARY_TREND_STATS, STATS_BY_TYPE, canonicalStat, isStatFor, parsePercentile, summaryTrendStatsSchema } from './stats.js'
// The one HDR wrapper: the runner's sinks, the aggregate output's codec and the report's trends all use it.
export { TrendHistogram, bucketsOf, highestTrackable, hdrScaleOf, type Digits, type EncodedHistogram, type HdrBuckets, type HdrScaling } from './trend-histogram.js'
export {
  MetricNameInvalidError, MetricTypeMismatchError, MetricUnknownError, MetricValueInvalidError,
  SnapshotInvalidError, SubmetricSelectorInvalidError
} from './errors.js'
