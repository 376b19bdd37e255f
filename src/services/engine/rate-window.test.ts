import { test } from 'node:test'
import assert from 'node:assert/strict'
import { RateWindow } from './rate-window.js'

test('the rate averages the events of the last window seconds and forgets older ones', () => {
  let now = 1_000_000
  const rate = new RateWindow(10, () => now)
  for (let s = 0; s < 10; s++) {
    rate.record(20)
    now += 1000
  }
  now -= 1000 // still in the 10th second
  assert.equal(rate.perSecond(), 20)
  now += 5_000
  assert.equal(rate.perSecond(), 10) // 5 of the 10 seconds had events
  now += 60_000
  assert.equal(rate.perSecond(), 0)
})

test('a young window divides by its age, not by the whole window', () => {
  let now = 5_000
  const rate = new RateWindow(10, () => now)
  rate.record(30)
  now += 1_000
  rate.record(30)
  assert.equal(rate.perSecond(), 30)
})
