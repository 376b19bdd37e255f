/**
 * The figures of `bench:soak`: per process, RSS over time, and its trend as a
 * least-squares slope in MB per minute over the second half of the run (the
 * first half is warm-up: JIT, caches and heaps filling to their working size).
 * Pure: the samples in, the figures out.
 */

/** One reading: wall-clock ms and RSS bytes per process name (undefined: gone or unreadable). */
export interface RssSample { atMs: number, rssBytes: Record<string, number | undefined> }

export interface RssTrend {
  name: string
  /** RSS at the first and last reading of the judged half, MB. */
  startMb: number
  endMb: number
  maxMb: number
  /** Least-squares slope over the judged half, MB per minute. */
  slopeMbPerMin: number
  /** Readings the slope is fitted on. */
  points: number
  /** Whether the slope is above the threshold. */
  grows: boolean
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

/** The trend of every named process over the second half of the samples' time span. */
export function rssTrends (samples: readonly RssSample[], names: readonly string[], thresholdMbPerMin: number): RssTrend[] {
  if (samples.length === 0) return []
  const first = (samples[0] as RssSample).atMs
  const last = (samples[samples.length - 1] as RssSample).atMs
  const from = first + (last - first) / 2
  const judged = samples.filter((s) => s.atMs >= from)
  const out: RssTrend[] = []
  for (const name of names) {
    const points = judged.flatMap((s) => {
      const rss = s.rssBytes[name]
      return rss === undefined ? [] : [[(s.atMs - first) / 60_000, rss / MB] as const]
    })
    const slope = leastSquaresSlope(points)
    if (slope === undefined) continue
    const values = points.map(([, y]) => y)
    out.push({
      name,
      startMb: values[0] as number,
      endMb: values[values.length - 1] as number,
      maxMb: Math.max(...values),
      slopeMbPerMin: slope,
      points: points.length,
      grows: slope > thresholdMbPerMin
    })
  }
  return out
}
