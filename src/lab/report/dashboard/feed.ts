/**
 * Turns what the runner and the monitor measured into the dashboard's events.
 * Pure functions: nothing here invents a figure — a window without finished
 * requests has null latencies (drawn as a gap), never zeros.
 */
import type { WindowStats, WindowMetricStats } from '../../load/metrics/index.js'
import type { ThresholdResult } from '../../load/thresholds/index.js'
import type { MonitorSample } from '../../monitor/index.js'
import type { MonitorEvent, OperationWindow, ThresholdStatus, WindowEvent } from './events.js'

type Trend = Extract<WindowMetricStats, { type: 'trend' }>
type Rate = Extract<WindowMetricStats, { type: 'rate' }>

function trend (stats: WindowMetricStats | undefined): Trend | undefined {
  return stats?.type === 'trend' ? stats : undefined
}

function rate (stats: WindowMetricStats | undefined): Rate | undefined {
  return stats?.type === 'rate' ? stats : undefined
}

function count (stats: WindowMetricStats | undefined): number {
  if (stats === undefined) return 0
  if (stats.type === 'counter' || stats.type === 'trend') return stats.count
  if (stats.type === 'rate') return stats.passes + stats.fails
  return 0
}

function percentiles (t: Trend | undefined): { p50: number | null, p95: number | null, p99: number | null } {
  if (t === undefined || t.count === 0) return { p50: null, p95: null, p99: null }
  return { p50: t.p50, p95: t.p95, p99: t.p99 }
}

function operationRows (window: WindowStats): OperationWindow[] {
  const byName = window.breakdown.name ?? {}
  const seconds = Math.max(window.durationMs, 1) / 1000
  return Object.entries(byName).map(([name, metrics]) => {
    const requests = count(metrics.http_reqs)
    const failed = rate(metrics.http_req_failed)
    return {
      name,
      requests,
      rps: requests / seconds,
      errorRate: failed === undefined ? 0 : failed.rate,
      ...percentiles(trend(metrics.http_req_duration))
    }
  }).sort((a, b) => a.name.localeCompare(b.name))
}

export function thresholdStatuses (results: readonly ThresholdResult[]): ThresholdStatus[] {
  return results.map((r) => ({ metric: r.metric, expression: r.expression, ok: r.ok, value: r.actual }))
}

export function windowEvent (window: WindowStats, vus: number, thresholds: readonly ThresholdResult[]): WindowEvent {
  const seconds = Math.max(window.durationMs, 1) / 1000
  const failed = rate(window.metrics.http_req_failed)
  const checks = rate(window.metrics.checks)
  return {
    type: 'window',
    time: window.endMs,
    vus,
    rps: count(window.metrics.http_reqs) / seconds,
    errorRate: failed === undefined ? 0 : failed.rate,
    latency: percentiles(trend(window.metrics.http_req_duration)),
    checks: { passes: checks?.passes ?? 0, fails: checks?.fails ?? 0 },
    operations: operationRows(window),
    thresholds: thresholdStatuses(thresholds)
  }
}

export function monitorEvent (sample: MonitorSample): MonitorEvent {
  return {
    type: 'monitor',
    time: Date.parse(sample.timestamp),
    system: { cpuPct: sample.system.cpuPercent ?? null, memPct: sample.system.memoryUsedPercent },
    services: sample.services.map((s) => ({ name: s.name, cpuPct: s.process?.cpuPercent ?? null, rssBytes: s.process?.rssBytes ?? null }))
  }
}
