/**
 * Quantiles from cumulative histogram buckets, with the semantics of
 * Prometheus's histogram_quantile(): linear interpolation inside the bucket
 * that holds the rank, 0 as the lower bound of the first bucket, and the
 * second-highest bound when the rank falls into +Inf.
 */
import { seriesKey, type MetricSample } from './prometheus-text.js'

export interface Bucket {
  /** The `le` label as a number (+Inf for the last bucket). */
  upperBound: number
  /** Cumulative count of observations <= upperBound. */
  count: number
}

/** NaN when there is nothing to rank (no observations, no +Inf bucket, fewer than two buckets). */
export function histogramQuantile (q: number, input: readonly Bucket[]): number {
  if (Number.isNaN(q)) return Number.NaN
  if (q < 0) return Number.NEGATIVE_INFINITY
  if (q > 1) return Number.POSITIVE_INFINITY
  const buckets = coalesce([...input].sort((a, b) => a.upperBound - b.upperBound))
  const last = buckets[buckets.length - 1]
  if (buckets.length < 2 || last === undefined || last.upperBound !== Number.POSITIVE_INFINITY) return Number.NaN
  ensureMonotonic(buckets)
  const observations = last.count
  if (observations <= 0) return Number.NaN
  const rank = q * observations
  const index = buckets.findIndex((bucket) => bucket.count >= rank)
  const bucket = buckets[index]
  if (bucket === undefined) return Number.NaN
  if (index === buckets.length - 1) return buckets[buckets.length - 2]?.upperBound ?? Number.NaN
  if (index === 0 && bucket.upperBound <= 0) return bucket.upperBound
  const below = buckets[index - 1]
  const lowerBound = below?.upperBound ?? 0
  const countBelow = below?.count ?? 0
  const inBucket = bucket.count - countBelow
  if (inBucket <= 0) return bucket.upperBound
  return lowerBound + (bucket.upperBound - lowerBound) * ((rank - countBelow) / inBucket)
}

/** Buckets with the same bound (from several series summed together) become one. */
function coalesce (sorted: Bucket[]): Bucket[] {
  const out: Bucket[] = []
  for (const bucket of sorted) {
    const previous = out[out.length - 1]
    if (previous !== undefined && previous.upperBound === bucket.upperBound) previous.count += bucket.count
    else out.push({ ...bucket })
  }
  return out
}

/**
 * Cumulative counts can dip when series are scraped mid-update or a counter
 * reset only some series; like Prometheus, a dip is lifted to the previous count.
 */
function ensureMonotonic (buckets: Bucket[]): void {
  let max = Number.NEGATIVE_INFINITY
  for (const bucket of buckets) {
    if (bucket.count < max) bucket.count = max
    else max = bucket.count
  }
}

/**
 * How much each counter series grew between two scrapes. A series that went
 * down was reset (the process restarted): its whole current value is new, as
 * in Prometheus's rate(). A series absent before appeared in between (prom-client
 * creates a series at its first observation), so its whole value is new too.
 */
export function counterDeltas (previous: readonly MetricSample[], current: readonly MetricSample[]): MetricSample[] {
  const before = new Map(previous.map((sample) => [seriesKey(sample.name, sample.labels), sample.value]))
  return current.map((sample) => {
    const old = before.get(seriesKey(sample.name, sample.labels))
    const value = old === undefined || sample.value < old ? sample.value : sample.value - old
    return { ...sample, value }
  })
}

/** Sums `_bucket` samples by `le` across every other label: the `sum by (le)` of PromQL. */
export function bucketsByBound (bucketSamples: readonly MetricSample[]): Bucket[] {
  const byBound = new Map<number, number>()
  for (const sample of bucketSamples) {
    const le = sample.labels.le
    if (le === undefined) continue
    const bound = le === '+Inf' ? Number.POSITIVE_INFINITY : Number(le)
    if (Number.isNaN(bound)) continue
    byBound.set(bound, (byBound.get(bound) ?? 0) + sample.value)
  }
  return [...byBound].map(([upperBound, count]) => ({ upperBound, count }))
}
