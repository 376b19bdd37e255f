import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseChaosPlan, CHAOS_PRESETS } from './plan.js'
import { placeInPeak, RECOVERY_MARGIN_S, RESTART_ESTIMATE_MS, scheduleFaults } from './schedule.js'
import { profileSchedule } from '../perf-test/peak.js'

const defaultPlan = parseChaosPlan(CHAOS_PRESETS.default, 'default')
// The standard shape's peak: the 5-minute hold at 1000 VUs, 4.5 min in.
const peakAt = (scale: number): { startMs: number, endMs: number, level: number } => ({ startMs: 270_000 * scale, endMs: 570_000 * scale, level: 1000 })

test('at time scale 1 the plan\'s seconds are kept and restarts are estimated in real time', () => {
  const s = scheduleFaults(defaultPlan, 1)
  assert.equal(s.holdS, 5)
  assert.deepEqual(s.faults.map((f) => [f.name, f.faultMs, f.recoveryMs]), [
    ['engine SIGKILL', 5000, 30_000], ['provider errors 50%', 20_000, 30_000], ['provider slow (p99 5 s)', 20_000, 30_000], ['gateway SIGTERM', 0, 30_000]
  ])
  assert.equal(s.budgetMs, 5000 + 20_000 + 20_000 + 4 * 30_000 + 2 * RESTART_ESTIMATE_MS)
})

test('time scale shrinks fault and recovery windows, but never a window below the hold plus its margin, nor the hold below 1 s', () => {
  const s = scheduleFaults(defaultPlan, 0.1)
  assert.equal(s.holdS, 1)
  assert.equal(s.targetS, 5, 'the recovery target is real time')
  assert.deepEqual(s.faults.map((f) => f.faultMs), [500, 2000, 2000, 0])
  for (const f of s.faults) assert.equal(f.recoveryMs, (1 + RECOVERY_MARGIN_S) * 1000)
  const half = scheduleFaults(defaultPlan, 0.5)
  assert.equal(half.holdS, 3) // 2.5 rounds to 3
  assert.equal(half.faults[0]?.recoveryMs, 15_000)
})

test('at scale 1 the default plan fits in the standard peak after full-length profiles', () => {
  const peak = peakAt(1)
  const w = placeInPeak(peak, scheduleFaults(defaultPlan, 1), 30)
  const full = profileSchedule(peak, 30)
  assert.equal(w.profileCpuSeconds, full.cpuSeconds)
  assert.ok(w.startMs >= full.atMs + (full.cpuSeconds + full.traceSeconds) * 1000, 'faults start after the profiles')
  assert.ok(w.fitsInPeak)
  assert.ok(w.endMs <= peak.endMs)
})

test('when the peak is short the profile gives way (down to 1 s); what still does not fit is said', () => {
  const peak = peakAt(0.2) // 60 s of peak
  const schedule = scheduleFaults(defaultPlan, 0.2)
  const w = placeInPeak(peak, schedule, 30)
  assert.ok(w.profileCpuSeconds < profileSchedule(peak, 30).cpuSeconds, 'shortened')
  assert.ok(w.profileCpuSeconds >= 1)
  assert.equal(w.fitsInPeak, w.endMs <= peak.endMs)
  assert.equal(w.endMs - w.startMs, schedule.budgetMs)
  const tiny = placeInPeak(peakAt(0.05), scheduleFaults(defaultPlan, 0.05), 30)
  assert.equal(tiny.profileCpuSeconds, 1)
  assert.equal(tiny.fitsInPeak, false)
})
