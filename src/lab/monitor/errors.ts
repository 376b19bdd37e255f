/**
 * Every error and warning code of the monitor. Warnings (a scrape that failed,
 * an unhealthy service, a process that exited) are emitted as these errors on
 * the monitor's 'warning' event, so callers branch on `code`, never on text.
 */
import { defineError } from '../../errors.js'

export const ProcUnavailableError = defineError('MIB_ERR_MONITOR_PROC_UNAVAILABLE',
  (path: string, detail: string) => `cannot read ${path} (the monitor needs Linux /proc): ${detail}`)

export const ProcFormatError = defineError('MIB_ERR_MONITOR_PROC_FORMAT',
  (path: string, detail: string) => `unexpected format in ${path}: ${detail}`)

export const ProcessGoneError = defineError('MIB_ERR_MONITOR_PROCESS_GONE',
  (service: string, pid: number) => `process ${pid} of ${service} is gone (exited, or its pid was reused)`)

export const MetricsParseError = defineError('MIB_ERR_MONITOR_METRICS_PARSE',
  (lineNumber: number, detail: string) => `invalid Prometheus text at line ${lineNumber}: ${detail}`)

export const ScrapeFailedError = defineError('MIB_ERR_MONITOR_SCRAPE_FAILED',
  (service: string, url: string, detail: string) => `scraping ${service} at ${url} failed: ${detail}`)

export const ResponseTooLargeError = defineError('MIB_ERR_MONITOR_RESPONSE_TOO_LARGE',
  (maxBytes: number) => `response body over ${maxBytes} bytes`)

export const HealthCheckFailedError = defineError('MIB_ERR_MONITOR_HEALTH_FAILED',
  (service: string, url: string, detail: string) => `${service} is unhealthy (${url}): ${detail}`)

export const PrometheusQueryError = defineError('MIB_ERR_MONITOR_PROMETHEUS_QUERY',
  (query: string, detail: string) => `Prometheus query \`${query}\` failed: ${detail}`)

export const NoRunStateWarning = defineError('MIB_ERR_MONITOR_NO_SERVICES',
  (detail: string) => `no services to monitor (${detail}); sampling the system only`)

export const CsvWriteError = defineError('MIB_ERR_MONITOR_CSV_WRITE',
  (file: string, detail: string) => `cannot write ${file}: ${detail}`)
