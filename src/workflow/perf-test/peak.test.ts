import { test } from 'node:test'
import assert from 'node:assert/strict'
import { profileSchedule } from './peak.js'

const s = (ms: number): number => ms * 1000

/** Where the last staggered trace ends, from the test's start. */
const endMs = (p: ReturnType<typeof profileSchedule>, services = 3): number => p.atMs + (p.cpuSeconds + services * (p.traceSeconds + 1)) * 1000

test('profiles start 10% into the peak, the CPU window takes at most 40% of it, and the staggered traces end by 80%', () => {
  const full = { startMs: s(270), endMs: s(570), level: 1000 }
  const atFull = profileSchedule(full, 30)
  assert.deepEqual(atFull, { atMs: s(300), cpuSeconds: 30, traceSeconds: 5 })
  assert.ok(endMs(atFull) <= s(270 + 240))
  // The README's 2-minute try: a 30 s peak.
  const tenth = { startMs: s(27), endMs: s(57), level: 1000 }
  const atTenth = profileSchedule(tenth, 30)
  assert.deepEqual(atTenth, { atMs: s(30), cpuSeconds: 11, traceSeconds: 2 })
  assert.ok(endMs(atTenth) <= s(27 + 24), `ends at ${endMs(atTenth)}: a quarter of the peak is left unprofiled to compare with`)
  const short = profileSchedule({ startMs: 0, endMs: s(15), level: 10 }, 30)
  assert.ok(short.cpuSeconds >= 1 && endMs(short) < s(15))
})
