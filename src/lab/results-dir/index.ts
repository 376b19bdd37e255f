/**
 * The results directory's format — `results/<run-id>/`, its file names and its
 * manifest — on neutral ground: the runner, the monitor and the profiler write
 * there and the report reads it, without the load runner and the report
 * importing each other.
 */
export { RESULTS_DIR_ENV, DEFAULT_RESULTS_DIR, resultsRoot, resultsRootFromEnv, resultsDirRow } from './root.js'
export { RUN_FILES, createRunDir, openRunDir, listRuns, latestRun, resolveRun, readManifest, runIdFor, writeJsonAtomically } from './results-dir.js'
export type { RunDir, RunInfo, CreateRunDirOptions } from './results-dir.js'
export { MANIFEST_SCHEMA_VERSION, manifestSchema, stageSchema } from './manifest.js'
export type { Manifest, ManifestPatch, ManifestProfiling, ManifestRates, ManifestVerdict, Stage, VerdictStatus } from './manifest.js'
export * from './errors.js'
