import { test } from 'node:test'
import assert from 'node:assert/strict'
import { FaultInjector, MAX_DELAY_MS, sampleLatencyMs } from './faults.js'
import { DEFAULT_KNOBS } from './knobs.js'

test('latency is log-normal with the configured median and p99', () => {
  const injector = new FaultInjector(1, () => ({ ...DEFAULT_KNOBS, latencyMedianMs: 50, latencyP99Ms: 400 }))
  const delays = Array.from({ length: 20_000 }, () => injector.plan().delayMs).sort((a, b) => a - b)
  const median = delays[delays.length / 2] ?? 0
  const p99 = delays[Math.floor(delays.length * 0.99)] ?? 0
  assert.ok(Math.abs(median / 50 - 1) < 0.1, `median ${median}`)
  assert.ok(Math.abs(p99 / 400 - 1) < 0.2, `p99 ${p99}`)
})

test('a median of 0 means no delay, and equal median and p99 a constant one', () => {
  assert.equal(sampleLatencyMs(0, 500, 3), 0)
  assert.equal(sampleLatencyMs(80, 80, 3), 80)
  assert.equal(sampleLatencyMs(60_000, 120_000, 50), MAX_DELAY_MS)
})

test('the error rate is the share of failed calls, split between 500, 503 and 429', () => {
  const injector = new FaultInjector(2, () => ({ ...DEFAULT_KNOBS, errorRate: 0.3 }))
  const plans = Array.from({ length: 20_000 }, () => injector.plan())
  const failed = plans.filter((p) => p.failWith !== undefined)
  assert.ok(Math.abs(failed.length / plans.length - 0.3) < 0.02)
  assert.deepEqual(new Set(failed.map((p) => p.failWith)), new Set([500, 503, 429]))
  const never = new FaultInjector(2, () => DEFAULT_KNOBS)
  assert.ok(Array.from({ length: 1000 }, () => never.plan()).every((p) => p.failWith === undefined && p.delayMs === 0))
})
