import { test } from 'node:test'
import assert from 'node:assert/strict'
import { profileSchedule } from './peak.js'

const s = (ms: number): number => ms * 1000

/** Where the last staggered trace ends, from the test's start. */
const endMs = (p: ReturnType<typeof profileSchedule>, services = 3): number => p.atMs + (p.cpuSeconds + services * (p.traceSeconds + 1)) * 1000

test('profiles start 10% into the peak, the CPU window takes at most 40% of it, and the staggered traces end by 85%', () => {
  const full = { startMs: s(270), endMs: s(570), level: 1000 }
  const atFull = profileSchedule(full, 30)
  assert.deepEqual(atFull, { atMs: s(300), cpuSeconds: 30, traceSeconds: 2 })
  assert.ok(endMs(atFull) <= s(270 + 240))
  // The README's 2-minute try: a 30 s peak.
  const tenth = { startMs: s(27), endMs: s(57), level: 1000 }
  const atTenth = profileSchedule(tenth, 30)
  assert.deepEqual(atTenth, { atMs: s(30), cpuSeconds: 12, traceSeconds: 2 })
  assert.ok(endMs(atTenth) <= s(27 + 24), `ends at ${endMs(atTenth)}: a fifth of the peak is left unprofiled to compare with`)
  // The e2e test's smoke shape at time scale 0.4: a 12 s peak still gets a few seconds of CPU profile.
  const short = profileSchedule({ startMs: 0, endMs: s(12), level: 10 }, 30)
  assert.deepEqual(short, { atMs: 1200, cpuSeconds: 3, traceSeconds: 1 })
  assert.ok(endMs(short) < s(12))
})
