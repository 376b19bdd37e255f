/**
 * Pure helpers of `bench:platform`: the figures of one stretch of a run
 * (rate, latency, failures, CPU per request) from the runner's aggregated
 * output and the /proc samples, and the gateway's answers by route and status
 * from two /metrics scrapes.
 */
import { parsePrometheusText } from '../../../src/lab/monitor/index.js'
import type { CpuSample } from '../../support/proc.js'
import { coresOver, mixtureQuantile, windowsInside, type WindowPoint } from '../../support/window.js'

export interface StretchFigures {
  fromMs: number
  toMs: number
  seconds: number
  requests: number
  ratePerS: number
  p50Ms: number | undefined
  p95Ms: number | undefined
  p99Ms: number | undefined
  /** http_req_failed over the stretch (the runner's view: non-2xx/3xx and transport errors). */
  failed: number
  failedShare: number | undefined
  /** CPU-seconds per second of each counter. */
  cores: Record<string, number | undefined>
  /** CPU µs per delivered request of each counter. */
  usPerRequest: Record<string, number | undefined>
}

/**
 * Figures over the whole runner windows lying inside [fromMs, toMs]; CPU over
 * exactly the span those windows cover. Undefined when no whole window fits.
 */
export function stretchFigures (points: WindowPoint[], samples: CpuSample[], counters: readonly string[], fromMs: number, toMs: number): StretchFigures | undefined {
  const reqs = windowsInside(points, 'http_reqs', fromMs, toMs)
  const first = reqs[0]
  const last = reqs[reqs.length - 1]
  if (first === undefined || last === undefined) return undefined
  const from = first.endMs - first.windowMs
  const to = last.endMs
  const seconds = (to - from) / 1000
  const requests = reqs.reduce((s, p) => s + (p.aggregate.count ?? p.value), 0)
  const durations = windowsInside(points, 'http_req_duration', from, to).map((p) => p.aggregate)
  const failedWindows = windowsInside(points, 'http_req_failed', from, to)
  const failed = failedWindows.reduce((s, p) => s + (p.aggregate.passes ?? 0), 0)
  const judged = failedWindows.reduce((s, p) => s + (p.aggregate.passes ?? 0) + (p.aggregate.fails ?? 0), 0)
  const cores: Record<string, number | undefined> = {}
  const usPerRequest: Record<string, number | undefined> = {}
  for (const name of counters) {
    const c = coresOver(samples, name, from, to)
    cores[name] = c
    usPerRequest[name] = c === undefined || requests === 0 ? undefined : c * seconds / requests * 1e6
  }
  return {
    fromMs: from,
    toMs: to,
    seconds,
    requests,
    ratePerS: requests / seconds,
    p50Ms: mixtureQuantile(durations, 0.5),
    p95Ms: mixtureQuantile(durations, 0.95),
    p99Ms: mixtureQuantile(durations, 0.99),
    failed,
    failedShare: judged === 0 ? undefined : failed / judged,
    cores,
    usPerRequest
  }
}

/** One row of the gateway's answers between two scrapes. */
export interface AnswerCount { route: string, status: string, count: number }

/**
 * `http_requests_total` by route and status, after minus before (counters
 * absent before count from 0), non-zero rows only, largest first.
 */
export function answersBetween (before: string, after: string): AnswerCount[] {
  const counts = (text: string): Map<string, AnswerCount> => {
    const out = new Map<string, AnswerCount>()
    const family = parsePrometheusText(text).get('http_requests_total')
    for (const s of family?.samples ?? []) {
      const route = s.labels.route ?? '?'
      const status = s.labels.status ?? '?'
      const key = `${route} ${status}`
      const row = out.get(key) ?? { route, status, count: 0 }
      row.count += s.value
      out.set(key, row)
    }
    return out
  }
  const a = counts(before)
  return [...counts(after).entries()]
    .map(([key, row]) => ({ ...row, count: row.count - (a.get(key)?.count ?? 0) }))
    .filter((r) => r.count > 0)
    .sort((x, y) => y.count - x.count)
}

/**
 * Counters whose name says "shed" (the gateway's overload shedding), after
 * minus before, summed over their labels: what was refused on purpose, as
 * opposed to failed.
 */
export function shedBetween (before: string, after: string): number {
  const total = (text: string): number => {
    let sum = 0
    for (const family of parsePrometheusText(text).values()) {
      if (family.type !== 'counter' || !family.name.includes('shed')) continue
      for (const s of family.samples) if (!s.name.endsWith('_created')) sum += s.value
    }
    return sum
  }
  return Math.max(0, total(after) - total(before))
}

/** Requests per second the VUs ask with no response time at all: VUs / mean think time. */
export function intendedRate (vus: number, think: { min: number, max: number }): number {
  return vus / ((think.min + think.max) / 2)
}
