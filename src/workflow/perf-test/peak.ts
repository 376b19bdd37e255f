/**
 * When to profile: inside the peak (see lab/load's peakWindow), where
 * profiles are worth most because the system is under its heaviest planned
 * load.
 */
import type { PeakWindow } from '../../lab/load/index.js'

export { peakWindow, type PeakWindow } from '../../lab/load/index.js'

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
