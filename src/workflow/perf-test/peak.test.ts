import { test } from 'node:test'
import assert from 'node:assert/strict'
import { profileSchedule } from './peak.js'

const s = (ms: number): number => ms * 1000

test('profiles start 10% into the peak and, with the trace, end before it does', () => {
  const peak = { startMs: s(270), endMs: s(570), level: 1000, unit: 'VUs' as const }
  assert.deepEqual(profileSchedule(peak, 30), { atMs: s(300), cpuSeconds: 30, traceSeconds: 5 })
  const short = profileSchedule({ startMs: 0, endMs: s(15), level: 10, unit: 'VUs' }, 30)
  assert.deepEqual(short, { atMs: 1500, cpuSeconds: 10, traceSeconds: 1 })
  assert.ok(short.atMs + (short.cpuSeconds + short.traceSeconds) * 1000 < s(15))
})
