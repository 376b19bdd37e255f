// The class's own module, not the package index: the index also loads the log
// writer (which builds an Intl.NumberFormat at load time, paging in ICU data,
// ~6 MB RSS), the log reader, the encoders and a base64 WebAssembly build —
// ~15 MB RSS in all, of which the runner uses nothing.
import int32Histogram from 'hdr-histogram-js/dist/Int32Histogram.js'
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
export interface HdrScaling { readonly scale: number, readonly highest: number }
type Scaling = HdrScaling

const SCALING: Readonly<Record<ValueType, Scaling>> = {
  time: { scale: 1000, highest: 3_600_000_000 },
  data: { scale: 1, highest: 2 ** 40 },
  default: { scale: 1000, highest: 2 ** 50 }
}

/** How a trend of this kind is held in HDR integers: value × `scale`, clamped at `highest` (histograms are 1..highest). */
export function hdrScaleOf (contains: ValueType): HdrScaling {
  return SCALING[contains]
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

// CommonJS: the default import is module.exports, which carries the class as `default`.
const Int32Histogram = int32Histogram.default
type JsHistogram = InstanceType<typeof Int32Histogram>

/** Pending samples are folded into the HDR histogram before any count can overflow an Int32 bucket. */
const PENDING_LIMIT = 2 ** 30
const TWO_POW_32 = 2 ** 32

/**
 * An HDR histogram of one trend's values in their own unit. Bounded memory
 * whatever the sample count; values outside the trackable range are clamped
 * (never thrown) and counted in `clamped`.
 *
 * Recording is the hot path, and hdr-histogram-js spends hundreds of ns per
 * `recordValue` (Math.log2, pow, virtual calls). So samples land in a
 * pending Int32Array laid out exactly like the library's counts array (index
 * computed with Math.clz32 from the library's own layout fields; a test pins
 * it to `countsArrayIndex`), and are folded into the library histogram,
 * one call per touched bucket, before anything reads it.
 */
export class TrendHistogram {
  readonly digits: Digits
  readonly #scale: number
  readonly #highest: number
  readonly #hist: JsHistogram
  readonly #halfCountMagnitude: number
  readonly #halfCount: number
  readonly #mask: number
  #pending: Int32Array | undefined
  #pendingCount = 0
  #pendingLow = Number.POSITIVE_INFINITY
  #pendingHigh = -1
  clamped = 0

  constructor (contains: ValueType, digits: Digits) {
    const { scale, highest } = SCALING[contains]
    this.digits = digits
    this.#scale = scale
    this.#highest = highest
    this.#hist = new Int32Histogram(1, highest, digits)
    this.#hist.autoResize = false
    // lowestDiscernibleValue is 1, so unitMagnitude is 0 and drops out of the index formula.
    this.#halfCountMagnitude = this.#hist.subBucketHalfCountMagnitude
    this.#halfCount = this.#hist.subBucketHalfCount
    this.#mask = this.#hist.subBucketMask
  }

  /** HDR's counts-array index of a scaled value (0 <= v <= highest), as the library computes it. */
  countsIndex (v: number): number {
    const half = this.#halfCountMagnitude
    if (v < TWO_POW_32) {
      // Bit operators see the low 32 bits, which is all of v here; `v | mask` keeps
      // small values in bucket 0, exactly like HDR's leading-zero formula.
      const bucket = 31 - Math.clz32(v | this.#mask) - half
      return ((bucket + 1) << half) + (v >>> bucket) - this.#halfCount
    }
    const bucket = 63 - Math.clz32(Math.floor(v / TWO_POW_32)) - half
    return ((bucket + 1) << half) + Math.floor(v / 2 ** bucket) - this.#halfCount
  }

  /** The library's own index, for the test that pins `countsIndex` to it. */
  libraryCountsIndex (v: number): number {
    return this.#hist.countsArrayIndex(v)
  }

  /** Folds pending samples into the library histogram: one call per touched bucket. */
  #commit (): void {
    const pending = this.#pending
    if (pending === undefined || this.#pendingCount === 0) return
    const hist = this.#hist
    for (let i = this.#pendingLow; i <= this.#pendingHigh; i++) {
      const count = pending[i] as number
      if (count !== 0) {
        hist.recordValueWithCount(hist.valueFromIndex(i), count)
        pending[i] = 0
      }
    }
    this.#pendingCount = 0
    this.#pendingLow = Number.POSITIVE_INFINITY
    this.#pendingHigh = -1
  }

  get count (): number { return this.#hist.totalCount + this.#pendingCount }

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
    this.#addPending(scaled, 1)
  }

  /** Value at percentile `p` (0..100), in the trend's unit; 0 when empty. */
  percentile (p: number): number {
    this.#commit()
    if (this.#hist.totalCount === 0) return 0
    return this.#hist.getValueAtPercentile(p) / this.#scale
  }

  addFrom (other: TrendHistogram): void {
    other.#commit()
    this.#commit()
    this.#hist.add(other.#hist)
    this.clamped += other.clamped
  }

  reset (): void {
    if (this.#pending !== undefined && this.#pendingCount > 0) this.#pending.fill(0, this.#pendingLow, this.#pendingHigh + 1)
    this.#pendingCount = 0
    this.#pendingLow = Number.POSITIVE_INFINITY
    this.#pendingHigh = -1
    this.#hist.reset()
    this.clamped = 0
  }

  encode (): EncodedHistogram {
    this.#commit()
    return bucketsOf(this.#hist, this.digits)
  }

  /** Adds an encoded histogram's counts; exact when both sides have the same digits and unit. */
  addEncoded (encoded: EncodedHistogram): void {
    const { values, counts } = encoded
    if (encoded.digits !== this.digits) {
      for (let i = 0; i < values.length; i++) this.#hist.recordValueWithCount(Math.min(values[i] ?? 0, this.#highest), counts[i] ?? 0)
      return
    }
    // Same layout: each value is its bucket's lowest, so it lands in the same bucket here,
    // through the fast pending path (worker deltas arrive every second).
    for (let i = 0; i < values.length; i++) this.#addPending(Math.min(values[i] ?? 0, this.#highest), counts[i] ?? 0)
  }

  #addPending (scaled: number, count: number): void {
    if (this.#pendingCount + count >= PENDING_LIMIT) this.#commit()
    if (count >= PENDING_LIMIT) {
      this.#hist.recordValueWithCount(scaled, count)
      return
    }
    const index = this.countsIndex(scaled)
    const pending = (this.#pending ??= new Int32Array(this.#hist.countsArrayLength))
    pending[index] = (pending[index] as number) + count
    if (index < this.#pendingLow) this.#pendingLow = index
    if (index > this.#pendingHigh) this.#pendingHigh = index
    this.#pendingCount += count
  }
}

/** What bucketsOf reads of a library histogram (this module's, or one the aggregate format decoded). */
export interface HdrBuckets {
  readonly totalCount: number
  readonly maxValue: number
  countsArrayIndex: (value: number) => number
  getCountAtIndex: (index: number) => number
  valueFromIndex: (index: number) => number
}

/** A library histogram's non-empty buckets as plain data (each value its bucket's lowest). */
export function bucketsOf (hist: HdrBuckets, digits: Digits): EncodedHistogram {
  const values: number[] = []
  const counts: number[] = []
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
  return { digits, values, counts }
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
