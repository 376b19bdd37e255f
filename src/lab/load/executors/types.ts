/**
 * What an executor needs from the runner, and what it reports back.
 * Executors decide WHEN iterations start and on which VU; the runtime behind
 * `ScenarioRuntime` runs them. Everything time-related goes through `clock`.
 */
import type { Clock } from '../clock.js'
import type { Pacing } from '../pacing.js'

/** The part of a VU an executor handles. */
export interface ExecutionVu {
  /** 1-based, unique in the test (across worker threads). */
  readonly idInTest: number
}

export type IterationOutcome = 'completed' | 'failed' | 'interrupted'

export interface ScenarioRuntime<V extends ExecutionVu = ExecutionVu> {
  readonly clock: Clock
  /** A VU for this scenario: a free one from the test's pool, or a new one. */
  acquireVu: () => V
  /** Gives a VU back to the pool after the scenario no longer needs it. */
  releaseVu: (vu: V) => void
  /**
   * Starts one iteration on `vu` and returns what its code returned: a promise
   * for async code (it may also throw at once). The executor awaits it, then
   * calls `endIteration`. Two calls rather than one async function, so the
   * executor's own loop is the only frame waiting around the script's (every
   * sleeping VU holds its frames, and thousands of them are GC work).
   * `intendedStartMs` (clock time) is set by arrival-rate executors: latency is
   * also measured from it.
   */
  startIteration: (vu: V, intendedStartMs: number | undefined) => unknown
  /** The books of `vu`'s iteration once its code settled (`failed` when it threw or rejected with `error`). */
  endIteration: (vu: V, failed: boolean, error: unknown) => IterationOutcome | Promise<IterationOutcome>
  /** Ends `vu`'s current iteration now: its pending sleeps and requests reject. */
  interrupt: (vu: V) => void
  /** An iteration the schedule wanted but that could not start (k6's dropped_iterations). */
  dropIteration: (count: number) => void
}

/** Which share of the test this thread runs (k6's execution segments, interleaved). */
export interface Segment {
  /** 0-based index of this worker. */
  index: number
  /** Number of workers. */
  count: number
}

export const WHOLE: Segment = { index: 0, count: 1 }

export interface ExecutorStatus {
  scenario: string
  executor: string
  /** VUs running an iteration now. */
  activeVus: number
  /** VUs this scenario may use at most. */
  maxVus: number
  completedIterations: number
  interruptedIterations: number
  droppedIterations: number
  /** Arrival-rate: iterations the schedule wanted so far (on time, late or dropped). */
  intendedIterations: number
  /** Arrival-rate: iterations that waited for a VU and started after their intended time. */
  lateIterations: number
  /** Iterations waiting for a VU now (arrival-rate queue). */
  queuedIterations: number
  /** Since the scenario started (clock ms); 0 before. */
  elapsedMs: number
  /** Planned length without gracefulStop. */
  plannedMs: number
  /** Cumulative books of the iterations that sent HTTP requests (set by the scenario runner; see pacing.ts). */
  pacing?: Pacing
  state: 'waiting' | 'running' | 'stopping' | 'done'
}

export interface Executor {
  readonly scenario: string
  readonly maxVus: number
  /** Planned length without gracefulStop. */
  readonly plannedMs: number
  /** Runs the whole schedule; resolves once every iteration ended or was interrupted. */
  run: () => Promise<void>
  /** Graceful stop from outside (Ctrl-C, abortOnFail): no new iterations; running ones get gracefulStop. */
  stop: () => void
  /** Interrupts every running iteration now (second Ctrl-C). */
  abort: () => void
  status: () => ExecutorStatus
}
