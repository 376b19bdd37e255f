import { test } from 'node:test'
import assert from 'node:assert/strict'
import { FakeRuntime } from './fixtures/fake-runtime.js'
import { constantArrivalRate } from './constant-arrival-rate.js'
import { rampingArrivalRate } from './ramping-arrival-rate.js'
import { ArrivalSchedule, constantRate, rampingRate } from './arrival-schedule.js'
import { WHOLE } from './types.js'
import type { ConstantArrivalRateConfig, RampingArrivalRateConfig } from './config.js'

const base = { startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {}, timeUnitMs: 1000, maxQueuedIterations: 1000 }
const constant = (over: Partial<ConstantArrivalRateConfig> = {}): ConstantArrivalRateConfig => ({
  ...base, name: 'car', executor: 'constant-arrival-rate', rate: 10, durationMs: 1000, preAllocatedVus: 5, maxVus: 5, ...over
})

test('constant-arrival-rate starts iterations every 1/rate, whatever they last', async () => {
  const rt = new FakeRuntime(250)
  const ex = constantArrivalRate(constant(), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(5000)
  await done
  assert.deepEqual(rt.starts.map((s) => s.atMs), [0, 100, 200, 300, 400, 500, 600, 700, 800, 900])
  assert.deepEqual(rt.starts.map((s) => s.intendedMs), [0, 100, 200, 300, 400, 500, 600, 700, 800, 900])
  assert.equal(rt.peakConcurrency, 3)
  assert.equal(ex.status().intendedIterations, 10)
  assert.equal(ex.status().droppedIterations, 0)
})

test('timeUnit scales the rate', async () => {
  const rt = new FakeRuntime(10)
  const ex = constantArrivalRate(constant({ rate: 3, timeUnitMs: 60_000, durationMs: 60_000 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(61_000)
  await done
  assert.deepEqual(rt.starts.map((s) => s.atMs), [0, 20_000, 40_000])
})

test('VUs beyond preAllocatedVUs are added up to maxVUs', async () => {
  const rt = new FakeRuntime(1000)
  const ex = constantArrivalRate(constant({ preAllocatedVus: 2, maxVus: 8 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(5000)
  await done
  assert.equal(rt.peakConcurrency, 8)
  assert.equal(rt.created, 8)
})

test('when no VU is free, the start waits in the queue and runs late, measured from its intended time', async () => {
  // One VU, iterations of 240 ms, an iteration due every 100 ms: the VU runs them back to back.
  const rt = new FakeRuntime(240)
  const ex = constantArrivalRate(constant({ preAllocatedVus: 1, maxVus: 1 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(10_000)
  await done
  const status = ex.status()
  assert.equal(status.intendedIterations, 10)
  // Starts still queued when the schedule ends (1000 ms) run within gracefulStop: they were due inside the test.
  assert.deepEqual(rt.starts.map((s) => [s.atMs, s.intendedMs]), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => [i * 240, i * 100]))
  assert.equal(status.lateIterations, 9)
  assert.equal(status.droppedIterations, 0)
})

test('starts still queued when gracefulStop expires are dropped', async () => {
  const rt = new FakeRuntime(240)
  const ex = constantArrivalRate(constant({ preAllocatedVus: 1, maxVus: 1, gracefulStopMs: 500 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(10_000)
  await done
  const status = ex.status()
  // 0..960 on schedule or late; 1200 and 1440 within the grace; the one started at 1440 is interrupted at 1500.
  assert.deepEqual(rt.starts.map((s) => s.atMs), [0, 240, 480, 720, 960, 1200, 1440])
  assert.equal(status.interruptedIterations, 1)
  assert.equal(status.droppedIterations, 3)
  assert.equal(rt.dropped, 3)
})

test('stop() drops the queued starts at once', async () => {
  const rt = new FakeRuntime(240)
  const ex = constantArrivalRate(constant({ preAllocatedVus: 1, maxVus: 1 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(550)
  const queued = ex.status().queuedIterations
  assert.equal(queued, 3, 'due 300, 400, 500 wait behind the VU')
  ex.stop()
  await rt.clock.advance(5000)
  await done
  assert.equal(ex.status().droppedIterations, queued)
  assert.equal(rt.starts.length, 3, 'the iteration running at the stop finishes; nothing queued starts')
})

test('beyond maxQueuedIterations, iterations are dropped (k6 behaviour)', async () => {
  const rt = new FakeRuntime(10_000)
  const ex = constantArrivalRate(constant({ preAllocatedVus: 1, maxVus: 1, maxQueuedIterations: 2, durationMs: 1000, gracefulStopMs: 0 }), rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(550)
  assert.equal(ex.status().queuedIterations, 2)
  assert.equal(ex.status().droppedIterations, 3, 'due at 300, 400, 500 found the queue full')
  await rt.clock.advance(20_000)
  await done
  assert.equal(ex.status().droppedIterations, 9)
})

test('ramping-arrival-rate follows the rate ramp', async () => {
  const config: RampingArrivalRateConfig = {
    ...base, name: 'rar', executor: 'ramping-arrival-rate', startRate: 0, stages: [{ durationMs: 10_000, target: 10 }, { durationMs: 2000, target: 10 }], preAllocatedVus: 5, maxVus: 5
  }
  const rt = new FakeRuntime(10)
  const ex = rampingArrivalRate(config, rt, WHOLE)
  const done = ex.run()
  await rt.clock.advance(20_000)
  await done
  // Ramp 0→10/s over 10 s: 50 iterations, then 20 at 10/s.
  assert.equal(rt.starts.length, 70)
  const firstHalf = rt.starts.filter((s) => s.atMs < 5000).length
  assert.ok(firstHalf >= 12 && firstHalf <= 13, `a quarter of the ramp's iterations fall in its first half (${firstHalf})`)
})

test('arrival schedule: iteration i is due when the integral of the rate reaches i', () => {
  const times = new ArrivalSchedule(rampingRate(0, [{ durationMs: 10_000, target: 10 }], 1000), WHOLE).drain()
  assert.equal(times.length, 50)
  // ∫ r = t²/(2·1000 ms·s) iterations at t ms: iteration 8 at 4000 ms, 32 at 8000 ms.
  assert.ok(Math.abs((times[8] as number) - 4000) < 1e-6)
  assert.ok(Math.abs((times[32] as number) - 8000) < 1e-6)
  const down = new ArrivalSchedule(rampingRate(10, [{ durationMs: 10_000, target: 0 }], 1000), WHOLE).drain()
  assert.equal(down.length, 50)
  assert.ok(down.every((t, i) => i === 0 || t > (down[i - 1] as number)))
})

test('arrival schedules of worker segments interleave into the whole schedule', () => {
  const whole = new ArrivalSchedule(constantRate(7, 1000, 3000), WHOLE).drain()
  const parts = [0, 1, 2].flatMap((index) => new ArrivalSchedule(constantRate(7, 1000, 3000), { index, count: 3 }).drain())
  assert.deepEqual(parts.sort((a, b) => a - b), whole)
})
