import { test } from 'node:test'
import assert from 'node:assert/strict'
import { leastSquaresSlope, rssTrends, type RssSample } from './slope.js'

const MB = 1024 * 1024

test('the least-squares slope of a line is its slope, whatever the noise around it averages to', () => {
  assert.equal(leastSquaresSlope([[0, 1], [1, 3], [2, 5]]), 2)
  assert.ok(Math.abs((leastSquaresSlope([[0, 1], [1, 2], [2, 1], [3, 2]]) ?? NaN) - 0.2) < 1e-9)
  assert.equal(leastSquaresSlope([[1, 1]]), undefined)
  assert.equal(leastSquaresSlope([[1, 1], [1, 2]]), undefined)
})

test('RSS trends are fitted on the second half only: a warm-up climb does not count, a steady leak does', () => {
  const samples: RssSample[] = []
  // 10 minutes, one reading every 30 s: the engine climbs 50 MB in the first half then stays flat;
  // the gateway grows 2 MB a minute throughout; the provider disappears half-way through the first half.
  for (let i = 0; i <= 20; i++) {
    const minutes = i / 2
    samples.push({
      atMs: 1_000_000 + minutes * 60_000,
      rssBytes: {
        engine: (100 + Math.min(minutes, 5) * 10) * MB,
        gateway: (80 + 2 * minutes) * MB,
        'provider-sim': i < 5 ? 60 * MB : undefined
      }
    })
  }
  const trends = rssTrends(samples, ['engine', 'gateway', 'provider-sim'], 1)
  const engine = trends.find((t) => t.name === 'engine')
  const gateway = trends.find((t) => t.name === 'gateway')
  assert.ok(engine !== undefined && gateway !== undefined)
  assert.ok(Math.abs(engine.slopeMbPerMin) < 1e-9, `engine ${engine.slopeMbPerMin}`)
  assert.equal(engine.grows, false)
  assert.equal(engine.startMb, 150)
  assert.ok(Math.abs(gateway.slopeMbPerMin - 2) < 1e-9)
  assert.equal(gateway.grows, true)
  assert.equal(gateway.points, 11)
  assert.equal(trends.some((t) => t.name === 'provider-sim'), false, 'no readings in the judged half: no trend')
})
