import { test } from 'node:test'
import assert from 'node:assert/strict'
import { formatSampleLine, formatSummary } from './console-report.js'
import type { MonitorSample } from '../sample.js'

const sample: MonitorSample = {
  timestamp: '2025-01-01T12:00:05.123Z',
  elapsedS: 5,
  system: {
    cpuPercent: 23.456,
    cpuPerCorePercent: [20, 26.9],
    memoryUsedPercent: 41,
    memoryUsedBytes: 1,
    memoryTotalBytes: 2,
    diskUsedPercent: 50,
    diskPath: '/tmp',
    tcpEstablished: 12,
    loadAverage: [0.5, 0.4, 0.3],
    net: { rxBytes: 0, txBytes: 0, rxBytesPerS: 0, txBytesPerS: 0, loopbackRxBytesPerS: 0, loopbackTxBytesPerS: 0 }
  },
  services: [{
    name: 'gateway',
    pid: 42,
    process: { pid: 42, cpuPercent: 35, rssBytes: 80 * 1024 * 1024, threads: 11 },
    health: { ok: false, statusCode: 503, latencyMs: 1, detail: 'HTTP 503' },
    metrics: {
      requestsPerS: 120,
      byStatusClassPerS: { '1xx': 0, '2xx': 117, '3xx': 0, '4xx': 0, '5xx': 3 },
      errorsPerS: 3,
      errorRatio: 0.025,
      shedPerS: 0,
      staleAnswersPerS: 0,
      latencyS: { p50: 0.002, p95: 0.008, p99: 0.0123 },
      wsConnections: 4,
      rpcLatencyS: { p50: undefined, p95: undefined, p99: undefined },
      heapUsedBytes: 1,
      eventLoopLagP99S: 0.01,
      activeHandles: 3
    },
    metricsOk: true,
    rawSeries: []
  }]
}

test('one line per sample: time, system figures, then each service with health, process and traffic', () => {
  assert.equal(formatSampleLine(sample),
    '12:00:05 cpu 23.5% mem 41.0% load 0.50 tcp 12 | gateway DOWN cpu 35.0% rss 80MB 120.0 req/s err 2.50% p99 12.3ms')
})

test('the summary says where the files are and how many ticks were skipped', () => {
  assert.equal(formatSummary({ reason: 'stopped', samples: 3, skippedTicks: 1, outDir: '/r', files: ['/r/system_metrics.csv', '/r/x_metrics.csv'] }),
    'mib monitor: 3 samples (1 ticks skipped: sampling took longer than the interval); CSV files in /r/: system_metrics.csv, x_metrics.csv')
})
