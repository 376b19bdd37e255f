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

test('RSS that climbs in steps over a flat heap is "RSS only", not growth; a heap that climbs is growth (soak of 2026-12-05: provider-sim)', () => {
  const samples: RssSample[] = []
  // 12 minutes, a reading every 5 s. provider-sim: RSS steps up 12 MB late in the run (V8 grows its heap's
  // capacity) while heap used + external sways between 34 and 40 MB; engine: the heap leaks 3 MB a minute.
  for (let i = 0; i <= 144; i++) {
    const minutes = i / 12
    samples.push({
      atMs: 2_000_000 + minutes * 60_000,
      rssBytes: { 'provider-sim': (minutes < 9.7 ? 110 : 122) * MB, engine: (200 + 3 * minutes) * MB, runner: 100 * MB },
      heapBytes: { 'provider-sim': (34 + 6 * Math.abs(Math.sin(i))) * MB, engine: (80 + 3 * minutes) * MB, runner: undefined },
      // A major GC every 2 minutes; the runner reports none.
      majorGcs: { 'provider-sim': Math.floor(minutes / 2), engine: Math.floor(minutes / 2) }
    })
  }
  const trends = rssTrends(samples, ['provider-sim', 'engine', 'runner'], 1)
  const provider = trends.find((t) => t.name === 'provider-sim')
  const engine = trends.find((t) => t.name === 'engine')
  const runner = trends.find((t) => t.name === 'runner')
  assert.ok(provider?.heap !== undefined && engine?.heap !== undefined && runner !== undefined)
  assert.ok(provider.slopeMbPerMin > 1, `provider RSS slope ${provider.slopeMbPerMin}`)
  assert.ok(Math.abs(provider.heap.slopeMbPerMin) < 1, `provider heap slope ${provider.heap.slopeMbPerMin}`)
  assert.equal(provider.grows, false)
  assert.equal(provider.rssOnly, true)
  assert.ok(Math.abs(engine.heap.slopeMbPerMin - 3) < 1e-9)
  assert.equal(engine.grows, true)
  assert.equal(engine.rssOnly, false)
  assert.equal(runner.heap, undefined, 'no heap readings: judged on RSS')
  assert.equal(runner.grows, false)
})

test('with fewer than two major GCs in the judged half the heap floor is not judged: RSS decides', () => {
  const samples: RssSample[] = []
  // 6 minutes; old-generation garbage piles up between major GCs, so the heap floor climbs 2 MB a minute
  // with one major GC in the judged half: that cannot tell garbage from a leak.
  for (let i = 0; i <= 72; i++) {
    const minutes = i / 12
    samples.push({
      atMs: 3_000_000 + minutes * 60_000,
      rssBytes: { gateway: 130 * MB },
      heapBytes: { gateway: (30 + 2 * minutes + (i % 2) * 10) * MB },
      majorGcs: { gateway: minutes < 4 ? 3 : 4 }
    })
  }
  const [gateway] = rssTrends(samples, ['gateway'], 1)
  assert.ok(gateway?.heap !== undefined)
  assert.ok(Math.abs(gateway.heap.slopeMbPerMin - 2) < 0.3, `floor slope ${gateway.heap.slopeMbPerMin}`)
  assert.equal(gateway.majorGcs, 1)
  assert.equal(gateway.judgedOnHeap, false)
  assert.equal(gateway.grows, false, 'RSS is flat')
})
