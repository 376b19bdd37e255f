/**
 * Delivered versus intended load of the arrival-rate (open model) scenarios:
 * what the schedule wanted, what started on time, late (after waiting for a
 * VU; their latency is counted from the intended start) or never (dropped).
 */
import type { ExecutorStatus } from './executors/types.js'
import { formatDuration } from './duration.js'

export interface DeliveryReport {
  scenario: string
  executor: string
  intendedIterations: number
  startedIterations: number
  onTimeIterations: number
  lateIterations: number
  droppedIterations: number
  /** Iterations per second over the scenario's time. */
  intendedRate: number
  deliveredRate: number
  /** startedIterations / intendedIterations. */
  deliveredShare: number
  elapsedMs: number
}

export function deliveryReports (statuses: readonly ExecutorStatus[]): DeliveryReport[] {
  return statuses
    .filter((s) => s.executor === 'constant-arrival-rate' || s.executor === 'ramping-arrival-rate')
    .map((s) => {
      const started = s.completedIterations + s.interruptedIterations
      const seconds = Math.max(s.plannedMs, 1) / 1000
      return {
        scenario: s.scenario,
        executor: s.executor,
        intendedIterations: s.intendedIterations,
        startedIterations: started,
        onTimeIterations: Math.max(0, started - s.lateIterations),
        lateIterations: s.lateIterations,
        droppedIterations: s.droppedIterations,
        intendedRate: s.intendedIterations / seconds,
        deliveredRate: started / seconds,
        deliveredShare: s.intendedIterations === 0 ? 1 : started / s.intendedIterations,
        elapsedMs: s.elapsedMs
      }
    })
}

export function formatDelivery (reports: readonly DeliveryReport[]): string {
  if (reports.length === 0) return ''
  const lines = ['', '     open-model delivery (iterations intended by the schedule vs started):']
  for (const r of reports) {
    lines.push(`     ${r.scenario} (${r.executor}, ${formatDuration(r.elapsedMs)}): intended ${r.intendedIterations} (${r.intendedRate.toFixed(1)}/s), ` +
      `started ${r.startedIterations} (${r.deliveredRate.toFixed(1)}/s, ${(r.deliveredShare * 100).toFixed(1)}%): ` +
      `${r.onTimeIterations} on time, ${r.lateIterations} late, ${r.droppedIterations} dropped`)
    if (r.lateIterations > 0 || r.droppedIterations > 0) {
      lines.push('       late iterations waited for a free VU: see *_intended metrics for latency from the intended start')
    }
  }
  return `${lines.join('\n')}\n\n`
}
