/**
 * ramping-vus: the VU count follows the stages (k6: ramping_vus.go). VUs taken
 * away by a ramp-down finish their iteration within gracefulRampDown, then are
 * interrupted; a ramp back up reuses a VU that is still winding down.
 */
import { ExecutorBase } from './executor-base.js'
import { rampingVuSteps, maxVusOf, type VuStep } from './ramp-steps.js'
import { shareOf } from './segment.js'
import type { TimerHandle } from '../clock.js'
import type { RampingVusConfig } from './config.js'
import type { ExecutionVu, ScenarioRuntime, Segment } from './types.js'

interface Slot<V> {
  vu: V
  stopping: boolean
  /** The VU's loop is still going (it may be finishing its last iteration). */
  looping: boolean
  grace: TimerHandle | undefined
}

export class RampingVusExecutor<V extends ExecutionVu> extends ExecutorBase<RampingVusConfig, V> {
  readonly maxVus: number
  readonly plannedMs: number
  readonly steps: VuStep[]
  readonly #slots: Array<Slot<V> | undefined> = []
  /** The VU count last set: slots below it loop, slots from it on wind down or are idle. */
  #target = 0

  constructor (config: RampingVusConfig, runtime: ScenarioRuntime<V>, segment: Segment) {
    super(config, runtime, segment)
    this.steps = thisSegmentSteps(rampingVuSteps(config.startVus, config.stages), segment)
    this.maxVus = maxVusOf(this.steps)
    this.plannedMs = config.stages.reduce((sum, s) => sum + s.durationMs, 0)
  }

  protected async schedule (): Promise<void> {
    const start = this.clock.now()
    for (const step of this.steps) {
      const wait = start + step.atMs - this.clock.now()
      if (wait > 0) await this.waitOrEnd(wait)
      if (!this.accepting) break
      this.#setTarget(step.vus)
    }
    const rest = start + this.plannedMs - this.clock.now()
    if (rest > 0 && this.accepting) await this.waitOrEnd(rest)
    for (const slot of this.#slots) if (slot?.grace !== undefined) this.clock.clearTimeout(slot.grace)
  }

  /** Only the slots between the old and the new count change: a step costs its delta, not the VU count. */
  #setTarget (target: number): void {
    for (let i = this.#target; i < target; i++) {
      const slot = this.#slots[i]
      if (slot?.looping === true) {
        if (slot.stopping) this.#resume(slot)
      } else {
        this.#slots[i] = this.#startSlot(i)
      }
    }
    for (let i = target; i < this.#target; i++) {
      const slot = this.#slots[i]
      if (slot?.looping === true && !slot.stopping) this.#windDown(slot)
    }
    this.#target = target
  }

  #startSlot (index: number): Slot<V> {
    const slot: Slot<V> = { vu: this.acquire(), stopping: false, looping: true, grace: undefined }
    void this.loop(slot.vu, () => !slot.stopping).then((kept) => {
      slot.looping = false
      if (slot.grace !== undefined) this.clock.clearTimeout(slot.grace)
      if (!this.accepting) return
      // Hand back VUs that ramped down while the scenario goes on; the rest are released at its end.
      if (slot.stopping) { if (kept) this.release(slot.vu); return }
      // Resumed by a ramp-up after its loop had decided to stop (or was interrupted): a VU must run there again.
      if (index < this.#target && this.#slots[index] === slot) {
        if (kept) this.release(slot.vu)
        this.#slots[index] = this.#startSlot(index)
      }
    })
    return slot
  }

  #windDown (slot: Slot<V>): void {
    slot.stopping = true
    if (!this.isBusy(slot.vu)) return
    slot.grace = this.clock.setTimeout(() => {
      slot.grace = undefined
      if (slot.stopping) this.interruptVu(slot.vu)
    }, this.config.gracefulRampDownMs)
  }

  #resume (slot: Slot<V>): void {
    slot.stopping = false
    if (slot.grace !== undefined) this.clock.clearTimeout(slot.grace)
    slot.grace = undefined
  }
}

/** This worker's share of each step; steps that do not change its count are dropped. */
function thisSegmentSteps (steps: VuStep[], segment: Segment): VuStep[] {
  const out: VuStep[] = []
  for (const step of steps) {
    const vus = shareOf(step.vus, segment)
    if (out.length === 0 || (out[out.length - 1] as VuStep).vus !== vus) out.push({ atMs: step.atMs, vus })
  }
  return out
}
