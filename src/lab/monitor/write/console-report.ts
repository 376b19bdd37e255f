/** The human side of `mib monitor`: one line per sample on stdout, warnings on stderr. */
import type { MibError } from '../../../errors.js'
import type { MonitorSample, ServiceSample } from '../sample.js'
import type { MonitorSummary } from '../monitor.js'

const fixed = (value: number | undefined, digits = 1): string => value === undefined ? '-' : value.toFixed(digits)
const megabytes = (bytes: number | undefined): string => bytes === undefined ? '-' : `${(bytes / (1024 * 1024)).toFixed(0)}MB`

export function formatSampleLine (sample: MonitorSample): string {
  const s = sample.system
  const system = `cpu ${fixed(s.cpuPercent)}% mem ${fixed(s.memoryUsedPercent)}% load ${fixed(s.loadAverage[0], 2)} tcp ${s.tcpEstablished}`
  return [`${sample.timestamp.slice(11, 19)} ${system}`, ...sample.services.map(formatService)].join(' | ')
}

function formatService (service: ServiceSample): string {
  const up = service.health === undefined ? '' : service.health.ok ? ' up' : ' DOWN'
  const proc = service.process === undefined ? '' : ` cpu ${fixed(service.process.cpuPercent)}% rss ${megabytes(service.process.rssBytes)}`
  const m = service.metrics
  const traffic = m === undefined
    ? ''
    : ` ${fixed(m.requestsPerS)} req/s err ${fixed(m.errorRatio === undefined ? undefined : m.errorRatio * 100, 2)}% p99 ${fixed(m.latencyS.p99 === undefined ? undefined : m.latencyS.p99 * 1000)}ms`
  return `${service.name}${up}${proc}${traffic}`
}

export function formatWarning (warning: MibError): string {
  return `mib monitor: warning: ${warning.message} (${warning.code})`
}

export function formatSummary (summary: MonitorSummary): string {
  const where = summary.outDir === undefined ? 'no files written' : `CSV files in ${summary.outDir}/: ${summary.files.map((f) => f.slice(f.lastIndexOf('/') + 1)).join(', ')}`
  const skipped = summary.skippedTicks > 0 ? ` (${summary.skippedTicks} ticks skipped: sampling took longer than the interval)` : ''
  return `mib monitor: ${summary.samples} samples${skipped}; ${where}`
}
