/**
 * What every executor shares: iteration bookkeeping, the end of the schedule
 * (planned end or stop()), and gracefulStop: iterations still running when the
 * schedule ends get `gracefulStopMs` to finish, then they are interrupted.
 */
import type { Clock, TimerHandle } from '../clock.js'
import type { ScenarioConfig } from './config.js'
import type { ExecutionVu, Executor, ExecutorStatus, IterationOutcome, ScenarioRuntime, Segment } from './types.js'

export abstract class ExecutorBase<C extends ScenarioConfig, V extends ExecutionVu = ExecutionVu> implements Executor {
  readonly scenario: string
  abstract readonly maxVus: number
  abstract readonly plannedMs: number
  protected readonly config: C
  protected readonly runtime: ScenarioRuntime<V>
  protected readonly segment: Segment
  protected readonly clock: Clock

  #state: ExecutorStatus['state'] = 'waiting'
  #startedAt: number | undefined
  #endedAt: number | undefined
  #completed = 0
  #interrupted = 0
  #dropped = 0
  /** VUs inside an iteration now. */
  readonly #busy = new Set<V>()
  /** VUs this executor acquired and has not released. */
  readonly #held = new Set<V>()
  /** VUs interrupted and not yet settled: released when their iteration settles. */
  readonly #abandoned = new Set<V>()
  #endSchedule: () => void = () => {}
  readonly #scheduleEnded: Promise<void>
  #onIdle: (() => void) | undefined

  constructor (config: C, runtime: ScenarioRuntime<V>, segment: Segment) {
    this.scenario = config.name
    this.config = config
    this.runtime = runtime
    this.segment = segment
    this.clock = runtime.clock
    this.#scheduleEnded = new Promise((resolve) => { this.#endSchedule = resolve })
  }

  /** Starts the schedule; resolves when no more iterations may start (planned end, or stop()). */
  protected abstract schedule (): Promise<void>

  async run (): Promise<void> {
    if (this.#state !== 'waiting') throw new Error(`scenario ${this.scenario} already ran`)
    this.#state = 'running'
    this.#startedAt = this.clock.now()
    await Promise.race([this.schedule(), this.#scheduleEnded])
    this.#state = 'stopping'
    this.#endSchedule()
    await this.#drain(this.config.gracefulStopMs)
    this.afterDrain()
    this.#endedAt = this.clock.now()
    this.#state = 'done'
    for (const vu of this.#held) if (!this.#busy.has(vu)) this.#release(vu)
  }

  stop (): void {
    this.#endSchedule()
  }

  abort (): void {
    this.#endSchedule()
    for (const vu of [...this.#busy]) this.interruptVu(vu)
  }

  /** True while new iterations may start. */
  protected get accepting (): boolean {
    return this.#state === 'running'
  }

  /** Resolves after `ms` on the clock, or as soon as the schedule ends. */
  protected waitOrEnd (ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(resolve, ms)
      void this.#scheduleEnded.then(() => { this.clock.clearTimeout(timer); resolve() })
    })
  }

  protected get scheduleEnded (): Promise<void> {
    return this.#scheduleEnded
  }

  protected acquire (): V {
    const vu = this.runtime.acquireVu()
    this.#held.add(vu)
    return vu
  }

  protected get heldVus (): number {
    return this.#held.size
  }

  /**
   * Closed model: `vu` runs iterations back to back while the schedule accepts
   * them and `claim()` agrees (it may reserve an iteration). Resolves when the
   * VU stops; returns false when the VU was interrupted and handed back.
   *
   * Callbacks made once per VU rather than an async loop: an `await` per
   * iteration would add a promise, two closures and a context that live as long
   * as the iteration (its sleeps included), which at thousands of VUs is much
   * of the garbage collector's work.
   */
  protected loop (vu: V, claim: () => boolean): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      let sinceYield = 0
      const next = (): void => {
        if (!(this.accepting && claim())) { resolve(true); return }
        this.#busy.add(vu)
        let started: unknown
        try {
          started = this.runtime.startIteration(vu, undefined)
        } catch (err) {
          started = Promise.reject(err)
        }
        // Always through a promise reaction: a synchronous iteration must not recurse into the next.
        void Promise.resolve(started).then(fulfilled, rejected)
      }
      const ended = (failed: boolean, error: unknown): void => {
        const outcome = this.runtime.endIteration(vu, failed, error)
        if (typeof outcome === 'string') settled(outcome)
        else void outcome.then(settled)
      }
      const fulfilled = (): void => { ended(false, undefined) }
      const rejected = (error: unknown): void => { ended(true, error) }
      const settled = (outcome: IterationOutcome): void => {
        this.#settle(vu, outcome)
        if (!this.#held.has(vu)) { resolve(false); return }
        // An iteration without I/O settles in microtasks only; yield now and then so timers (the end of the schedule) can fire.
        if (++sinceYield === 64) { sinceYield = 0; setImmediate(next); return }
        next()
      }
      next()
    })
  }

  /** Runs one iteration on `vu` and keeps the books. */
  protected async iterate (vu: V, intendedStartMs?: number): Promise<IterationOutcome> {
    this.#busy.add(vu)
    try {
      await this.runtime.startIteration(vu, intendedStartMs)
    } catch (err) {
      return this.#settle(vu, await this.runtime.endIteration(vu, true, err))
    }
    return this.#settle(vu, await this.runtime.endIteration(vu, false, undefined))
  }

  /** The books once `vu`'s iteration settled with `outcome`. */
  #settle (vu: V, outcome: IterationOutcome): IterationOutcome {
    this.#busy.delete(vu)
    if (this.#abandoned.delete(vu)) {
      this.#release(vu)
      return 'interrupted'
    }
    if (outcome === 'interrupted') this.#interrupted++
    else this.#completed++
    if (this.#busy.size === 0 && !this.hasPendingWork()) this.#onIdle?.()
    return outcome
  }

  /** Interrupts `vu`'s running iteration (counted as interrupted once). */
  protected interruptVu (vu: V): void {
    if (!this.#busy.has(vu) || this.#abandoned.has(vu)) return
    this.#abandoned.add(vu)
    this.#busy.delete(vu)
    this.#interrupted++
    this.runtime.interrupt(vu)
    if (this.#busy.size === 0) this.#onIdle?.()
  }

  protected isBusy (vu: V): boolean {
    return this.#busy.has(vu)
  }

  protected countDropped (count: number): void {
    if (count <= 0) return
    this.#dropped += count
    this.runtime.dropIteration(count)
  }

  /** Work that will start when a VU frees up (queued arrivals): the drain waits for it too. */
  protected hasPendingWork (): boolean {
    return false
  }

  /** Called once the drain is over (every iteration ended or was interrupted). */
  protected afterDrain (): void {}

  /** Extra status fields of arrival-rate executors. */
  protected arrivalStatus (): Pick<ExecutorStatus, 'intendedIterations' | 'lateIterations' | 'queuedIterations'> {
    return { intendedIterations: 0, lateIterations: 0, queuedIterations: 0 }
  }

  status (): ExecutorStatus {
    const now = this.#endedAt ?? this.clock.now()
    return {
      scenario: this.scenario,
      executor: this.config.executor,
      activeVus: this.#busy.size,
      maxVus: this.maxVus,
      completedIterations: this.#completed,
      interruptedIterations: this.#interrupted,
      droppedIterations: this.#dropped,
      ...this.arrivalStatus(),
      elapsedMs: this.#startedAt === undefined ? 0 : now - this.#startedAt,
      plannedMs: this.plannedMs,
      state: this.#state
    }
  }

  /** Hands an idle VU back to the pool before the scenario ends (ramp-down). */
  protected release (vu: V): void {
    if (!this.#busy.has(vu)) this.#release(vu)
  }

  protected holds (vu: V): boolean {
    return this.#held.has(vu)
  }

  #release (vu: V): void {
    if (!this.#held.delete(vu)) return
    this.runtime.releaseVu(vu)
  }

  /** Waits for running iterations, at most `graceMs`; interrupts the rest. */
  async #drain (graceMs: number): Promise<void> {
    if (this.#busy.size === 0 && !this.hasPendingWork()) return
    let timer: TimerHandle | undefined
    await new Promise<void>((resolve) => {
      this.#onIdle = resolve
      timer = this.clock.setTimeout(resolve, graceMs)
    })
    this.#onIdle = undefined
    if (timer !== undefined) this.clock.clearTimeout(timer)
    for (const vu of [...this.#busy]) this.interruptVu(vu)
  }
}
