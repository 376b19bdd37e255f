/**
 * The resilience verdict as the report and the console show it: one row per
 * fault (what was measured) and its ✓/✗ targets, apart from the performance
 * verdict.
 */
import type { Cell, Section } from './report-model.js'
import type { FaultVerdict, RecoveryRegression, ResilienceStatus, ResilienceVerdict } from '../analyze/resilience.js'
import { formatCount } from './format.js'

const NONE = '–'
const seconds = (v: number | null): string => v === null ? NONE : `${v.toFixed(1)} s`
const mib = (v: number | null): string => v === null ? '?' : (v / 1048576).toFixed(0)
const mark = (s: ResilienceStatus): string => s === 'pass' ? '✓' : s === 'fail' ? '✗' : '?'

function statusCell (s: ResilienceStatus | 'inconclusive'): Cell {
  if (s === 'pass') return { text: '✓ pass', tone: 'ok' }
  if (s === 'fail') return { text: '✗ fail', tone: 'bad' }
  return { text: s, tone: 'muted' }
}

/** "1,060 clean 503 · 12 refused · 3 unclean (2 reset, 1 timeout)" */
export function failureSummary (fault: FaultVerdict): string {
  const unclean = (['reset', 'timeout', 'server_error', 'client_error', 'other'] as const)
    .filter((k) => fault.failures[k] > 0).map((k) => `${formatCount(fault.failures[k])} ${k.replace('_', ' ')}`)
  const parts = [`${formatCount(fault.failures.clean)} clean 503`]
  if (fault.failures.refused > 0) parts.push(`${formatCount(fault.failures.refused)} refused`)
  if (fault.failures.unverified_503 > 0) parts.push(`${formatCount(fault.failures.unverified_503)} 503 not inspected`)
  parts.push(`${formatCount(fault.unclean)} unclean${unclean.length === 0 ? '' : ` (${unclean.join(', ')})`}`)
  return parts.join(' · ')
}

/** The failed part's memory, and the others', after the recovery window against before the fault. */
export function memorySummary (fault: FaultVerdict): string {
  return fault.memory.map((m) => `${m.name} ${mib(m.beforeBytes)} → ${mib(m.afterBytes)} MiB`).join(', ')
}

export function resilienceSection (resilience: ResilienceVerdict, regressions: readonly RecoveryRegression[] = []): Section {
  const criteria = resilience.criteria
  const faultRows = resilience.faults.map((fault): Cell[] => [
    { text: fault.name },
    { text: seconds(fault.detectS) },
    { text: seconds(fault.recoverS) },
    { text: seconds(fault.outageS) },
    { text: formatCount(fault.requests) },
    { text: failureSummary(fault) },
    { text: memorySummary(fault) },
    statusCell(fault.status)
  ])
  const targetRows = [
    ...resilience.faults.flatMap((fault) => fault.targets.map((t): Cell[] => [{ text: fault.name }, { text: t.target }, { text: t.measured }, statusCell(t.status)])),
    [{ text: 'end of the run' }, { text: resilience.healthyAtEnd.target }, { text: resilience.healthyAtEnd.measured }, statusCell(resilience.healthyAtEnd.status)]
  ]
  const notes = [
    `Resilience verdict: ${resilience.status.toUpperCase()} — judged apart from the performance verdict: a clean refusal (503 with Retry-After and the error envelope) while a part is down is the expected answer.`,
    `Detected: fault start → end of the first second with a failed request. Recovered: error rate < ${(criteria.errorRate * 100).toFixed(2)} % and p99 < ${criteria.p99Ms} ms for ${criteria.holdS} s in a row, counted from when the failed part is healthy again (1 s resolution). Outage: fault start → recovered.`,
    'Refused connections (nothing listening while a service restarts) are counted apart from unclean failures (resets, timeouts, other 5xx). Memory: RSS before the fault → at the end of its recovery window (a restarted service is a new process).',
    ...resilience.skipped.map((s) => `Not injected: ${s.name} (${s.reason}).`),
    ...regressions.map((r) => `Slower than the baseline: ${r.name} recovered in ${seconds(r.currentS)} (baseline ${seconds(r.baselineS)}).`),
    ...resilience.faults.flatMap((fault) => fault.errors.map((e) => `${fault.name}: ${e}`))
  ]
  return {
    id: 'resilience',
    title: 'Resilience (chaos faults)',
    notes,
    tables: [
      { caption: 'Faults', table: { headers: ['fault', 'detected', 'recovered after healthy', 'outage', 'requests', 'failed during the fault', 'memory before → after', 'verdict'], rows: faultRows } },
      { caption: 'Resilience targets', table: { headers: ['fault', 'target', 'measured', 'status'], rows: targetRows } }
    ]
  }
}

/** The lines printed beside the performance verdict. */
export function resilienceLines (resilience: ResilienceVerdict): string[] {
  const lines = [`resilience ${resilience.status.toUpperCase()} (judged apart from the performance verdict)`]
  for (const fault of resilience.faults) {
    lines.push(`  ${fault.status === 'pass' ? '✓' : fault.status === 'fail' ? '✗' : '?'} ${fault.name}: detected ${fault.detectS === null ? 'never (no failed request)' : `in ${seconds(fault.detectS)}`}, ` +
      `recovered ${fault.recoverS === null ? 'not' : `${seconds(fault.recoverS)} after healthy (outage ${seconds(fault.outageS)})`}; ${failureSummary(fault)}; ${memorySummary(fault)}`)
    for (const t of fault.targets) lines.push(`      ${mark(t.status)} ${t.target}: ${t.measured}`)
  }
  for (const s of resilience.skipped) lines.push(`  - ${s.name} not injected: ${s.reason}`)
  lines.push(`  ${mark(resilience.healthyAtEnd.status)} ${resilience.healthyAtEnd.target}: ${resilience.healthyAtEnd.measured}`)
  return lines
}
