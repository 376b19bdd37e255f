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
 * memory (Buffers). RSS growth over a flat heap is reported apart ("RSS
 * only"), and judged as growth only when no heap readings exist.
 */

/**
 * One reading: wall-clock ms and bytes per process name (undefined: gone or
 * unreadable). `heapBytes`: V8 heap used + external, from the service's /metrics.
 */
export interface RssSample {
  atMs: number
  rssBytes: Record<string, number | undefined>
  heapBytes?: Record<string, number | undefined>
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
  /** The heap's trend (used + external); absent when the process serves no heap figures. */
  heap: Trend | undefined
  /** The heap grows beyond the threshold (or, without heap readings, RSS does). */
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
    const heap = trendOf(judged, first, (s) => s.heapBytes?.[name])
    const rssGrows = rss.slopeMbPerMin > thresholdMbPerMin
    const grows = heap === undefined ? rssGrows : heap.slopeMbPerMin > thresholdMbPerMin
    out.push({ name, ...rss, heap, grows, rssOnly: rssGrows && !grows })
  }
  return out
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
