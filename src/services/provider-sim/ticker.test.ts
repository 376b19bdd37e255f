import { test } from 'node:test'
import assert from 'node:assert/strict'
import { Ticker } from './ticker.js'

// Node's mock timers drive setInterval and Date together: pacing is checked
// without depending on how busy the machine is.
// Node 20's mock fires an interval at most once per tick() call: advance in small steps.
function advance (t: import('node:test').TestContext, ms: number): void {
  for (let elapsed = 0; elapsed < ms; elapsed += 5) t.mock.timers.tick(5)
}

function counting (): { ticker: Ticker, steps: () => number } {
  let total = 0
  const ticker = new Ticker((n) => { total += n })
  return { ticker, steps: () => total }
}

test('the ticker runs tickRateHz steps per second', (t) => {
  t.mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 })
  const { ticker, steps } = counting()
  t.after(() => { ticker.stop() })
  ticker.setRate(4)
  advance(t, 1000)
  assert.equal(steps(), 4)
  advance(t, 2000)
  assert.equal(steps(), 12)
})

test('rates above what a timer can fire are met by several steps per fire', (t) => {
  t.mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 })
  const { ticker, steps } = counting()
  t.after(() => { ticker.stop() })
  ticker.setRate(500)
  advance(t, 1000)
  assert.equal(steps(), 500)
})

test('rate 0 pauses, and a new rate re-paces from now', (t) => {
  t.mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 })
  const { ticker, steps } = counting()
  t.after(() => { ticker.stop() })
  ticker.setRate(10)
  advance(t, 500)
  assert.equal(steps(), 5)
  ticker.setRate(0)
  advance(t, 5000)
  assert.equal(steps(), 5)
  ticker.setRate(2)
  advance(t, 1000)
  assert.equal(steps(), 7)
})

test('after a stall the backlog is capped, not replayed as a burst', (t) => {
  t.mock.timers.enable({ apis: ['setInterval', 'Date'], now: 1_000_000 })
  const sizes: number[] = []
  const ticker = new Ticker((n) => { sizes.push(n) })
  t.after(() => { ticker.stop() })
  ticker.setRate(10)
  // One tick() of 5 s fires the interval once: the event loop was blocked that long.
  t.mock.timers.tick(5000)
  assert.deepEqual(sizes, [4])
})
