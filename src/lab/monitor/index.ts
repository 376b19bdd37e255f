/**
 * The monitor: system, process and service metrics sampled at an interval into
 * CSV files and 'sample' events. Reads only what any operator can read:
 * /proc, each service's /metrics and health URL, or a Prometheus server.
 * Inside, one folder per stage: sample/ (/proc: system and processes),
 * scrape/ (/metrics, health, Prometheus' API), write/ (CSV files, console).
 */
export { startMonitor, Monitor, defaultOutDir, type MonitorSummary, type MonitorEvents } from './monitor.js'
export { monitorOptionsSchema, targetSchema, MAX_DURATION_S, type MonitorOptions, type MonitorOptionsInput, type MonitorTarget } from './options.js'
export type { MonitorSample, ServiceSample } from './sample.js'
export type { SystemSample, NetSample } from './sample/system-sampler.js'
export { ProcessSampler, type ProcessSample } from './sample/process-sampler.js'
export type { HealthResult } from './scrape/health.js'
export type { ServiceMetricsSample, Quantiles, StatusClass } from './scrape/service-metrics.js'
export { parsePrometheusText, type MetricSample, type MetricFamily, type ParsedMetrics } from './scrape/prometheus-text.js'
export { histogramQuantile, type Bucket } from './scrape/histogram-quantile.js'
export { serviceCsvName, canonicalServiceName } from './targets.js'
export { SYSTEM_CSV, PROMETHEUS_CSV, SERVICE_COLUMNS, PROMETHEUS_COLUMNS, systemColumns } from './write/csv-layout.js'
export * from './errors.js'
