/**
 * When is the peak? Profiles are worth most while the system is under its
 * heaviest planned load, so the workflow collects them inside that window,
 * not between tests. The peak is the longest stretch holding the highest
 * load of the busiest scenario (already time-scaled).
 */
import type { ScenarioConfig } from '../../lab/load/index.js'

export interface PeakWindow {
  /** From the start of the test, ms. */
  startMs: number
  endMs: number
  /** VUs (or iterations/s for arrival-rate) held during the window. */
  level: number
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
      if (better) best = { startMs: seg.startMs, endMs: seg.endMs, level: seg.to }
    }
  }
  return best
}

/**
 * Where in the peak to profile: start a little after it begins (let the ramp
 * settle), take the CPU profile, then the instant ones (heap, goroutine),
 * then a short trace, all before the peak ends. CPU gets at most `maxSeconds`.
 */
export function profileSchedule (peak: PeakWindow, maxSeconds = 30): { atMs: number, cpuSeconds: number, traceSeconds: number } {
  const lengthS = (peak.endMs - peak.startMs) / 1000
  const atMs = peak.startMs + Math.round(lengthS * 100)
  const traceSeconds = Math.max(1, Math.min(5, Math.floor(lengthS * 0.1)))
  const cpuSeconds = Math.max(1, Math.min(maxSeconds, Math.floor(lengthS * 0.8) - traceSeconds - 1))
  return { atMs, cpuSeconds, traceSeconds }
}
