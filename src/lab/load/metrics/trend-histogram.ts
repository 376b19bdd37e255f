import * as hdr from 'hdr-histogram-js'
import type { ValueType } from './types.js'

/**
 * Precision of a trend histogram, in HDR significant digits. 3 digits keep
 * every percentile within 0.1% of the value (whole-metric and sub-metric
 * sinks); 2 digits keep it within 1% at a seventh of the memory (per-name
 * breakdown sinks, of which there can be a thousand).
 */
export type Digits = 2 | 3

/**
 * How a trend's values map onto HDR's integers. Time trends hold milliseconds
 * recorded as whole microseconds (1 µs .. 1 h); data trends hold bytes; plain
 * trends are recorded in thousandths so small fractional values keep
 * three decimals.
 */
interface Scaling { readonly scale: number, readonly highest: number }

const SCALING: Readonly<Record<ValueType, Scaling>> = {
  time: { scale: 1000, highest: 3_600_000_000 },
  data: { scale: 1, highest: 2 ** 40 },
  default: { scale: 1000, highest: 2 ** 50 }
}

/** The largest value a trend of this kind can hold exactly; larger values are clamped to it and counted. */
export function highestTrackable (contains: ValueType): number {
  const { scale, highest } = SCALING[contains]
  return highest / scale
}

/** A histogram as plain data: structured-clone-safe (worker postMessage) and exact. */
export interface EncodedHistogram {
  readonly digits: Digits
  /** Scaled values (each the lowest value of its HDR bucket) and their counts, parallel arrays. */
  readonly values: number[]
  readonly counts: number[]
}

type JsHistogram = InstanceType<typeof hdr.Int32Histogram>

/**
 * An HDR histogram of one trend's values in their own unit. Bounded memory
 * whatever the sample count; values outside the trackable range are clamped
 * (never thrown) and counted in `clamped`.
 */
export class TrendHistogram {
  readonly digits: Digits
  readonly #scale: number
  readonly #highest: number
  readonly #hist: JsHistogram
  clamped = 0

  constructor (contains: ValueType, digits: Digits) {
    const { scale, highest } = SCALING[contains]
    this.digits = digits
    this.#scale = scale
    this.#highest = highest
    this.#hist = new hdr.Int32Histogram(1, highest, digits)
    this.#hist.autoResize = false
  }

  get count (): number { return this.#hist.totalCount }

  record (value: number): void {
    let scaled = Math.round(value * this.#scale)
    if (scaled > this.#highest) {
      scaled = this.#highest
      this.clamped++
    } else if (scaled < 0) {
      // HDR cannot hold negatives; exact min/avg are kept by the sink.
      scaled = 0
      this.clamped++
    }
    this.#hist.recordValue(scaled)
  }

  /** Value at percentile `p` (0..100), in the trend's unit; 0 when empty. */
  percentile (p: number): number {
    if (this.#hist.totalCount === 0) return 0
    return this.#hist.getValueAtPercentile(p) / this.#scale
  }

  addFrom (other: TrendHistogram): void {
    this.#hist.add(other.#hist)
    this.clamped += other.clamped
  }

  reset (): void {
    this.#hist.reset()
    this.clamped = 0
  }

  encode (): EncodedHistogram {
    const values: number[] = []
    const counts: number[] = []
    const hist = this.#hist
    if (hist.totalCount > 0) {
      const last = hist.countsArrayIndex(hist.maxValue)
      for (let i = 0; i <= last; i++) {
        const count = hist.getCountAtIndex(i)
        if (count > 0) {
          values.push(hist.valueFromIndex(i))
          counts.push(count)
        }
      }
    }
    return { digits: this.digits, values, counts }
  }

  /** Adds an encoded histogram's counts; exact when both sides have the same digits and unit. */
  addEncoded (encoded: EncodedHistogram): void {
    const { values, counts } = encoded
    for (let i = 0; i < values.length; i++) {
      const value = Math.min(values[i] ?? 0, this.#highest)
      this.#hist.recordValueWithCount(value, counts[i] ?? 0)
    }
  }
}

/**
 * Reusable scratch histograms, one per (unit, digits), for reading a sink's
 * "folded total + current window" without allocating per read.
 */
export class ScratchPool {
  readonly #pool = new Map<string, TrendHistogram>()

  get (contains: ValueType, digits: Digits): TrendHistogram {
    const key = `${contains}/${digits}`
    let scratch = this.#pool.get(key)
    if (scratch === undefined) {
      scratch = new TrendHistogram(contains, digits)
      this.#pool.set(key, scratch)
    }
    scratch.reset()
    return scratch
  }
}
