/**
 * Runs this thread's share of the test's scenarios: owns the VU pool, starts
 * each executor at its startTime, and wraps every iteration (VU context,
 * iteration metrics, error reporting). One per thread: the main thread when
 * --workers is 1, else one per worker thread.
 */
import { createExecutor } from '../executors/index.js'
import type { ScenarioConfig } from '../executors/config.js'
import { isArrivalRate } from '../executors/config.js'
import type { Executor, ExecutorStatus, IterationOutcome, ScenarioRuntime, Segment } from '../executors/types.js'
import type { TimerHandle } from '../clock.js'
import { Vu, type VuScenario, type VuResources } from '../vu/vu.js'
import { runAsVu } from '../vu/context.js'
import type { ErrorLog } from './error-log.js'
import { NO_PACING, type Pacing } from '../pacing.js'

export type ExecFunction = (data: unknown) => unknown

export interface ScenarioRunnerInit {
  scenarios: readonly ScenarioConfig[]
  /** Exported functions by name (validated: every scenario's `exec` is one of them). */
  functions: Readonly<Record<string, ExecFunction>>
  segment: Segment
  resources: VuResources
  /** What setup() returned (deep-frozen: VUs of a thread share it). */
  setupData: unknown
  errors: ErrorLog
}

interface ScheduledScenario {
  readonly config: ScenarioConfig
  readonly executor: Executor
  /** Its iterations that sent HTTP requests (see pacing.ts). */
  readonly pacing: Pacing
  timer: TimerHandle | undefined
  state: 'pending' | 'running' | 'skipped' | 'done'
}

export class ScenarioRunner {
  readonly #init: ScenarioRunnerInit
  readonly #scenarios: ScheduledScenario[]
  readonly #free: Vu[] = []
  readonly #all: Vu[] = []
  readonly #onStopBeforeStart: Array<() => void> = []
  #stopped = false

  constructor (init: ScenarioRunnerInit) {
    this.#init = init
    this.#scenarios = init.scenarios.map((config) => {
      const pacing = { ...NO_PACING }
      return {
        config,
        executor: createExecutor(config, this.#scenarioRuntime(config, pacing), init.segment),
        pacing,
        timer: undefined,
        state: 'pending'
      }
    })
  }

  /** Runs every scenario; resolves when the last one ends. */
  async run (): Promise<void> {
    const clock = this.#init.resources.clock
    await Promise.all(this.#scenarios.map((s) => new Promise<void>((resolve) => {
      const start = (): void => {
        s.timer = undefined
        if (this.#stopped) { s.state = 'skipped'; resolve(); return }
        s.state = 'running'
        void s.executor.run().then(() => { s.state = 'done'; resolve() })
      }
      s.timer = clock.setTimeout(start, s.config.startTimeMs)
      // stop() before the start time: resolve without running.
      this.#onStopBeforeStart.push(() => {
        if (s.state !== 'pending') return
        if (s.timer !== undefined) clock.clearTimeout(s.timer)
        s.state = 'skipped'
        resolve()
      })
    })))
  }

  /** Graceful stop: no new iterations anywhere; running ones get their scenario's gracefulStop. */
  stop (): void {
    if (this.#stopped) return
    this.#stopped = true
    for (const cancel of this.#onStopBeforeStart) cancel()
    for (const s of this.#scenarios) if (s.state === 'running') s.executor.stop()
  }

  /** Interrupts everything now. */
  abort (): void {
    this.stop()
    for (const s of this.#scenarios) if (s.state === 'running') s.executor.abort()
  }

  status (): ExecutorStatus[] {
    return this.#scenarios.map((s) => ({ ...s.executor.status(), pacing: { ...s.pacing } }))
  }

  /** VUs created so far (k6's vus_max) and VUs inside an iteration (vus). */
  vuCounts (): { active: number, max: number } {
    let active = 0
    for (const s of this.#scenarios) active += s.executor.status().activeVus
    return { active, max: this.#all.length }
  }

  /** Closes every connection (end of the test). */
  async close (): Promise<void> {
    await Promise.all([this.#init.resources.pool.close(), ...this.#all.map(async (vu) => { await vu.closeOwnConnections() })])
  }

  #acquire (): Vu {
    const vu = this.#free.pop()
    if (vu !== undefined) return vu
    const { index, count } = this.#init.segment
    // Interleaved ids keep them unique across worker threads.
    const created = new Vu(this.#all.length * count + index + 1, this.#init.resources)
    this.#all.push(created)
    return created
  }

  #scenarioRuntime (config: ScenarioConfig, pacing: Pacing): ScenarioRuntime<Vu> {
    const envView = Object.freeze({ ...this.#init.resources.env, ...config.env })
    const scenario: VuScenario = { name: config.name, executor: config.executor, env: config.env, envView, tags: config.tags, open: isArrivalRate(config) }
    const exec = this.#init.functions[config.exec]
    if (exec === undefined) throw new Error(`scenario ${config.name}: exec function "${config.exec}" is not exported (should have been rejected by validation)`)
    const { emitter } = this.#init.resources
    const droppedTags = { ...this.#init.resources.globalTags, ...config.tags, scenario: config.name }
    return {
      clock: this.#init.resources.clock,
      acquireVu: () => {
        const vu = this.#acquire()
        vu.enterScenario(scenario)
        return vu
      },
      releaseVu: (vu) => {
        vu.leaveScenario()
        this.#free.push(vu)
      },
      startIteration: (vu, intendedStartMs) => {
        vu.beginIteration(intendedStartMs, this.#init.resources.clock.now())
        return runAsVu(vu, exec, this.#init.setupData)
      },
      endIteration: (vu, failed, error) => this.#endIteration(vu, failed, error, pacing),
      interrupt: (vu) => { vu.interrupt(`scenario ${config.name}: gracefulStop or gracefulRampDown expired`) },
      dropIteration: (count) => { emitter.add(emitter.builtin.dropped_iterations, count, droppedTags) }
    }
  }

  #endIteration (vu: Vu, failed: boolean, error: unknown, pacing: Pacing): IterationOutcome | Promise<IterationOutcome> {
    if (vu.interrupted) return 'interrupted'
    const { clock, emitter, http } = this.#init.resources
    if (failed) this.#init.errors.report(`iteration of scenario ${vu.scenario?.name ?? '?'}`, error)
    const end = clock.now()
    const m = emitter.builtin
    emitter.add(m.iterations, 1, vu.tags)
    emitter.add(m.iteration_duration, end - vu.iterationStartMs, vu.tags)
    if (vu.iterationRequests > 0) {
      pacing.iterations++
      pacing.requests += vu.iterationRequests
      pacing.durationMs += end - vu.iterationStartMs
      pacing.thinkMs += vu.iterationThinkMs
    }
    const intendedStartMs = vu.iterationIntendedStartMs
    if (intendedStartMs !== undefined) emitter.add(m.iteration_duration_intended, end - intendedStartMs, vu.tags)
    const outcome: IterationOutcome = failed ? 'failed' : 'completed'
    if (http.noVUConnectionReuse) return vu.closeOwnConnections().then(() => outcome)
    return outcome
  }
}
