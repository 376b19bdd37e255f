import { test } from 'node:test'
import assert from 'node:assert/strict'
import { FakeClock } from '../fixtures/fake-clock.js'
import { SleepQueue, type Sleep, type SleepOwner } from './sleep-queue.js'

function owner (): SleepOwner & { tracked: Set<Sleep> } {
  const tracked = new Set<Sleep>()
  return { tracked, track: (s) => { tracked.add(s) }, untrack: (s) => { tracked.delete(s) } }
}

test('sleeps wake at their due time, in due order (ties in the order they began), on one timer', async () => {
  const clock = new FakeClock()
  const queue = new SleepQueue(clock)
  const woke: Array<[string, number]> = []
  const durations: Array<[string, number]> = [['a', 300], ['b', 100], ['c', 200], ['d', 100], ['e', 0]]
  for (const [name, ms] of durations) void queue.sleep(ms, owner()).then(() => { woke.push([name, clock.now()]) })
  assert.equal(clock.pendingTimers, 1, 'one clock timer for all sleeps')
  await clock.advance(99)
  assert.deepEqual(woke, [['e', 0]])
  await clock.advance(1)
  assert.deepEqual(woke.slice(1), [['b', 100], ['d', 100]])
  await clock.advance(250)
  assert.deepEqual(woke.slice(3), [['c', 200], ['a', 300]])
  assert.equal(queue.size, 0)
  assert.equal(clock.pendingTimers, 0)
})

test('a sleep due before every waiting one re-arms the timer earlier', async () => {
  const clock = new FakeClock()
  const queue = new SleepQueue(clock)
  const woke: number[] = []
  void queue.sleep(1000, owner()).then(() => { woke.push(clock.now()) })
  await clock.advance(100)
  void queue.sleep(50, owner()).then(() => { woke.push(clock.now()) })
  await clock.advance(1000)
  assert.deepEqual(woke, [150, 1000])
})

test('the owner tracks a sleep until it wakes; interrupt() rejects it at once and takes it out', async () => {
  const clock = new FakeClock()
  const queue = new SleepQueue(clock)
  const first = owner()
  const second = owner()
  const interrupted = queue.sleep(60_000, first)
  const kept = queue.sleep(500, second)
  assert.equal(first.tracked.size, 1)
  const [sleep] = [...first.tracked]
  sleep?.interrupt(new Error('gracefulStop expired'))
  await assert.rejects(interrupted, /gracefulStop expired/)
  assert.equal(queue.size, 1)
  await clock.advance(500)
  await kept
  assert.equal(second.tracked.size, 0, 'untracked on waking')
  assert.equal(clock.pendingTimers, 0, 'nothing keeps the thread alive once every sleep is gone')
})

test('interrupting the last waiting sleep disarms the timer', async () => {
  const clock = new FakeClock()
  const queue = new SleepQueue(clock)
  const sleeper = owner()
  const pending = queue.sleep(60_000, sleeper)
  const [sleep] = [...sleeper.tracked]
  sleep?.interrupt(new Error('abort'))
  await assert.rejects(pending, /abort/)
  assert.equal(clock.pendingTimers, 0)
})

test('the heap stays ordered through many random sleeps and interruptions', async () => {
  const clock = new FakeClock()
  const queue = new SleepQueue(clock)
  const woke: number[] = []
  const owners: Array<ReturnType<typeof owner>> = []
  let seed = 7
  const random = (): number => { seed = (seed * 48271) % 2147483647; return seed / 2147483647 }
  for (let i = 0; i < 500; i++) {
    const o = owner()
    owners.push(o)
    const ms = Math.floor(random() * 1000)
    queue.sleep(ms, o).then(() => { woke.push(clock.now()) }, () => {})
  }
  for (let i = 0; i < 500; i += 3) [...(owners[i] as ReturnType<typeof owner>).tracked][0]?.interrupt(new Error('x'))
  await clock.advance(1000)
  assert.equal(woke.length, 500 - 167)
  for (let i = 1; i < woke.length; i++) assert.ok((woke[i] as number) >= (woke[i - 1] as number), 'woken in due order')
  assert.equal(queue.size, 0)
})

test('a crowd of sleeps due at once wakes in batches, with the event loop turning in between (responses get read)', async () => {
  const clock = new FakeClock()
  const queue = new SleepQueue(clock)
  const woke: number[] = []
  let wokenWhenMacrotaskRan = -1
  for (let i = 0; i < 300; i++) {
    void queue.sleep(100, owner()).then(() => {
      woke.push(i)
      if (i === 0) setImmediate(() => { wokenWhenMacrotaskRan = woke.length })
    })
  }
  await clock.advance(100)
  for (let i = 0; i < 10 && woke.length < 300; i++) await new Promise((resolve) => setImmediate(resolve))
  assert.deepEqual(woke, [...Array(300).keys()], 'all woke, in the order they began')
  assert.ok(wokenWhenMacrotaskRan > 0 && wokenWhenMacrotaskRan < 300, `a macrotask ran after ${wokenWhenMacrotaskRan} of 300 woke`)
})

test('a sleep begun while a crowd wakes in batches does not delay the sleeps due before it', async () => {
  const clock = new FakeClock()
  const queue = new SleepQueue(clock)
  const woke: Array<[string, number]> = []
  for (let i = 0; i < 200; i++) {
    void queue.sleep(100, owner()).then(() => {
      // Between two batches: a long sleep begins (its timer must not replace the earlier due time).
      if (i === 0) setImmediate(() => { void queue.sleep(1000, owner()).then(() => { woke.push(['long', clock.now()]) }) })
    })
  }
  void queue.sleep(105, owner()).then(() => { woke.push(['short', clock.now()]) })
  await clock.advance(100)
  for (let i = 0; i < 10; i++) await new Promise((resolve) => setImmediate(resolve))
  await clock.advance(1000)
  assert.deepEqual(woke, [['short', 105], ['long', 1100]])
})
