import { test } from 'node:test'
import assert from 'node:assert/strict'
import { FakeRuntime } from './fixtures/fake-runtime.js'
import { SharedIterationsExecutor } from './shared-iterations.js'
import { PerVuIterationsExecutor } from './per-vu-iterations.js'
import { shareOf } from './segment.js'
import { WHOLE } from './types.js'

const base = { startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {}, maxDurationMs: 600_000 }

test('shared-iterations runs exactly the shared count, faster VUs taking more', async () => {
  const rt = new FakeRuntime((vu) => vu.idInTest === 1 ? 100 : 300)
  const ex = new SharedIterationsExecutor({ ...base, name: 's', executor: 'shared-iterations', vus: 2, iterations: 8 }, rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(5000)
  await done
  assert.equal(rt.starts.length, 8)
  assert.equal(ex.status().completedIterations, 8)
  assert.ok(rt.starts.filter((s) => s.vu === 1).length > rt.starts.filter((s) => s.vu === 2).length)
  assert.equal(ex.status().elapsedMs, 600)
})

test('shared-iterations never runs more VUs than iterations', () => {
  const ex = new SharedIterationsExecutor({ ...base, name: 's', executor: 'shared-iterations', vus: 10, iterations: 3 }, new FakeRuntime(1), WHOLE)
  assert.equal(ex.maxVus, 3)
})

test('per-vu-iterations gives every VU the same count', async () => {
  const rt = new FakeRuntime((vu) => vu.idInTest * 100)
  const ex = new PerVuIterationsExecutor({ ...base, name: 'p', executor: 'per-vu-iterations', vus: 3, iterations: 4 }, rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(5000)
  await done
  for (const vu of [1, 2, 3]) assert.equal(rt.starts.filter((s) => s.vu === vu).length, 4)
  assert.equal(ex.status().elapsedMs, 1200, 'the slowest VU: 4 × 300 ms')
})

test('maxDuration stops iteration executors, then gracefulStop applies', async () => {
  const rt = new FakeRuntime(400)
  const ex = new PerVuIterationsExecutor({ ...base, name: 'p', executor: 'per-vu-iterations', vus: 1, iterations: 100, maxDurationMs: 1000, gracefulStopMs: 100 }, rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(5000)
  await done
  assert.equal(ex.status().completedIterations, 2)
  assert.equal(ex.status().interruptedIterations, 1, 'the iteration started at 800 ms would end at 1200 ms, after the 100 ms grace')
})

test('segment shares add up to the total and grow with it', () => {
  for (const count of [1, 2, 3, 7]) {
    for (let total = 0; total < 30; total++) {
      let sum = 0
      for (let index = 0; index < count; index++) {
        const share = shareOf(total, { index, count })
        assert.ok(share >= shareOf(Math.max(0, total - 1), { index, count }))
        sum += share
      }
      assert.equal(sum, total)
    }
  }
})
