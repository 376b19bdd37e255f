/**
 * Everything the monitor reads about one service at each interval: its
 * process (/proc), its health URL and its /metrics (or its Prometheus
 * reading), with the state that deltas need (the previous scrape, the process
 * baseline). Problems are reported through `report`, never thrown.
 */
import type { MibError } from '../../errors.js'
import type { MonitorTarget } from './options.js'
import { ProcessSampler, type ProcessSample } from './sample/process-sampler.js'
import { checkHealth, type HealthResult } from './scrape/health.js'
import { scrapeMetrics } from './scrape/scrape.js'
import { deriveServiceMetrics, seriesOfInterest, type Scrape, type ServiceMetricsSample } from './scrape/service-metrics.js'
import type { MetricSample } from './scrape/prometheus-text.js'
import type { PrometheusServiceReading } from './scrape/prometheus-api.js'
import type { CsvWriter } from './write/csv-writer.js'
import { HealthCheckFailedError, ProcessGoneError, ScrapeFailedError } from './errors.js'
import type { ServiceSample } from './sample.js'

/** How a watcher reports: `warn` a problem under a key, `clear` the key once the problem is gone. */
export interface ProblemReporter {
  warn: (key: string, warning: MibError) => void
  clear: (key: string) => void
}

export interface WatcherSettings {
  healthTimeoutMs: number
  scrapeTimeoutMs: number
  /** false when a Prometheus server is the source of the service metrics. */
  scrapeDirectly: boolean
}

interface DirectReading {
  metrics: ServiceMetricsSample
  raw: MetricSample[]
}

export class ServiceWatcher {
  target: MonitorTarget
  /** This service's CSV file, when files are written. */
  writer: CsvWriter | undefined
  readonly #settings: WatcherSettings
  readonly #report: ProblemReporter
  #process: ProcessSampler | undefined
  #previousScrape: Scrape | undefined

  constructor (target: MonitorTarget, settings: WatcherSettings, report: ProblemReporter) {
    this.target = target
    this.#settings = settings
    this.#report = report
    this.#process = target.pid === undefined ? undefined : new ProcessSampler(target.pid)
  }

  /** The service was started again under a new pid (a restart, a chaos drill): sample that process from now on. */
  followPid (pid: number): void {
    this.target = { ...this.target, pid }
    this.#process = new ProcessSampler(pid)
  }

  /** The first readings, so that the first sample already has CPU % and rates. */
  async baseline (): Promise<void> {
    await Promise.all([this.#process?.sample(), this.#scrapeIfDirect()])
  }

  /** `reading`: this service's Prometheus figures, when Prometheus is the source. */
  async sample (fromPrometheus: { reading: PrometheusServiceReading | undefined } | undefined): Promise<ServiceSample> {
    const { target } = this
    const [processSample, health, direct] = await Promise.all([
      this.#sampleProcess(),
      target.healthUrl === undefined ? undefined : this.#checkHealth(target.healthUrl),
      this.#scrapeIfDirect()
    ])
    const reading = fromPrometheus?.reading
    return {
      name: target.name,
      pid: target.pid,
      process: processSample,
      health,
      metrics: reading?.metrics ?? direct?.metrics,
      metricsOk: fromPrometheus !== undefined ? reading !== undefined : target.metricsUrl === undefined ? undefined : direct !== undefined,
      rawSeries: reading?.raw ?? direct?.raw ?? []
    }
  }

  async #sampleProcess (): Promise<ProcessSample | undefined> {
    const sampler = this.#process
    if (sampler === undefined) return undefined
    const sample = await sampler.sample()
    if (sample === undefined) {
      this.#report.warn(`process:${this.target.name}`, new ProcessGoneError(this.target.name, sampler.pid))
      this.#process = undefined // never read again: the pid may now belong to another process
    }
    return sample
  }

  async #checkHealth (url: string): Promise<HealthResult> {
    const key = `health:${this.target.name}`
    const result = await checkHealth(url, this.#settings.healthTimeoutMs)
    if (result.ok) this.#report.clear(key)
    else this.#report.warn(key, new HealthCheckFailedError(this.target.name, url, result.detail ?? 'unhealthy'))
    return result
  }

  /** Scrapes /metrics (unless Prometheus is the source) and derives the figures since the previous scrape. */
  async #scrapeIfDirect (): Promise<DirectReading | undefined> {
    const url = this.target.metricsUrl
    if (url === undefined || !this.#settings.scrapeDirectly) return undefined
    const key = `scrape:${this.target.name}`
    let scrape: Scrape
    try {
      scrape = await scrapeMetrics(this.target.name, url, this.#settings.scrapeTimeoutMs)
    } catch (err) {
      if (!(err instanceof ScrapeFailedError)) throw err
      this.#report.warn(key, err)
      return undefined
    }
    this.#report.clear(key)
    const metrics = deriveServiceMetrics(this.#previousScrape, scrape)
    this.#previousScrape = scrape
    return { metrics, raw: seriesOfInterest(scrape.metrics) }
  }
}
