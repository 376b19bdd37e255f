import type { Sample, Tags, WindowMetricStats, WindowStats } from '../../metrics/index.js'
import { parseSubmetricSelector } from '../../metrics/index.js'
import { OutputInvalidError } from '../errors.js'
import type { Output, OutputContext, OutputStopResult } from '../output.js'
import { K6JsonEncoder } from './k6-schema.js'
import { openLineWriter, type LineWriter, type NdjsonWriterOptions } from './ndjson-writer.js'

export { K6JsonEncoder } from './k6-schema.js'
export { NdjsonWriter, openLineWriter, type LineWriter, type NdjsonWriterOptions } from './ndjson-writer.js'

type WriterTuning = Omit<NdjsonWriterOptions, 'path'>

/** Warns once at stop about dropped lines; the runner's logger when given. */
type Warn = (message: string) => void
const defaultWarn: Warn = (message) => { process.stderr.write(`WARN ${message}\n`) }

abstract class JsonFileOutput implements Output {
  abstract readonly name: string
  readonly path: string
  readonly #tuning: WriterTuning
  readonly #warn: Warn
  protected writer: LineWriter | undefined
  protected encoder: K6JsonEncoder | undefined

  constructor (path: string, tuning: WriterTuning = {}, warn: Warn = defaultWarn) {
    this.path = path
    this.#tuning = tuning
    this.#warn = warn
  }

  async start (context: OutputContext): Promise<void> {
    this.writer = await openLineWriter({ path: this.path, ...this.#tuning })
    this.encoder = new K6JsonEncoder(context.registry, context.thresholds)
    await this.writer.ready()
  }

  /** Points dropped because the disk could not keep up. */
  get droppedPoints (): number { return this.writer?.droppedLines ?? 0 }

  flushSync (): void {
    const err = this.writer?.flushSync()
    if (err !== undefined) this.#warn(`${this.name} output ${this.path}: final flush failed: ${err.message}`)
  }

  async stop (_result: OutputStopResult): Promise<void> {
    const writer = this.writer
    if (writer === undefined) return
    await writer.close()
    if (writer.droppedLines > 0) this.#warn(`${this.name} output ${this.path}: ${writer.droppedLines} lines dropped because the disk could not keep up`)
  }
}

/**
 * `--out json=FILE`: every sample as a k6 JSON Point line, streamed while the
 * test runs (buffered: 64 KiB or 1 s, whichever first; bounded memory);
 * gzip-compressed when FILE ends in `.gz`, as k6 does.
 */
export class JsonOutput extends JsonFileOutput {
  readonly name = 'json'

  addSamples (samples: readonly Sample[]): void {
    const encoder = this.encoder
    if (encoder === undefined || this.writer === undefined) return
    let lines = ''
    for (const sample of samples) lines += encoder.point(sample.metric, sample.time, sample.value, sample.tags)
    this.writer.write(lines)
  }
}

/**
 * `--out json=FILE?aggregate=1s`: one Point per metric and tag set per window
 * (whole metric: no tags; sub-metric: its selector's tags; breakdown: `{name}`).
 * `value` is the window's natural figure: counter sum, gauge last value, rate
 * ratio, trend avg; `data.aggregate` carries every figure of the window.
 */
export class JsonAggregateOutput extends JsonFileOutput {
  readonly name = 'json-aggregate'
  /** The runner drains windows at this period for this output. */
  readonly windowIntervalMs: number

  constructor (path: string, windowIntervalMs: number, tuning: WriterTuning = {}, warn?: Warn) {
    super(path, tuning, warn)
    this.windowIntervalMs = windowIntervalMs
  }

  addWindow (window: WindowStats): void {
    const encoder = this.encoder
    if (encoder === undefined || this.writer === undefined) return
    const line = (metric: string, stats: WindowMetricStats, tags: Tags): string =>
      encoder.point(metric, window.endMs, windowValue(stats), tags, { aggregate: { ...aggregateFields(stats), windowMs: window.durationMs } })
    let lines = ''
    for (const [metric, stats] of Object.entries(window.metrics)) lines += line(metric, stats, {})
    for (const [key, stats] of Object.entries(window.submetrics)) {
      const selector = parseSubmetricSelector(key)
      lines += line(selector.metric, stats, Object.fromEntries(selector.keys.map((k, i) => [k, selector.values[i] ?? ''])))
    }
    for (const [tag, byValue] of Object.entries(window.breakdown)) {
      for (const [value, metrics] of Object.entries(byValue)) {
        for (const [metric, stats] of Object.entries(metrics)) lines += line(metric, stats, { [tag]: value })
      }
    }
    this.writer.write(lines)
  }
}

function windowValue (stats: WindowMetricStats): number {
  switch (stats.type) {
    case 'counter': return stats.count
    case 'gauge': return stats.value
    case 'rate': return stats.rate
    case 'trend': return stats.avg
  }
}

function aggregateFields (stats: WindowMetricStats): Record<string, number> {
  const fields: Record<string, number> = {}
  for (const [key, value] of Object.entries(stats)) if (typeof value === 'number') fields[key] = value
  return fields
}

/** Builds the json output for `json=FILE` or `json=FILE?aggregate=1s`. */
export function createJsonOutput (spec: string, target: string, params: Readonly<Record<string, string>>): JsonOutput | JsonAggregateOutput {
  if (target === '') throw new OutputInvalidError(spec, 'needs a file: json=results.ndjson')
  const unknown = Object.keys(params).filter((key) => key !== 'aggregate')
  if (unknown.length > 0) throw new OutputInvalidError(spec, `unknown parameter(s) ${unknown.join(', ')} (known: aggregate)`)
  const aggregate = params.aggregate
  if (aggregate === undefined || aggregate === 'false' || aggregate === '0') return new JsonOutput(target)
  if (aggregate === 'true' || aggregate === '1' || aggregate === '1s') return new JsonAggregateOutput(target, 1000)
  throw new OutputInvalidError(spec, `aggregate=${aggregate} is not supported; use aggregate=1s (one point per metric and tag set per second)`)
}
