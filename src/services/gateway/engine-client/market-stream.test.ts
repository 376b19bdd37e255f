import { test } from 'node:test'
import assert from 'node:assert/strict'
import { backoffDelayMs } from './market-stream.js'

test('reconnect backoff doubles from the initial delay, stays within the cap, and is jittered', () => {
  const low = (): number => 0
  const high = (): number => 0.999999
  assert.equal(backoffDelayMs(0, 100, 2000, low), 50)
  assert.equal(backoffDelayMs(0, 100, 2000, high), 100)
  assert.equal(backoffDelayMs(3, 100, 2000, high), 800)
  assert.equal(backoffDelayMs(10, 100, 2000, high), 2000)
  assert.equal(backoffDelayMs(1000, 100, 2000, low), 1000, 'huge attempt counts do not overflow')
})
