import { test } from 'node:test'
import assert from 'node:assert/strict'
import { peakWindow } from './peak.js'
import type { ScenarioConfig } from './executors/config.js'

const base = { startTimeMs: 0, gracefulStopMs: 30_000, exec: 'default', env: {}, tags: {} }
const s = (ms: number): number => ms * 1000

// The seed's standard shape: 30s→100, 1m→500, 2m@500, 1m→1000, 5m@1000, 1m→500, 2m@500, 30s→0.
const standard: ScenarioConfig = {
  ...base,
  name: 'api',
  executor: 'ramping-vus',
  startVus: 0,
  gracefulRampDownMs: 30_000,
  stages: [[30, 100], [60, 500], [120, 500], [60, 1000], [300, 1000], [60, 500], [120, 500], [30, 0]]
    .map(([d, target]) => ({ durationMs: s(d as number), target: target as number }))
}

test('the peak of the standard shape is the 5-minute hold at 1000 VUs, 4.5 min in', () => {
  assert.deepEqual(peakWindow([standard]), { startMs: s(270), endMs: s(570), level: 1000, unit: 'VUs' })
})

test('a constant scenario is its own peak, shifted by its start time; the busiest scenario wins', () => {
  const ws: ScenarioConfig = { ...base, name: 'ws', executor: 'constant-vus', vus: 20, durationMs: s(780) }
  const late: ScenarioConfig = { ...base, name: 'late', startTimeMs: s(10), executor: 'constant-vus', vus: 50, durationMs: s(60) }
  assert.deepEqual(peakWindow([ws, late]), { startMs: s(10), endMs: s(70), level: 50, unit: 'VUs' })
  assert.deepEqual(peakWindow([standard, ws]), { startMs: s(270), endMs: s(570), level: 1000, unit: 'VUs' })
})

test('a shape that never holds a level has no peak to profile in', () => {
  const ramp: ScenarioConfig = { ...standard, stages: [{ durationMs: s(60), target: 100 }, { durationMs: s(60), target: 0 }] }
  assert.equal(peakWindow([ramp]), undefined)
})

test('an arrival-rate hold counts iterations per timeUnit', () => {
  const open: ScenarioConfig = { ...base, name: 'open', executor: 'constant-arrival-rate', rate: 200, timeUnitMs: 1000, durationMs: s(60), preAllocatedVus: 10, maxVus: 100, maxQueuedIterations: 0 } as ScenarioConfig
  assert.deepEqual(peakWindow([open]), { startMs: 0, endMs: s(60), level: 200, unit: 'iterations per timeUnit' })
})
