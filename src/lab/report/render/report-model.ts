/**
 * The report as data: titled sections of tables and notes, rendered by
 * markdown.ts and html/report-page.ts alike, so both say exactly the same.
 */
import type { Analysis, LatencySummary } from '../analyze/analysis.js'
import { verdictHeadline, type Verdict } from '../analyze/verdict.js'
import type { Comparison, DeltaRow } from '../analyze/baseline.js'
import { formatCount, formatMs, formatPct, formatPctValue } from './format.js'
import { formatAskedDelivered } from '../../load/rates.js'
import { OBSERVER_ERROR_FLOOR, OBSERVER_RATIO_LIMIT, type ObserverEffect } from '../analyze/observer-effect.js'

export type CellTone = 'ok' | 'bad' | 'muted'
export interface Cell { text: string, tone?: CellTone }
export interface Table { headers: string[], rows: Cell[][] }
export interface Section {
  id: string
  title: string
  notes: string[]
  tables: Array<{ caption?: string, table: Table }>
}

export interface ReportModel {
  title: string
  verdictLine: string
  verdictTone: CellTone
  meta: Array<[string, string]>
  sections: Section[]
}

const NONE = '–'

/** Figures are right-aligned in both renderings, words left-aligned. */
export function isNumeric (text: string): boolean {
  return /^[-+]?[\d.,]+( |$)|^–$/.test(text.trim())
}
const ms = (v: number | null | undefined): string => v === null || v === undefined ? NONE : formatMs(v)
const pct = (v: number | null | undefined): string => v === null || v === undefined ? NONE : formatPct(v)
const num = (v: number | null | undefined, digits = 1): string => v === null || v === undefined ? NONE : v.toFixed(digits)
const bytes = (v: number | null | undefined): string => v === null || v === undefined ? NONE : `${(v / 1048576).toFixed(1)} MiB`
const iso = (ms: number | null): string => ms === null ? NONE : new Date(ms).toISOString()

function statusCell (status: 'pass' | 'fail' | 'not measured' | boolean | null): Cell {
  if (status === 'pass' || status === true) return { text: '✓ pass', tone: 'ok' }
  if (status === 'fail' || status === false) return { text: '✗ fail', tone: 'bad' }
  return { text: 'not measured', tone: 'muted' }
}

export function buildReportModel (analysis: Analysis, verdict: Verdict, comparison: Comparison | undefined): ReportModel {
  const manifest = analysis.manifest
  const verdictTone: CellTone = verdict.status === 'pass' ? 'ok' : verdict.status === 'fail' ? 'bad' : 'muted'
  const regressions = comparison === undefined ? '' : `, ${comparison.regressions.length} regression(s) against ${comparison.baselineId}`
  return {
    title: `Load test report: ${analysis.runId}`,
    verdictLine: `Verdict: ${verdictHeadline(verdict)}${regressions}`,
    verdictTone,
    meta: [
      ['run', analysis.runId],
      ['load', `${iso(analysis.startMs)} → ${iso(analysis.endMs)} (${num(analysis.durationS, 0)} s)`],
      ['commit', manifest?.git ? `${manifest.git.commit}${manifest.git.dirty === true ? ' (uncommitted changes)' : ''}` : 'unknown'],
      ['preset', `${manifest?.preset ?? NONE}, ${scaleText(manifest)}`],
      ['machine', manifest ? `${manifest.machine.cpuModel}, ${manifest.machine.cores} cores, ${(manifest.machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${manifest.machine.nodeVersion}` : 'unknown'],
      ['sources', [analysis.sources.ndjson, analysis.sources.summary].filter((s) => s !== null).map((s) => s.split('/').at(-1)).join(', ')]
    ],
    sections: [
      verdictSection(verdict, analysis),
      thresholdSection(analysis),
      operationsSection(analysis),
      stagesSection(analysis),
      ...(analysis.observer === null ? [] : [observerSection(analysis.observer)]),
      errorsSection(analysis),
      resourcesSection(analysis),
      ...analysis.profiles.map((p, i) => profileSection(p, i)),
      ...(comparison === undefined ? [] : [comparisonSection(comparison)]),
      ...(analysis.warnings.length === 0 ? [] : [{ id: 'warnings', title: 'Warnings', notes: analysis.warnings, tables: [] }])
    ]
  }
}

function scaleText (manifest: Analysis['manifest']): string {
  const factor = manifest?.timeScale ?? 1
  if (manifest?.fastForward === true) return `fast-forward ${factor} (schedule and think time × ${factor}: request rates × ${+(1 / factor).toPrecision(3)} of the full-length test)`
  return factor === 1 ? 'full length' : `time scale ${factor} (schedule × ${factor}; think time as the script wrote it)`
}

function verdictSection (verdict: Verdict, analysis: Analysis): Section {
  const notes = [
    ...verdict.incomplete.map((reason) => `INCOMPLETE RUN: ${reason}. Every figure below is what was measured until then; the run cannot pass.`),
    'Measured against the headline targets; "not measured" means the run did not record what the target needs.'
  ]
  const observer = analysis.observer
  if (observer !== null) {
    notes.push(`The verdict is judged over the whole run, the profile window included: profiles were taken ${clock(observer.windowFromMs)}–${clock(observer.windowToMs)} UTC ` +
      `(${num((observer.windowToMs - observer.windowFromMs) / 1000, 1)} s inside the peak; the blue band on the charts). "Observer effect" below compares it with the rest of the peak: ` +
      `errors ${pct(observer.inside.errorRate)} vs ${pct(observer.rest.errorRate)}, p99 ${ms(observer.inside.latency?.p99)} vs ${ms(observer.rest.latency?.p99)}.`)
  }
  return {
    id: 'verdict',
    title: 'Targets',
    notes,
    tables: [{
      table: {
        headers: ['target', 'measured', 'result', 'basis'],
        rows: verdict.targets.map((t) => [{ text: t.target }, { text: t.measured, ...(t.value === null ? { tone: 'muted' as const } : {}) }, statusCell(t.status), { text: t.basis, tone: 'muted' }])
      }
    }]
  }
}

const clock = (epochMs: number): string => new Date(epochMs).toISOString().slice(11, 19)
const ratioText = (v: number | null): string => v === null ? NONE : `${v.toFixed(2)}×`

function observerSection (observer: ObserverEffect): Section {
  const row = (name: string, w: ObserverEffect['inside'], span: string): Cell[] => [
    { text: name }, { text: span }, { text: formatCount(w.requests) }, { text: num(w.rps) }, { text: pct(w.errorRate) }, ...latencyCells(w.latency).slice(0, 1), { text: ms(w.latency?.p95) }, { text: ms(w.latency?.p99) }
  ]
  const insideS = (observer.windowToMs - observer.windowFromMs) / 1000
  const restS = (observer.peakToMs - observer.peakFromMs) / 1000 - insideS
  const byKind = new Map<string, string[]>()
  for (const c of observer.collections) {
    const list = byKind.get(c.kind) ?? []
    list.push(`${c.service} ${clock(c.fromMs)}–${clock(c.toMs)}${c.ok ? '' : ' (failed)'}`)
    byKind.set(c.kind, list)
  }
  const verdict = observer.withinTarget === null ? 'not measured' : observer.withinTarget ? 'within' : 'NOT within'
  return {
    id: 'observer-effect',
    title: 'Observer effect: the profile window',
    notes: [
      `Profiles taken during the peak: ${[...byKind].map(([kind, list]) => `${kind}: ${list.join(', ')}`).join('; ')} (UTC).`,
      `The profile window runs from the first collection's start to the last one's end; the rest of the peak is the runner's measured peak (${clock(observer.peakFromMs)}–${clock(observer.peakToMs)}) without it. ` +
      `Target: inside the window, error rate and p99 within ${OBSERVER_RATIO_LIMIT}× of the rest of the peak (error rates under ${formatPct(OBSERVER_ERROR_FLOOR)} count as ${formatPct(OBSERVER_ERROR_FLOOR)}): ${verdict} ` +
      `(errors ${ratioText(observer.errorRatio)}, p99 ${ratioText(observer.p99Ratio)}).`
    ],
    tables: [{
      table: {
        headers: ['window', 'span', 'requests', 'req/s', 'errors', 'p50', 'p95', 'p99'],
        rows: [
          row('profile window', observer.inside, `${clock(observer.windowFromMs)}–${clock(observer.windowToMs)} (${num(insideS, 1)} s)`),
          row('rest of the peak', observer.rest, `${num(restS, 1)} s`),
          [{ text: 'window ÷ rest' }, { text: '' }, { text: '' }, { text: ratioText(observer.inside.rps === null || observer.rest.rps === null || observer.rest.rps === 0 ? null : observer.inside.rps / observer.rest.rps) },
            { text: ratioText(observer.errorRatio), ...(observer.errorRatio !== null && observer.errorRatio > OBSERVER_RATIO_LIMIT ? { tone: 'bad' as const } : {}) }, { text: '' }, { text: '' },
            { text: ratioText(observer.p99Ratio), ...(observer.p99Ratio !== null && observer.p99Ratio > OBSERVER_RATIO_LIMIT ? { tone: 'bad' as const } : {}) }]
        ]
      }
    }]
  }
}

function thresholdSection (analysis: Analysis): Section {
  const rows = analysis.thresholds.map((t): Cell[] => [{ text: t.metric }, { text: t.expression }, { text: num(t.value, 3) }, statusCell(t.ok), { text: t.source, tone: 'muted' }])
  return {
    id: 'thresholds',
    title: 'Thresholds',
    notes: rows.length === 0 ? ['The run declared no thresholds.'] : [],
    tables: rows.length === 0 ? [] : [{ table: { headers: ['metric', 'threshold', 'value', 'result', 'source'], rows } }]
  }
}

function latencyCells (l: LatencySummary | null): Cell[] {
  return [l?.p50, l?.p90, l?.p95, l?.p99, l?.max].map((v) => ({ text: ms(v) }))
}

function operationsSection (analysis: Analysis): Section {
  const overall = analysis.overall
  const rows: Cell[][] = analysis.operations.map((op) => [
    { text: op.name }, { text: op.requests === null ? NONE : formatCount(op.requests) }, { text: num(op.rps) }, { text: pct(op.errorRate) }, ...latencyCells(op.latency)
  ])
  rows.push([{ text: 'all' }, { text: overall.requests === null ? NONE : formatCount(overall.requests) }, { text: num(overall.rps) }, { text: pct(overall.errorRate) }, ...latencyCells(overall.latency)])
  return {
    id: 'operations',
    title: 'Operations',
    notes: ['Per `name` tag of http_req_duration; rates over the whole run; errors from http_req_failed.'],
    tables: [{ table: { headers: ['operation', 'requests', 'req/s', 'errors', 'p50', 'p90', 'p95', 'p99', 'max'], rows } }]
  }
}

function stagesSection (analysis: Analysis): Section {
  const notes: string[] = []
  const overall = analysis.overall
  if (analysis.peak !== null) {
    const peakStats = analysis.peakStats
    const detail = peakStats === null ? '' : `, p95 ${ms(peakStats.latency?.p95)}, p99 ${ms(peakStats.latency?.p99)}, errors ${pct(peakStats.errorRate)}`
    notes.push(`Peak window: ${analysis.peak.label}; there: ${num(overall.peakRps)} req/s${detail}.`)
  }
  const asked = analysis.manifest?.rates?.peak
  if (asked !== undefined) {
    notes.push(`Request rate asked vs delivered at the peak (the runner's ${formatCount(asked.level)} ${asked.unit}, ${num(asked.seconds, 0)} s measured): ${formatAskedDelivered(asked)}. ` +
      'Asked is the rate if every answer were instant: delivered × Σ iteration duration ÷ Σ think time asked (docs/load.md).')
  }
  if (overall.maxVus !== null) notes.push(`Highest VU count: ${formatCount(overall.maxVus)}.`)
  if (overall.checks !== null) notes.push(`Checks: ${formatCount(overall.checks.passes)} passed, ${formatCount(overall.checks.fails)} failed.`)
  const origin = analysis.stages[0]?.start ?? 0
  const rows = analysis.stages.map((s): Cell[] => [
    { text: s.name }, { text: `${num(s.start - origin, 0)}–${num(s.end - origin, 0)} s` }, { text: s.target === null ? NONE : String(s.target) },
    { text: s.maxVus === null ? NONE : formatCount(s.maxVus) }, { text: s.stats === null ? NONE : formatCount(s.stats.requests) }, { text: num(s.stats?.rps) },
    { text: pct(s.stats?.errorRate) }, { text: ms(s.stats?.latency?.p50) }, { text: ms(s.stats?.latency?.p95) }, { text: ms(s.stats?.latency?.p99) }
  ])
  return {
    id: 'over-time',
    title: 'Over time',
    notes,
    tables: rows.length === 0 ? [] : [{
      caption: 'Stages (from the manifest, durations × time scale, from the first data point)',
      table: { headers: ['stage', 'span', 'target', 'max VUs', 'requests', 'req/s', 'errors', 'p50', 'p95', 'p99'], rows }
    }]
  }
}

function errorsSection (analysis: Analysis): Section {
  const failed = analysis.overall.failedRequests
  const rows = analysis.errors.map((e): Cell[] => [{ text: e.operation }, { text: e.status || NONE }, { text: e.errorCode || NONE }, { text: formatCount(e.count) },
    { text: failed === null || failed === 0 ? NONE : formatPct(e.count / failed) }])
  const checkRows = analysis.checks.filter((c) => c.fails > 0).map((c): Cell[] => [{ text: c.name }, { text: formatCount(c.passes) }, { text: formatCount(c.fails), tone: 'bad' }])
  const shedRows = serviceCountRows(analysis, 'shedRequests', failed)
  const shedNote = shedRows.length === 0
    ? []
    : ['Shed: under overload a service answered some requests at once with 503 MIB_ERR_HTTP_OVERLOADED and Retry-After, before doing their work (its http_requests_shed_total, via the monitor). They are among the 503s above, and are the platform refusing load early, not failing it.']
  const staleRows = serviceCountRows(analysis, 'staleAnswers', analysis.overall.requests)
  const staleNote = staleRows.length === 0
    ? []
    : ['Stale: when the provider failed, the gateway answered some fetches with a kept answer past its freshness, marked stale with its age and the engine\'s code, instead of a 503 (stale-if-error: its gateway_stale_answers_total, via the monitor). They are successes above, not failures.']
  return {
    id: 'errors',
    title: 'Errors',
    notes: [...(rows.length === 0 ? ['No failed request recorded.'] : []), ...shedNote, ...staleNote],
    tables: [
      ...(rows.length === 0 ? [] : [{ caption: 'Failed requests by operation, status and k6 error code', table: { headers: ['operation', 'status', 'error_code', 'count', 'share'], rows } }]),
      ...(shedRows.length === 0 ? [] : [{ caption: 'Shed early under overload (from each service\'s /metrics)', table: { headers: ['service', 'shed', 'share of failed'], rows: shedRows } }]),
      ...(staleRows.length === 0 ? [] : [{ caption: 'Answered stale when the provider failed (from each service\'s /metrics)', table: { headers: ['service', 'stale answers', 'share of requests'], rows: staleRows } }]),
      ...(checkRows.length === 0 ? [] : [{ caption: 'Failing checks', table: { headers: ['check', 'passes', 'fails'], rows: checkRows } }])
    ]
  }
}

/** One row per service that counted some of `counter` (from the monitor): the count and its share of `total`. */
function serviceCountRows (analysis: Analysis, counter: 'shedRequests' | 'staleAnswers', total: number | null): Cell[][] {
  return (analysis.resources?.services ?? []).flatMap((service): Cell[][] => {
    const count = service[counter] ?? 0
    if (count <= 0) return []
    return [[{ text: service.name }, { text: formatCount(count) }, { text: total === null || total === 0 ? NONE : formatPct(count / total) }]]
  })
}

function resourcesSection (analysis: Analysis): Section {
  const res = analysis.resources
  if (res === null) return { id: 'resources', title: 'Resources', notes: ['No monitor CSV in the run directory: resource use not measured.'], tables: [] }
  const rows: Cell[][] = []
  const sys = res.system
  if (sys !== null) {
    rows.push([{ text: 'system' }, { text: formatOpt(sys.cpuPct?.mean) }, { text: formatOpt(sys.cpuPct?.max) }, { text: `${formatOpt(sys.memPct?.mean)} used` }, { text: `${formatOpt(sys.memPct?.max)} used` }, { text: String(sys.cpuPct?.samples ?? 0) }])
  }
  for (const s of res.services) {
    rows.push([{ text: s.name }, { text: formatOpt(s.cpuPct?.mean) }, { text: formatOpt(s.cpuPct?.max) }, { text: bytes(s.rssBytes?.mean) }, { text: bytes(s.rssBytes?.max) }, { text: String(s.cpuPct?.samples ?? 0) }])
  }
  return {
    id: 'resources',
    title: 'Resources',
    notes: ['From the monitor, samples taken while the load ran. A service\'s CPU is in % of one core.'],
    tables: [{ table: { headers: ['', 'CPU mean', 'CPU max', 'memory mean', 'memory max', 'samples'], rows } }]
  }
}

function formatOpt (v: number | undefined): string {
  return v === undefined ? NONE : formatPctValue(v)
}

function profileSection (profile: Analysis['profiles'][number], i: number): Section {
  return {
    id: `profile-${i + 1}`,
    title: `CPU profile: ${profile.file}`,
    notes: [`Top functions by self time (${profile.sampleType}, ${profile.unit}); cumulative includes callees.`],
    tables: [{
      table: {
        headers: ['function', 'file', 'flat', 'flat %', 'cum %'],
        rows: profile.functions.map((fn) => [{ text: fn.name }, { text: fn.file.split('/').slice(-2).join('/'), tone: 'muted' }, { text: formatCount(fn.flat) }, { text: num(fn.flatPct) }, { text: num(fn.cumPct) }])
      }
    }]
  }
}

function comparisonSection (c: Comparison): Section {
  const fmt = (row: DeltaRow, v: number | null): string => {
    if (v === null) return NONE
    if (row.metric === 'error rate') return formatPct(v)
    if (row.metric === 'throughput') return `${v.toFixed(1)} req/s`
    return formatMs(v)
  }
  const deltaText = (row: DeltaRow): string => {
    if (row.delta === null) return NONE
    if (row.metric === 'error rate') return `${row.delta >= 0 ? '+' : ''}${(row.delta * 100).toFixed(2)} pp`
    return row.deltaPct === null ? `${row.delta >= 0 ? '+' : ''}${row.delta.toFixed(1)}` : `${row.deltaPct >= 0 ? '+' : ''}${row.deltaPct.toFixed(1)} %`
  }
  const rows = c.rows.map((r): Cell[] => [{ text: r.scope }, { text: r.metric }, { text: fmt(r, r.baseline) }, { text: fmt(r, r.current) }, { text: deltaText(r) },
    r.regression ? { text: `✗ regression (${r.rule ?? ''})`, tone: 'bad' } : { text: '', tone: 'muted' }])
  const notes = [
    `Baseline ${c.baselineId}${c.baselineCommit === null ? '' : ` (commit ${c.baselineCommit.slice(0, 12)})`}. ` +
    `Regression rules: p95/p99 worse by more than ${c.rules.latencyPct} %, error rate up by more than ${c.rules.errorRatePp} pp, throughput down by more than ${c.rules.throughputPct} %.`,
    c.regressions.length === 0 ? 'No regression.' : `${c.regressions.length} regression(s).`
  ]
  if (c.onlyInBaseline.length > 0) notes.push(`Only in the baseline: ${c.onlyInBaseline.join(', ')}.`)
  if (c.onlyInCurrent.length > 0) notes.push(`New in this run: ${c.onlyInCurrent.join(', ')}.`)
  return { id: 'baseline', title: 'Comparison with the baseline', notes, tables: [{ table: { headers: ['scope', 'metric', 'baseline', 'this run', 'change', ''], rows } }] }
}
