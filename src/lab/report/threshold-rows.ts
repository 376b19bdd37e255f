/**
 * The threshold table of a run. A k6 summary export carries k6's own verdict
 * for every threshold (authoritative, used as is); without one, thresholds
 * named in the NDJSON's Metric lines and in the manifest are evaluated from
 * the NDJSON aggregates.
 */
import type { K6Aggregates } from './ndjson-reader.js'
import type { K6Summary } from './summary-reader.js'
import { aggregate, compare, parseExpression, type ParsedExpression } from './thresholds.js'

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
      const parsed = parseExpression(t.expression)
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
      const key = `${metric}\u0000${expression}`
      if (seen.has(key)) continue
      seen.add(key)
      const parsed = parseExpression(expression)
      const value = parsed === undefined ? null : valueFromK6(k6, metric, parsed, inputs.durationS)
      const ok = parsed === undefined || value === null ? null : compare(value, parsed.operator, parsed.target)
      rows.push({ metric, expression, ok, value, source: 'computed' })
    }
  }
  return rows
}

function valueFromK6 (k6: K6Aggregates | undefined, metric: string, parsed: ParsedExpression, durationS: number | null): number | null {
  const stats = k6?.stats.get(metric)
  return stats === undefined ? null : aggregate(stats, parsed, durationS)
}

/** The summary-export key holding an aggregation: `p(95)`, `med`, `avg`, … `value` for rates. */
function valueFromSummary (summary: K6Summary, metric: string, parsed: ParsedExpression): number | null {
  const values = summary.metrics[metric]
  if (values === undefined) return null
  if (parsed.aggregation === 'p') return values[`p(${parsed.percentile ?? ''})`] ?? null
  if (parsed.aggregation === 'rate') return values.rate ?? values.value ?? null
  return values[parsed.aggregation] ?? null
}
