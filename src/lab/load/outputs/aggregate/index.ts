import type { MetricRegistry, WindowMetricStats, WindowStats } from '../../metrics/index.js'
import { hdrScaleOf, parseSubmetricSelector } from '../../metrics/index.js'
import { OutputInvalidError } from '../errors.js'
import { openLineWriter, type LineWriter } from '../json/index.js'
import type { Output, OutputContext, OutputStopResult } from '../output.js'
import { AGGREGATE_FORMAT, AGGREGATE_VERSION, type Aggregate, type EndLine, type HeaderLine, type MetricLine, type WindowLine } from './format.js'
import type { HdrEncoder } from './hdr-codec.js'

export * from './format.js'

type Warn = (message: string) => void
const defaultWarn: Warn = (message) => { process.stderr.write(`WARN ${message}\n`) }

/**
 * `--out aggregate=FILE` (the run directory's default): one line per window
 * with every metric's aggregates and HDR histograms (format.ts). About a
 * hundred bytes per histogram per second whatever the request rate, and no
 * per-sample work in the runner: it is fed the window the runner drains anyway.
 * Each window is written as soon as it is drained; gzip-compressed when FILE ends in `.gz`.
 */
export class AggregateOutput implements Output {
  readonly name = 'aggregate'
  readonly windowHistograms = true
  readonly path: string
  readonly #warn: Warn
  #writer: LineWriter | undefined
  #encoder: HdrEncoder | undefined
  #registry: MetricRegistry | undefined
  #thresholds: Readonly<Record<string, readonly string[]>> = {}
  readonly #declared = new Set<string>()

  constructor (path: string, warn: Warn = defaultWarn) {
    this.path = path
    this.#warn = warn
  }

  async start (context: OutputContext): Promise<void> {
    // Loaded with the output: runs without it do not pay for the encoder.
    const { HdrEncoder } = await import('./hdr-codec.js')
    this.#encoder = new HdrEncoder()
    this.#registry = context.registry
    this.#thresholds = context.thresholds
    // Each window is written (and compressed) as it is drained, synchronously: a
    // few KB a second, and a crash or kill -9 then loses nothing measured before.
    this.#writer = await openLineWriter({ path: this.path, minLength: 0, sync: true })
    await this.#writer.ready()
    const header: HeaderLine = {
      type: 'Header', format: AGGREGATE_FORMAT, version: AGGREGATE_VERSION, windowMs: 1000,
      startedAtMs: context.startedAtMs, startedAt: new Date(context.startedAtMs).toISOString()
    }
    this.#writer.write(`${JSON.stringify(header)}\n`)
  }

  addWindow (window: WindowStats): void {
    const writer = this.#writer
    if (writer === undefined) return
    let declarations = ''
    const declare = (metric: string, stats: WindowMetricStats): void => {
      if (this.#declared.has(metric)) return
      this.#declared.add(metric)
      declarations += `${JSON.stringify(this.#metricLine(metric, stats))}\n`
    }
    const metrics: Record<string, Aggregate> = {}
    for (const [metric, stats] of Object.entries(window.metrics)) {
      declare(metric, stats)
      metrics[metric] = this.#aggregate(stats)
    }
    const submetrics: Record<string, Aggregate> = {}
    for (const [key, stats] of Object.entries(window.submetrics)) {
      declare(parseSubmetricSelector(key).metric, stats)
      submetrics[key] = this.#aggregate(stats)
    }
    const breakdown: Record<string, Record<string, Record<string, Aggregate>>> = {}
    for (const [tag, byValue] of Object.entries(window.breakdown)) {
      const perValue: Record<string, Record<string, Aggregate>> = (breakdown[tag] = {})
      for (const [value, byMetric] of Object.entries(byValue)) {
        const aggregates: Record<string, Aggregate> = (perValue[value] = {})
        for (const [metric, stats] of Object.entries(byMetric)) {
          declare(metric, stats)
          aggregates[metric] = this.#aggregate(stats)
        }
      }
    }
    const line: WindowLine = {
      type: 'Window',
      start: window.startMs,
      end: window.endMs,
      metrics,
      submetrics,
      breakdown,
      failures: window.failures.map((f) => [f.name, f.status, f.errorCode, f.count] as const),
      checks: window.checks
    }
    writer.write(`${declarations}${JSON.stringify(line)}\n`)
  }

  #metricLine (metric: string, stats: WindowMetricStats): MetricLine {
    const known = this.#registry?.get(metric)
    const contains = known?.contains ?? stats.contains
    return {
      type: 'Metric',
      name: metric,
      metricType: known?.type ?? stats.type,
      contains,
      ...(stats.type === 'trend' ? { hdrScale: hdrScaleOf(contains).scale } : {}),
      thresholds: this.#thresholds[metric] ?? []
    }
  }

  #aggregate (stats: WindowMetricStats): Aggregate {
    switch (stats.type) {
      case 'counter': return { n: stats.count }
      case 'gauge': return { v: stats.value, min: stats.min, max: stats.max }
      case 'rate': return { p: stats.passes, f: stats.fails }
      case 'trend': {
        const h = stats.histogram === undefined || this.#encoder === undefined ? '' : this.#encoder.encode(stats.histogram, stats.contains)
        return { n: stats.count, sum: stats.avg * stats.count, min: stats.min, max: stats.max, h }
      }
    }
  }

  /** Points dropped because the disk could not keep up. */
  get droppedLines (): number { return this.#writer?.droppedLines ?? 0 }

  flushSync (): void {
    const err = this.#writer?.flushSync()
    if (err !== undefined) this.#warn(`aggregate output ${this.path}: final flush failed: ${err.message}`)
  }

  async stop (_result: OutputStopResult): Promise<void> {
    const writer = this.#writer
    if (writer === undefined) return
    // Only here, at the test's end: a killed or crashed run's file has no End line (format.ts).
    const endedAtMs = Date.now()
    const end: EndLine = { type: 'End', endedAtMs, endedAt: new Date(endedAtMs).toISOString() }
    writer.write(`${JSON.stringify(end)}\n`)
    await writer.close()
    if (writer.droppedLines > 0) this.#warn(`aggregate output ${this.path}: ${writer.droppedLines} windows dropped because the disk could not keep up`)
  }
}

/** Builds the output for `aggregate=FILE`. */
export function createAggregateOutput (spec: string, target: string, params: Readonly<Record<string, string>>): AggregateOutput {
  if (target === '') throw new OutputInvalidError(spec, 'needs a file: aggregate=aggregates.ndjson')
  const unknown = Object.keys(params)
  if (unknown.length > 0) throw new OutputInvalidError(spec, `unknown parameter(s) ${unknown.join(', ')} (it takes none)`)
  return new AggregateOutput(target)
}
