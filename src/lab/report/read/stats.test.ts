import { test } from 'node:test'
import assert from 'node:assert/strict'
import { MetricRegistry, type ValueType } from '../../load/metrics/index.js'
import { build } from 'hdr-histogram-js'
import { TrendStats } from './stats.js'

/** A deterministic spread of [0, 1) (golden-ratio steps): the same samples on every run. */
function spread (seed: number): () => number {
  let x = seed
  return () => { x = (x + 0.6180339887498949) % 1; return x }
}

const PERCENTILES = [0, 1, 50, 90, 95, 99, 99.9, 100]

test('the report\'s trend percentiles equal the runner\'s on the same samples (one HDR wrapper, one scaling)', () => {
  const kinds: Array<[ValueType, (next: () => number) => number]> = [
    ['time', (next) => Math.round(Math.exp(3 + 1.2 * next()) * 1000) / 1000],   // ms with µs digits, 20 ms .. 3 s
    ['data', (next) => Math.round(200 + next() * 50_000)],                     // bytes
    ['default', (next) => (next() - 0.01) * 1e4]                               // plain values, a few negative
  ]
  for (const [contains, draw] of kinds) {
    const registry = MetricRegistry.withBuiltins()
    const metric = registry.define(`sample_${contains}`, 'trend', contains)
    const report = new TrendStats(contains)
    const next = spread(0.7)
    for (let i = 0; i < 20_000; i++) {
      const value = draw(next)
      registry.add(metric, value, {})
      report.record(value)
    }
    const runner = registry.stats(metric.name, PERCENTILES.map((p) => `p(${p})`), 1000) ?? {}
    for (const p of PERCENTILES) assert.equal(report.percentile(p), runner[`p(${p})`], `${contains} p(${p})`)
  }
})

test('the report\'s percentiles of time and plain trends are unchanged from its former wrapper (values × 1000, 3 digits)', () => {
  // The former wrapper, rebuilt from the library as it was configured, is the oracle.
  const next = spread(0.11)
  const former = build({ bitBucketSize: 'packed', numberOfSignificantValueDigits: 3, autoResize: true })
  const trend = new TrendStats('time')
  let max = 0
  for (let i = 0; i < 20_000; i++) {
    const value = Math.round(Math.exp(1 + 2.5 * next()) * 1000) / 1000
    former.recordValue(Math.round(value * 1000))
    trend.record(value)
    max = Math.max(max, value)
  }
  for (const p of [1, 50, 90, 95, 99, 99.9]) assert.equal(trend.percentile(p), Math.min(max, former.getValueAtPercentile(p) / 1000), `p(${p})`)
})
