/** What the monitor emits at each interval (the 'sample' event) and keeps as history. */
import type { SystemSample } from './sample/system-sampler.js'
import type { ProcessSample } from './sample/process-sampler.js'
import type { HealthResult } from './scrape/health.js'
import type { ServiceMetricsSample } from './scrape/service-metrics.js'
import type { MetricSample } from './scrape/prometheus-text.js'

export interface ServiceSample {
  /** Canonical name: gateway, engine, provider-sim, or a name given with --pid/--metrics. */
  name: string
  pid: number | undefined
  /** Undefined without a pid, or once the process is gone. */
  process: ProcessSample | undefined
  /** Undefined without a health URL. */
  health: HealthResult | undefined
  /** Undefined when the metrics could not be read (no URL, scrape failed, absent from Prometheus). */
  metrics: ServiceMetricsSample | undefined
  /** Whether the metrics were read; undefined when the service has no metrics source. */
  metricsOk: boolean | undefined
  /** Raw series of interest from /metrics (or Prometheus), for the long-format CSV. */
  rawSeries: MetricSample[]
}

export interface MonitorSample {
  /** Wall-clock time of the sample, ISO 8601 (UTC). */
  timestamp: string
  /** Seconds since the monitor's baseline reading. */
  elapsedS: number
  system: SystemSample
  services: ServiceSample[]
}
