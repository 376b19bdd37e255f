import assert from 'node:assert/strict'
import { test } from 'node:test'
import { MetricRegistry } from './registry.js'
import { exactPercentile, relativeError } from './fixtures/distributions.js'
import { mulberry32 } from '../../../random.js'
import { highestTrackable, TrendHistogram } from './trend-histogram.js'

const PERCENTILES = [1, 10, 25, 50, 75, 90, 95, 99, 99.9]

function assertPercentilesWithin (values: number[], tolerance: number, digits: 2 | 3): void {
  const registryTrend = new TrendHistogram('time', digits)
  for (const v of values) registryTrend.record(v)
  const sorted = [...values].sort((a, b) => a - b)
  for (const p of PERCENTILES) {
    const expected = exactPercentile(sorted, p)
    const actual = registryTrend.percentile(p)
    assert.ok(relativeError(actual, expected) <= tolerance, `p(${p}) = ${actual}, exact ${expected} (error ${(relativeError(actual, expected) * 100).toFixed(3)}%)`)
  }
}

const uniform = Array.from({ length: 10_000 }, (_, i) => i + 1)

test('percentiles of a uniform 1..10000 ms distribution are within 1% of the exact values (3 digits: 0.1%)', () => {
  assertPercentilesWithin(uniform, 0.001, 3)
  assertPercentilesWithin(uniform, 0.01, 2)
})

test('percentiles of a seeded exponential distribution are within 1%', () => {
  const random = mulberry32(42)
  const values = Array.from({ length: 50_000 }, () => -Math.log(1 - random()) * 80)
  assertPercentilesWithin(values, 0.001, 3)
  assertPercentilesWithin(values, 0.01, 2)
})

test('percentiles of a bimodal distribution (fast cache hits, slow misses) are within 1%', () => {
  const random = mulberry32(7)
  const values = Array.from({ length: 40_000 }, (_, i) => (i % 10 === 0 ? 900 + random() * 200 : 2 + random() * 3))
  assertPercentilesWithin(values, 0.001, 3)
  assertPercentilesWithin(values, 0.01, 2)
})

test('a value above the highest trackable is clamped and counted instead of thrown', () => {
  const histogram = new TrendHistogram('time', 3)
  histogram.record(5 * 3_600_000)
  histogram.record(-3)
  histogram.record(12)
  assert.equal(histogram.clamped, 2)
  assert.equal(histogram.count, 3)
  assert.ok(relativeError(histogram.percentile(100), highestTrackable('time')) < 0.001)
})

test('sub-microsecond time values are kept at microsecond resolution', () => {
  const histogram = new TrendHistogram('time', 3)
  histogram.record(0.0004)
  histogram.record(0.0123)
  assert.equal(histogram.percentile(0), 0)
  assert.ok(relativeError(histogram.percentile(100), 0.012) < 0.01)
})

test('an encoded histogram re-adds exactly into an empty one', () => {
  const random = mulberry32(3)
  const source = new TrendHistogram('time', 3)
  for (let i = 0; i < 5000; i++) source.record(random() * 2000)
  const copy = new TrendHistogram('time', 3)
  copy.addEncoded(structuredClone(source.encode()))
  assert.equal(copy.count, source.count)
  for (const p of PERCENTILES) assert.equal(copy.percentile(p), source.percentile(p))
})

test('trend summary values keep avg, min and max exact while percentiles come from the histogram', () => {
  const registry = new MetricRegistry()
  registry.define('latency', 'trend', 'time')
  for (const v of [1.5, 2.25, 1000.125]) registry.add('latency', v, {})
  const stats = registry.stats('latency', ['avg', 'min', 'max', 'count', 'med', 'p(99.9)'], 1000)
  assert.deepEqual({ avg: stats?.avg, min: stats?.min, max: stats?.max, count: stats?.count }, { avg: (1.5 + 2.25 + 1000.125) / 3, min: 1.5, max: 1000.125, count: 3 })
  assert.ok(relativeError(stats?.med ?? 0, 2.25) < 0.001)
  assert.equal(stats?.['p(99.9)'], 1000.125, 'percentiles never exceed the exact max')
})

test('the fast recording index equals hdr-histogram-js countsArrayIndex for every unit and precision', () => {
  const random = mulberry32(11)
  for (const contains of ['time', 'data', 'default'] as const) {
    for (const digits of [2, 3] as const) {
      const histogram = new TrendHistogram(contains, digits)
      const highest = highestTrackable(contains) * (contains === 'data' ? 1 : 1000)
      const values = [0, 1, 2, 127, 128, 255, 256, 1023, 1024, 2047, 2048, 4095, 4096, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32]
      for (let i = 0; i < 20_000; i++) values.push(Math.floor(random() ** 4 * highest))
      for (const v of values.filter((x) => x <= highest)) {
        assert.equal(histogram.countsIndex(v), histogram.libraryCountsIndex(v), `${contains}/${digits} value ${v}`)
      }
    }
  }
})

test('samples recorded before and after reading are all counted once', () => {
  const histogram = new TrendHistogram('time', 3)
  for (let i = 1; i <= 100; i++) histogram.record(i)
  assert.ok(relativeError(histogram.percentile(100), 100) < 0.001)
  for (let i = 101; i <= 200; i++) histogram.record(i)
  assert.equal(histogram.count, 200)
  assert.ok(relativeError(histogram.percentile(50), 100) < 0.001)
  histogram.reset()
  assert.equal(histogram.count, 0)
  histogram.record(7)
  assert.equal(histogram.count, 1)
  assert.ok(relativeError(histogram.percentile(50), 7) < 0.001)
})
