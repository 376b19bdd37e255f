/**
 * The report component's public surface: results directories and manifests,
 * analysis and reports of a run, and the live dashboard with its event schema.
 */
export { RUN_FILES, resultsRoot, createRunDir, openRunDir, listRuns, latestRun, resolveRun, readManifest, runIdFor } from './results-dir.js'
export type { RunDir, RunInfo, CreateRunDirOptions } from './results-dir.js'
export type { Manifest, ManifestPatch, ManifestVerdict, Stage, VerdictStatus } from './manifest.js'
export * from './errors.js'
export { startDashboard } from './dashboard/server.js'
export type { Dashboard, DashboardOptions } from './dashboard/server.js'
export type {
  DashboardEvent, WindowEvent, MonitorEvent, StageEvent, EndEvent, EndSummary,
  OperationWindow, ThresholdStatus, ServiceUsage, LatencyPercentiles
} from './dashboard/events.js'
