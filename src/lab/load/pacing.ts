/**
 * The request rate the VUs asked for, beside the one they got.
 *
 * A closed-model VU (ramping-vus, constant-vus, …) runs iteration after
 * iteration: requests, then think time (sleep). Its rate depends on the
 * answers: the slower they come, the fewer requests it sends. What it *asks*
 * is the rate it would send if every answer were instant: its iterations would
 * last their think time only. Over a window, with ΣD the iterations' measured
 * durations and Σs the sleep they asked (both over iterations that sent at
 * least one HTTP request), the VUs would run ΣD / Σs times as many of them:
 *
 *   intended req/s = delivered req/s × ΣD / Σs
 *
 * which, with ΣD ≈ VU-seconds, is VUs × requests per iteration ÷ think time
 * per iteration — measured, not assumed (1,000 VUs thinking U(0.1, 0.6) s:
 * ~2,857 req/s). Time the runner itself loses (late timers, script CPU) is
 * inside D, so it counts as asked and not delivered. An open-model scenario
 * (arrival-rate) asks its schedule's iterations × its requests per iteration.
 * A closed scenario that sends requests without any think time asks "as fast
 * as answered": no finite intended rate.
 */
import type { ExecutorStatus } from './executors/types.js'

/** Cumulative books of the iterations that sent at least one HTTP request. */
export interface Pacing {
  iterations: number
  requests: number
  /** Σ iteration_duration, ms. */
  durationMs: number
  /** Σ sleep() asked (after --fast-forward scaling), ms. */
  thinkMs: number
}

export const NO_PACING: Readonly<Pacing> = Object.freeze({ iterations: 0, requests: 0, durationMs: 0, thinkMs: 0 })

export function addPacing (into: Pacing, more: Readonly<Pacing>): void {
  into.iterations += more.iterations
  into.requests += more.requests
  into.durationMs += more.durationMs
  into.thinkMs += more.thinkMs
}

function minus (a: Readonly<Pacing>, b: Readonly<Pacing>): Pacing {
  return { iterations: a.iterations - b.iterations, requests: a.requests - b.requests, durationMs: a.durationMs - b.durationMs, thinkMs: a.thinkMs - b.thinkMs }
}

/** What one scenario did within a window: its pacing and its schedule's arrivals. */
interface ScenarioWindow {
  /** Arrival-rate: the schedule says what is asked. */
  open: boolean
  pacing: Pacing
  intendedIterations: number
}

/** Requests asked and delivered over one window of the test (the peak, or the whole test). */
export interface RateWindow {
  /** From the test's start, ms. */
  fromMs: number
  toMs: number
  /** http_reqs completed in the window. */
  requests: number
  /** Requests the schedule and the VUs' think time asked for; null when a closed scenario sends without thinking. */
  intendedRequests: number | null
  /** Σ sleep asked per HTTP request of the closed scenarios, ms (null without closed-scenario requests). */
  thinkPerRequestMs: number | null
}

export interface RateSummary {
  /** Seconds of the window actually measured. */
  seconds: number
  deliveredRps: number
  intendedRps: number | null
  /** delivered ÷ intended. */
  share: number | null
  thinkPerRequestMs: number | null
}

export function summarizeRate (w: RateWindow): RateSummary | null {
  const seconds = (w.toMs - w.fromMs) / 1000
  if (!(seconds > 0)) return null
  const deliveredRps = w.requests / seconds
  const intendedRps = w.intendedRequests === null ? null : w.intendedRequests / seconds
  return {
    seconds,
    deliveredRps,
    intendedRps,
    share: intendedRps === null || intendedRps <= 0 ? null : deliveredRps / intendedRps,
    thinkPerRequestMs: w.thinkPerRequestMs
  }
}

/**
 * Accumulates, tick by tick, the requests delivered and asked within
 * [fromMs, toMs) of the test (a tick counts when it lies wholly inside).
 * Each scenario's books are pooled over the window before the ratio is taken.
 */
export class RateTracker {
  readonly #fromMs: number
  readonly #toMs: number
  #measuredFromMs: number | undefined
  #measuredToMs: number | undefined
  #requests = 0
  #scenarios: ScenarioWindow[] = []
  #previous: Array<{ pacing: Pacing, intendedIterations: number }> = []

  constructor (fromMs: number, toMs: number) {
    this.#fromMs = fromMs
    this.#toMs = toMs
  }

  /** One tick: its span (ms from the test's start) and the requests completed in it; the statuses are cumulative. */
  tick (fromMs: number, toMs: number, requests: number, statuses: readonly ExecutorStatus[]): void {
    const inside = fromMs >= this.#fromMs && toMs <= this.#toMs && toMs > fromMs
    statuses.forEach((s, i) => {
      const now = { pacing: { ...(s.pacing ?? NO_PACING) }, intendedIterations: s.intendedIterations }
      const before = this.#previous[i] ?? { pacing: NO_PACING, intendedIterations: 0 }
      this.#previous[i] = now
      if (!inside) return
      const sum = this.#scenarios[i] ??= { open: isOpen(s), pacing: { ...NO_PACING }, intendedIterations: 0 }
      addPacing(sum.pacing, minus(now.pacing, before.pacing))
      sum.intendedIterations += now.intendedIterations - before.intendedIterations
    })
    if (!inside) return
    this.#measuredFromMs ??= fromMs
    this.#measuredToMs = toMs
    this.#requests += requests
  }

  /** What was measured; undefined when no tick fell inside the window. */
  window (): RateWindow | undefined {
    if (this.#measuredFromMs === undefined || this.#measuredToMs === undefined) return undefined
    let intended = 0
    let unbounded = false
    let closedRequests = 0
    let closedThinkMs = 0
    for (const { open, pacing: p, intendedIterations } of this.#scenarios) {
      if (p.requests <= 0) continue
      if (open) { intended += intendedIterations * p.requests / Math.max(p.iterations, 1); continue }
      closedRequests += p.requests
      closedThinkMs += p.thinkMs
      if (p.thinkMs <= 0) unbounded = true
      else intended += p.requests * p.durationMs / p.thinkMs
    }
    return {
      fromMs: this.#measuredFromMs,
      toMs: this.#measuredToMs,
      requests: this.#requests,
      intendedRequests: unbounded ? null : intended,
      thinkPerRequestMs: closedRequests === 0 ? null : closedThinkMs / closedRequests
    }
  }
}

function isOpen (s: ExecutorStatus): boolean {
  return s.executor === 'constant-arrival-rate' || s.executor === 'ramping-arrival-rate'
}
