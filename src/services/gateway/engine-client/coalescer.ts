/**
 * Request coalescing ("single flight"): concurrent calls with the same key share
 * one in-flight promise. A joiner sees a result at most one call old, never a
 * cached one: the entry is dropped as soon as the call settles.
 */
export class Coalescer<V> {
  readonly #inFlight = new Map<string, Promise<V>>()

  /** Runs `call` unless an identical one is in flight; `joined` says which happened. */
  run (key: string, call: () => Promise<V>): { result: Promise<V>, joined: boolean } {
    const existing = this.#inFlight.get(key)
    if (existing !== undefined) return { result: existing, joined: true }
    const result = call().finally(() => { this.#inFlight.delete(key) })
    this.#inFlight.set(key, result)
    return { result, joined: false }
  }

  get size (): number {
    return this.#inFlight.size
  }
}
