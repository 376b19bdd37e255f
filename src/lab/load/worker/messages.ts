/** What the main thread and the load workers say to each other (structured-clone data only). */
import type { RegistrySnapshot, Sample } from '../metrics/index.js'
import type { ExecutorStatus, Segment } from '../executors/types.js'
import type { CliOverrides } from '../script/resolve-options.js'

export interface WorkerInit {
  scriptPath: string
  /** The main thread's bundle of the script (see script/bundle.ts). */
  bundleUrl: string
  env: Record<string, string>
  preset: string | undefined
  cli: CliOverrides
  timeScale: number
  /** --fast-forward: sleep() and arrival-rate timeUnits scale with the schedule. */
  fastForward: boolean
  segment: Segment
  setupData: unknown
  /** Sub-metric selectors the thresholds track (each worker's registry must track them too). */
  submetrics: string[]
  /** Ship every sample (an output wants them). */
  captureSamples: boolean
  /** Milliseconds between reports. */
  reportEveryMs: number
}

export type ToWorker =
  | { type: 'start' }
  | { type: 'stop' }
  | { type: 'abort' }

export interface WorkerReport {
  snapshot: RegistrySnapshot
  samples: Sample[]
  status: ExecutorStatus[]
  vus: { active: number, max: number }
}

export type FromWorker =
  | { type: 'ready' }
  | { type: 'report', report: WorkerReport }
  | { type: 'done', report: WorkerReport }
  /** k6/execution's test.abort() in this worker: the main thread stops the test. */
  | { type: 'test-abort', reason: string }
  | { type: 'failed', error: { code: string | undefined, message: string, stack: string | undefined, problems: string[] | undefined } }
