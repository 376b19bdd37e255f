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
export function failureSummary (f: FaultVerdict): string {
  const unclean = (['reset', 'timeout', 'server_error', 'client_error', 'other'] as const)
    .filter((k) => f.failures[k] > 0).map((k) => `${formatCount(f.failures[k])} ${k.replace('_', ' ')}`)
  const parts = [`${formatCount(f.failures.clean)} clean 503`]
  if (f.failures.refused > 0) parts.push(`${formatCount(f.failures.refused)} refused`)
  if (f.failures.unverified_503 > 0) parts.push(`${formatCount(f.failures.unverified_503)} 503 not inspected`)
  parts.push(`${formatCount(f.unclean)} unclean${unclean.length === 0 ? '' : ` (${unclean.join(', ')})`}`)
  return parts.join(' · ')
}

/** The failed part's memory, and the others', after the recovery window against before the fault. */
export function memorySummary (f: FaultVerdict): string {
  return f.memory.map((m) => `${m.name} ${mib(m.beforeBytes)} → ${mib(m.afterBytes)} MiB`).join(', ')
}

export function resilienceSection (v: ResilienceVerdict, regressions: readonly RecoveryRegression[] = []): Section {
  const c = v.criteria
  const faultRows = v.faults.map((f): Cell[] => [
    { text: f.name },
    { text: seconds(f.detectS) },
    { text: seconds(f.recoverS) },
    { text: seconds(f.outageS) },
    { text: formatCount(f.requests) },
    { text: failureSummary(f) },
    { text: memorySummary(f) },
    statusCell(f.status)
  ])
  const targetRows = [
    ...v.faults.flatMap((f) => f.targets.map((t): Cell[] => [{ text: f.name }, { text: t.target }, { text: t.measured }, statusCell(t.status)])),
    [{ text: 'end of the run' }, { text: v.healthyAtEnd.target }, { text: v.healthyAtEnd.measured }, statusCell(v.healthyAtEnd.status)]
  ]
  const notes = [
    `Resilience verdict: ${v.status.toUpperCase()} — judged apart from the performance verdict: a clean refusal (503 with Retry-After and the error envelope) while a part is down is the expected answer.`,
    `Detected: fault start → end of the first second with a failed request. Recovered: error rate < ${(c.errorRate * 100).toFixed(2)} % and p99 < ${c.p99Ms} ms for ${c.holdS} s in a row, counted from when the failed part is healthy again (1 s resolution). Outage: fault start → recovered.`,
    'Refused connections (nothing listening while a service restarts) are counted apart from unclean failures (resets, timeouts, other 5xx). Memory: RSS before the fault → at the end of its recovery window (a restarted service is a new process).',
    ...v.skipped.map((s) => `Not injected: ${s.name} (${s.reason}).`),
    ...regressions.map((r) => `Slower than the baseline: ${r.name} recovered in ${seconds(r.currentS)} (baseline ${seconds(r.baselineS)}).`),
    ...v.faults.flatMap((f) => f.errors.map((e) => `${f.name}: ${e}`))
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
export function resilienceLines (v: ResilienceVerdict): string[] {
  const lines = [`resilience ${v.status.toUpperCase()} (judged apart from the performance verdict)`]
  for (const f of v.faults) {
    lines.push(`  ${f.status === 'pass' ? '✓' : f.status === 'fail' ? '✗' : '?'} ${f.name}: detected ${f.detectS === null ? 'never (no failed request)' : `in ${seconds(f.detectS)}`}, ` +
      `recovered ${f.recoverS === null ? 'not' : `${seconds(f.recoverS)} after healthy (outage ${seconds(f.outageS)})`}; ${failureSummary(f)}; ${memorySummary(f)}`)
    for (const t of f.targets) lines.push(`      ${mark(t.status)} ${t.target}: ${t.measured}`)
  }
  for (const s of v.skipped) lines.push(`  - ${s.name} not injected: ${s.reason}`)
  lines.push(`  ${mark(v.healthyAtEnd.status)} ${v.healthyAtEnd.target}: ${v.healthyAtEnd.measured}`)
  return lines
}
