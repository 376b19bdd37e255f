/**
 * `mib results analyze`: analyze a run (and its baseline), judge it, write
 * report.md, report.html and analysis.json into its directory, and record the
 * verdict in its manifest.
 */
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { parseOptions } from '../../../options.js'
import { RUN_FILES, openRunDir, resolveRun, resultsRoot, writeJsonAtomically } from '../../results-dir/index.js'
import { analyzeRun, type Analysis } from '../analyze/analysis.js'
import { judge, targetsSchema, verdictHeadline, type Verdict } from '../analyze/verdict.js'
import { compareRuns, regressionRulesSchema, type Comparison } from '../analyze/baseline.js'
import { buildReportModel } from '../render/report-model.js'
import { renderMarkdown } from '../render/markdown.js'
import { chartDataOf, renderReportHtml } from '../render/html/report-page.js'
import { loadUplotAssets } from '../render/html/uplot-assets.js'
import { formatMs, formatPct } from '../render/format.js'
import { faultBands } from '../read/fault-events.js'
import { compareRecovery, judgeResilience, type RecoveryRegression, type ResilienceVerdict } from '../analyze/resilience.js'
import { resilienceLines, resilienceSection } from '../render/resilience-report.js'

const msOrDash = (ms: number | null | undefined): string => ms === null || ms === undefined ? '–' : formatMs(ms)

export const analyzeOptionsSchema = z.object({
  /** Run reference: id, unique id prefix, directory, or "latest" / undefined. */
  run: z.string().optional(),
  baseline: z.string().optional(),
  /** The results root (default results/ or $MIB_RESULTS_DIR). */
  root: z.string().optional(),
  rules: regressionRulesSchema.default(regressionRulesSchema.parse({})),
  targets: targetsSchema.default(targetsSchema.parse({})),
  now: z.date().optional()
}).strict()
export type AnalyzeRunOptions = z.input<typeof analyzeOptionsSchema>

export interface AnalyzeResult {
  runId: string
  dir: string
  analysis: Analysis
  verdict: Verdict
  comparison: Comparison | undefined
  /** A chaos run's verdict, judged apart from `verdict`; undefined for other runs. */
  resilience: ResilienceVerdict | undefined
  /** Recovery slower than the baseline's (chaos runs with a chaos baseline). */
  recoveryRegressions: RecoveryRegression[]
  files: { markdown: string, html: string, json: string }
}

export async function analyzeAndReport (input: AnalyzeRunOptions = {}): Promise<AnalyzeResult> {
  const analyzeOptions = parseOptions(analyzeOptionsSchema, input, 'analyze options')
  const root = analyzeOptions.root ?? resultsRoot()
  const run = await resolveRun(analyzeOptions.run, root)
  const analysis = await analyzeRun({ runId: run.id, dir: run.dir, manifest: run.manifest, ...(analyzeOptions.now ? { now: analyzeOptions.now } : {}) })
  let comparison: Comparison | undefined
  const resilience = resilienceOf(analysis, analyzeOptions.targets)
  let recoveryRegressions: RecoveryRegression[] = []
  if (analyzeOptions.baseline !== undefined) {
    const base = await resolveRun(analyzeOptions.baseline, root)
    const baseAnalysis = await analyzeRun({ runId: base.id, dir: base.dir, manifest: base.manifest })
    comparison = compareRuns(analysis, baseAnalysis, analyzeOptions.rules)
    const baseResilience = resilienceOf(baseAnalysis, analyzeOptions.targets)
    if (resilience !== undefined && baseResilience !== undefined) recoveryRegressions = compareRecovery(resilience, baseResilience)
  }
  const verdict = judge(analysis, analyzeOptions.targets)
  const model = buildReportModel(analysis, verdict, comparison)
  if (resilience !== undefined) {
    model.verdictLine += ` · Resilience: ${resilience.status.toUpperCase()}${recoveryRegressions.length === 0 ? '' : `, ${recoveryRegressions.length} slower recovery(ies) than the baseline`}`
    model.sections.splice(1, 0, resilienceSection(resilience, recoveryRegressions))
  }
  const files = {
    markdown: join(run.dir, RUN_FILES.reportMarkdown),
    html: join(run.dir, RUN_FILES.reportHtml),
    json: join(run.dir, RUN_FILES.analysis)
  }
  await writeFile(files.markdown, renderMarkdown(model))
  const charts = chartDataOf(analysis)
  if (analysis.chaos !== null) charts.bands.push(...faultBands(analysis.chaos.events))
  await writeFile(files.html, renderReportHtml(model, charts, await loadUplotAssets()))
  await writeJsonAtomically(files.json, { analysis, verdict, comparison: comparison ?? null, resilience: resilience ?? null, recoveryRegressions })
  await openRunDir(run.dir, run.id).writeManifest({
    verdict: {
      status: verdict.status,
      analyzedAt: analysis.analyzedAt,
      failed: verdict.failed,
      notMeasured: verdict.notMeasured,
      ...(verdict.incomplete.length === 0 ? {} : { incomplete: verdict.incomplete }),
      ...(comparison === undefined ? {} : { baseline: comparison.baselineId, regressions: comparison.regressions.length }),
      ...(resilience === undefined ? {} : { resilience: { status: resilience.status, failed: resilienceFailures(resilience), recoveryRegressions: recoveryRegressions.length } })
    }
  })
  return { runId: run.id, dir: run.dir, analysis, verdict, comparison, resilience, recoveryRegressions, files }
}

function resilienceOf (analysis: Analysis, targets: { errorRate: number, p99Ms: number }): ResilienceVerdict | undefined {
  const chaos = analysis.chaos
  return chaos === null ? undefined : judgeResilience(chaos.events, chaos.series, { errorRate: targets.errorRate, p99Ms: targets.p99Ms })
}

function resilienceFailures (resilience: ResilienceVerdict): string[] {
  return [
    ...resilience.faults.flatMap((fault) => fault.targets.filter((t) => t.status === 'fail').map((t) => `${fault.name}: ${t.target}`)),
    ...(resilience.healthyAtEnd.status === 'fail' ? [resilience.healthyAtEnd.target] : [])
  ]
}

/** The few lines `mib results analyze` prints. */
export function formatAnalyzeResult (result: AnalyzeResult): string {
  const lines = [`${result.runId}: verdict ${verdictHeadline(result.verdict)}`]
  for (const reason of result.verdict.incomplete) lines.push(`  ! incomplete: ${reason}`)
  for (const t of result.verdict.targets) lines.push(`  ${t.status === 'pass' ? '✓' : t.status === 'fail' ? '✗' : '?'} ${t.target}: ${t.measured}`)
  const observer = result.analysis.observer
  if (observer !== null) {
    const mark = observer.withinTarget === null ? '?' : observer.withinTarget ? '✓' : '✗'
    lines.push(`  ${mark} profile window (${((observer.windowToMs - observer.windowFromMs) / 1000).toFixed(1)} s of the peak) vs the rest of the peak: ` +
      `errors ${formatPct(observer.inside.errorRate ?? 0)} vs ${formatPct(observer.rest.errorRate ?? 0)}, p99 ${msOrDash(observer.inside.latency?.p99)} vs ${msOrDash(observer.rest.latency?.p99)}, ` +
      `req/s ${observer.inside.rps?.toFixed(1) ?? '–'} vs ${observer.rest.rps?.toFixed(1) ?? '–'} (target: errors and p99 within 1.5×)`)
  }
  if (result.resilience !== undefined && result.analysis.thresholds.length > 0) lines.push('  thresholds (whole run, faults included: shown, not judged in a chaos run):')
  for (const t of result.analysis.thresholds) lines.push(`  ${t.ok === true ? '✓' : t.ok === false ? '✗' : '?'} threshold ${t.metric} ${t.expression}`)
  if (result.comparison !== undefined) {
    const { baselineId, regressions } = result.comparison
    lines.push(`  against ${baselineId}: ${regressions.length} regression(s)`)
    for (const r of regressions) lines.push(`    ✗ ${r.scope} ${r.metric} ${r.rule ?? ''}`)
  }
  if (result.resilience !== undefined) {
    lines.push(...resilienceLines(result.resilience))
    for (const r of result.recoveryRegressions) lines.push(`  ✗ ${r.name}: recovered in ${r.currentS === null ? 'never' : `${r.currentS.toFixed(1)} s`}, baseline ${r.baselineS?.toFixed(1) ?? '?'} s`)
  }
  for (const w of result.analysis.warnings) lines.push(`  warning: ${w}`)
  lines.push(`  wrote ${result.files.markdown}`, `  wrote ${result.files.html}`)
  return lines.join('\n')
}
