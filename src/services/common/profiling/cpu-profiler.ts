/**
 * Owns V8's process-wide CPU profiler (through @datadog/pprof's wall profiler)
 * and keeps it running at the default rate while profiling is mounted, as
 * continuous profilers do ("warm").
 *
 * Why: starting V8's profiler logs every function already compiled, which
 * walks the whole heap on the main thread. In the gateway at the seed's
 * 1,000-VU peak that stalled the event loop 0.3–0.5 s at every profile start
 * (`make perf-test`: the profile window's p99 was 5.2× the rest of the peak).
 * A running profiler is restarted in ~10–30 ms because it keeps its code map,
 * and its sampling thread costs ~0.7 % of the process's CPU (docs/profiling.md).
 * Between profiles its samples are dropped every DISCARD_EVERY_MS, so the
 * restart stays cheap and the kept samples bounded.
 *
 * A profile at another rate than the warm one pays a cold start (and the warm
 * profiler's restart after it), as before.
 */
import type { SourceMapper, time as Time } from '@datadog/pprof'
import { ProfilerUnavailableError } from './errors.js'
import { MAX_SECONDS } from './params.js'
import { pprof } from './samplers.js'

/** How often a warm profiler between profiles drops its samples (one cheap restart, ~10–30 ms under load). */
export const DISCARD_EVERY_MS = 60_000
/** V8 caps a profile's samples at durationMillis ÷ interval: room for the longest window after a full discard period. */
const WARM_DURATION_MS = (MAX_SECONDS * 1000 + DISCARD_EVERY_MS) * 2

interface Warm {
  hz: number
  sourceMapper?: SourceMapper
  users: number
  /** A profile window is using the running profiler: the discard timer leaves it alone. */
  busy: boolean
  /** Stopped for a profile at another rate; restarted after it. */
  suspended: boolean
  timer: NodeJS.Timeout
}

let warm: Warm | undefined

/** A collected profile, serialized in the pprof model (what `encode` takes). */
export type CpuProfile = ReturnType<typeof Time.stop>

function intervalMicros (hz: number): number {
  return Math.round(1_000_000 / hz)
}

function startProfiler (hz: number, durationMillis: number, sourceMapper: SourceMapper | undefined): void {
  pprof().time.start({
    intervalMicros: intervalMicros(hz),
    durationMillis,
    ...(sourceMapper === undefined ? {} : { sourceMapper })
  })
}

/**
 * Keeps the profiler warm at `hz` until the returned release is called (by
 * every user: the count is per process). Does nothing when another component
 * of the process (an APM agent) already runs the profiler.
 */
export function acquireWarmCpuProfiler (hz: number, sourceMapper?: SourceMapper): () => void {
  if (warm === undefined) {
    if (pprof().time.isStarted()) return () => {}
    startProfiler(hz, WARM_DURATION_MS, sourceMapper)
    const timer = setInterval(discardIdleSamples, DISCARD_EVERY_MS)
    timer.unref()
    warm = { hz, ...(sourceMapper === undefined ? {} : { sourceMapper }), users: 0, busy: false, suspended: false, timer }
  }
  const w = warm
  w.users++
  let released = false
  return () => {
    if (released) return
    released = true
    w.users--
    if (w.users > 0 || warm !== w) return
    clearInterval(w.timer)
    warm = undefined
    // A window in progress stops the profiler itself when it ends.
    if (!w.busy && !w.suspended) pprof().time.stop()
  }
}

function discardIdleSamples (): void {
  if (warm === undefined || warm.busy || warm.suspended) return
  pprof().time.stop(true)
}

/** True when the warm profiler runs (the process's CPU profile windows start without a stall). */
export function isCpuProfilerWarm (): boolean {
  return warm !== undefined && !warm.suspended
}

/**
 * Samples for the time `wait` takes and returns the profile. Uses the warm
 * profiler when it runs at `hz`; otherwise starts one for the window.
 * One window at a time: the caller holds the 'CPU profile' slot.
 */
export async function profileWindow (hz: number, durationMs: number, sourceMapper: SourceMapper | undefined, wait: () => Promise<unknown>): Promise<CpuProfile> {
  const w = warm
  if (w !== undefined && w.hz === hz) return await warmWindow(w, wait)
  return await coldWindow(w, { hz, durationMs, sourceMapper }, wait)
}

async function warmWindow (w: Warm, wait: () => Promise<unknown>): Promise<CpuProfile> {
  const { time } = pprof()
  w.busy = true
  try {
    time.stop(true) // drops the samples taken before the window
    await wait()
    // Released during the window (the service is closing): stop for good.
    return time.stop(warm === w)
  } finally {
    w.busy = false
  }
}

async function coldWindow (w: Warm | undefined, cold: { hz: number, durationMs: number, sourceMapper: SourceMapper | undefined }, wait: () => Promise<unknown>): Promise<CpuProfile> {
  const { time } = pprof()
  if (w !== undefined) {
    time.stop()
    w.suspended = true
  }
  try {
    // Another library (an APM agent) may own the process-wide profiler.
    if (time.isStarted()) throw new ProfilerUnavailableError('the CPU profiler', 'already started by another component of this process')
    startProfiler(cold.hz, cold.durationMs, cold.sourceMapper)
    await wait()
    return time.stop()
  } finally {
    if (w !== undefined) {
      w.suspended = false
      if (warm === w) startProfiler(w.hz, WARM_DURATION_MS, w.sourceMapper)
    }
  }
}
