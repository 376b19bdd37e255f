/**
 * One load test, start to end (k6's `run`):
 *   load the script → options (+ preset, + CLI) → thresholds → outputs →
 *   setup() → scenarios (this thread or workers) with a 1 s tick (progress,
 *   windows, abortOnFail) → teardown() → summary, handleSummary, outputs →
 *   exit code.
 * Errors before the scenarios start are thrown (their `exitCode` is k6's
 * number, from src/error-registry.ts); afterwards, what was measured is
 * always summarised and flushed.
 */
import { basename, join } from 'node:path'
import type { Writable } from 'node:stream'
import { EXIT } from '../../exit-codes.js'
import { MetricRegistry, type SummaryData, type WindowStats } from './metrics/index.js'
import { parseThresholds, type ThresholdResult, type ThresholdSet } from './thresholds/index.js'
import { createOutputs, textSummary, type Output, type OutputSet } from './outputs/index.js'
import { Emitter } from './runtime/emitter.js'
import { installThreadState, maybeThreadState } from './runtime/thread-state.js'
import { ScenarioRunner } from './runtime/scenario-runner.js'
import { ErrorLog } from './runtime/error-log.js'
import { scriptErrorText } from './runtime/script-error.js'
import { createVuResources } from './runtime/vu-resources.js'
import { runLifecycle } from './runtime/lifecycle.js'
import { deepFreeze } from './runtime/deep-freeze.js'
import { loadScriptBundle, type LoadedScript } from './script/loader.js'
import { resolveOptions, type CliOverrides } from './script/resolve-options.js'
import { sleepScaleOf } from './script/time-scale.js'
import type { ValidatedOptions } from './script/options-schema.js'
import { chooseWorkers, peakVusOf, InProcessExecution, WorkerExecution, type Execution, type ExecutionPoll } from './execution.js'
import type { ExecutorStatus } from './executors/types.js'
import { ProgressReporter, type RunProgress } from './progress.js'
import { onStopSignals } from '../../signals.js'
import { autoHeapGrowingPercent, autoSemiSpaceMb, DEFAULT_SEMI_SPACE_MB, tuneHeapForLoad } from './heap.js'
import { writeHandleSummaryResult } from './handle-summary.js'
import { deliveryReports, formatDelivery, type DeliveryReport } from './delivery.js'
import { formatRates, RateBooks, type RateReport } from './rates.js'
import { SetupDataError, TeardownTimeoutError } from './errors.js'
import type { VuResources } from './vu/vu.js'

export type WritableText = Writable & { isTTY?: boolean }

export interface LoadTestOptions {
  /** Path of the script (.ts or .js). */
  script: string
  /** `--env K=V` values (over the process environment). */
  env?: Record<string, string>
  /** `--preset NAME` (also visible to the script as env.PRESET). */
  preset?: string
  cli?: CliOverrides
  /** Multiplies every duration of the schedule; think time and rates stay (see script/time-scale.ts). */
  timeScale?: number
  /** Also multiply sleep() and arrival-rate timeUnits by timeScale: request rates × 1/timeScale (--fast-forward). */
  fastForward?: boolean
  /** Worker threads, or 'auto' (one unless the load needs more). */
  workers?: number | 'auto'
  /** V8 semi-space cap of the runner's threads, MB; 'auto' (default): by VUs per thread, 4–16; 0: V8's own sizing. See heap.ts. */
  semiSpaceMb?: number | 'auto'
  /** `--out` specs, e.g. "json=results.ndjson". */
  out?: string[]
  summaryExport?: string
  /** Write aggregates.ndjson and summary.json into a new run directory under this root (add `out` json=… for the raw stream). */
  resultsDir?: string
  noThresholds?: boolean
  /** No end-of-test text summary. */
  noSummary?: boolean
  /** No progress line. */
  quiet?: boolean
  /** Outputs built by the caller, besides `out` (the live dashboard: an Output with `addWindow`). */
  outputs?: Output[]
  /** Called every second with the window's aggregates and the run's progress (the workflow times its profiles by it). */
  onWindow?: (window: WindowStats, status: RunStatus) => void
  /** Handle SIGINT/SIGTERM (the CLI does; embedders may not want to). */
  handleSignals?: boolean
  stdout?: WritableText
  stderr?: WritableText
  /** The environment the script sees besides `env` (default process.env). */
  processEnv?: NodeJS.ProcessEnv
  /** Between ticks (progress, windows, threshold checks), ms. */
  tickMs?: number
}

export interface RunStatus {
  elapsedMs: number
  plannedMs: number
  vus: number
  vusMax: number
  stopping: boolean
  scenarios: ExecutorStatus[]
  /** The latest threshold evaluation (every 2 s; empty before the first, or without thresholds). */
  thresholds: ThresholdResult[]
}

/** 'script': k6/execution's test.abort(). */
export type Interruption = 'none' | 'signal' | 'abort' | 'threshold' | 'script'

export interface LoadTestResult {
  exitCode: number
  summary: SummaryData
  thresholds: ThresholdResult[]
  interruption: Interruption
  delivery: DeliveryReport[]
  workers: number
  /** The run directory, with --results-dir. */
  runDir: string | undefined
  /** Iterations that threw (reported on stderr). */
  iterationErrors: number
  /** Request rate asked and delivered, at the peak and over the whole test (see pacing.ts). */
  rates: RateReport
}

const ABORT_WAIT_MS = 5000
const THRESHOLD_EVERY_MS = 2000

export async function runLoadTest (options: LoadTestOptions): Promise<LoadTestResult> {
  const stdout = options.stdout ?? process.stdout
  const stderr = options.stderr ?? process.stderr
  const timeScale = options.timeScale ?? 1
  const fastForward = options.fastForward ?? false
  const { env, preset } = scriptEnvironment(options)

  const semiSpaceMb = options.semiSpaceMb ?? 'auto'
  // 'auto' starts small (setup, loading) and is sized once the VUs per thread are known.
  const heap = tuneHeapForLoad(semiSpaceMb === 'auto' ? DEFAULT_SEMI_SPACE_MB : semiSpaceMb)
  try {
    const registry = MetricRegistry.withBuiltins()
    const emitter = new Emitter(registry)
    const thread = { emitter, env, options: undefined as unknown }
    installThreadState(thread)
    const { script, bundle } = await loadScriptBundle(options.script)
    thread.options = script.options
    try {
      const sizeHeap = (vusPerThread: number): void => {
        if (semiSpaceMb === 'auto') heap.resize(autoSemiSpaceMb(vusPerThread))
        heap.setGrowingPercent(autoHeapGrowingPercent(vusPerThread))
      }
      return await assembleRun(options, script, bundle.url, { registry, emitter, env, preset, timeScale, fastForward, stdout, stderr, sizeHeap })
    } finally {
      await bundle.dispose()
    }
  } finally {
    heap.release()
  }
}

/** What loading the script gives the later stages (runLoadTest → assembleRun → executeRun). */
interface RunContext {
  /** Sizes the young generation for this many VUs per thread (before the threads start). */
  sizeHeap: (vusPerThread: number) => void
  registry: MetricRegistry
  emitter: Emitter
  env: Record<string, string>
  preset: string | undefined
  timeScale: number
  fastForward: boolean
  stdout: WritableText
  stderr: WritableText
}

/** The script is loaded: resolves the options and assembles the run's parts (run directory, outputs, progress, VU resources). */
async function assembleRun (options: LoadTestOptions, script: LoadedScript, bundleUrl: string, context: RunContext): Promise<LoadTestResult> {
  const { registry, emitter, env, preset, timeScale, fastForward, stderr } = context
  const config = resolveOptions({ script, preset, cli: options.cli ?? {}, timeScale, fastForward })
  const thresholds = parseThresholds(config.thresholds, registry, { enforce: options.noThresholds !== true })

  const runDir = options.resultsDir === undefined
    ? undefined
    : await openRunDir(options.resultsDir, preset ?? basename(options.script).replace(/\.[^.]+$/, ''), preset, { timeScale, fastForward }, thresholds)
  const outputs = createOutputs({
    out: [...(options.out ?? []), ...(runDir !== undefined ? [`aggregate=${runDir.aggregates}`] : [])],
    // Both: the user's --summary-export file, and the run directory's own summary.json (the report reads it).
    summaryExport: [options.summaryExport, runDir?.summary].filter((file): file is string => file !== undefined),
    summary: options.noSummary !== true && script.handleSummary === undefined,
    extra: options.outputs ?? []
  })
  if (outputs.wantsSamples) emitter.captureSamples()

  const progress = new ProgressReporter(stderr, { quiet: options.quiet === true })
  const errors = new ErrorLog((line) => { progress.note(line) })
  const resources = createVuResources({ emitter, options: config, env, sleepScale: sleepScaleOf(timeScale, fastForward) })
  const removeRejectionLog = logUnhandledRejections(errors)
  try {
    return await executeRun(options, script, bundleUrl, context, { config, thresholds, outputs, progress, errors, resources, runDir })
  } finally {
    removeRejectionLog()
  }
}

/** What assembleRun built; executeRun uses and closes it. */
interface RunParts {
  config: ValidatedOptions
  thresholds: ThresholdSet
  outputs: OutputSet
  progress: ProgressReporter
  errors: ErrorLog
  resources: VuResources
  runDir: RunDirHandle | undefined
}

/** setup(), the scenarios (in this thread or in workers), teardown(), then the summary and outputs. */
async function executeRun (options: LoadTestOptions, script: LoadedScript, bundleUrl: string, { registry, emitter, env, preset, timeScale, fastForward, stdout, stderr, sizeHeap }: RunContext,
  { config, thresholds, outputs, progress, errors, resources, runDir }: RunParts): Promise<LoadTestResult> {
  const setupData = await runSetup(script, resources, config)
  const workers = chooseWorkers(options.workers ?? 'auto', config.scenarios)
  sizeHeap(Math.ceil(peakVusOf(config.scenarios) / workers))
  const execution: Execution = workers === 1
    ? new InProcessExecution(new ScenarioRunner({ scenarios: config.scenarios, functions: script.functions, segment: { index: 0, count: 1 }, resources, setupData: deepFreeze(setupData), errors }), emitter)
    : new WorkerExecution(workers, {
      scriptPath: script.path,
      bundleUrl,
      env,
      preset,
      cli: options.cli ?? {},
      timeScale,
      fastForward,
      setupData,
      submetrics: [...new Set(thresholds.definitions.map((d) => d.metric).filter((m) => m.includes('{')))],
      captureSamples: outputs.wantsSamples,
      reportEveryMs: options.tickMs ?? 1000
    }, registry)
  await execution.ready()

  const startedAtMs = Date.now()
  await outputs.start({ registry, thresholds: thresholds.expressionsByMetric(), startedAtMs, stdout })
  const removeExitFlush = outputs.installExitFlush()
  const plannedMs = Math.max(0, ...config.scenarios.map((s) => s.startTimeMs + plannedDuration(s)))
  const rates = new RateBooks(config.scenarios)
  const run = new ActiveRun(execution, emitter, outputs, thresholds, registry, progress, options, plannedMs, workers > 1, rates)
  const thread = maybeThreadState()
  if (thread !== undefined) thread.abortTest = (reason) => { run.interrupt('script', `test.abort() called: ${reason}`) }
  // Installed until the run's last write: a signal after the scenarios end (while the
  // summary and outputs are written) marks the run interrupted (exit 105) but lets
  // that writing finish; only a third signal exits at once, flushing what it can.
  let ending = false
  let interruptedWhileEnding = false
  const whileEnding = (): void => {
    interruptedWhileEnding = true
    progress.note('interrupted: writing the summary and outputs of what was measured (Ctrl-C again to exit at once)…')
  }
  // The second signal's meaning here is the helper's `immediate` option: an abort that still summarises.
  const signals = options.handleSignals === false ? undefined : onStopSignals({
    graceful: () => { if (ending) whileEnding(); else run.interrupt('signal', 'stopping the test gracefully (Ctrl-C again to abort at once)…') },
    immediate: () => { if (ending) whileEnding(); else run.interrupt('abort', 'aborting: interrupting every iteration now…') },
    beforeExit: () => { outputs.flushSync() },
    exitCode: EXIT.EXTERNAL_ABORT
  })
  const removeSignals = (): void => { signals?.remove() }

  let teardownError: unknown
  let crash: unknown
  try {
    try {
      await run.execute()
    } catch (err) {
      // A worker crashed: the others ran to the end; what they measured is still reported.
      crash = err
      progress.note(`ERROR ${err instanceof Error ? err.message : String(err)}`)
    }
    if (script.teardown !== undefined && run.interruption !== 'abort') {
      try {
        await runLifecycle('teardown', resources, script.teardown, deepFreeze(setupData), config.teardownTimeout)
      } catch (err) {
        teardownError = err
        progress.note(`ERROR ${err instanceof Error ? err.message : String(err)}`)
      }
    }
  } catch (err) {
    removeSignals()
    throw err
  }
  ending = true
  try {
    errors.flushCounts()
    const final = run.finish()
    await execution.close()
    await resources.pool.close()

    const results = thresholds.evaluate(registry, final.elapsedMs)
    const summary = registry.summary({
      testRunDurationMs: final.elapsedMs,
      ...(config.summaryTrendStats !== undefined ? { summaryTrendStats: config.summaryTrendStats } : {}),
      ...(config.summaryTimeUnit !== undefined ? { summaryTimeUnit: config.summaryTimeUnit } : {}),
      isStdOutTTY: stdout.isTTY === true,
      isStdErrTTY: stderr.isTTY === true,
      thresholds: results
    })
    const delivery = deliveryReports(final.statuses)
    const rateReport = rates.report(run.startedAtEpochMs)
    if (script.handleSummary !== undefined) {
      await runHandleSummary(script, { ...summary, delivery }, { stdout, stderr })
    }
    try {
      await outputs.stop({ summary, thresholds: results })
    } finally {
      removeExitFlush()
    }
    if (options.noSummary !== true) stdout.write(formatDelivery(delivery) + formatRates(rateReport))
    if (runDir !== undefined) {
      await runDir.recordRates(rateReport)
      stderr.write(`results: ${runDir.dir}\n`)
    }

    return {
      exitCode: crash !== undefined ? EXIT.SCRIPT_ERROR : exitCodeFor(interruptedWhileEnding ? 'signal' : run.interruption, thresholds, results, teardownError),
      summary,
      thresholds: results,
      interruption: run.interruption,
      delivery,
      workers,
      runDir: runDir?.dir,
      iterationErrors: errors.total,
      rates: rateReport
    }
  } finally {
    removeSignals()
  }
}

/**
 * A promise the script rejected and nobody awaited (often a call without
 * `await`) is reported like an iteration error instead of killing the process.
 */
function logUnhandledRejections (errors: ErrorLog): () => void {
  const onRejection = (reason: unknown): void => { errors.report('unhandled promise rejection (a call without await?)', reason) }
  process.on('unhandledRejection', onRejection)
  return () => { process.off('unhandledRejection', onRejection) }
}

function exitCodeFor (interruption: Interruption, thresholds: ThresholdSet, results: ThresholdResult[], teardownError: unknown): number {
  if (interruption === 'script') return EXIT.SCRIPT_ABORTED
  if (thresholds.failed(results) || interruption === 'threshold') return EXIT.THRESHOLDS_FAILED
  if (interruption === 'signal' || interruption === 'abort') return EXIT.EXTERNAL_ABORT
  if (teardownError instanceof TeardownTimeoutError) return EXIT.TEARDOWN_TIMEOUT
  if (teardownError !== undefined) return EXIT.SCRIPT_ERROR
  return EXIT.OK
}

function scriptEnvironment (options: LoadTestOptions): { env: Record<string, string>, preset: string | undefined } {
  const env: Record<string, string> = {}
  for (const [key, value] of Object.entries(options.processEnv ?? process.env)) if (value !== undefined) env[key] = value
  Object.assign(env, options.env)
  const preset = options.preset ?? (env.PRESET !== undefined && env.PRESET !== '' ? env.PRESET : undefined)
  if (preset !== undefined) env.PRESET = preset
  return { env, preset }
}

/** results/<run-id>/ (the report's layout), loaded only with --results-dir. */
async function openRunDir (root: string, label: string, preset: string | undefined, scale: { timeScale: number, fastForward: boolean }, thresholds: ThresholdSet): Promise<RunDirHandle> {
  const { createRunDir, RUN_FILES } = await import('../results-dir/index.js')
  const runDir = await createRunDir({ root, label, ...(preset !== undefined ? { preset } : {}), timeScale: scale.timeScale, ...(scale.fastForward ? { fastForward: true } : {}), thresholds: thresholds.expressionsByMetric() })
  return {
    dir: runDir.dir,
    aggregates: join(runDir.dir, RUN_FILES.aggregates),
    summary: join(runDir.dir, RUN_FILES.summary),
    recordRates: async (rates) => { await runDir.writeManifest({ rates }) }
  }
}

interface RunDirHandle { dir: string, aggregates: string, summary: string, recordRates: (rates: RateReport) => Promise<void> }

async function runSetup (script: LoadedScript, resources: VuResources, config: ValidatedOptions): Promise<unknown> {
  if (script.setup === undefined) return undefined
  const data = await runLifecycle('setup', resources, script.setup, undefined, config.setupTimeout)
  try {
    // Workers receive a structured clone; check it here so every mode fails alike.
    return structuredClone(data)
  } catch (err) {
    throw new SetupDataError(err instanceof Error ? err.message : String(err))
  }
}

async function runHandleSummary (script: LoadedScript, data: unknown, streams: { stdout: WritableText, stderr: WritableText }): Promise<void> {
  try {
    const result = await (script.handleSummary as (data: unknown) => unknown)(data)
    await writeHandleSummaryResult(result, streams)
  } catch (err) {
    streams.stderr.write(`ERROR handleSummary() failed, printing the default summary: ${scriptErrorText(err)}\n`)
    streams.stdout.write(textSummary(data as SummaryData, { indent: ' ', enableColors: false }))
  }
}

function plannedDuration (s: ValidatedOptions['scenarios'][number]): number {
  switch (s.executor) {
    case 'shared-iterations': case 'per-vu-iterations': return s.maxDurationMs
    case 'constant-vus': case 'constant-arrival-rate': return s.durationMs
    case 'ramping-vus': case 'ramping-arrival-rate': return s.stages.reduce((sum, st) => sum + st.durationMs, 0)
  }
}

/** The running test: ticks, interruptions, and the final state. */
class ActiveRun {
  interruption: Interruption = 'none'
  readonly #execution: Execution
  readonly #emitter: Emitter
  readonly #outputs: OutputSet
  readonly #thresholds: ThresholdSet
  readonly #registry: MetricRegistry
  readonly #progress: ProgressReporter
  readonly #options: LoadTestOptions
  readonly #plannedMs: number
  readonly #mainSamplesSeparate: boolean
  readonly #rates: RateBooks
  #startMs = 0
  /** Epoch ms at elapsed 0. */
  startedAtEpochMs = 0
  #lastTickElapsedMs = 0
  #endMs: number | undefined
  #lastThresholdCheckMs = -Infinity
  #abortRequested: (() => void) | undefined
  #last: ExecutionPoll | undefined
  #lastRequestsPerSecond = 0
  #lastErrorRate = 0
  #lastThresholds: ThresholdResult[] = []

  constructor (execution: Execution, emitter: Emitter, outputs: OutputSet, thresholds: ThresholdSet, registry: MetricRegistry,
    progress: ProgressReporter, options: LoadTestOptions, plannedMs: number, mainSamplesSeparate: boolean, rates: RateBooks) {
    this.#execution = execution
    this.#emitter = emitter
    this.#outputs = outputs
    this.#thresholds = thresholds
    this.#registry = registry
    this.#progress = progress
    this.#options = options
    this.#plannedMs = plannedMs
    this.#mainSamplesSeparate = mainSamplesSeparate
    this.#rates = rates
  }

  async execute (): Promise<void> {
    this.#startMs = performance.now()
    this.startedAtEpochMs = Date.now()
    const stopTicks = this.#startTicks(this.#options.tickMs ?? 1000)
    const aborted = new Promise<void>((resolve) => { this.#abortRequested = resolve })
    try {
      // After an abort, wait a little for iterations to unwind, then summarise regardless.
      await Promise.race([this.#execution.run(), aborted.then(async () => await delay(ABORT_WAIT_MS))])
    } finally {
      stopTicks()
      this.#endMs = performance.now()
    }
  }

  /**
   * Ticks on whole multiples of `tickMs` in epoch time (not every `tickMs` from
   * the start, nor setInterval's drifting schedule): each window is then one
   * wall-clock second, which the aggregate output and the report key by.
   */
  #startTicks (tickMs: number): () => void {
    let timer: NodeJS.Timeout | undefined
    const schedule = (): void => {
      let wait = tickMs - (Date.now() % tickMs)
      // A timer that fired a hair early would otherwise tick twice around one boundary.
      if (wait < Math.min(5, tickMs / 2)) wait += tickMs
      timer = setTimeout(() => { try { this.#tick() } finally { schedule() } }, wait)
    }
    schedule()
    return () => { clearTimeout(timer) }
  }

  interrupt (kind: Exclude<Interruption, 'none'>, message: string): void {
    if (this.interruption === 'abort' || this.interruption === 'threshold' || this.interruption === 'script' || (this.interruption === 'signal' && kind === 'signal')) return
    this.interruption = kind
    this.#progress.note(message)
    if (kind === 'signal') { this.#execution.stop(); return }
    this.#execution.abort()
    this.#abortRequested?.()
  }

  /** The last poll, the final window and the elapsed time. */
  finish (): { statuses: ExecutorStatus[], elapsedMs: number } {
    const elapsedMs = (this.#endMs ?? performance.now()) - this.#startMs
    this.#tick()
    this.#progress.finish(this.#progressOf(elapsedMs))
    return { statuses: this.#last?.statuses ?? [], elapsedMs }
  }

  #tick (): void {
    const poll = this.#execution.poll()
    this.#last = poll
    const m = this.#emitter.builtin
    this.#emitter.add(m.vus, poll.vus.active, {})
    this.#emitter.add(m.vus_max, poll.vus.max, {})
    if (this.#outputs.wantsSamples) {
      const samples = this.#mainSamplesSeparate ? [...poll.samples, ...this.#emitter.takeSamples()] : poll.samples
      if (samples.length > 0) this.#outputs.addSamples(samples)
    }
    const window = this.#registry.drainWindow(Date.now(), { histograms: this.#outputs.wantsHistograms })
    this.#lastRequestsPerSecond = window.metrics.http_reqs?.type === 'counter' ? window.metrics.http_reqs.rate : 0
    const failed = window.metrics.http_req_failed
    this.#lastErrorRate = failed?.type === 'rate' ? failed.rate : 0
    const elapsedMs = (this.#endMs ?? performance.now()) - this.#startMs
    this.#rates.tick(this.#lastTickElapsedMs, elapsedMs, window.metrics.http_reqs?.type === 'counter' ? window.metrics.http_reqs.count : 0, poll.statuses)
    this.#lastTickElapsedMs = elapsedMs
    if (!this.#thresholds.isEmpty && this.#endMs === undefined && elapsedMs - this.#lastThresholdCheckMs >= THRESHOLD_EVERY_MS) {
      this.#lastThresholdCheckMs = elapsedMs
      this.#lastThresholds = this.#thresholds.evaluate(this.#registry, elapsedMs)
      const failedThreshold = this.#thresholds.shouldAbort(this.#lastThresholds, elapsedMs)
      if (failedThreshold !== undefined) {
        this.interrupt('threshold', `threshold ${failedThreshold.metric}: "${failedThreshold.expression}" failed (actual ${failedThreshold.actual}) with abortOnFail: stopping the test`)
      }
    }
    if (this.#outputs.wantsWindows) this.#outputs.addWindow(window, { vus: poll.vus.active, thresholds: this.#lastThresholds })
    this.#options.onWindow?.(window, {
      elapsedMs,
      plannedMs: this.#plannedMs,
      vus: poll.vus.active,
      vusMax: poll.vus.max,
      stopping: this.interruption !== 'none',
      scenarios: poll.statuses,
      thresholds: this.#lastThresholds
    })
    if (this.#endMs === undefined) this.#progress.update(this.#progressOf(elapsedMs))
  }

  #progressOf (elapsedMs: number): RunProgress {
    const statuses = this.#last?.statuses ?? []
    return {
      elapsedMs,
      plannedMs: this.#plannedMs,
      vus: this.#last?.vus.active ?? 0,
      vusMax: this.#last?.vus.max ?? 0,
      completedIterations: statuses.reduce((n, s) => n + s.completedIterations, 0),
      interruptedIterations: statuses.reduce((n, s) => n + s.interruptedIterations, 0),
      droppedIterations: statuses.reduce((n, s) => n + s.droppedIterations, 0),
      requestsPerSecond: this.#lastRequestsPerSecond,
      errorRate: this.#lastErrorRate,
      stopping: this.interruption !== 'none'
    }
  }
}

function delay (ms: number): Promise<void> {
  return new Promise((resolve) => { setTimeout(resolve, ms).unref() })
}
