/**
 * V8 heap sizing for a load test. Thinking VUs keep their iteration's
 * objects (promises, async frames, the last response, timers) alive across
 * their sleep, so many survive each scavenge: V8 then grows the young
 * generation to its largest (16 MB semi-spaces, 32 MB of new space) and lets
 * the old generation fill with promoted garbage up to several times its live
 * size before a full collection. Measured (BENCHMARKS.md, load runner,
 * "memory"): 1,000 VUs thinking U(0.1, 0.6) s held 50 MB of heap for ~16 MB
 * live; 10,000 VUs on two workers 175–205 MB of heap per worker for ~40 MB live.
 *
 * Sized (semi-spaces by the VUs of a thread, see autoSemiSpaceMb; after a full
 * GC the old generation may grow to 1.5× its live size), the same runs peak at
 * ~90 MB and ~240–280 MB RSS instead of ~102 MB and ~410–500 MB. Small
 * semi-spaces cost GC work when a thread has thousands of VUs (what they keep
 * across a sleep is copied, then promoted), hence `auto`. `0` (CLI
 * `--semi-space-mb 0`) keeps V8's own sizing.
 *
 * V8 reads its semi-space bounds when an isolate is created, so:
 *  - worker threads created afterwards get `--min/max-semi-space-size`;
 *  - this thread's isolate already exists (up to 16 MB): its young generation
 *    stops growing once it has reached the cap (`--semi-space-growth-factor`,
 *    read at every growth, switched after each GC), and may grow again if V8
 *    shrank it below;
 *  - `--heap-growing-percent` (read at every full GC) applies to all of them.
 * The flags are process-wide: the runner's process is the load test's.
 */
import { PerformanceObserver } from 'node:perf_hooks'
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8'

/** Semi-space cap for a thread of few VUs, MB (V8's own: 16 on 64-bit machines). */
export const DEFAULT_SEMI_SPACE_MB = 4
/** The most `auto` gives a thread (V8's own maximum). */
const MAX_AUTO_SEMI_SPACE_MB = 16
/** `auto` adds 4 MB of semi-space per this many VUs in a thread. */
const VUS_PER_4_MB = 1250

/**
 * `--semi-space-mb auto`: 4 MB per 1,250 VUs of a thread, 4 to 16 MB. With
 * thousands of VUs a thread scavenges every few tens of ms, so everything an
 * iteration keeps across its sleep (frames, promises) is copied twice and
 * promoted; semi-spaces that outlast a think time let most of it die young.
 * Measured (BENCHMARKS.md): 4,000 VUs on two workers, 16 MB instead of 4 took
 * ~13% less CPU per request for ~35 MB more RSS; a 1,000-VU thread keeps 4 MB.
 */
export function autoSemiSpaceMb (vusPerThread: number): number {
  return Math.min(MAX_AUTO_SEMI_SPACE_MB, Math.max(DEFAULT_SEMI_SPACE_MB, 4 * Math.ceil(vusPerThread / VUS_PER_4_MB)))
}
/**
 * Old generation limit after a full GC: live size × (1 + this / 100); V8's own
 * factor is dynamic, up to 4× when the program allocates fast. By VUs per
 * thread (autoHeapGrowingPercent): a thread of many VUs keeps 50 (30 saved
 * ~15 MB more at 10,000 VUs than 50 but cost more CPU at 4,000); a thread of a
 * few thousand VUs gets 150, where full GCs were most of the difference:
 * measured at 1,000 VUs of the Market Intel workload (BENCHMARKS.md, results
 * size and runner CPU), 150 took ~14% less of the runner's CPU per request
 * than 50 for ~25 MB more peak RSS (~130 MB instead of ~108).
 */
const HEAP_GROWING_PERCENT = 50
const FEW_VUS_HEAP_GROWING_PERCENT = 150
/** Up to this many VUs in a thread, the old generation may grow more between full GCs. */
const FEW_VUS_PER_THREAD = 2500

export function autoHeapGrowingPercent (vusPerThread: number): number {
  return vusPerThread <= FEW_VUS_PER_THREAD ? FEW_VUS_HEAP_GROWING_PERCENT : HEAP_GROWING_PERCENT
}
const MB = 1024 * 1024

export interface HeapTuning {
  /** A new cap for isolates created afterwards (worker threads) and this one's growth. */
  resize: (semiSpaceMb: number) => void
  /** How far the old generation may grow past its live size after a full GC, % (every thread). */
  setGrowingPercent: (percent: number) => void
  /** Back to V8's defaults (for isolates created afterwards, and this one's growth). */
  release: () => void
}

const UNTUNED: HeapTuning = { resize: () => {}, setGrowingPercent: () => {}, release: () => {} }

let active = false

/**
 * Caps the young generation at `semiSpaceMb` per semi-space and makes full
 * GCs keep the old generation near its live size, for this thread and the
 * worker threads created after the call. 0 leaves V8's defaults alone.
 */
export function tuneHeapForLoad (semiSpaceMb: number): HeapTuning {
  if (semiSpaceMb <= 0 || active) return UNTUNED
  const setCap = (mb: number): void => {
    setFlagsFromString(`--min-semi-space-size=${mb}`)
    setFlagsFromString(`--max-semi-space-size=${mb}`)
    // new_space counts both semi-spaces.
    capBytes = 2 * mb * MB
  }
  let capBytes = 0
  setCap(semiSpaceMb)
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`)
  let growing = true
  const adjust = (): void => {
    const atCap = newSpaceBytes() >= capBytes
    if (atCap === !growing) return
    growing = !atCap
    setFlagsFromString(`--semi-space-growth-factor=${growing ? 2 : 1}`)
  }
  adjust()
  const observer = new PerformanceObserver(adjust)
  observer.observe({ entryTypes: ['gc'] })
  active = true
  return {
    resize: (mb) => {
      if (!active || mb <= 0) return
      setCap(mb)
      adjust()
    },
    setGrowingPercent: (percent) => {
      if (active) setFlagsFromString(`--heap-growing-percent=${percent}`)
    },
    release: () => {
      observer.disconnect()
      // 0: V8 picks its defaults again.
      for (const flag of ['--min-semi-space-size=0', '--max-semi-space-size=0', '--heap-growing-percent=0', '--semi-space-growth-factor=2']) setFlagsFromString(flag)
      active = false
    }
  }
}

function newSpaceBytes (): number {
  for (const space of getHeapSpaceStatistics()) if (space.space_name === 'new_space') return space.space_size
  return 0
}
