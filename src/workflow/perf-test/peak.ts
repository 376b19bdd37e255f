/**
 * When to profile: inside the peak (see lab/load's peakWindow), where
 * profiles are worth most because the system is under its heaviest planned
 * load.
 */
import type { PeakWindow } from '../../lab/load/index.js'

export { peakWindow, type PeakWindow } from '../../lab/load/index.js'

/**
 * Where in the peak to profile, so the profiles cost the service little and
 * the rest of the peak stays a fair comparison: start 10% into the peak (the
 * ramp settles), CPU of every service together for at most 40% of the peak
 * (and `maxSeconds`), then the instant heap and goroutine profiles, then a
 * short trace of one service after the other (`services` × (trace + 1 s of
 * flush)), all done by 85% of the peak (a 30 s peak keeps ~6 s unprofiled).
 */
export function profileSchedule (peak: PeakWindow, maxSeconds = 30, services = 3): { atMs: number, cpuSeconds: number, traceSeconds: number } {
  const lengthS = (peak.endMs - peak.startMs) / 1000
  const atMs = peak.startMs + Math.round(lengthS * 100)
  const traceSeconds = Math.max(1, Math.min(5, Math.floor(lengthS * 0.07)))
  const traceBudgetS = services * (traceSeconds + 1)
  const cpuSeconds = Math.max(1, Math.min(maxSeconds, Math.floor(lengthS * 0.4), Math.floor(lengthS * 0.85 - traceBudgetS - 1)))
  return { atMs, cpuSeconds, traceSeconds }
}
