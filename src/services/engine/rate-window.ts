/**
 * Events per second over a sliding window of whole seconds, in O(window) memory:
 * one counter per second in a ring, recycled as time moves on. `record` is O(1);
 * `perSecond` sums the window (at most a few dozen buckets).
 */
export type Clock = () => number

export class RateWindow {
  readonly #windowS: number
  readonly #counts: Float64Array
  /** The epoch second each bucket currently counts. */
  readonly #seconds: Float64Array
  readonly #clock: Clock
  readonly #startedS: number

  constructor (windowS: number, clock: Clock = Date.now) {
    this.#windowS = windowS
    this.#counts = new Float64Array(windowS)
    this.#seconds = new Float64Array(windowS).fill(-1)
    this.#clock = clock
    this.#startedS = Math.floor(clock() / 1000)
  }

  record (n = 1): void {
    const second = Math.floor(this.#clock() / 1000)
    const i = second % this.#windowS
    if (this.#seconds[i] !== second) {
      this.#seconds[i] = second
      this.#counts[i] = 0
    }
    this.#counts[i] = (this.#counts[i] as number) + n
  }

  /**
   * The rate over the last `windowS` seconds, the current (partial) one
   * included; a young window divides by its age, not the full window, so the
   * rate is right from the first seconds.
   */
  perSecond (): number {
    const nowMs = this.#clock()
    const now = Math.floor(nowMs / 1000)
    let sum = 0
    for (let i = 0; i < this.#windowS; i++) {
      const s = this.#seconds[i] as number
      if (s > now - this.#windowS && s <= now) sum += this.#counts[i] as number
    }
    const covered = Math.min(this.#windowS, now - this.#startedS + 1)
    return sum / covered
  }
}
