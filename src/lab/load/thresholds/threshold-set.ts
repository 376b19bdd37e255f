import { EXIT } from '../../../exit-codes.js'
import { isMibError } from '../../../errors.js'
import { type MetricRegistry, isSubmetricSelector, parseSubmetricSelector } from '../metrics/index.js'
import { parseDurationMs } from '../duration.js'
import { ThresholdsInvalidError } from './errors.js'
import { compare, parseExpression, type ThresholdOperator } from './expression.js'

/** One threshold, validated. */
export interface ThresholdDefinition {
  /** Canonical metric or sub-metric key, e.g. `http_req_duration{name:fetch}`. */
  readonly metric: string
  /** The metric the key selects from. */
  readonly baseMetric: string
  /** The metric's type. */
  readonly metricType: 'counter' | 'gauge' | 'rate' | 'trend'
  /** The expression as written (trimmed): the key k6 uses in summaries. */
  readonly expression: string
  readonly aggregation: string
  readonly operator: ThresholdOperator
  readonly target: number
  readonly abortOnFail: boolean
  /** abortOnFail is only honoured once the test has run this long. */
  readonly delayAbortEvalMs: number
}

export interface ThresholdResult extends ThresholdDefinition {
  readonly ok: boolean
  /** The aggregation's value when evaluated (0 for a metric without samples). */
  readonly actual: number
}

/** k6 `options.thresholds`: metric key → expressions or `{ threshold, abortOnFail, delayAbortEval }`. */
export type ThresholdsInput = Readonly<Record<string, unknown>>

export interface ParseThresholdsOptions {
  /** false for `--no-thresholds`: evaluate and report, but never fail nor abort the test. */
  readonly enforce?: boolean
}

const OBJECT_KEYS = new Set(['threshold', 'abortOnFail', 'delayAbortEval'])

/**
 * Validates k6 thresholds against the registry (metrics must be defined,
 * aggregations must exist for the metric's type) and starts the sub-metric
 * sinks they select. Throws ThresholdsInvalidError listing every problem.
 * Call it after the script's init code has defined its custom metrics and
 * before the first sample.
 */
export function parseThresholds (input: ThresholdsInput | undefined, registry: MetricRegistry, options: ParseThresholdsOptions = {}): ThresholdSet {
  const problems: string[] = []
  const definitions: ThresholdDefinition[] = []
  for (const [rawKey, rawList] of Object.entries(input ?? {})) {
    const target = resolveMetric(rawKey, registry)
    if (typeof target === 'string') { problems.push(target); continue }
    const list = Array.isArray(rawList) ? rawList as unknown[] : [rawList]
    for (const item of list) {
      const parsed = parseItem(rawKey, item, target.type)
      if (typeof parsed === 'string') problems.push(parsed)
      else definitions.push({ metric: target.key, baseMetric: target.base, metricType: target.type, ...parsed })
    }
  }
  if (problems.length > 0) throw new ThresholdsInvalidError(problems)
  for (const key of new Set(definitions.map((d) => d.metric))) {
    if (isSubmetricSelector(key)) registry.trackSubmetric(key)
  }
  return new ThresholdSet(definitions, options.enforce ?? true)
}

interface ResolvedMetric { readonly key: string, readonly base: string, readonly type: 'counter' | 'gauge' | 'rate' | 'trend' }

function resolveMetric (rawKey: string, registry: MetricRegistry): ResolvedMetric | string {
  let key = rawKey.trim()
  let base = key
  if (isSubmetricSelector(rawKey)) {
    try {
      const selector = parseSubmetricSelector(rawKey)
      key = selector.key
      base = selector.metric
    } catch (err) {
      return isMibError(err) ? `${rawKey}: ${err.message}` : `${rawKey}: ${String(err)}`
    }
  }
  const metric = registry.get(base)
  if (metric === undefined) return `${rawKey}: no metric named "${base}" is defined (a custom metric must be created in the script's init code)`
  return { key, base, type: metric.type }
}

type ParsedItem = Omit<ThresholdDefinition, 'metric' | 'baseMetric' | 'metricType'>

function parseItem (rawKey: string, item: unknown, type: ResolvedMetric['type']): ParsedItem | string {
  let source: unknown = item
  let abortOnFail = false
  let delayAbortEvalMs = 0
  if (typeof item === 'object' && item !== null && !Array.isArray(item)) {
    const fields = item as Record<string, unknown>
    const unknownKeys = Object.keys(fields).filter((k) => !OBJECT_KEYS.has(k))
    if (unknownKeys.length > 0) return `${rawKey}: unknown key(s) ${unknownKeys.map((k) => `"${k}"`).join(', ')} in ${JSON.stringify(item)} (allowed: threshold, abortOnFail, delayAbortEval)`
    source = fields.threshold
    if (typeof source !== 'string') return `${rawKey}: ${JSON.stringify(item)} needs a "threshold" string`
    if (fields.abortOnFail !== undefined && typeof fields.abortOnFail !== 'boolean') return `${rawKey}: "${source}": abortOnFail must be true or false`
    abortOnFail = fields.abortOnFail === true
    if (fields.delayAbortEval !== undefined) {
      const raw = fields.delayAbortEval
      const delay = typeof raw === 'number' ? raw : typeof raw === 'string' ? parseDurationMs(raw) : undefined
      if (delay === undefined || !Number.isFinite(delay) || delay < 0) return `${rawKey}: "${source}": delayAbortEval ${JSON.stringify(fields.delayAbortEval)} is not a duration such as "10s" or "1m30s"`
      delayAbortEvalMs = delay
    }
  }
  if (typeof source !== 'string') return `${rawKey}: ${JSON.stringify(item)} is neither an expression string nor { threshold, abortOnFail, delayAbortEval }`
  const parsed = parseExpression(source, type)
  if (!parsed.ok) return `${rawKey}: ${parsed.problem}`
  return { expression: source.trim(), ...parsed.expression, abortOnFail, delayAbortEvalMs }
}

/** Validated thresholds: evaluate them during the run and at the end. */
export class ThresholdSet {
  readonly definitions: readonly ThresholdDefinition[]
  /** false under `--no-thresholds`: results are reported, never fatal. */
  readonly enforce: boolean

  readonly #aggregationsByMetric = new Map<string, string[]>()

  constructor (definitions: readonly ThresholdDefinition[], enforce: boolean) {
    this.definitions = definitions
    this.enforce = enforce
    for (const { metric, aggregation, metricType } of definitions) {
      const list = this.#aggregationsByMetric.get(metric) ?? []
      if (!list.includes(aggregation)) list.push(aggregation)
      // A Rate's sample count tells "no samples" apart from a rate of 0.
      if (metricType === 'rate') for (const count of ['passes', 'fails']) if (!list.includes(count)) list.push(count)
      this.#aggregationsByMetric.set(metric, list)
    }
  }

  get isEmpty (): boolean { return this.definitions.length === 0 }

  /** Evaluates every threshold on the whole run so far; `elapsedMs` is the test's running time. */
  evaluate (registry: MetricRegistry, elapsedMs: number): ThresholdResult[] {
    // One stats call per metric key: a trend's run histogram is assembled once for all its thresholds.
    const valuesByMetric = new Map<string, Record<string, number> | undefined>()
    for (const [metric, aggregations] of this.#aggregationsByMetric) valuesByMetric.set(metric, registry.stats(metric, aggregations, elapsedMs))
    return this.definitions.map((definition) => {
      const values = valuesByMetric.get(definition.metric)
      const actual = values?.[definition.aggregation] ?? 0
      // k6 (v0.48, metrics/thresholds.go): a Rate without samples has no value, and its thresholds pass.
      const empty = definition.metricType === 'rate' && (values?.passes ?? 0) + (values?.fails ?? 0) === 0
      return { ...definition, actual, ok: empty || compare(actual, definition.operator, definition.target) }
    })
  }

  /** The first failed abortOnFail threshold whose delay has passed, if the test must stop now. */
  shouldAbort (results: readonly ThresholdResult[], elapsedMs: number): ThresholdResult | undefined {
    if (!this.enforce) return undefined
    return results.find((r) => !r.ok && r.abortOnFail && elapsedMs >= r.delayAbortEvalMs)
  }

  /** True when any threshold failed and thresholds are enforced. */
  failed (results: readonly ThresholdResult[]): boolean {
    return this.enforce && results.some((r) => !r.ok)
  }

  /** 99 (THRESHOLDS_FAILED) when enforced thresholds failed, else 0. */
  exitCode (results: readonly ThresholdResult[]): typeof EXIT.OK | typeof EXIT.THRESHOLDS_FAILED {
    return this.failed(results) ? EXIT.THRESHOLDS_FAILED : EXIT.OK
  }

  /** Expressions per metric key, as k6's JSON output lists them in each Metric line. */
  expressionsByMetric (): Record<string, string[]> {
    const out: Record<string, string[]> = {}
    for (const { metric, expression } of this.definitions) (out[metric] ??= []).push(expression)
    return out
  }
}
