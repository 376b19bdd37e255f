/**
 * The figures of `bench:soak`: per process, RSS and JS heap over time, and
 * their trends as least-squares slopes in MB per minute over the second half
 * of the run (the first half is warm-up: JIT, caches and heaps filling to
 * their working size). Pure: the samples in, the figures out.
 *
 * The verdict follows the heap, not RSS alone: V8 grows its heap's capacity
 * (and so RSS) in steps, and gives it back only at a major GC, minutes apart
 * at a moderate rate, so RSS can climb for minutes while what the program
 * holds stays flat. Growth is what the program holds: heap used plus external
 * memory (Buffers), taken as its floor (the lowest reading of each minute: a
 * reading's young generation is 0-20 MB of garbage, so raw readings swing
 * more than a leak moves in minutes). Old-generation garbage stays until the
 * next major GC, so the floor is judged only when the judged half holds
 * MIN_MAJOR_GCS major GCs; otherwise, and without heap readings, the verdict
 * falls back to RSS. RSS growth over a flat heap is reported apart ("RSS only").
 */

/** Major GCs the judged half must hold for its heap floor to be judged. */
export const MIN_MAJOR_GCS = 2
/** Width of the windows whose lowest heap reading makes the floor. */
const FLOOR_WINDOW_MS = 60_000

/**
 * One reading: wall-clock ms and bytes per process name (undefined: gone or
 * unreadable). `heapBytes`: V8 heap used + external, `majorGcs`: major GCs so
 * far, both from the service's /metrics.
 */
export interface RssSample {
  atMs: number
  rssBytes: Record<string, number | undefined>
  heapBytes?: Record<string, number | undefined>
  majorGcs?: Record<string, number | undefined>
}

export interface Trend {
  /** First and last reading of the judged half, MB. */
  startMb: number
  endMb: number
  maxMb: number
  /** Least-squares slope over the judged half, MB per minute. */
  slopeMbPerMin: number
  /** Readings the slope is fitted on. */
  points: number
}

export interface RssTrend extends Trend {
  name: string
  /** The trend of the heap's floor (used + external, lowest reading per minute); absent without heap figures. */
  heap: Trend | undefined
  /** Major GCs in the judged half (undefined: not reported). */
  majorGcs: number | undefined
  /** Whether the verdict follows the heap (else RSS: no heap readings, or too few major GCs). */
  judgedOnHeap: boolean
  /** The heap's floor grows beyond the threshold (or, when not judged on the heap, RSS does). */
  grows: boolean
  /** RSS grows beyond the threshold while the heap does not: heap sizing or the allocator, not held memory. */
  rssOnly: boolean
}

const MB = 1024 * 1024

/** Least-squares slope of y over x; undefined with fewer than two distinct x. */
export function leastSquaresSlope (points: ReadonlyArray<readonly [number, number]>): number | undefined {
  const n = points.length
  if (n < 2) return undefined
  let sx = 0
  let sy = 0
  for (const [x, y] of points) { sx += x; sy += y }
  const mx = sx / n
  const my = sy / n
  let sxx = 0
  let sxy = 0
  for (const [x, y] of points) { sxx += (x - mx) ** 2; sxy += (x - mx) * (y - my) }
  return sxx === 0 ? undefined : sxy / sxx
}

/** The trends of every named process over the second half of the samples' time span. */
export function rssTrends (samples: readonly RssSample[], names: readonly string[], thresholdMbPerMin: number): RssTrend[] {
  if (samples.length === 0) return []
  const first = (samples[0] as RssSample).atMs
  const last = (samples[samples.length - 1] as RssSample).atMs
  const judged = samples.filter((s) => s.atMs >= first + (last - first) / 2)
  const out: RssTrend[] = []
  for (const name of names) {
    const rss = trendOf(judged, first, (s) => s.rssBytes[name])
    if (rss === undefined) continue
    const heap = trendOf(floorOf(judged, (s) => s.heapBytes?.[name]), first, (s) => s.heapBytes?.[name])
    const majorGcs = majorGcsIn(judged, name)
    const judgedOnHeap = heap !== undefined && (majorGcs ?? 0) >= MIN_MAJOR_GCS
    const rssGrows = rss.slopeMbPerMin > thresholdMbPerMin
    const grows = judgedOnHeap ? heap.slopeMbPerMin > thresholdMbPerMin : rssGrows
    out.push({ name, ...rss, heap, majorGcs, judgedOnHeap, grows, rssOnly: rssGrows && !grows })
  }
  return out
}

/** The lowest-valued sample of each FLOOR_WINDOW_MS window (samples without a value skipped). */
function floorOf (judged: readonly RssSample[], value: (s: RssSample) => number | undefined): RssSample[] {
  const start = judged[0]?.atMs ?? 0
  const lowest = new Map<number, RssSample>()
  for (const s of judged) {
    const v = value(s)
    if (v === undefined) continue
    const window = Math.floor((s.atMs - start) / FLOOR_WINDOW_MS)
    const held = lowest.get(window)
    if (held === undefined || v < (value(held) ?? Infinity)) lowest.set(window, s)
  }
  return [...lowest.values()].sort((a, b) => a.atMs - b.atMs)
}

function majorGcsIn (judged: readonly RssSample[], name: string): number | undefined {
  const counts = judged.flatMap((s) => s.majorGcs?.[name] ?? [])
  return counts.length < 2 ? undefined : Math.max(...counts) - Math.min(...counts)
}

function trendOf (judged: readonly RssSample[], first: number, bytes: (s: RssSample) => number | undefined): Trend | undefined {
  const points = judged.flatMap((s) => {
    const value = bytes(s)
    return value === undefined ? [] : [[(s.atMs - first) / 60_000, value / MB] as const]
  })
  const slope = leastSquaresSlope(points)
  if (slope === undefined) return undefined
  const values = points.map(([, y]) => y)
  return {
    startMb: values[0] as number,
    endMb: values[values.length - 1] as number,
    maxMb: Math.max(...values),
    slopeMbPerMin: slope,
    points: points.length
  }
}
