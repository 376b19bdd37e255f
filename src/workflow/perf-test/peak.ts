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
/**
 * Longest trace of one service at the peak. When tracing stops, Node hands the
 * service all the trace's events in one inspector message and parses it on the
 * main thread: at ~2,850 req/s a 5 s trace (tens of thousands of events)
 * stalled the gateway ~0.3 s (the full `make perf-test`, p99 269 ms in that
 * second). 2 s still holds ~5,000 requests of each service.
 */
export const MAX_PEAK_TRACE_SECONDS = 2

export function profileSchedule (peak: PeakWindow, maxSeconds = 30, services = 3): { atMs: number, cpuSeconds: number, traceSeconds: number } {
  const lengthS = (peak.endMs - peak.startMs) / 1000
  const atMs = peak.startMs + Math.round(lengthS * 100)
  const traceSeconds = Math.max(1, Math.min(MAX_PEAK_TRACE_SECONDS, Math.floor(lengthS * 0.07)))
  const traceBudgetS = services * (traceSeconds + 1)
  const cpuSeconds = Math.max(1, Math.min(maxSeconds, Math.floor(lengthS * 0.4), Math.floor(lengthS * 0.85 - traceBudgetS - 1)))
  return { atMs, cpuSeconds, traceSeconds }
}
