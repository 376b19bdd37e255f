import { isStatFor, parsePercentile, STATS_BY_TYPE, type MetricType } from '../metrics/index.js'

const METRIC_TYPES = Object.keys(STATS_BY_TYPE) as MetricType[]

export type ThresholdOperator = '<' | '<=' | '>' | '>=' | '==' | '!='

/** A parsed `aggregation operator number` expression. */
export interface ThresholdExpression {
  /** Canonical aggregation: `avg`, `p(99.9)`, `rate`… */
  readonly aggregation: string
  readonly operator: ThresholdOperator
  readonly target: number
}

// aggregation (a word, or p(...)), operator, number; whitespace allowed between tokens.
const EXPRESSION = /^\s*([A-Za-z_]+)\s*(\(\s*[^()]*?\s*\))?\s*(===|==|!=|>=|<=|>|<)\s*(.*?)\s*$/
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/

/** Either the parsed expression or a problem sentence naming the text. */
export type ExpressionParse = { ok: true, expression: ThresholdExpression } | { ok: false, problem: string }

/** An expression's tokens: the aggregation canonical when it is a percentile, as written otherwise. */
interface Tokens { readonly aggregation: string, readonly percentile: boolean, readonly args: boolean, readonly operator: ThresholdOperator, readonly target: number }

function tokenize (source: string): { ok: true, tokens: Tokens } | { ok: false, problem: string } {
  const match = EXPRESSION.exec(source)
  if (match === null) {
    const hint = /^\s*p\d/.test(source) ? ` (write percentiles as p(N): "${source.trim().replace(/^p(\d+(?:\.\d+)?)/, 'p($1)')}")` : ''
    return { ok: false, problem: `"${source}" is not a threshold expression: expected <aggregation> <operator> <number>, e.g. "p(95)<500" (operators: < <= > >= == !=)${hint}` }
  }
  const [, word = '', args, rawOperator = '', rawTarget = ''] = match
  const aggregation = args === undefined ? word : `${word}(${args.slice(1, -1).trim()})`
  if (rawTarget === '' || !NUMBER.test(rawTarget)) {
    return { ok: false, problem: `"${source}": "${rawTarget}" is not a number` }
  }
  const tokens = { args: args !== undefined, operator: normalize(rawOperator), target: Number(rawTarget) }
  if (word !== 'p') return { ok: true, tokens: { ...tokens, aggregation, percentile: false } }
  const percentile = parsePercentile(aggregation)
  if (percentile === undefined) return { ok: false, problem: `"${source}": ${aggregation} is not a percentile; use p(N) with 0 <= N <= 100, e.g. p(99.9)` }
  return { ok: true, tokens: { ...tokens, aggregation: `p(${percentile})`, percentile: true } }
}

/** Parses one k6 threshold expression for a metric of `type`. */
export function parseExpression (source: string, type: MetricType): ExpressionParse {
  const parsed = tokenize(source)
  if (!parsed.ok) return parsed
  const { aggregation, percentile, args, operator, target } = parsed.tokens
  if (percentile ? type !== 'trend' : args || !isStatFor(type, aggregation)) {
    return { ok: false, problem: unknownAggregation(source, aggregation, type) }
  }
  return { ok: true, expression: { aggregation, operator, target } }
}

/**
 * Parses an expression whatever its metric's type (the report reads results
 * files, where a metric's type may be unknown): the same grammar, and an
 * aggregation that some metric type answers; whether this metric's type
 * answers it is the evaluator's question.
 */
export function parseExpressionAnyType (source: string): ExpressionParse {
  const parsed = tokenize(source)
  if (!parsed.ok) return parsed
  const { aggregation, percentile, args, operator, target } = parsed.tokens
  if (!percentile && (args || !METRIC_TYPES.some((type) => isStatFor(type, aggregation)))) {
    return { ok: false, problem: `"${source}": no metric type has an aggregation "${aggregation}"` }
  }
  return { ok: true, expression: { aggregation, operator, target } }
}

function unknownAggregation (source: string, aggregation: string, type: MetricType): string {
  const known = [...STATS_BY_TYPE[type], ...(type === 'trend' ? ['p(N)'] : [])].join(', ')
  return `"${source}": a ${type} metric has no aggregation "${aggregation}" (it has: ${known})`
}

function normalize (operator: string): ThresholdOperator {
  return operator === '===' ? '==' : operator as ThresholdOperator
}

export function compare (actual: number, operator: ThresholdOperator, target: number): boolean {
  switch (operator) {
    case '<': return actual < target
    case '<=': return actual <= target
    case '>': return actual > target
    case '>=': return actual >= target
    case '==': return actual === target
    case '!=': return actual !== target
  }
}
