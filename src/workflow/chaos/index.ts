/** Chaos at the peak of `mib perf-test --chaos <plan>`: plans, their schedule, and the run that injects them. */
export { loadChaosPlan, parseChaosPlan, faultName, chaosPlanSchema, CHAOS_PRESETS, CHAOS_PRESET_NAMES, type ChaosPlan, type ChaosPlanInput, type Fault } from './plan.js'
export { scheduleFaults, placeInPeak, RESTART_ESTIMATE_MS, type ChaosSchedule, type ChaosWindow, type ScheduledFault } from './schedule.js'
export { runChaos, type ChaosRunContext, type ChaosRunResult } from './controller.js'
export { createFaultRecorder, type FaultRecorder } from './recorder.js'
export * from './errors.js'
