import { test } from 'node:test'
import assert from 'node:assert/strict'
import { histogramQuantile, counterDeltas, bucketsByBound, type Bucket } from './histogram-quantile.js'

const INF = Number.POSITIVE_INFINITY
// 100 observations: 10 ≤ 0.1, 50 in (0.1, 0.5], 30 in (0.5, 1], 10 above 1.
const buckets: Bucket[] = [
  { upperBound: 0.1, count: 10 },
  { upperBound: 0.5, count: 60 },
  { upperBound: 1, count: 90 },
  { upperBound: INF, count: 100 }
]

const close = (actual: number, expected: number): void => assert.ok(Math.abs(actual - expected) < 1e-9, `${actual} ≠ ${expected}`)

test('quantiles interpolate linearly inside the bucket holding the rank (as histogram_quantile)', () => {
  close(histogramQuantile(0.05, buckets), 0.05) // rank 5 in [0, 0.1]: lower bound 0
  close(histogramQuantile(0.5, buckets), 0.1 + 0.4 * (40 / 50)) // rank 50
  close(histogramQuantile(0.75, buckets), 0.5 + 0.5 * (15 / 30)) // rank 75
  close(histogramQuantile(0.9, buckets), 1) // rank 90 exactly at the top of (0.5, 1]
})

test('a rank in the +Inf bucket returns the highest finite bound', () => {
  close(histogramQuantile(0.99, buckets), 1)
})

test('buckets in any order, and duplicate bounds from several series, are sorted and summed', () => {
  const shuffled = [buckets[3]!, buckets[1]!, { upperBound: 0.1, count: 4 }, { upperBound: 0.1, count: 6 }, buckets[2]!]
  close(histogramQuantile(0.5, shuffled), 0.42)
})

test('no observations, no +Inf bucket or a single bucket give NaN; q outside [0, 1] gives ±Inf', () => {
  assert.ok(Number.isNaN(histogramQuantile(0.5, buckets.map((b) => ({ ...b, count: 0 })))))
  assert.ok(Number.isNaN(histogramQuantile(0.5, buckets.slice(0, 3))))
  assert.ok(Number.isNaN(histogramQuantile(0.5, [{ upperBound: INF, count: 3 }])))
  assert.equal(histogramQuantile(-0.1, buckets), Number.NEGATIVE_INFINITY)
  assert.equal(histogramQuantile(1.1, buckets), INF)
})

test('non-monotonic cumulative counts are lifted to the previous count, as Prometheus does', () => {
  // The 0.5 bucket dipped to 4 (below 10): lifted to 10, rank 12 lies in (0.5, 1] holding 10 → 0.5 + 0.5 × 2/10.
  const dipped: Bucket[] = [{ upperBound: 0.1, count: 10 }, { upperBound: 0.5, count: 4 }, { upperBound: 1, count: 20 }, { upperBound: INF, count: 20 }]
  close(histogramQuantile(0.6, dipped), 0.6)
})

test('counter deltas: growth between scrapes, a reset counts from zero, a new series counts whole', () => {
  const before = [
    { name: 'c', labels: { s: 'a' }, value: 10 },
    { name: 'c', labels: { s: 'b' }, value: 50 }
  ]
  const after = [
    { name: 'c', labels: { s: 'a' }, value: 15 },
    { name: 'c', labels: { s: 'b' }, value: 3 }, // the process restarted
    { name: 'c', labels: { s: 'new' }, value: 4 }
  ]
  assert.deepEqual(counterDeltas(before, after).map((d) => d.value), [5, 3, 4])
})

test('bucket deltas summed by le give the quantile of only the observations between two scrapes', () => {
  const sample = (route: string, le: string, value: number): { name: string, labels: Record<string, string>, value: number } =>
    ({ name: 'h_bucket', labels: { route, le }, value })
  // Before: 100 fast requests on /a. Between scrapes: 10 slow ones (0.5, 1] on /b.
  const before = [sample('/a', '0.1', 100), sample('/a', '1', 100), sample('/a', '+Inf', 100)]
  const after = [...before, sample('/b', '0.1', 0), sample('/b', '1', 10), sample('/b', '+Inf', 10)]
  const delta = bucketsByBound(counterDeltas(before, after))
  close(histogramQuantile(0.5, delta), 0.1 + 0.9 * 0.5)
})
