/**
 * The profiling wing of the lab: collect profiles from running services over
 * HTTP (/debug/pprof), and read them without Go (top, flame graph, diff).
 * Knows the services only through the network and the run directory.
 */
export { PROFILE_KINDS, collectMany, collectProfile, defaultOutDir, profileFileName, profileUrl, type CollectOutcome, type CollectedProfile, type ProfileKind } from './collect.js'
export { isUrl, profilingBaseUrl, resolveTargets, type ProfilingTarget, type ResolvedTargets } from './targets.js'
export { decodeProfile, readProfile, resolveSampleIndex, stackSamples, type ReadProfile } from './pprof.js'
export { computeShares, formatTop, topReport, type TopOptions, type TopReport } from './top.js'
export { buildFlameData, renderFlameHtml, writeFlameGraph, type FlameData, type FlameOptions } from './flame.js'
export { diffProfiles, formatDiff, type DiffOptions, type DiffReport } from './diff.js'
export { formatValue } from './units.js'
export * from './errors.js'
export {
  DEFAULT_SECONDS, DEFAULT_TRACE_SECONDS_IN_ALL, MAX_WINDOW_SECONDS, collectOptionsSchema, diffOptionsSchema, flameOptionsSchema, readOptionsSchema, urlsOptionsSchema,
  type CollectOptions, type FlameCommandOptions, type ReadOptions, type UrlsOptions
} from './options.js'
export { ALL_KINDS, runCollect, runDiff, runFlame, runTop, runUrls, windowSeconds, type Io } from './commands.js'
