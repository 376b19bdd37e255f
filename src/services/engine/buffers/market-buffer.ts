/**
 * Ticks per symbol in bounded rings. Memory is bounded twice: `capacityPerSymbol`
 * ticks per ring and `maxSymbols` rings (ticks of further symbols are dropped
 * and counted, never buffered).
 */
import type { Tick } from '../model.js'
import { MaxHeap } from './max-heap.js'
import { RingBuffer } from './ring-buffer.js'

/** A tick with its global ingestion order, which "newest first" follows across symbols. */
interface Stored {
  seq: number
  tick: Tick
}

interface Cursor {
  ring: RingBuffer<Stored>
  /** 0 = newest. */
  index: number
  seq: number
}

export type PushOutcome = 'stored' | 'evicted' | 'dropped'

export class MarketBuffer {
  readonly capacityPerSymbol: number
  readonly maxSymbols: number
  #rings = new Map<string, RingBuffer<Stored>>()
  #seq = 0
  #size = 0

  constructor (capacityPerSymbol: number, maxSymbols: number) {
    this.capacityPerSymbol = capacityPerSymbol
    this.maxSymbols = maxSymbols
  }

  /** Ticks held, across symbols: O(1). */
  get size (): number { return this.#size }
  get symbolCount (): number { return this.#rings.size }

  push (tick: Tick): PushOutcome {
    let ring = this.#rings.get(tick.symbol)
    if (ring === undefined) {
      if (this.#rings.size >= this.maxSymbols) return 'dropped'
      ring = new RingBuffer<Stored>(this.capacityPerSymbol)
      this.#rings.set(tick.symbol, ring)
    }
    const evicted = ring.push({ seq: ++this.#seq, tick })
    if (evicted !== undefined) return 'evicted'
    this.#size++
    return 'stored'
  }

  /** Up to `limit` ticks of `symbol`, newest first: O(limit). */
  read (symbol: string, limit: number): Tick[] {
    const ring = this.#rings.get(symbol)
    if (ring === undefined) return []
    const n = Math.min(limit, ring.size)
    const out = new Array<Tick>(n)
    for (let i = 0; i < n; i++) out[i] = (ring.newest(i) as Stored).tick
    return out
  }

  /** Up to `limit` ticks of every symbol merged newest first: O(symbols + limit·log symbols). */
  readAll (limit: number): Tick[] {
    const heap = new MaxHeap<Cursor>((c) => c.seq)
    for (const ring of this.#rings.values()) {
      const newest = ring.newest(0)
      if (newest !== undefined) heap.push({ ring, index: 0, seq: newest.seq })
    }
    const out: Tick[] = []
    while (out.length < limit) {
      const cursor = heap.pop()
      if (cursor === undefined) break
      out.push((cursor.ring.newest(cursor.index) as Stored).tick)
      const next = cursor.ring.newest(cursor.index + 1)
      if (next !== undefined) heap.push({ ring: cursor.ring, index: cursor.index + 1, seq: next.seq })
    }
    return out
  }

  /** The newest tick of `symbol`, if any. */
  latest (symbol: string): Tick | undefined {
    return this.#rings.get(symbol)?.newest(0)?.tick
  }

  symbols (): IterableIterator<string> {
    return this.#rings.keys()
  }
}
