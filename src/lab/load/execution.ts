/**
 * Where the VUs run: in this thread (one ScenarioRunner) or in worker threads (a
 * WorkerPool whose metric deltas merge into this thread's registry). The
 * runner sees one interface either way.
 */
import { availableParallelism } from 'node:os'
import type { MetricRegistry, Sample } from './metrics/index.js'
import type { ScenarioRunner } from './runtime/scenario-runner.js'
import type { Emitter } from './runtime/emitter.js'
import type { ExecutorStatus } from './executors/types.js'
import type { ScenarioConfig } from './executors/config.js'
import { WorkerPool } from './worker/pool.js'
import { addPacing, NO_PACING } from './pacing.js'
import type { WorkerInit } from './worker/messages.js'

export interface ExecutionPoll {
  /** One per scenario, summed over workers. */
  statuses: ExecutorStatus[]
  vus: { active: number, max: number }
  /** Samples since the last poll (only when an output wants them). */
  samples: Sample[]
}

export interface Execution {
  readonly workers: number
  /** Resolves when the scenarios are ready to start (scripts loaded in every worker). */
  ready: () => Promise<void>
  /** Starts the scenarios; resolves when every one ended. */
  run: () => Promise<void>
  stop: () => void
  abort: () => void
  poll: () => ExecutionPoll
  close: () => Promise<void>
}

export class InProcessExecution implements Execution {
  readonly workers = 1
  readonly #runner: ScenarioRunner
  readonly #emitter: Emitter

  constructor (runner: ScenarioRunner, emitter: Emitter) {
    this.#runner = runner
    this.#emitter = emitter
  }

  async ready (): Promise<void> {}
  async run (): Promise<void> { await this.#runner.run() }
  stop (): void { this.#runner.stop() }
  abort (): void { this.#runner.abort() }
  poll (): ExecutionPoll {
    return { statuses: this.#runner.status(), vus: this.#runner.vuCounts(), samples: this.#emitter.takeSamples() }
  }

  async close (): Promise<void> { await this.#runner.close() }
}

export class WorkerExecution implements Execution {
  readonly workers: number
  readonly #pool: WorkerPool
  #samples: Sample[] = []

  constructor (count: number, init: Omit<WorkerInit, 'segment'>, registry: MetricRegistry) {
    this.workers = count
    this.#pool = new WorkerPool(count, init, {
      onReport: (_index, report) => {
        registry.merge(report.snapshot)
        if (report.samples.length > 0) this.#samples.push(...report.samples)
      }
    })
  }

  async ready (): Promise<void> {
    try {
      await this.#pool.ready()
    } catch (err) {
      await this.#pool.terminate()
      throw err
    }
  }

  async run (): Promise<void> {
    this.#pool.start()
    await this.#pool.done()
  }

  stop (): void { this.#pool.stop() }
  abort (): void { this.#pool.abort() }

  poll (): ExecutionPoll {
    const samples = this.#samples
    this.#samples = []
    return { statuses: mergeStatuses(this.#pool.statuses()), vus: this.#pool.vus(), samples }
  }

  async close (): Promise<void> { await this.#pool.terminate() }
}

/** Sums each scenario's status over the workers. */
export function mergeStatuses (perWorker: ExecutorStatus[][]): ExecutorStatus[] {
  const merged: ExecutorStatus[] = []
  for (const statuses of perWorker) {
    statuses.forEach((s, i) => {
      const m = merged[i]
      if (m === undefined) { merged[i] = { ...s, ...(s.pacing === undefined ? {} : { pacing: { ...s.pacing } }) }; return }
      m.activeVus += s.activeVus
      m.maxVus += s.maxVus
      m.completedIterations += s.completedIterations
      m.interruptedIterations += s.interruptedIterations
      m.droppedIterations += s.droppedIterations
      m.intendedIterations += s.intendedIterations
      m.lateIterations += s.lateIterations
      m.queuedIterations += s.queuedIterations
      if (s.pacing !== undefined) addPacing(m.pacing ??= { ...NO_PACING }, s.pacing)
      m.elapsedMs = Math.max(m.elapsedMs, s.elapsedMs)
      m.state = STATE_ORDER.indexOf(s.state) < STATE_ORDER.indexOf(m.state) ? s.state : m.state
    })
  }
  return merged
}

// The least advanced state wins: a scenario is done when every worker is.
const STATE_ORDER: Array<ExecutorStatus['state']> = ['waiting', 'running', 'stopping', 'done']

/** VUs or arrivals per second one thread serves comfortably (the bench measures it). */
const VUS_PER_WORKER = 2000
const RATE_PER_WORKER = 2000

/**
 * --workers auto: one thread unless the test needs more (many VUs, or a high
 * arrival rate), then up to one per core.
 */
export function chooseWorkers (requested: number | 'auto', scenarios: readonly ScenarioConfig[]): number {
  if (requested !== 'auto') return requested
  let vus = 0
  let rate = 0
  for (const s of scenarios) {
    vus += peakVus(s)
    rate += peakRatePerSecond(s)
  }
  const needed = Math.max(Math.ceil(vus / VUS_PER_WORKER), Math.ceil(rate / RATE_PER_WORKER), 1)
  return Math.min(needed, availableParallelism())
}

/** The most VUs the scenarios may run at once, all threads together. */
export function peakVusOf (scenarios: readonly ScenarioConfig[]): number {
  let vus = 0
  for (const s of scenarios) vus += peakVus(s)
  return vus
}

function peakVus (s: ScenarioConfig): number {
  switch (s.executor) {
    case 'constant-vus': case 'shared-iterations': case 'per-vu-iterations': return s.vus
    case 'ramping-vus': return Math.max(s.startVus, ...s.stages.map((st) => st.target))
    case 'constant-arrival-rate': case 'ramping-arrival-rate': return s.maxVus
  }
}

function peakRatePerSecond (s: ScenarioConfig): number {
  if (s.executor === 'constant-arrival-rate') return s.rate * 1000 / s.timeUnitMs
  if (s.executor === 'ramping-arrival-rate') return Math.max(s.startRate, ...s.stages.map((st) => st.target)) * 1000 / s.timeUnitMs
  return 0
}
