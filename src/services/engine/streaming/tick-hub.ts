/**
 * Fans ingested ticks out to StreamMarketData subscribers. Subscribers are
 * indexed by symbol, so a tick costs O(subscribers interested in it), not
 * O(all subscribers).
 */
import { TooManySubscribersError } from '../errors.js'
import type { Tick } from '../model.js'
import { Subscriber, type TickSink } from './subscriber.js'

export class TickHub {
  readonly #maxSubscribers: number
  readonly #queueSize: number
  readonly #onDrop: () => void
  readonly #everything = new Set<Subscriber>()
  readonly #bySymbol = new Map<string, Set<Subscriber>>()
  #count = 0
  /** Ticks dropped for slow subscribers, all time. */
  dropped = 0

  /** `onDrop` runs for every tick dropped for a slow subscriber (metrics). */
  constructor (maxSubscribers: number, queueSize: number, onDrop: () => void = () => {}) {
    this.#maxSubscribers = maxSubscribers
    this.#queueSize = queueSize
    this.#onDrop = onDrop
  }

  get size (): number { return this.#count }

  /** Registers a subscriber for `symbols` (empty: every symbol); throws beyond maxSubscribers. */
  subscribe (sink: TickSink, symbols: readonly string[]): Subscriber {
    if (this.#count >= this.#maxSubscribers) throw new TooManySubscribersError(this.#maxSubscribers)
    const subscriber = new Subscriber(sink, symbols, this.#queueSize, () => {
      this.dropped++
      this.#onDrop()
    })
    if (subscriber.symbols === undefined) this.#everything.add(subscriber)
    else {
      for (const symbol of subscriber.symbols) {
        let set = this.#bySymbol.get(symbol)
        if (set === undefined) {
          set = new Set()
          this.#bySymbol.set(symbol, set)
        }
        set.add(subscriber)
      }
    }
    this.#count++
    return subscriber
  }

  /** Idempotent: a subscriber can be removed by cancel, error and close alike. */
  unsubscribe (subscriber: Subscriber): void {
    const removed = subscriber.symbols === undefined ? this.#everything.delete(subscriber) : this.#removeFromSymbols(subscriber)
    subscriber.close(false)
    if (removed) this.#count--
  }

  publish (tick: Tick): void {
    for (const subscriber of this.#everything) subscriber.offer(tick)
    const interested = this.#bySymbol.get(tick.symbol)
    if (interested !== undefined) for (const subscriber of interested) subscriber.offer(tick)
  }

  /** Ends every stream with OK (shutdown). */
  closeAll (): void {
    const all = [...this.#everything, ...new Set([...this.#bySymbol.values()].flatMap((s) => [...s]))]
    for (const subscriber of all) {
      subscriber.close(true)
      this.unsubscribe(subscriber)
    }
  }

  #removeFromSymbols (subscriber: Subscriber): boolean {
    let removed = false
    for (const symbol of subscriber.symbols ?? []) {
      const set = this.#bySymbol.get(symbol)
      if (set?.delete(subscriber) === true) {
        removed = true
        if (set.size === 0) this.#bySymbol.delete(symbol)
      }
    }
    return removed
  }
}
