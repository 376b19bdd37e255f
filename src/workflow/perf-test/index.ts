/** The one-command performance workflow (`mib perf-test`, `make perf-test`). */
export { runPerfTest, type PerfTestIo, type PerfTestResult } from './run.js'
export { perfTestOptionsSchema, type PerfTestOptions, type PerfTestOptionsInput } from './options.js'
export { peakWindow, profileSchedule, type PeakWindow } from './peak.js'
