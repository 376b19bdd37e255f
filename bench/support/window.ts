/**
 * Pure helpers of `bench:load-peak`: where a preset's plateau is, the CPU a
 * counter used over a window, and the figures of the runner's aggregated JSON
 * output (`--out json=FILE?aggregate=1s`) over a window.
 */
import { parseDurationMs } from '../../src/lab/load/duration.js'
import { CLOCK_TICKS_PER_S, type CpuSample } from './proc.js'

export interface Stage { durationS: number, target: number }
/** From the start of the test, seconds (already time-scaled). */
export interface Plateau { startS: number, endS: number, vus: number }

/** The stages of a preset's scenario (`api` by default): ramping-vus as they are, constant-vus as one held stage. */
export function scenarioStages (preset: Record<string, unknown>, scenario = 'api'): { startVus: number, stages: Stage[] } {
  const s = (preset.scenarios as Record<string, Record<string, unknown>> | undefined)?.[scenario]
  if (s === undefined) throw new Error(`the preset has no scenario "${scenario}"`)
  const seconds = (d: unknown): number => {
    const ms = typeof d === 'number' ? d : parseDurationMs(String(d))
    if (ms === undefined) throw new Error(`not a duration: ${String(d)}`)
    return ms / 1000
  }
  if (s.executor === 'constant-vus') return { startVus: Number(s.vus), stages: [{ durationS: seconds(s.duration), target: Number(s.vus) }] }
  if (s.executor === 'ramping-vus') {
    const stages = (s.stages as Array<{ duration: unknown, target: number }>).map((st) => ({ durationS: seconds(st.duration), target: st.target }))
    return { startVus: Number(s.startVUs ?? 0), stages }
  }
  throw new Error(`scenario "${scenario}": executor ${String(s.executor)} is not supported (constant-vus, ramping-vus)`)
}

/**
 * The longest stretch holding the highest VU count, in seconds from the start,
 * every duration × `timeScale` (as `mib load --time-scale`).
 */
export function plateauOf (shape: { startVus: number, stages: Stage[] }, timeScale: number): Plateau {
  let at = 0
  let level = shape.startVus
  let best: Plateau | undefined
  for (const stage of shape.stages) {
    const seg = { startS: at, endS: at + stage.durationS * timeScale }
    if (level === stage.target && seg.endS > seg.startS) {
      if (best === undefined || level > best.vus || (level === best.vus && seg.endS - seg.startS > best.endS - best.startS)) best = { ...seg, vus: level }
    }
    at = seg.endS
    level = stage.target
  }
  if (best === undefined) throw new Error('the shape never holds a VU count (no plateau)')
  return best
}

/**
 * Counter `name`'s ticks over [fromMs, toMs] (wall clock), each end linearly
 * interpolated between the samples around it, in CPU-seconds per second (cores).
 * Undefined when a needed sample is missing (process gone, no /proc).
 */
export function coresOver (samples: CpuSample[], name: string, fromMs: number, toMs: number): number | undefined {
  const at = (t: number): number | undefined => {
    for (let i = 1; i < samples.length; i++) {
      const a = samples[i - 1] as CpuSample
      const b = samples[i] as CpuSample
      if (t < a.atMs || t > b.atMs) continue
      const ta = a.ticks[name]
      const tb = b.ticks[name]
      if (ta === undefined || tb === undefined) return undefined
      return b.atMs === a.atMs ? tb : ta + (tb - ta) * (t - a.atMs) / (b.atMs - a.atMs)
    }
    return undefined
  }
  const from = at(fromMs)
  const to = at(toMs)
  if (from === undefined || to === undefined || !(toMs > fromMs)) return undefined
  return (to - from) / CLOCK_TICKS_PER_S / ((toMs - fromMs) / 1000)
}

/** A whole-metric point of the aggregated JSON output: its window ends at `endMs`. */
export interface WindowPoint {
  metric: string
  endMs: number
  windowMs: number
  value: number
  aggregate: Record<string, number>
}

/** Whole-metric (`tags: {}`) points of the aggregated output; per-name and sub-metric points are skipped. */
export function parseAggregatedLines (lines: Iterable<string>): WindowPoint[] {
  const points: WindowPoint[] = []
  for (const line of lines) {
    if (line.trim() === '') continue
    let parsed: { type?: string, metric?: string, data?: { time?: string, value?: number, tags?: Record<string, string>, aggregate?: Record<string, number> } }
    try { parsed = JSON.parse(line) } catch { continue }
    const d = parsed.data
    if (parsed.type !== 'Point' || d?.aggregate === undefined || d.time === undefined || Object.keys(d.tags ?? {}).length > 0) continue
    points.push({ metric: parsed.metric ?? '', endMs: Date.parse(d.time), windowMs: d.aggregate.windowMs ?? 1000, value: d.value ?? 0, aggregate: d.aggregate })
  }
  return points
}

/** Start of the test: the start of the earliest window (the runner drains a window every second from its start). */
export function originMs (points: WindowPoint[]): number | undefined {
  let origin: number | undefined
  for (const p of points) origin = Math.min(origin ?? Infinity, p.endMs - p.windowMs)
  return origin
}

/** Windows of `metric` lying wholly inside [fromMs, toMs], in time order. */
export function windowsInside (points: WindowPoint[], metric: string, fromMs: number, toMs: number): WindowPoint[] {
  return points.filter((p) => p.metric === metric && p.endMs - p.windowMs >= fromMs && p.endMs <= toMs).sort((a, b) => a.endMs - b.endMs)
}

/**
 * The `q` quantile of the union of several windows' latencies, from their
 * per-window figures (count, min, p50, p90, p95, p99, max): each window's
 * distribution is taken as piecewise linear between those quantiles, and the
 * count-weighted mixture is inverted by bisection. An estimate — the windows'
 * samples are not kept — exact when the windows are alike.
 */
export function mixtureQuantile (windows: Array<Record<string, number>>, q: number): number | undefined {
  const knots = windows.filter((w) => (w.count ?? 0) > 0).map((w) => ({
    count: w.count as number,
    points: ([[w.min, 0], [w.p50, 0.5], [w.p90, 0.9], [w.p95, 0.95], [w.p99, 0.99], [w.max, 1]] as Array<[number | undefined, number]>)
      .filter((k): k is [number, number] => k[0] !== undefined && Number.isFinite(k[0]))
  }))
  if (knots.length === 0) return undefined
  const total = knots.reduce((s, k) => s + k.count, 0)
  const cdf = (points: Array<[number, number]>, x: number): number => {
    const first = points[0] as [number, number]
    if (x < first[0]) return 0
    for (let i = 1; i < points.length; i++) {
      const [x0, f0] = points[i - 1] as [number, number]
      const [x1, f1] = points[i] as [number, number]
      if (x <= x1) return x1 === x0 ? f1 : f0 + (f1 - f0) * (x - x0) / (x1 - x0)
    }
    return 1
  }
  const mixture = (x: number): number => knots.reduce((s, k) => s + k.count * cdf(k.points, x), 0) / total
  let lo = Math.min(...knots.map((k) => (k.points[0] as [number, number])[0]))
  let hi = Math.max(...knots.map((k) => (k.points[k.points.length - 1] as [number, number])[0]))
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (mixture(mid) < q) lo = mid
    else hi = mid
  }
  return hi
}
