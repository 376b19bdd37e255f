/**
 * One StreamMarketData client. Ticks are written straight to the gRPC stream
 * while it accepts them; once write() returns false (HTTP/2 flow control is
 * pushing back), ticks wait in a bounded queue that drops its oldest tick when
 * full, and the queue is flushed on 'drain'. A slow client therefore costs at
 * most `queueSize` ticks of memory and never slows anyone else down.
 */
import { RingBuffer } from '../buffers/ring-buffer.js'
import type { Tick } from '../model.js'

/** The part of a grpc-js ServerWritableStream a subscriber uses. */
export interface TickSink {
  write: (tick: Tick) => boolean
  once: (event: 'drain', listener: () => void) => unknown
  end: () => void
}

export class Subscriber {
  /** undefined: every symbol. */
  readonly symbols: ReadonlySet<string> | undefined
  readonly #sink: TickSink
  readonly #queue: RingBuffer<Tick>
  readonly #onDrop: () => void
  #waitingForDrain = false
  #closed = false
  dropped = 0
  delivered = 0

  constructor (sink: TickSink, symbols: readonly string[], queueSize: number, onDrop: () => void) {
    this.#sink = sink
    this.symbols = symbols.length === 0 ? undefined : new Set(symbols)
    this.#queue = new RingBuffer(queueSize)
    this.#onDrop = onDrop
  }

  get queued (): number { return this.#queue.size }
  get closed (): boolean { return this.#closed }

  offer (tick: Tick): void {
    if (this.#closed) return
    if (this.#waitingForDrain) {
      if (this.#queue.push(tick) !== undefined) {
        this.dropped++
        this.#onDrop()
      }
      return
    }
    this.#write(tick)
  }

  /** Stops delivery; `end` also closes the gRPC stream with OK (engine shutdown). */
  close (end: boolean): void {
    if (this.#closed) return
    this.#closed = true
    this.#queue.clear()
    if (end) this.#sink.end()
  }

  #write (tick: Tick): void {
    this.delivered++
    if (!this.#sink.write(tick)) {
      this.#waitingForDrain = true
      this.#sink.once('drain', this.#flush)
    }
  }

  readonly #flush = (): void => {
    this.#waitingForDrain = false
    while (!this.#closed && !this.#waitingForDrain) {
      const tick = this.#queue.shift()
      if (tick === undefined) return
      this.#write(tick)
    }
  }
}
