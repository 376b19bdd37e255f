import { test } from 'node:test'
import assert from 'node:assert/strict'
import { setTimeout as sleep } from 'node:timers/promises'
import { acquireWarmCpuProfiler, isCpuProfilerWarm, profileWindow, type CpuProfile } from './cpu-profiler.js'
import { ProfilerUnavailableError } from './errors.js'
import { pprof } from './samplers.js'
import { cumulativeByFunction, decodePprof } from './fixtures/test-helpers.js'

function spinBeforeTheWindow (ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) Math.sqrt(Math.random())
}

function spinInsideTheWindow (ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) Math.sqrt(Math.random())
}

/** Run only in the cold window: code V8 optimised before a cold profiler started can be missing from it (docs/profiling.md). */
function spinInTheColdWindow (ms: number): void {
  const end = performance.now() + ms
  while (performance.now() < end) Math.sqrt(Math.random())
}

/** Spins in short slices so timers (the window's end) still run. */
async function spinFor (ms: number, spin: (ms: number) => void): Promise<void> {
  const end = performance.now() + ms
  while (performance.now() < end) {
    spin(20)
    await sleep(1)
  }
}

/** Through the encoder and back, as a client reads it: wall time by function. */
async function byFunction (profile: CpuProfile): Promise<Map<string, number>> {
  return cumulativeByFunction(decodePprof(await pprof().encode(profile)))
}

async function functionNames (profile: CpuProfile): Promise<string[]> {
  return [...(await byFunction(profile)).keys()]
}

test('a warm profiler runs from mount to release; a window keeps only the samples taken inside it', async () => {
  const { time } = pprof()
  assert.equal(time.isStarted(), false)
  const release = acquireWarmCpuProfiler(100)
  try {
    assert.equal(time.isStarted(), true)
    assert.equal(isCpuProfilerWarm(), true)
    await spinFor(300, spinBeforeTheWindow)
    const profile = await profileWindow(100, 400, undefined, async () => { await spinFor(400, spinInsideTheWindow) })
    const wall = await byFunction(profile)
    const inside = wall.get('spinInsideTheWindow') ?? 0
    assert.ok(inside > 0, [...wall.keys()].join(', '))
    // V8's profiler thread may still be processing the last ticks taken before the restart; those few can land in
    // the new profile. The 300 ms spun before the window must not.
    const before = wall.get('spinBeforeTheWindow') ?? 0
    assert.ok(before < inside * 0.2, `${before} ns of the spin before the window kept, ${inside} ns inside it`)
    assert.equal(time.isStarted(), true, 'still warm after the window')
  } finally {
    release()
  }
  assert.equal(time.isStarted(), false, 'the last release stops the profiler')
  assert.equal(isCpuProfilerWarm(), false)
})

test('users share one warm profiler: it stops with the last release', () => {
  const { time } = pprof()
  const first = acquireWarmCpuProfiler(100)
  const second = acquireWarmCpuProfiler(100)
  first()
  first()
  assert.equal(time.isStarted(), true)
  second()
  assert.equal(time.isStarted(), false)
})

test('a window at another rate starts its own profiler and leaves the warm one running after it', async () => {
  const { time } = pprof()
  const release = acquireWarmCpuProfiler(100)
  try {
    const profile = await profileWindow(250, 300, undefined, async () => {
      assert.equal(isCpuProfilerWarm(), false, 'the warm profiler is suspended during the window')
      await spinFor(300, spinInTheColdWindow)
    })
    assert.ok((await functionNames(profile)).includes('spinInTheColdWindow'))
    assert.equal(isCpuProfilerWarm(), true)
    assert.equal(time.isStarted(), true)
  } finally {
    release()
  }
  assert.equal(time.isStarted(), false)
})

test('released during a window (the service closing), the profiler stops when the window ends', async () => {
  const { time } = pprof()
  const release = acquireWarmCpuProfiler(100)
  const profile = await profileWindow(100, 200, undefined, async () => {
    release()
    await spinFor(200, spinInsideTheWindow)
  })
  assert.ok(profile.sample.length > 0)
  assert.equal(time.isStarted(), false)
})

test('when another component owns the profiler, nothing is warmed and a window is refused', async () => {
  const { time } = pprof()
  time.start({ intervalMicros: 10_000 })
  try {
    const release = acquireWarmCpuProfiler(100)
    assert.equal(isCpuProfilerWarm(), false)
    await assert.rejects(profileWindow(100, 100, undefined, async () => {}), ProfilerUnavailableError)
    release()
    assert.equal(time.isStarted(), true, 'the other owner\'s profiler is left running')
  } finally {
    time.stop()
  }
})
