/**
 * Single flight (request coalescing): while a call for a key is in flight,
 * later callers with the same key share its promise instead of starting their
 * own. A joiner sees a result at most one call old, never a cached one: the
 * entry is dropped as soon as the call settles, on failure too. The shared
 * call runs without any one caller's AbortSignal, so one caller cancelling
 * cannot fail the others.
 *
 * One implementation for both services: the engine coalesces upstream calls
 * (quotes, news searches), the gateway its engine RPCs (reads, fetches,
 * connects, the health check).
 */
export class SingleFlight<V> {
  readonly #inFlight = new Map<string, Promise<V>>()

  /** Calls in flight. */
  get size (): number { return this.#inFlight.size }

  /** Runs `call` unless an identical one is in flight; `joined` tells which happened. */
  run (key: string, call: () => Promise<V>): { promise: Promise<V>, joined: boolean } {
    const existing = this.#inFlight.get(key)
    if (existing !== undefined) return { promise: existing, joined: true }
    const promise = call().finally(() => { this.#inFlight.delete(key) })
    this.#inFlight.set(key, promise)
    return { promise, joined: false }
  }
}
