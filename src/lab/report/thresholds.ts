/**
 * k6 threshold expressions (`p(95)<500`, `rate<0.01`, `count>100`) and metric
 * selectors (`http_req_duration{name:quotes}`), evaluated against the
 * aggregates read from the NDJSON. Used when a run has no k6 summary export
 * (whose threshold results are authoritative and used first).
 */
import type { MetricStats } from './stats.js'

export interface MetricSelector {
  metric: string
  tags: Record<string, string>
}

/** `http_req_duration{name:quotes, method:GET}` → { metric, tags }. */
export function parseSelector (key: string): MetricSelector {
  const open = key.indexOf('{')
  if (open < 0 || !key.endsWith('}')) return { metric: key.trim(), tags: {} }
  const tags: Record<string, string> = {}
  for (const part of key.slice(open + 1, -1).split(',')) {
    const colon = part.indexOf(':')
    if (colon < 0) continue
    tags[unquote(part.slice(0, colon))] = unquote(part.slice(colon + 1))
  }
  return { metric: key.slice(0, open).trim(), tags }
}

function unquote (text: string): string {
  return text.trim().replace(/^(["'`])(.*)\1$/, '$2')
}

export function matchesTags (selector: MetricSelector, tags: Record<string, unknown> | undefined): boolean {
  for (const [key, value] of Object.entries(selector.tags)) {
    if (tags === undefined || String(tags[key]) !== value) return false
  }
  return true
}

const EXPRESSION = /^\s*(avg|min|max|med|count|rate|value|p\(\s*(\d+(?:\.\d+)?)\s*\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)\s*$/i

export interface ParsedExpression {
  aggregation: string
  percentile: number | undefined
  operator: string
  target: number
}

export function parseExpression (expression: string): ParsedExpression | undefined {
  const m = EXPRESSION.exec(expression)
  if (m === null) return undefined
  const [, aggregation = '', pct, operator = '', target = ''] = m
  return {
    aggregation: pct === undefined ? aggregation.toLowerCase() : 'p',
    percentile: pct === undefined ? undefined : Number(pct),
    operator,
    target: Number(target)
  }
}

/** The value an aggregation takes on a metric, or null when it does not apply or nothing was recorded. */
export function aggregate (metric: MetricStats, parsed: ParsedExpression, durationS: number | null): number | null {
  const { aggregation, percentile } = parsed
  switch (metric.type) {
    case 'trend': {
      const s = metric.stats
      if (aggregation === 'p' && percentile !== undefined) return s.percentile(percentile)
      if (aggregation === 'med') return s.percentile(50)
      if (aggregation === 'avg') return s.mean
      if (aggregation === 'min') return s.count === 0 ? null : s.min
      if (aggregation === 'max') return s.count === 0 ? null : s.max
      return null
    }
    case 'rate':
      return aggregation === 'rate' ? metric.stats.rate : null
    case 'counter':
      if (aggregation === 'count') return metric.stats.count
      if (aggregation === 'rate') return durationS === null || durationS <= 0 ? null : metric.stats.count / durationS
      return null
    case 'gauge':
      if (aggregation === 'value') return metric.stats.last
      if (aggregation === 'min') return metric.stats.last === null ? null : metric.stats.min
      if (aggregation === 'max') return metric.stats.last === null ? null : metric.stats.max
      return null
  }
}

export function compare (value: number, operator: string, target: number): boolean {
  switch (operator) {
    case '<': return value < target
    case '<=': return value <= target
    case '>': return value > target
    case '>=': return value >= target
    case '==': case '===': return value === target
    case '!=': return value !== target
    default: return false
  }
}
