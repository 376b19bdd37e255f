/**
 * The open model shared by constant-arrival-rate and ramping-arrival-rate
 * (k6: constant_arrival_rate.go, ramping_arrival_rate.go): iterations start on
 * schedule whatever the response times.
 *
 * Coordinated omission: where k6 drops an iteration that finds no free VU,
 * we queue its intended start (bounded: `maxQueuedIterations`) and run it as
 * soon as a VU frees, so the latency measured from the intended start includes
 * the time the system under test made it wait. Starts still queued when the
 * schedule ends run within gracefulStop (they were due inside the test).
 * Iterations are dropped only beyond the bound, when gracefulStop expires, or
 * on an external stop (Ctrl-C, abortOnFail).
 */
import { ExecutorBase } from './executor-base.js'
import { ArrivalSchedule, type RateSegment } from './arrival-schedule.js'
import { shareAtLeastOne } from './segment.js'
import { StartQueue } from './start-queue.js'
import type { TimerHandle } from '../clock.js'
import type { ArrivalRateConfig } from './config.js'
import type { ExecutionVu, ExecutorStatus, ScenarioRuntime, Segment } from './types.js'

export class ArrivalRateExecutor<V extends ExecutionVu> extends ExecutorBase<ArrivalRateConfig, V> {
  readonly maxVus: number
  readonly plannedMs: number
  readonly #preAllocated: number
  readonly #schedule: ArrivalSchedule
  readonly #queue: StartQueue
  readonly #free: V[] = []
  #startMs = 0
  #nextDue: number | undefined
  #timer: TimerHandle | undefined
  #finish: () => void = () => {}
  #intended = 0
  #late = 0
  /** False after stop()/abort() and after the drain: queued starts are then dropped, not run. */
  #queueOpen = true

  constructor (config: ArrivalRateConfig, runtime: ScenarioRuntime<V>, segment: Segment, rate: RateSegment[], plannedMs: number) {
    super(config, runtime, segment)
    this.#preAllocated = shareAtLeastOne(config.preAllocatedVus, segment)
    this.maxVus = Math.max(this.#preAllocated, shareAtLeastOne(config.maxVus, segment))
    this.plannedMs = plannedMs
    this.#schedule = new ArrivalSchedule(rate, segment)
    this.#queue = new StartQueue(Math.ceil(config.maxQueuedIterations / segment.count))
  }

  protected schedule (): Promise<void> {
    for (let i = 0; i < this.#preAllocated; i++) this.#free.push(this.acquire())
    this.#startMs = this.clock.now()
    this.#nextDue = this.#schedule.next()
    void this.scheduleEnded.then(() => { this.#onScheduleEnd() })
    return new Promise((resolve) => {
      this.#finish = resolve
      this.#tick()
    })
  }

  override stop (): void {
    this.#closeQueue()
    super.stop()
  }

  override abort (): void {
    this.#closeQueue()
    super.abort()
  }

  protected override hasPendingWork (): boolean {
    return this.#queueOpen && this.#queue.length > 0
  }

  protected override afterDrain (): void {
    this.#closeQueue()
  }

  protected override arrivalStatus (): Pick<ExecutorStatus, 'intendedIterations' | 'lateIterations' | 'queuedIterations'> {
    return { intendedIterations: this.#intended, lateIterations: this.#late, queuedIterations: this.#queue.length }
  }

  readonly #tick = (): void => {
    this.#timer = undefined
    if (!this.accepting) return
    const elapsed = this.clock.now() - this.#startMs
    while (this.#nextDue !== undefined && this.#nextDue <= elapsed) {
      this.#dispatch(this.#startMs + this.#nextDue)
      this.#nextDue = this.#schedule.next()
    }
    if (this.#nextDue !== undefined) {
      this.#timer = this.clock.setTimeout(this.#tick, this.#nextDue - elapsed)
    } else if (elapsed < this.plannedMs) {
      this.#timer = this.clock.setTimeout(this.#finish, this.plannedMs - elapsed)
    } else {
      this.#finish()
    }
  }

  #dispatch (intendedMs: number): void {
    this.#intended++
    const vu = this.#free.pop() ?? (this.heldVus < this.maxVus ? this.acquire() : undefined)
    if (vu !== undefined) void this.#runFrom(vu, intendedMs)
    else if (!this.#queue.push(intendedMs)) this.countDropped(1)
  }

  /** Runs on `vu` the iteration due at `intendedMs`, then whatever queued up meanwhile. */
  async #runFrom (vu: V, intendedMs: number): Promise<void> {
    let due = intendedMs
    for (;;) {
      await this.iterate(vu, due)
      if (!this.holds(vu) || !this.#queueOpen) return
      const queued = this.#queue.shift()
      if (queued === undefined) {
        if (this.accepting) this.#free.push(vu)
        return
      }
      this.#late++
      due = queued
    }
  }

  #onScheduleEnd (): void {
    if (this.#timer !== undefined) this.clock.clearTimeout(this.#timer)
    this.#timer = undefined
    this.#finish()
  }

  #closeQueue (): void {
    this.#queueOpen = false
    this.countDropped(this.#queue.clear())
  }
}
