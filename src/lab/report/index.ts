/**
 * The report component's public surface: results directories and manifests,
 * analysis and reports of a run, and the live dashboard with its event schema.
 * Inside, one folder per stage: read/ (a run's files into aggregates),
 * analyze/ (aggregates into an analysis and a verdict), render/ (markdown and
 * HTML), commands/ (`mib results analyze|collect|list`), dashboard/ (live).
 */
export { RUN_FILES, resultsRoot, createRunDir, openRunDir, listRuns, latestRun, resolveRun, readManifest, runIdFor } from '../results-dir/index.js'
export type { RunDir, RunInfo, CreateRunDirOptions } from '../results-dir/index.js'
export type { Manifest, ManifestPatch, ManifestProfiling, ManifestRates, ManifestVerdict, Stage, VerdictStatus } from '../results-dir/index.js'
export * from './errors.js'
export { NoRunsError, RunNotFoundError, AmbiguousRunError, ManifestCorruptError } from '../results-dir/index.js'
export { startDashboard } from './dashboard/server.js'
export { DEFAULT_DASHBOARD_PORT } from './dashboard/port.js'
export type { Dashboard, DashboardOptions } from './dashboard/server.js'
export type {
  DashboardEvent, WindowEvent, MonitorEvent, StageEvent, EndEvent, EndSummary,
  OperationWindow, ThresholdStatus, ServiceUsage, LatencyPercentiles
} from './dashboard/events.js'
export { analyzeAndReport, formatAnalyzeResult, analyzeOptionsSchema } from './commands/analyze.js'
export type { AnalyzeResult, AnalyzeRunOptions } from './commands/analyze.js'
export { analyzeRun } from './analyze/analysis.js'
export type { Analysis, OperationRow, Timeline, Overall, LatencySummary } from './analyze/analysis.js'
export { judge, DEFAULT_TARGETS, targetsSchema } from './analyze/verdict.js'
export type { Verdict, TargetRow, Targets } from './analyze/verdict.js'
export { compareRuns, DEFAULT_RULES, regressionRulesSchema } from './analyze/baseline.js'
export type { Comparison, DeltaRow, RegressionRules } from './analyze/baseline.js'
export { collectResults } from './commands/collect.js'
export type { CollectOptions, CollectResult } from './commands/collect.js'
export { formatRunList, runListRows } from './commands/run-list.js'
export type { RunListRow } from './commands/run-list.js'
export { readK6Ndjson } from './read/ndjson-reader.js'
export type { K6Aggregates } from './read/ndjson-reader.js'
export { topFunctions } from './read/profile-top.js'
export type { ProfileTop, TopFunction } from './read/profile-top.js'
export { stageEvents } from './dashboard/stage-events.js'
export { windowEvent, monitorEvent, thresholdStatuses } from './dashboard/feed.js'
export { liveLoadDashboard, liveLoadOutput, type LiveLoadOutput } from './dashboard/live-load.js'
export { followMonitor, liveMonitorDashboard } from './dashboard/live-monitor.js'
export { FAULT_EVENTS_FILE, readFaultEvents, faultTimelines, faultBands, faultEventSchema } from './read/fault-events.js'
export type { FaultEvent, FaultEventOf, FaultTimeline, FaultBand } from './read/fault-events.js'
export { judgeResilience, compareRecovery, FAILURE_CLASSES, UNCLEAN_CLASSES } from './analyze/resilience.js'
export type { ResilienceVerdict, FaultVerdict, SecondSample, FailureClass, RecoveryCriteria, RecoveryRegression } from './analyze/resilience.js'
