/**
 * When is the peak of a test? The longest stretch holding the highest load of
 * the busiest scenario, from its (already time-scaled) schedule. The runner
 * states the rate asked and delivered there; the perf-test workflow profiles
 * the services inside it.
 */
import { isArrivalRate, type ScenarioConfig } from './executors/config.js'

export interface PeakWindow {
  /** From the start of the test, ms. */
  startMs: number
  endMs: number
  /** VUs (or iterations per timeUnit for arrival-rate) held during the window. */
  level: number
  /** What `level` counts (absent: VUs). */
  unit?: 'VUs' | 'iterations per timeUnit'
}

interface Segment { startMs: number, endMs: number, from: number, to: number }

function segments (s: ScenarioConfig): Segment[] {
  const start = s.startTimeMs
  switch (s.executor) {
    case 'constant-vus': return [{ startMs: start, endMs: start + s.durationMs, from: s.vus, to: s.vus }]
    case 'constant-arrival-rate': return [{ startMs: start, endMs: start + s.durationMs, from: s.rate, to: s.rate }]
    case 'ramping-vus':
    case 'ramping-arrival-rate': {
      let at = start
      let level = s.executor === 'ramping-vus' ? s.startVus : s.startRate
      return s.stages.map((stage) => {
        const seg = { startMs: at, endMs: at + stage.durationMs, from: level, to: stage.target }
        at = seg.endMs
        level = stage.target
        return seg
      })
    }
    default: return [{ startMs: start, endMs: start + s.maxDurationMs, from: s.vus, to: s.vus }]
  }
}

export function peakWindow (scenarios: readonly ScenarioConfig[]): PeakWindow | undefined {
  let best: PeakWindow | undefined
  for (const scenario of scenarios) {
    for (const seg of segments(scenario)) {
      const holds = seg.from === seg.to && seg.endMs > seg.startMs
      if (!holds) continue
      const better = best === undefined || seg.to > best.level ||
        (seg.to === best.level && seg.endMs - seg.startMs > best.endMs - best.startMs)
      if (better) best = { startMs: seg.startMs, endMs: seg.endMs, level: seg.to, unit: isArrivalRate(scenario) ? 'iterations per timeUnit' : 'VUs' }
    }
  }
  return best
}
