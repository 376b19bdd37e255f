/**
 * The observer effect: do the profiles taken at the peak injure it? The
 * profile window (first collection's start → last one's end, recorded by the
 * workflow in the manifest's `profiling`) is compared with the rest of the
 * peak (the runner's measured peak span, the manifest's `rates.peak`, minus
 * that window): request rate, error rate, p50/p95/p99. Target (issue 14 §6):
 * inside the window, the error rate and p99 stay within 1.5× of the rest of
 * the peak; an error rate below 0.1 % counts as 0.1 % on both sides (one
 * failed request among thousands is no ratio).
 */
import type { Manifest, ManifestProfiling } from '../../results-dir/index.js'
import type { WindowAggregate, WindowSpec } from '../read/ndjson-reader.js'
import { latencyOf, type WindowSummary } from './analysis.js'

export const OBSERVER_RATIO_LIMIT = 1.5
export const OBSERVER_ERROR_FLOOR = 0.001

export interface ObserverEffect {
  /** Epoch ms. */
  windowFromMs: number
  windowToMs: number
  peakFromMs: number
  peakToMs: number
  collections: ManifestProfiling['collections']
  inside: WindowSummary
  rest: WindowSummary
  /** inside ÷ rest (error rates floored at OBSERVER_ERROR_FLOOR); null when a side has no data. */
  errorRatio: number | null
  p99Ratio: number | null
  /** Both ratios within OBSERVER_RATIO_LIMIT; null when one is unknown. */
  withinTarget: boolean | null
}

export interface ObserverWindows {
  inside: WindowSpec
  rest: WindowSpec
}

/** The two windows to aggregate, in epoch seconds; null without a profile window inside a measured peak. */
/** `untilS` (epoch s): where the peak stops counting (a chaos run's first fault). */
export function observerWindows (manifest: Manifest | undefined, untilS?: number): ObserverWindows | null {
  const peak = manifest?.rates?.peak
  const profiling = manifest?.profiling
  if (peak === undefined || profiling === undefined) return null
  const peakToMs = untilS === undefined ? peak.toMs : Math.min(peak.toMs, untilS * 1000)
  const fromMs = Math.max(peak.fromMs, profiling.fromMs)
  const toMs = Math.min(peakToMs, profiling.toMs)
  if (!(toMs > fromMs)) return null
  return {
    inside: { fromS: fromMs / 1000, toS: toMs / 1000, epoch: true },
    rest: { fromS: peak.fromMs / 1000, toS: peakToMs / 1000, epoch: true, except: { fromS: fromMs / 1000, toS: toMs / 1000 } }
  }
}

function summary (w: WindowAggregate, seconds: number): WindowSummary {
  return {
    requests: w.requests,
    rps: seconds > 0 ? w.requests / seconds : null,
    errorRate: w.failed.rate,
    latency: w.duration.count === 0 ? null : latencyOf(w.duration)
  }
}

function ratio (inside: number | null | undefined, rest: number | null | undefined, floor = 0): number | null {
  if (inside === null || inside === undefined || rest === null || rest === undefined) return null
  const denominator = Math.max(rest, floor)
  return denominator <= 0 ? null : Math.max(inside, floor) / denominator
}

export function observerEffect (manifest: Manifest | undefined, windows: ObserverWindows, inside: WindowAggregate, rest: WindowAggregate): ObserverEffect | null {
  const profiling = manifest?.profiling
  const peak = manifest?.rates?.peak
  if (profiling === undefined || peak === undefined) return null
  const insideS = windows.inside.toS - windows.inside.fromS
  const restS = (windows.rest.toS - windows.rest.fromS) - insideS
  const insideSummary = summary(inside, insideS)
  const restSummary = summary(rest, restS)
  const errorRatio = ratio(insideSummary.errorRate, restSummary.errorRate, OBSERVER_ERROR_FLOOR)
  const p99Ratio = ratio(insideSummary.latency?.p99, restSummary.latency?.p99)
  return {
    windowFromMs: windows.inside.fromS * 1000,
    windowToMs: windows.inside.toS * 1000,
    peakFromMs: peak.fromMs,
    peakToMs: windows.rest.toS * 1000,
    collections: profiling.collections,
    inside: insideSummary,
    rest: restSummary,
    errorRatio,
    p99Ratio,
    withinTarget: errorRatio === null || p99Ratio === null ? null : errorRatio <= OBSERVER_RATIO_LIMIT && p99Ratio <= OBSERVER_RATIO_LIMIT
  }
}
