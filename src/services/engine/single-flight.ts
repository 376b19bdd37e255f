/**
 * Coalesces concurrent identical calls: while a call for `key` is in flight,
 * later callers share its promise instead of starting their own. The shared
 * call runs without any one caller's AbortSignal, so one caller cancelling
 * cannot fail the others.
 */
export class SingleFlight<V> {
  readonly #inFlight = new Map<string, Promise<V>>()

  get size (): number { return this.#inFlight.size }

  /** `joined` tells whether the caller shared an in-flight call. */
  run (key: string, call: () => Promise<V>): { promise: Promise<V>, joined: boolean } {
    const existing = this.#inFlight.get(key)
    if (existing !== undefined) return { promise: existing, joined: true }
    const promise = call().finally(() => this.#inFlight.delete(key))
    this.#inFlight.set(key, promise)
    return { promise, joined: false }
  }
}
