/**
 * Stage boundaries on the time axis, and the peak window the throughput
 * target is judged on.
 */
import type { Stage } from '../../results-dir/index.js'
import type { SecondStats } from '../read/ndjson-reader.js'

export interface StageMark {
  name: string
  /** Epoch seconds. */
  start: number
  end: number
  target: number | null
}

export interface PeakWindow {
  /** Epoch seconds, [start, end). */
  start: number
  end: number
  /** How the window was chosen. */
  source: 'stages' | 'vus' | 'run'
  label: string
}

const UNIT_S: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001, us: 0.000001, µs: 0.000001, ns: 0.000000001 }

/** A k6 duration ("1m30s", "500ms", "2h") or a number of seconds; NaN when unreadable. */
export function durationSeconds (duration: string | number): number {
  if (typeof duration === 'number') return duration
  const parts = duration.trim().match(/(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/g)
  if (parts === null || parts.join('') !== duration.trim().replace(/\s+/g, '')) {
    const plain = Number(duration)
    return Number.isFinite(plain) ? plain : Number.NaN
  }
  return parts.reduce((sum, part) => {
    const [, n = '0', unit = 's'] = /^(\d+(?:\.\d+)?)(\D+)$/.exec(part) ?? []
    return sum + Number(n) * (UNIT_S[unit] ?? Number.NaN)
  }, 0)
}

/** Stages laid end to end from `startS`, each duration multiplied by the time scale. */
export function stageMarks (stages: Stage[] | undefined, timeScale: number | undefined, startS: number): StageMark[] {
  if (stages === undefined) return []
  const scale = timeScale ?? 1
  const marks: StageMark[] = []
  let at = startS
  stages.forEach((stage, i) => {
    const length = (stage.durationMs !== undefined ? stage.durationMs / 1000 : durationSeconds(stage.duration ?? Number.NaN)) * scale
    if (!Number.isFinite(length)) return
    const target = stage.target ?? null
    marks.push({ name: stage.name ?? `stage ${i + 1}${target === null ? '' : ` → ${target}`}`, start: at, end: at + length, target })
    at += length
  })
  return marks
}

/**
 * The peak: the stages that hold the highest target (ramped to it and staying),
 * else those that reach it; without stages, the seconds at the highest VU count;
 * without VU data either, the whole run.
 */
export function peakWindow (marks: StageMark[], seconds: SecondStats[]): PeakWindow | null {
  const fromStages = peakFromStages(marks)
  if (fromStages !== null) return fromStages
  const withVus = seconds.filter((s) => s.vus !== null)
  if (withVus.length > 0) {
    const max = Math.max(...withVus.map((s) => s.vus ?? 0))
    const atMax = withVus.filter((s) => s.vus === max)
    const first = atMax[0]
    const last = atMax.at(-1)
    if (first !== undefined && last !== undefined) return { start: first.time, end: last.time + 1, source: 'vus', label: `seconds at the highest VU count (${max})` }
  }
  const first = seconds[0]
  const last = seconds.at(-1)
  if (first === undefined || last === undefined) return null
  return { start: first.time, end: last.time + 1, source: 'run', label: 'the whole run (no stages, no VU data)' }
}

export function peakFromStages (marks: StageMark[]): PeakWindow | null {
  const targets = marks.map((m) => m.target).filter((t): t is number => t !== null)
  if (targets.length === 0) return null
  const max = Math.max(...targets)
  const holding = marks.flatMap((m, i) => m.target === max && i > 0 && marks[i - 1]?.target === max ? [i] : [])
  const indices = holding.length > 0 ? holding : marks.flatMap((m, i) => m.target === max ? [i] : [])
  // Only the first contiguous block: a second visit to the peak later in the run is not merged with the first.
  const block = indices.filter((index, k) => index - k === indices[0])
  const chosen = block.map((i) => marks[i]).filter((m): m is StageMark => m !== undefined)
  const first = chosen[0]
  const last = chosen.at(-1)
  if (first === undefined || last === undefined) return null
  return { start: first.start, end: last.end, source: 'stages', label: chosen.map((m) => m.name).join(', ') }
}

/**
 * Mean requests per second over the whole seconds inside the window; the two
 * edge seconds are partial and would bias the mean down.
 */
export function meanRpsIn (window: PeakWindow, seconds: SecondStats[]): number | null {
  const from = Math.ceil(window.start)
  const to = Math.floor(window.end)
  if (to <= from) return null
  let requests = 0
  for (const s of seconds) if (s.time >= from && s.time < to) requests += s.requests
  return requests / (to - from)
}
