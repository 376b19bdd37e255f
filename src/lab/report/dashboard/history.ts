/**
 * The bounded event history replayed to each new client. Events carry a
 * sequence number (the SSE `id`) so a reconnecting EventSource, which sends
 * Last-Event-ID, gets only what it missed instead of every point twice.
 */
export interface Numbered<T> {
  seq: number
  event: T
}

export class EventHistory<T> {
  readonly #limit: number
  #items: Array<Numbered<T>> = []
  #start = 0
  #nextSeq = 1

  constructor (limit: number) {
    this.#limit = limit
  }

  push (event: T): Numbered<T> {
    const item = { seq: this.#nextSeq++, event }
    this.#items.push(item)
    // Dropping by advancing a start index (compacting now and then) keeps push O(1) amortized.
    if (this.#items.length - this.#start > this.#limit) this.#start++
    if (this.#start > this.#limit) {
      this.#items = this.#items.slice(this.#start)
      this.#start = 0
    }
    return item
  }

  /** The kept events with a sequence number above `afterSeq`, oldest first. */
  since (afterSeq = 0): Array<Numbered<T>> {
    const kept = this.#items.slice(this.#start)
    return afterSeq <= 0 ? kept : kept.filter((item) => item.seq > afterSeq)
  }

  events (): T[] {
    return this.since().map((item) => item.event)
  }
}
