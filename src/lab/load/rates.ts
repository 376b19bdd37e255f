/**
 * The request rate asked and delivered at the test's peak and over the whole
 * test (pacing.ts says how "asked" is measured), for the end-of-test summary,
 * LoadTestResult and the reports.
 */
import type { ScenarioConfig } from './executors/config.js'
import type { ExecutorStatus } from './executors/types.js'
import { RateTracker, summarizeRate, type RateSummary } from './pacing.js'
import { peakWindow, type PeakWindow } from './peak.js'
import { formatDuration } from './duration.js'

export interface PeakRate extends RateSummary {
  /** Epoch ms of the measured span (whole ticks inside the planned peak). */
  fromMs: number
  toMs: number
  /** VUs (or iterations per timeUnit) the schedule holds there. */
  level: number
  unit: NonNullable<PeakWindow['unit']>
}

export interface RateReport {
  /** The longest stretch at the highest planned load; undefined when the schedule has no hold or the test ended before it. */
  peak: PeakRate | undefined
  whole: RateSummary | undefined
}

export class RateBooks {
  readonly #peak: RateTracker | undefined
  readonly #plan: PeakWindow | undefined
  readonly #whole: RateTracker

  constructor (scenarios: readonly ScenarioConfig[]) {
    this.#plan = peakWindow(scenarios)
    this.#peak = this.#plan === undefined ? undefined : new RateTracker(this.#plan.startMs, this.#plan.endMs)
    // The whole test, graceful stops included.
    this.#whole = new RateTracker(0, Number.POSITIVE_INFINITY)
  }

  tick (fromMs: number, toMs: number, requests: number, statuses: readonly ExecutorStatus[]): void {
    this.#peak?.tick(fromMs, toMs, requests, statuses)
    this.#whole.tick(fromMs, toMs, requests, statuses)
  }

  /** `startedAtMs`: epoch ms of the test's start (elapsed 0). */
  report (startedAtMs: number): RateReport {
    const peakWindow = this.#peak?.window()
    const peak = peakWindow === undefined ? undefined : summarizeRate(peakWindow)
    const whole = this.#whole.window()
    return {
      peak: peak === null || peak === undefined || peakWindow === undefined || this.#plan === undefined
        ? undefined
        : { ...peak, fromMs: startedAtMs + peakWindow.fromMs, toMs: startedAtMs + peakWindow.toMs, level: this.#plan.level, unit: this.#plan.unit ?? 'VUs' },
      whole: whole === undefined ? undefined : (summarizeRate(whole) ?? undefined)
    }
  }
}

const rate = (rps: number): string => `${rps.toLocaleString('en-US', { maximumFractionDigits: rps < 100 ? 1 : 0 })} req/s`

/** "2,857 req/s asked, 1,256 req/s delivered (44.0%)", or why nothing finite was asked. */
export function formatAskedDelivered (r: RateSummary): string {
  const think = r.thinkPerRequestMs === null ? '' : `; think time ${(r.thinkPerRequestMs / 1000).toFixed(2)} s per request`
  if (r.intendedRps === null) return `${rate(r.deliveredRps)} delivered (asked: as fast as answered — no think time)`
  return `${rate(r.intendedRps)} asked, ${rate(r.deliveredRps)} delivered${r.share === null ? '' : ` (${(r.share * 100).toFixed(1)}%)`}${think}`
}

export function formatRates (report: RateReport): string {
  const lines: string[] = []
  if (report.peak !== undefined) {
    lines.push(`       at the peak (${report.peak.level.toLocaleString('en-US')} ${report.peak.unit}, ${formatDuration(report.peak.seconds * 1000)} measured): ${formatAskedDelivered(report.peak)}`)
  }
  if (report.whole !== undefined) lines.push(`       over the test: ${formatAskedDelivered(report.whole)}`)
  if (lines.length === 0) return ''
  return `${['', '     request rate asked vs delivered (asked: the rate if every answer were instant = delivered × Σ iteration duration ÷ Σ think time; docs/load.md):', ...lines].join('\n')}\n\n`
}
