/**
 * The threshold table of a run. A k6 summary export carries k6's own verdict
 * for every threshold (authoritative, used as is); without one, thresholds
 * named in the NDJSON's Metric lines and in the manifest are evaluated from
 * the NDJSON aggregates.
 */
import type { K6Aggregates } from '../read/ndjson-reader.js'
import type { K6Summary } from '../read/summary-reader.js'
import { compare, parseExpressionAnyType, type ThresholdExpression } from '../../load/thresholds/index.js'
import { aggregate, canonicalMetricKey } from '../read/thresholds.js'

export interface ThresholdRow {
  metric: string
  expression: string
  /** null: could not be evaluated (no data for the metric, or an expression this reader does not know). */
  ok: boolean | null
  value: number | null
  source: 'k6 summary' | 'computed'
}

export interface ThresholdInputs {
  k6: K6Aggregates | undefined
  summary: K6Summary | undefined
  manifestThresholds: Record<string, string[]> | undefined
  durationS: number | null
}

export function evaluateThresholds (inputs: ThresholdInputs): ThresholdRow[] {
  const { k6, summary } = inputs
  if (summary !== undefined && summary.thresholds.length > 0) {
    return summary.thresholds.map((t) => {
      const parsed = expressionOf(t.expression)
      const value = parsed === undefined ? null : valueFromK6(k6, t.metric, parsed, inputs.durationS) ?? valueFromSummary(summary, t.metric, parsed)
      return { metric: t.metric, expression: t.expression, ok: t.ok, value, source: 'k6 summary' }
    })
  }
  const rows: ThresholdRow[] = []
  const seen = new Set<string>()
  const declared: Array<[string, string[]]> = [
    ...[...(k6?.metrics.values() ?? [])].map((m): [string, string[]] => [m.name, m.thresholds]),
    ...Object.entries(inputs.manifestThresholds ?? {})
  ]
  for (const [metric, expressions] of declared) {
    for (const expression of expressions) {
      const key = `${canonicalMetricKey(metric)}\u0000${expression}`
      if (seen.has(key)) continue
      seen.add(key)
      const parsed = expressionOf(expression)
      const value = parsed === undefined ? null : valueFromK6(k6, metric, parsed, inputs.durationS)
      const ok = parsed === undefined || value === null ? null : compare(value, parsed.operator, parsed.target)
      rows.push({ metric, expression, ok, value, source: 'computed' })
    }
  }
  return rows
}

/** The runner's grammar; undefined for an expression it rejects (shown as not evaluated). */
function expressionOf (text: string): ThresholdExpression | undefined {
  const parsed = parseExpressionAnyType(text)
  return parsed.ok ? parsed.expression : undefined
}

function valueFromK6 (k6: K6Aggregates | undefined, metric: string, parsed: ThresholdExpression, durationS: number | null): number | null {
  // The readers key sub-metrics by the runner's canonical selector: `{name: "a,b"}` and `{name:"a,b"}` are one.
  const stats = k6?.stats.get(canonicalMetricKey(metric))
  return stats === undefined ? null : aggregate(stats, parsed, durationS)
}

/** The summary-export key holding an aggregation: `p(95)`, `med`, `avg`, … `value` for rates. */
function valueFromSummary (summary: K6Summary, metric: string, parsed: ThresholdExpression): number | null {
  const values = summary.metrics[metric]
  if (values === undefined) return null
  if (parsed.aggregation === 'rate') return values.rate ?? values.value ?? null
  return values[parsed.aggregation] ?? null
}
