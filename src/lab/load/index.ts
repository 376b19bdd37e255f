/**
 * The load runner's public surface (besides the script API, `./api/index.ts`,
 * which scripts import as `market-intel-brain/load`):
 *
 *   const result = await runLoadTest({ script: 'load-testing/market-intel.ts', preset: 'smoke', timeScale: 0.05,
 *     outputs: [liveDashboard],                                    // extra Outputs (addWindow every second)
 *     onWindow: (window, status) => { ... } })                    // every second, with the run's progress
 *   process.exitCode = result.exitCode                           // k6's exit codes
 *   // errors before the scenarios start are thrown: exitCodeOf(err) (src/errors.ts) gives k6's exit code
 *   const options = await inspectLoadTest({ script, preset })    // the schedule, without running it
 *
 * Metrics, thresholds and outputs: ./metrics, ./thresholds, ./outputs (their own index.ts).
 */
export { runLoadTest, type LoadTestOptions, type LoadTestResult, type RunStatus, type Interruption, type WritableText } from './run.js'
export { inspectLoadTest, type InspectOptions } from './inspect.js'
export { runLoadCommand, type LoadCommandHooks } from './command.js'
export { LOAD_OPTIONS, type LoadFlags } from './cli-options.js'
export type { DeliveryReport } from './delivery.js'
export { peakWindow, type PeakWindow } from './peak.js'
export type { RateReport } from './rates.js'
export type { RateSummary } from './pacing.js'
export type { ValidatedOptions, Options } from './script/options-schema.js'
export type { CliOverrides } from './script/resolve-options.js'
export type { ScenarioConfig, ScenarioOptions, ExecutorName } from './executors/config.js'
export type { ExecutorStatus } from './executors/types.js'
export * from './errors.js'
