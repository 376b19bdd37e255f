/**
 * The monitor loop: at every interval it samples the machine, each service's
 * process, health and metrics, appends one row per CSV file, then emits a
 * 'sample' event. Ticks are scheduled on a fixed grid from the start (no drift);
 * a tick still running when the next is due makes that one skipped, never
 * doubled, so a hanging service cannot pile up requests.
 */
import { EventEmitter } from 'node:events'
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { isMibError, type MibError } from '../../errors.js'
import { parseOptions } from '../../options.js'
import { DEFAULT_RESULTS_DIR } from '../results-dir/root.js'
import { monitorOptionsSchema, type MonitorOptions, type MonitorOptionsInput, type MonitorTarget } from './options.js'
import { resolveTargets, canonicalServiceName, serviceCsvName } from './targets.js'
import { SystemSampler } from './sample/system-sampler.js'
import { ServiceWatcher, type ProblemReporter } from './service-watcher.js'
import { PrometheusApi, type PrometheusServiceReading } from './scrape/prometheus-api.js'
import { CsvWriter } from './write/csv-writer.js'
import { SYSTEM_CSV, PROMETHEUS_CSV, SERVICE_COLUMNS, PROMETHEUS_COLUMNS, systemColumns, systemRow, serviceRow, prometheusRows } from './write/csv-layout.js'
import { WarningThrottle } from './warning-throttle.js'
import { CsvWriteError, NoRunStateWarning } from './errors.js'
import type { MonitorSample } from './sample.js'

export interface MonitorSummary {
  /** 'duration': ran its course; 'stopped': stop() was called. */
  reason: 'duration' | 'stopped'
  samples: number
  /** Ticks skipped because the previous one was still running. */
  skippedTicks: number
  /** Undefined when writeCsv is false. */
  outDir: string | undefined
  files: string[]
}

export interface MonitorEvents {
  sample: [MonitorSample]
  /** A problem that does not stop the monitor: unhealthy service, failed scrape, exited process. */
  warning: [MibError]
  end: [MonitorSummary]
}

/** Starts monitoring at once; options are validated synchronously (InvalidOptionsError). */
export function startMonitor (input: MonitorOptionsInput = {}): Monitor {
  return new Monitor(parseOptions(monitorOptionsSchema, input, 'monitor options'))
}

export class Monitor extends EventEmitter<MonitorEvents> {
  readonly options: MonitorOptions
  /** Where the CSV files go (resolved); undefined when writeCsv is false. */
  readonly outDir: string | undefined
  /** Resolves when the monitor has ended and its files are flushed and closed; rejects on a fatal error. */
  readonly done: Promise<MonitorSummary>

  readonly #history: MonitorSample[] = []
  readonly #watchers = new Map<string, ServiceWatcher>()
  readonly #throttle: WarningThrottle
  readonly #prometheus: PrometheusApi | undefined
  readonly #reporter: ProblemReporter
  #system: SystemSampler | undefined
  #systemWriter: CsvWriter | undefined
  #prometheusWriter: CsvWriter | undefined
  #cores = 0
  #baseMs = 0
  #samples = 0
  #skippedTicks = 0
  #timer: NodeJS.Timeout | undefined
  #tick: Promise<void> | undefined
  #stopRequested = false
  #finish: ((reason: MonitorSummary['reason']) => void) | undefined

  constructor (options: MonitorOptions) {
    super()
    this.options = options
    this.outDir = options.writeCsv ? resolve(options.outDir ?? defaultOutDir()) : undefined
    this.#throttle = new WarningThrottle(options.warningRepeatMs)
    this.#reporter = { warn: (key, warning) => { this.#warn(key, warning) }, clear: (key) => { this.#throttle.clear(key) } }
    this.#prometheus = options.prometheusUrl === undefined
      ? undefined
      : new PrometheusApi(options.prometheusUrl, { windowS: options.prometheusWindowS, timeoutMs: options.scrapeTimeoutMs })
    this.done = this.#run()
    // Callers that only use events and stop() must not crash on an unobserved
    // rejection: stop() and done still reject for whoever awaits them.
    this.done.catch(() => undefined)
  }

  /** The most recent sample, if any. */
  get latest (): MonitorSample | undefined {
    return this.#history[this.#history.length - 1]
  }

  /** The last `historyLimit` samples, oldest first. */
  get history (): readonly MonitorSample[] {
    return [...this.#history]
  }

  /** Paths of the CSV files written so far. */
  get files (): string[] {
    const writers = [this.#systemWriter, ...[...this.#watchers.values()].map((w) => w.writer), this.#prometheusWriter]
    return writers.filter((w): w is CsvWriter => w !== undefined).map((w) => w.file)
  }

  /** A watched service was restarted under a new pid: its process figures follow the new one. Unknown names are ignored. */
  followPid (name: string, pid: number): void {
    this.#watchers.get(name)?.followPid(pid)
  }

  /** Ends the monitor: waits for the tick in progress, flushes and closes the files. Idempotent. */
  async stop (): Promise<MonitorSummary> {
    this.#stopRequested = true
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#finish?.('stopped')
    return await this.done
  }

  async #run (): Promise<MonitorSummary> {
    // Let the caller attach listeners before the first event.
    await Promise.resolve()
    let reason: MonitorSummary['reason'] = 'stopped'
    try {
      await this.#setup()
      if (!this.#stopRequested) reason = await this.#loop()
    } finally {
      if (this.#timer !== undefined) clearTimeout(this.#timer)
      await this.#tick?.catch(() => undefined) // its failure, if any, already ended the loop
      await this.#closeWriters()
    }
    const summary: MonitorSummary = { reason, samples: this.#samples, skippedTicks: this.#skippedTicks, outDir: this.outDir, files: this.files }
    this.emit('end', summary)
    return summary
  }

  async #setup (): Promise<void> {
    if (this.outDir !== undefined) {
      try {
        await mkdir(this.outDir, { recursive: true })
      } catch (err) {
        throw new CsvWriteError(this.outDir, (err as Error).message)
      }
    }
    const { targets, runDirProblem } = await resolveTargets(this.options)
    if (targets.length === 0 && this.#prometheus === undefined) {
      this.#warn('no-services', new NoRunStateWarning(runDirProblem?.message ?? 'none given'))
    }
    this.#system = new SystemSampler(this.outDir ?? process.cwd())
    await Promise.all(targets.map(async (target) => { await this.#addTarget(target) }))
    // Baseline: rates and CPU percentages of the first sample are deltas from here.
    const baseline = await this.#system.sample()
    this.#cores = baseline.cpuPerCorePercent.length
    await Promise.all([...this.#watchers.values()].map(async (watcher) => { await watcher.baseline() }))
    this.#baseMs = performance.now()
    if (this.outDir !== undefined) {
      this.#systemWriter = await CsvWriter.open(join(this.outDir, SYSTEM_CSV), systemColumns(this.#cores))
      this.#prometheusWriter = await CsvWriter.open(join(this.outDir, PROMETHEUS_CSV), PROMETHEUS_COLUMNS)
    }
  }

  async #addTarget (target: MonitorTarget): Promise<void> {
    const watcher = new ServiceWatcher(target, {
      healthTimeoutMs: this.options.healthTimeoutMs,
      scrapeTimeoutMs: this.options.scrapeTimeoutMs,
      scrapeDirectly: this.#prometheus === undefined
    }, this.#reporter)
    this.#watchers.set(target.name, watcher)
    if (this.outDir !== undefined) watcher.writer = await CsvWriter.open(join(this.outDir, serviceCsvName(target.name)), SERVICE_COLUMNS)
  }

  /** Runs ticks on the grid until the duration is over or stop() is called. */
  async #loop (): Promise<MonitorSummary['reason']> {
    const intervalMs = this.options.intervalS * 1000
    const lastTick = Math.floor((this.options.durationS * 1000) / intervalMs + 1e-9)
    return await new Promise<MonitorSummary['reason']>((resolveLoop, rejectLoop) => {
      this.#finish = resolveLoop
      const schedule = (tick: number): void => {
        if (tick > lastTick) { resolveLoop('duration'); return }
        const delay = this.#baseMs + tick * intervalMs - performance.now()
        this.#timer = setTimeout(() => {
          this.#tick = this.#sampleOnce()
          this.#tick.then(() => {
            if (this.#stopRequested) return
            // Ticks whose time passed while this one ran are skipped, not run late.
            const due = Math.max(tick + 1, Math.ceil((performance.now() - this.#baseMs) / intervalMs))
            this.#skippedTicks += Math.min(due, lastTick + 1) - (tick + 1)
            schedule(due)
          }, rejectLoop)
        }, Math.max(0, delay))
      }
      schedule(1)
    })
  }

  async #sampleOnce (): Promise<void> {
    const system = await this.#system?.sample()
    if (system === undefined) return
    const timestamp = new Date().toISOString()
    const elapsedS = (performance.now() - this.#baseMs) / 1000
    const readings = await this.#readPrometheus()
    if (readings !== undefined) await this.#addDiscoveredServices(readings)
    const services = await Promise.all([...this.#watchers.values()].map(async (watcher) =>
      await watcher.sample(readings === undefined ? undefined : { reading: readings.get(watcher.target.name) })))
    const sample: MonitorSample = { timestamp, elapsedS, system, services }
    await this.#write(sample)
    this.#samples++
    this.#history.push(sample)
    if (this.#history.length > this.options.historyLimit) this.#history.shift()
    this.emit('sample', sample)
  }

  async #readPrometheus (): Promise<Map<string, PrometheusServiceReading> | undefined> {
    if (this.#prometheus === undefined) return undefined
    try {
      const readings = await this.#prometheus.readServices()
      this.#throttle.clear('prometheus')
      return readings
    } catch (err) {
      if (!isMibError(err)) throw err
      this.#warn('prometheus', err)
      return new Map()
    }
  }

  /** With Prometheus as the source, services it knows (by their `service` label) are watched too. */
  async #addDiscoveredServices (readings: Map<string, PrometheusServiceReading>): Promise<void> {
    for (const label of readings.keys()) {
      // Series without a service label (Prometheus's own, other jobs) belong to no service of ours.
      if (label === '') continue
      const name = canonicalServiceName(label)
      if (!this.#watchers.has(name) && /^[A-Za-z0-9_.-]{1,64}$/.test(name)) await this.#addTarget({ name })
    }
    // Readings are looked up by canonical name.
    for (const [label, reading] of [...readings]) {
      const name = canonicalServiceName(label)
      if (name !== label) { readings.delete(label); readings.set(name, reading) }
    }
  }

  async #write (sample: MonitorSample): Promise<void> {
    const writes: Array<Promise<void>> = []
    if (this.#systemWriter !== undefined) writes.push(this.#systemWriter.append(systemRow(sample, this.#cores)))
    for (const service of sample.services) {
      const writer = this.#watchers.get(service.name)?.writer
      if (writer !== undefined) writes.push(writer.append(serviceRow(sample, service)))
    }
    const prometheusWriter = this.#prometheusWriter
    if (prometheusWriter !== undefined) for (const row of prometheusRows(sample)) writes.push(prometheusWriter.append(row))
    await Promise.all(writes)
  }

  #warn (key: string, warning: MibError): void {
    if (!this.#throttle.shouldReport(key, warning.message, performance.now())) return
    this.emit('warning', warning)
  }

  async #closeWriters (): Promise<void> {
    const writers = [this.#systemWriter, this.#prometheusWriter, ...[...this.#watchers.values()].map((w) => w.writer)]
    await Promise.all(writers.map(async (w) => { await w?.close() }))
  }
}

/** results/monitor-<UTC timestamp>/ (not under $MIB_RESULTS_DIR), with ':' replaced so the name is valid everywhere. */
export function defaultOutDir (now = new Date()): string {
  return join(DEFAULT_RESULTS_DIR, `monitor-${now.toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-')}`)
}
