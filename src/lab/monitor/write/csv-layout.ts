/**
 * The columns of each CSV file and how a sample becomes a row. Units are in
 * the column names; empty cells mean "not measured in this interval".
 */
import type { CsvCell } from './csv-writer.js'
import type { MonitorSample, ServiceSample } from '../sample.js'
import { formatLabels } from '../scrape/prometheus-text.js'
import { STATUS_CLASSES } from '../scrape/service-metrics.js'

export const SYSTEM_CSV = 'system_metrics.csv'
export const PROMETHEUS_CSV = 'prometheus_metrics.csv'

export function systemColumns (cores: number): string[] {
  return [
    'timestamp', 'elapsed_s', 'cpu_pct',
    ...Array.from({ length: cores }, (_, i) => `cpu${i}_pct`),
    'mem_used_pct', 'mem_used_bytes', 'mem_total_bytes', 'disk_used_pct', 'tcp_established',
    'load1', 'load5', 'load15',
    'net_rx_bytes', 'net_tx_bytes', 'net_rx_bytes_per_s', 'net_tx_bytes_per_s', 'lo_rx_bytes_per_s', 'lo_tx_bytes_per_s'
  ]
}

export function systemRow (sample: MonitorSample, cores: number): CsvCell[] {
  const s = sample.system
  return [
    sample.timestamp, sample.elapsedS, s.cpuPercent,
    ...Array.from({ length: cores }, (_, i) => s.cpuPerCorePercent[i]),
    s.memoryUsedPercent, s.memoryUsedBytes, s.memoryTotalBytes, s.diskUsedPercent, s.tcpEstablished,
    ...s.loadAverage,
    s.net.rxBytes, s.net.txBytes, s.net.rxBytesPerS, s.net.txBytesPerS, s.net.loopbackRxBytesPerS, s.net.loopbackTxBytesPerS
  ]
}

export const SERVICE_COLUMNS: readonly string[] = [
  'timestamp', 'elapsed_s', 'service', 'pid', 'up', 'health_status', 'health_latency_ms',
  'cpu_pct', 'rss_bytes', 'threads', 'heap_used_bytes', 'event_loop_lag_p99_ms', 'active_handles',
  'requests_per_s', ...STATUS_CLASSES.map((c) => `status_${c}_per_s`), 'errors_per_s', 'error_ratio', 'shed_per_s', 'stale_per_s',
  'latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms', 'ws_connections',
  'rpc_latency_p50_ms', 'rpc_latency_p95_ms', 'rpc_latency_p99_ms', 'metrics_ok'
]

const ms = (seconds: number | undefined): number | undefined => seconds === undefined ? undefined : seconds * 1000

export function serviceRow (sample: MonitorSample, service: ServiceSample): CsvCell[] {
  const m = service.metrics
  return [
    sample.timestamp, sample.elapsedS, service.name, service.pid, service.health?.ok,
    service.health?.statusCode, service.health?.latencyMs,
    service.process?.cpuPercent, service.process?.rssBytes, service.process?.threads,
    m?.heapUsedBytes, ms(m?.eventLoopLagP99S), m?.activeHandles,
    m?.requestsPerS, ...STATUS_CLASSES.map((c) => m?.byStatusClassPerS[c]), m?.errorsPerS, m?.errorRatio, m?.shedPerS, m?.staleAnswersPerS,
    ms(m?.latencyS.p50), ms(m?.latencyS.p95), ms(m?.latencyS.p99), m?.wsConnections,
    ms(m?.rpcLatencyS.p50), ms(m?.rpcLatencyS.p95), ms(m?.rpcLatencyS.p99), service.metricsOk
  ]
}

export const PROMETHEUS_COLUMNS: readonly string[] = ['timestamp', 'service', 'metric', 'labels', 'value']

/** Long format: one row per raw series; the `service` label is dropped (it is the service column). */
export function prometheusRows (sample: MonitorSample): CsvCell[][] {
  return sample.services.flatMap((service) => service.rawSeries.map((series) => {
    const { service: _omitted, ...labels } = series.labels
    return [sample.timestamp, service.name, series.name, formatLabels(labels), series.value]
  }))
}
