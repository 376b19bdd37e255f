/**
 * "Did this commit make it worse?": deltas against a baseline run, overall and
 * per operation, with regressions flagged by explicit rules.
 */
import { z } from 'zod'
import type { Analysis, LatencySummary } from './analysis.js'

export const regressionRulesSchema = z.object({
  /** p95 (and p99) latency worse by more than this, in percent of the baseline. */
  latencyPct: z.number().nonnegative().default(10),
  /** Error rate up by more than this many percentage points. */
  errorRatePp: z.number().nonnegative().default(0.5),
  /** Throughput down by more than this, in percent of the baseline. */
  throughputPct: z.number().nonnegative().default(10)
}).strict()
export type RegressionRules = z.output<typeof regressionRulesSchema>
export const DEFAULT_RULES: RegressionRules = regressionRulesSchema.parse({})

export type ComparedMetric = 'p50' | 'p95' | 'p99' | 'error rate' | 'throughput'

export interface DeltaRow {
  /** "overall" or the operation's name. */
  scope: string
  metric: ComparedMetric
  baseline: number | null
  current: number | null
  /** current − baseline, in the metric's unit (ms, fraction, req/s). */
  delta: number | null
  /** Relative change in percent of the baseline; null when the baseline is 0 or missing. */
  deltaPct: number | null
  regression: boolean
  /** The rule that flagged it. */
  rule: string | null
}

export interface Comparison {
  baselineId: string
  baselineCommit: string | null
  rules: RegressionRules
  rows: DeltaRow[]
  regressions: DeltaRow[]
  onlyInBaseline: string[]
  onlyInCurrent: string[]
}

interface Figures {
  latency: LatencySummary | null
  errorRate: number | null
  rps: number | null
}

export function compareRuns (current: Analysis, baseline: Analysis, rules: RegressionRules = DEFAULT_RULES): Comparison {
  const rows = [...compareFigures('overall', figuresOverall(baseline), figuresOverall(current), rules)]
  const baseOps = new Map(baseline.operations.map((o) => [o.name, o]))
  const currentOps = new Map(current.operations.map((o) => [o.name, o]))
  for (const [name, op] of currentOps) {
    const base = baseOps.get(name)
    if (base !== undefined) rows.push(...compareFigures(name, base, op, rules))
  }
  const regressions = rows.filter((r) => r.regression)
  return {
    baselineId: baseline.runId,
    baselineCommit: baseline.manifest?.git?.commit ?? null,
    rules,
    rows,
    regressions,
    onlyInBaseline: [...baseOps.keys()].filter((n) => !currentOps.has(n)),
    onlyInCurrent: [...currentOps.keys()].filter((n) => !baseOps.has(n))
  }
}

function figuresOverall (a: Analysis): Figures {
  return { latency: a.overall.latency, errorRate: a.overall.errorRate, rps: a.overall.rps }
}

function compareFigures (scope: string, base: Figures, cur: Figures, rules: RegressionRules): DeltaRow[] {
  const latencyRule = (b: number, c: number): string | null =>
    b > 0 && (c - b) / b * 100 > rules.latencyPct ? `worse by more than ${rules.latencyPct} %` : null
  return [
    delta(scope, 'p50', base.latency?.p50 ?? null, cur.latency?.p50 ?? null, () => null),
    delta(scope, 'p95', base.latency?.p95 ?? null, cur.latency?.p95 ?? null, latencyRule),
    delta(scope, 'p99', base.latency?.p99 ?? null, cur.latency?.p99 ?? null, latencyRule),
    delta(scope, 'error rate', base.errorRate, cur.errorRate, (b, c) =>
      (c - b) * 100 > rules.errorRatePp ? `up by more than ${rules.errorRatePp} pp` : null),
    delta(scope, 'throughput', base.rps, cur.rps, (b, c) =>
      b > 0 && (b - c) / b * 100 > rules.throughputPct ? `down by more than ${rules.throughputPct} %` : null)
  ]
}

function delta (scope: string, metric: ComparedMetric, baseline: number | null, current: number | null,
  rule: (b: number, c: number) => string | null): DeltaRow {
  if (baseline === null || current === null) {
    return { scope, metric, baseline, current, delta: null, deltaPct: null, regression: false, rule: null }
  }
  const flagged = rule(baseline, current)
  return {
    scope,
    metric,
    baseline,
    current,
    delta: current - baseline,
    deltaPct: baseline === 0 ? null : ((current - baseline) / baseline) * 100,
    regression: flagged !== null,
    rule: flagged
  }
}
