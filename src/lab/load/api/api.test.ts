import { test } from 'node:test'
import assert from 'node:assert/strict'
import { check, group, sleep, fail, env, vu, Counter, Gauge, Rate, Trend } from './index.js'
import { createTestVu } from '../fixtures/test-vu.js'
import { FakeClock } from '../fixtures/fake-clock.js'
import { IterationFailError, IterationInterruptedError, ScriptApiOutsideVuError } from '../errors.js'

test('check() records one checks sample per predicate and returns whether all passed', () => {
  const tv = createTestVu()
  const all = tv.run(() => check({ status: 200 }, { 'is 200': (r) => r.status === 200, 'is 500': (r) => r.status === 500 }))
  assert.equal(all, false)
  assert.equal(tv.stat('checks', 'passes'), 1)
  assert.equal(tv.stat('checks', 'fails'), 1)
  assert.equal(tv.run(() => check(1, { truthy: true })), true)
})

test('check() rejects async predicates instead of counting a Promise as a pass', () => {
  const tv = createTestVu()
  assert.throws(() => tv.run(() => check(1, { 'async': async () => false })), /returned a Promise/)
})

test('group() nests the group tag and records group_duration, sync and async', async () => {
  const tv = createTestVu()
  tv.registry.trackSubmetric('checks{group:::outer::inner}')
  await tv.run(() => group('outer', async () => {
    assert.equal(tv.vu.groupPath, '::outer')
    group('inner', () => { check(1, { ok: () => true }) })
    await sleep(0)
  }))
  assert.equal(tv.vu.groupPath, '')
  assert.equal(tv.stat('checks{group:::outer::inner}', 'passes'), 1)
  assert.equal(tv.stat('group_duration', 'count'), 2)
  assert.throws(() => tv.run(() => group('a::b', () => 1)), /must not contain/)
})

test('sleep() waits the scaled time on the clock and rejects when the iteration is interrupted', async () => {
  const clock = new FakeClock()
  const tv = createTestVu({ clock, sleepScale: 0.5 })
  let woke = false
  const slept = tv.run(() => sleep(2)).then(() => { woke = true })
  await clock.advance(999)
  assert.equal(woke, false)
  await clock.advance(1)
  await slept
  assert.equal(woke, true, '2 s at time scale 0.5 is 1 s')
  const interrupted = tv.run(() => sleep(60))
  tv.vu.interrupt('test')
  await assert.rejects(interrupted, IterationInterruptedError)
})

test('custom metrics: Counter, Gauge, Rate and Trend record with the VU\'s tags plus their own', () => {
  const tv = createTestVu()
  const counter = new Counter('my_counter')
  const gauge = new Gauge('my_gauge')
  const rate = new Rate('my_rate')
  const trend = new Trend('my_trend', true)
  tv.registry.trackSubmetric('my_trend{scenario:test,kind:a}')
  tv.run(() => {
    counter.add(2); counter.add(3)
    gauge.add(7); gauge.add(4)
    rate.add(true); rate.add(0); rate.add(5)
    trend.add(10, { kind: 'a' }); trend.add(30)
  })
  assert.equal(tv.stat('my_counter', 'count'), 5)
  assert.equal(tv.stat('my_gauge', 'value'), 4)
  assert.ok(Math.abs((tv.stat('my_rate', 'rate') ?? 0) - 2 / 3) < 1e-9)
  assert.equal(tv.stat('my_trend', 'avg'), 20)
  assert.equal(tv.stat('my_trend{scenario:test,kind:a}', 'count'), 1)
  assert.equal(tv.registry.get('my_trend')?.contains, 'time')
})

test('env reads --env values, with a scenario\'s env over them; it is read-only', () => {
  const tv = createTestVu({ env: { BASE_URL: 'http://x', MODE: 'global' }, scenario: { env: { MODE: 'scenario' } } })
  tv.run(() => {
    assert.equal(env.BASE_URL, 'http://x')
    assert.equal(env.MODE, 'scenario')
    assert.equal(env.MISSING, undefined)
    assert.deepEqual(Object.keys(env).sort(), ['BASE_URL', 'MODE'])
    assert.throws(() => { (env as Record<string, string>).X = '1' }, /read-only/)
  })
})

test('vu exposes the VU id, iteration and scenario; outside a VU it explains itself', () => {
  const tv = createTestVu()
  tv.run(() => {
    assert.equal(vu.id, 1)
    assert.equal(vu.iteration, 0)
    assert.equal(vu.scenario, 'test')
  })
  assert.throws(() => vu.id, ScriptApiOutsideVuError)
})

test('fail() ends the iteration with its message', () => {
  const tv = createTestVu()
  assert.throws(() => tv.run(() => fail('bad data')), (err: unknown) => err instanceof IterationFailError && err.message === 'bad data')
})
