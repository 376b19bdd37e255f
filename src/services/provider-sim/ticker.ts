/**
 * Drives the market at `tickRateHz` steps per second. Steps are scheduled
 * against the clock, not counted per timer fire, so a rate above what one
 * timer can fire (~100 Hz) still holds on average; after a stall (GC, a busy
 * machine) the backlog is capped instead of replayed as a burst.
 */

/** Timers below ~10 ms are not kept reliably by Node; faster rates batch steps per fire. */
const MIN_PERIOD_MS = 10
/** At most this many periods' worth of steps are caught up after a stall. */
const MAX_CATCH_UP_PERIODS = 4

export class Ticker {
  readonly #onSteps: (steps: number, nowMs: number) => void
  #timer: NodeJS.Timeout | undefined
  #rateHz = 0
  #anchorMs = 0
  #stepsSinceAnchor = 0

  /** `onSteps` runs the given number of market steps (>= 1). */
  constructor (onSteps: (steps: number, nowMs: number) => void) {
    this.#onSteps = onSteps
  }

  get rateHz (): number {
    return this.#rateHz
  }

  /** Starts, re-paces or (with 0) pauses the ticks. */
  setRate (rateHz: number, nowMs = Date.now()): void {
    this.stop()
    this.#rateHz = rateHz
    if (rateHz <= 0) return
    this.#anchorMs = nowMs
    this.#stepsSinceAnchor = 0
    const periodMs = Math.max(MIN_PERIOD_MS, 1000 / rateHz)
    this.#timer = setInterval(() => { this.#fire(Date.now(), periodMs) }, periodMs)
  }

  stop (): void {
    if (this.#timer !== undefined) clearInterval(this.#timer)
    this.#timer = undefined
  }

  #fire (nowMs: number, periodMs: number): void {
    const due = Math.floor((nowMs - this.#anchorMs) * this.#rateHz / 1000) - this.#stepsSinceAnchor
    if (due <= 0) return
    const cap = Math.max(1, Math.ceil(MAX_CATCH_UP_PERIODS * periodMs * this.#rateHz / 1000))
    if (due > cap) {
      // Forget the backlog: re-anchor so the next fires are paced from now.
      this.#anchorMs = nowMs
      this.#stepsSinceAnchor = 0
      this.#onSteps(cap, nowMs)
      return
    }
    this.#stepsSinceAnchor += due
    this.#onSteps(due, nowMs)
  }
}
