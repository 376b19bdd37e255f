import { test } from 'node:test'
import assert from 'node:assert/strict'
import { FakeRuntime } from './fixtures/fake-runtime.js'
import { RampingVusExecutor } from './ramping-vus.js'
import { rampingVuSteps, vusAt } from './ramp-steps.js'
import { WHOLE } from './types.js'
import type { RampingVusConfig, Stage } from './config.js'

const config = (stages: Stage[], over: Partial<RampingVusConfig> = {}): RampingVusConfig => ({
  name: 'r', executor: 'ramping-vus', startVus: 0, stages, gracefulRampDownMs: 30_000, startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {}, ...over
})

test('ramp steps interpolate linearly between targets, in whole VUs', () => {
  const steps = rampingVuSteps(0, [{ durationMs: 10_000, target: 10 }, { durationMs: 10_000, target: 10 }, { durationMs: 5000, target: 0 }])
  assert.equal(vusAt(steps, 0), 0)
  assert.equal(vusAt(steps, 999), 0)
  assert.equal(vusAt(steps, 1000), 1)
  assert.equal(vusAt(steps, 5500), 5)
  assert.equal(vusAt(steps, 10_000), 10)
  assert.equal(vusAt(steps, 15_000), 10)
  assert.equal(vusAt(steps, 20_499), 10)
  assert.equal(vusAt(steps, 20_500), 9, 'going down, the count drops when the line reaches the next integer')
  assert.equal(vusAt(steps, 25_000), 0)
})

test('startVUs and zero-length stages jump at once', () => {
  const steps = rampingVuSteps(5, [{ durationMs: 0, target: 20 }, { durationMs: 1000, target: 20 }])
  assert.deepEqual(steps, [{ atMs: 0, vus: 5 }, { atMs: 0, vus: 20 }])
})

test('ramping-vus runs as many VUs as the stages say at each moment', async () => {
  const rt = new FakeRuntime(100)
  const ex = new RampingVusExecutor(config([{ durationMs: 1000, target: 10 }, { durationMs: 1000, target: 10 }, { durationMs: 1000, target: 0 }]), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(10_000)
  await done
  assert.equal(ex.maxVus, 10)
  // Iterations last 100 ms, so the VUs running at t equal the target at t (give or take the step in progress).
  for (const [at, expected] of [[550, 5], [1550, 10], [2550, 4]] as const) {
    const running = rt.runningAt(at)
    assert.ok(Math.abs(running - expected) <= 1, `at ${at} ms: ${running} running, expected about ${expected}`)
  }
  assert.equal(rt.runningAt(3050), 0)
  assert.equal(ex.status().interruptedIterations, 0)
  assert.ok(rt.created <= 10, 'VUs come back to the pool and are reused')
})

test('gracefulRampDown lets a ramped-down VU finish, then interrupts it', async () => {
  // Iterations of 4 s; the ramp removes the VU at 1 s; gracefulRampDown 2 s interrupts it at 3 s.
  const rt = new FakeRuntime(4000)
  const ex = new RampingVusExecutor(config([{ durationMs: 1000, target: 1 }, { durationMs: 0, target: 0 }, { durationMs: 9000, target: 0 }], { startVus: 1, gracefulRampDownMs: 2000 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(20_000)
  await done
  assert.deepEqual(rt.ends, [{ vu: 1, atMs: 3000, outcome: 'interrupted' }])
  assert.equal(ex.status().interruptedIterations, 1)
})

test('a ramped-down VU that finishes within gracefulRampDown completes and starts nothing new', async () => {
  const rt = new FakeRuntime(1500)
  const ex = new RampingVusExecutor(config([{ durationMs: 1000, target: 1 }, { durationMs: 0, target: 0 }, { durationMs: 9000, target: 0 }], { startVus: 1, gracefulRampDownMs: 2000 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(20_000)
  await done
  assert.deepEqual(rt.ends, [{ vu: 1, atMs: 1500, outcome: 'completed' }])
})

test('gracefulStop applies to the VUs still running at the end of the last stage', async () => {
  const rt = new FakeRuntime(10_000)
  const ex = new RampingVusExecutor(config([{ durationMs: 1000, target: 2 }], { startVus: 2, gracefulStopMs: 500 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(20_000)
  await done
  assert.equal(ex.status().elapsedMs, 1500)
  assert.equal(ex.status().interruptedIterations, 2)
})

test('worker segments split every step so the shares add up to the target', () => {
  const stages = [{ durationMs: 1000, target: 7 }, { durationMs: 1000, target: 2 }]
  const rt = new FakeRuntime(10)
  const executors = [0, 1, 2].map((index) => new RampingVusExecutor(config(stages), rt, { index, count: 3 }))
  for (const at of [0, 150, 500, 999, 1000, 1500, 2000]) {
    const sum = executors.reduce((total, ex) => total + vusAt(ex.steps, at), 0)
    assert.equal(sum, vusAt(rampingVuSteps(0, stages), at), `at ${at} ms`)
  }
})
