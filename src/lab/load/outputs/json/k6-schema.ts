import type { MetricRegistry, Tags } from '../../metrics/index.js'
import { parseSubmetricSelector } from '../../metrics/index.js'

/**
 * Lines of k6's JSON output (`k6 run --out json=…`):
 *   {"type":"Metric","data":{"name","type","contains","thresholds":[…],"submetrics":null|[…]},"metric":"name"}
 *   {"type":"Point","data":{"time":"<RFC 3339>","value":1,"tags":{…}},"metric":"name"}
 * A Metric line precedes the first Point of each metric.
 */
export class K6JsonEncoder {
  readonly #registry: MetricRegistry
  readonly #thresholds: Readonly<Record<string, readonly string[]>>
  /** Metric name → its JSON-quoted name, once its Metric line has been written. */
  readonly #declared = new Map<string, string>()
  readonly #tagsJson = new WeakMap<object, string>()
  #lastTime = Number.NaN
  #lastIso = ''

  constructor (registry: MetricRegistry, thresholds: Readonly<Record<string, readonly string[]>>) {
    this.#registry = registry
    this.#thresholds = thresholds
  }

  /** The Metric line when `metric` has not been declared yet (else ''), and its quoted name. */
  declare (metric: string): [prefix: string, quoted: string] {
    const quoted = this.#declared.get(metric)
    if (quoted !== undefined) return ['', quoted]
    const name = JSON.stringify(metric)
    this.#declared.set(metric, name)
    return [`${this.metricLine(metric)}\n`, name]
  }

  metricLine (metric: string): string {
    const known = this.#registry.get(metric)
    const submetrics = Object.keys(this.#thresholds)
      .filter((key) => key.startsWith(`${metric}{`))
      .map((key) => {
        const selector = parseSubmetricSelector(key)
        const tags = Object.fromEntries(selector.keys.map((k, i) => [k, selector.values[i] ?? '']))
        return { name: key, suffix: key.slice(metric.length + 1, -1), tags }
      })
    return JSON.stringify({
      type: 'Metric',
      data: {
        name: metric,
        type: known?.type ?? 'counter',
        contains: known?.contains ?? 'default',
        thresholds: this.#thresholds[metric] ?? [],
        submetrics: submetrics.length === 0 ? null : submetrics
      },
      metric
    })
  }

  /** One Point line (with its Metric line first when needed). */
  point (metric: string, time: number, value: number, tags: Tags, extra?: Record<string, unknown>): string {
    const [prefix, quoted] = this.declare(metric)
    const data = extra === undefined ? '' : `,${JSON.stringify(extra).slice(1, -1)}`
    return `${prefix}{"type":"Point","data":{"time":"${this.#iso(time)}","value":${JSON.stringify(value)},"tags":${this.#tags(tags)}${data}},"metric":${quoted}}\n`
  }

  /** Samples arrive in time order mostly within the same millisecond: reuse the last rendering. */
  #iso (time: number): string {
    if (time !== this.#lastTime) {
      this.#lastTime = time
      this.#lastIso = new Date(time).toISOString()
    }
    return this.#lastIso
  }

  /** Runners reuse tag objects per request template: render each object once. */
  #tags (tags: Tags): string {
    let json = this.#tagsJson.get(tags)
    if (json === undefined) {
      json = JSON.stringify(tags)
      this.#tagsJson.set(tags, json)
    }
    return json
  }
}
