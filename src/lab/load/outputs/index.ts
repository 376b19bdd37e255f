/**
 * Outputs of `mib load` (k6's `--out`, `--summary-export` and the end-of-test
 * summary), each in its own folder behind the `Output` interface (output.ts).
 *
 *   const outputs = createOutputs({ out: ['json=results.ndjson'], summaryExport: 'summary.json', summary: true })
 *     // throws MIB_ERR_LOAD_OUTPUT_UNKNOWN / MIB_ERR_LOAD_OUTPUT_INVALID before the test starts
 *   await outputs.start({ registry, thresholds: set.expressionsByMetric(), startedAtMs })
 *   const removeExitFlush = outputs.installExitFlush()     // buffered lines survive process.exit
 *   if (outputs.wantsSamples) outputs.addSamples(batch)    // only then build Sample objects
 *   if (outputs.wantsWindows) outputs.addWindow(registry.drainWindow(Date.now(), { histograms: outputs.wantsHistograms }), { vus, thresholds })
 *   await outputs.stop({ summary: registry.summary(...), thresholds: results })  // also on abort / SIGINT
 *
 * Specs: `json=FILE` (every sample, k6 JSON lines; `.gz` compresses),
 * `json=FILE?aggregate=1s` (one k6 point per metric and tag set per second),
 * `aggregate=FILE` (one line per second with HDR histograms: what the report reads). Helpers for handleSummary:
 * `textSummary(data, { indent, enableColors })`, `toLegacySummaryExport(data)`.
 */
import type { Sample, WindowStats } from '../metrics/index.js'
import { OutputInvalidError, OutputUnknownError } from './errors.js'
import { createAggregateOutput } from './aggregate/index.js'
import { createJsonOutput } from './json/index.js'
import type { Output, OutputContext, OutputStopResult, WindowStatus } from './output.js'
import { SummaryExportOutput } from './summary-export/index.js'
import { SummaryOutput } from './summary/index.js'

export type { Output, OutputContext, OutputStopResult, WindowStatus } from './output.js'
export { JsonAggregateOutput, JsonOutput, createJsonOutput } from './json/index.js'
export { AggregateOutput, createAggregateOutput } from './aggregate/index.js'
export { SummaryOutput, textSummary, shouldColor, type TextSummaryInput, type TextSummaryOptions } from './summary/index.js'
export { SummaryExportOutput, toLegacySummaryExport, writeJsonFile, type LegacySummaryExport } from './summary-export/index.js'
export { OutputInvalidError, OutputUnknownError, OutputWriteError } from './errors.js'

/** A parsed `--out` value: `type=target?key=value&key2=value2`. */
export interface OutputSpec {
  readonly type: string
  readonly target: string
  readonly params: Readonly<Record<string, string>>
}

const FACTORIES: Readonly<Record<string, (spec: string, target: string, params: Readonly<Record<string, string>>) => Output>> = {
  json: createJsonOutput,
  aggregate: createAggregateOutput
}

export function parseOutputSpec (spec: string): OutputSpec {
  const eq = spec.indexOf('=')
  const type = (eq === -1 ? spec : spec.slice(0, eq)).trim()
  if (type === '') throw new OutputInvalidError(spec, 'expected type=target, e.g. json=results.ndjson')
  const rest = eq === -1 ? '' : spec.slice(eq + 1)
  const query = rest.lastIndexOf('?')
  const target = query === -1 ? rest : rest.slice(0, query)
  const params: Record<string, string> = {}
  if (query !== -1) {
    for (const pair of rest.slice(query + 1).split('&')) {
      if (pair === '') continue
      const [key = '', value = ''] = pair.split('=', 2)
      params[decodeURIComponent(key)] = decodeURIComponent(value)
    }
  }
  return { type, target, params }
}

export interface CreateOutputsOptions {
  /** `--out` values. */
  readonly out?: readonly string[]
  /** `--summary-export FILE`; several when the run directory also keeps its own summary.json. */
  readonly summaryExport?: string | readonly string[]
  /** Print the end-of-test text summary (false for --no-summary, or when handleSummary owns stdout). */
  readonly summary?: boolean
  /** Outputs built by the caller rather than from a spec (the live dashboard). */
  readonly extra?: readonly Output[]
}

/** Every output of a run, validated before the test starts. */
export function createOutputs (options: CreateOutputsOptions): OutputSet {
  const outputs: Output[] = []
  for (const spec of options.out ?? []) {
    const { type, target, params } = parseOutputSpec(spec)
    const factory = FACTORIES[type]
    if (factory === undefined) throw new OutputUnknownError(spec, Object.keys(FACTORIES).join(', '))
    outputs.push(factory(spec, target, params))
  }
  for (const file of [options.summaryExport ?? []].flat()) outputs.push(new SummaryExportOutput(file))
  if (options.summary !== false) outputs.push(new SummaryOutput())
  outputs.push(...options.extra ?? [])
  return new OutputSet(outputs)
}

/** Fans the runner's calls out to every output, paying only for capabilities in use. */
export class OutputSet {
  readonly outputs: readonly Output[]
  readonly #samplers: Output[]
  readonly #windowed: Output[]
  #stopped = false

  constructor (outputs: readonly Output[]) {
    this.outputs = outputs
    this.#samplers = outputs.filter((output) => output.addSamples !== undefined)
    this.#windowed = outputs.filter((output) => output.addWindow !== undefined)
  }

  /** True when some output wants every sample: only then should the runner collect them. */
  get wantsSamples (): boolean { return this.#samplers.length > 0 }

  /** True when some output wants per-window aggregates. */
  get wantsWindows (): boolean { return this.#windowed.length > 0 }

  /** True when some output wants the windows' HDR histograms too. */
  get wantsHistograms (): boolean { return this.#windowed.some((output) => output.windowHistograms === true) }

  async start (context: OutputContext): Promise<void> {
    for (const output of this.outputs) await output.start?.(context)
  }

  addSamples (samples: readonly Sample[]): void {
    for (const output of this.#samplers) output.addSamples?.(samples)
  }

  addWindow (window: WindowStats, status: WindowStatus): void {
    for (const output of this.#windowed) output.addWindow?.(window, status)
  }

  /** Stops every output even when one fails; rethrows the first failure afterwards. Idempotent. */
  async stop (result: OutputStopResult): Promise<void> {
    if (this.#stopped) return
    this.#stopped = true
    const settled = await Promise.allSettled(this.outputs.map(async (output) => await output.stop?.(result)))
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected')
    if (failure !== undefined) throw failure.reason
  }

  flushSync (): void {
    for (const output of this.outputs) output.flushSync?.()
  }

  /** Flushes buffered lines synchronously if the process exits before stop(); returns the remover. */
  installExitFlush (): () => void {
    const onExit = (): void => { if (!this.#stopped) this.flushSync() }
    process.on('exit', onExit)
    return () => { process.off('exit', onExit) }
  }
}
