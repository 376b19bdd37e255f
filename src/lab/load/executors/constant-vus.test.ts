import { test } from 'node:test'
import assert from 'node:assert/strict'
import { FakeRuntime } from './fixtures/fake-runtime.js'
import { ConstantVusExecutor } from './constant-vus.js'
import { WHOLE } from './types.js'
import type { ConstantVusConfig } from './config.js'

const config = (over: Partial<ConstantVusConfig> = {}): ConstantVusConfig => ({
  name: 'c', executor: 'constant-vus', vus: 3, durationMs: 1000, startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {}, ...over
})

test('constant-vus keeps every VU looping until the duration, and lets the last iterations finish', async () => {
  const rt = new FakeRuntime(300)
  const ex = new ConstantVusExecutor(config(), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(5000)
  await done
  // Starts at 0, 300, 600, 900 on each of 3 VUs; the 900 ms ones end at 1200 (within gracefulStop).
  assert.equal(rt.starts.length, 12)
  assert.deepEqual([...new Set(rt.starts.map((s) => s.atMs))], [0, 300, 600, 900])
  const status = ex.status()
  assert.equal(status.completedIterations, 12)
  assert.equal(status.interruptedIterations, 0)
  assert.equal(status.state, 'done')
  assert.equal(status.elapsedMs, 1200)
})

test('constant-vus interrupts iterations still running when gracefulStop expires', async () => {
  const rt = new FakeRuntime(5000)
  const ex = new ConstantVusExecutor(config({ vus: 2, gracefulStopMs: 2000 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(10_000)
  await done
  assert.equal(ex.status().interruptedIterations, 2)
  assert.equal(ex.status().completedIterations, 0)
  assert.equal(ex.status().elapsedMs, 3000, 'duration 1 s + gracefulStop 2 s')
  assert.ok(rt.ends.every((e) => e.outcome === 'interrupted' && e.atMs === 3000))
})

test('stop() ends the schedule early; running iterations still get gracefulStop', async () => {
  const rt = new FakeRuntime(300)
  const ex = new ConstantVusExecutor(config({ vus: 1, durationMs: 60_000 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(1000)
  ex.stop()
  await rt.clock.advance(1000)
  await done
  assert.equal(rt.starts.length, 4, 'starts at 0, 300, 600, 900; none after the stop at 1000')
  assert.equal(ex.status().completedIterations, 4)
  assert.equal(ex.status().elapsedMs, 1200)
})

test('abort() interrupts running iterations at once', async () => {
  const rt = new FakeRuntime(10_000)
  const ex = new ConstantVusExecutor(config({ vus: 2, durationMs: 60_000 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(500)
  ex.abort()
  await rt.clock.advance(1)
  await done
  assert.equal(ex.status().interruptedIterations, 2)
  assert.equal(ex.status().elapsedMs, 500)
})

test('iterations that never wait on I/O do not starve the end-of-duration timer', async () => {
  const rt = new FakeRuntime(0)
  const ex = new ConstantVusExecutor(config({ vus: 1, durationMs: 10 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(20)
  await done
  assert.equal(ex.status().state, 'done')
})

test('a worker segment runs its share of the VUs', () => {
  const rt = new FakeRuntime(300)
  const shares = [0, 1, 2].map((index) => new ConstantVusExecutor(config({ vus: 10 }), rt, { index, count: 3 }).maxVus)
  assert.deepEqual(shares, [4, 3, 3])
})
