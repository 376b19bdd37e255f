import { SnapshotInvalidError } from './errors.js'
import type { SinkSnapshot } from './snapshot.js'
import { parsePercentile } from './stats.js'
import { type Digits, type ScratchPool, TrendHistogram } from './trend-histogram.js'
import type { MetricType, ValueType } from './types.js'
import type { WindowMetricStats } from './window.js'

/**
 * Where one metric's (or sub-metric's, or tag value's) samples accumulate.
 * Each sink keeps the whole-run aggregate and the current window's, so
 * `drainWindow` costs nothing per sample.
 */
export interface Sink {
  readonly type: MetricType
  readonly contains: ValueType
  /** True once any sample was added or merged. */
  readonly hasSamples: boolean
  add (value: number, time: number | undefined): void
  /** Aggregates of the window, then starts a new one; undefined when the window got no sample. `histograms`: trends add their buckets. */
  drainWindow (durationMs: number, pool: ScratchPool, histograms: boolean): WindowMetricStats | undefined
  /** Whole-run state; with `reset` the state is moved out (delta snapshots from workers). */
  snapshot (reset: boolean, pool: ScratchPool): SinkSnapshot
  merge (snapshot: SinkSnapshot): void
  /** Named aggregations over the whole run (names already validated for the type). */
  stats (names: readonly string[], durationMs: number, pool: ScratchPool): Record<string, number>
  /** Values above the trackable range (trends only). */
  readonly clamped: number
}

const perSecond = (n: number, durationMs: number): number => (durationMs > 0 ? n / (durationMs / 1000) : 0)

function assertSnapshotType<T extends SinkSnapshot['type']> (snapshot: SinkSnapshot, type: T): asserts snapshot is Extract<SinkSnapshot, { type: T }> {
  if (snapshot.type !== type) throw new SnapshotInvalidError(`a ${snapshot.type} sink cannot merge into a ${type} sink`)
}

export class CounterSink implements Sink {
  readonly type = 'counter'
  readonly contains: ValueType
  readonly clamped = 0
  #sum = 0
  #samples = 0
  #windowSum = 0
  #windowSamples = 0

  constructor (contains: ValueType) { this.contains = contains }

  get hasSamples (): boolean { return this.#samples > 0 }

  add (value: number): void {
    this.#sum += value
    this.#samples++
    this.#windowSum += value
    this.#windowSamples++
  }

  drainWindow (durationMs: number): WindowMetricStats | undefined {
    if (this.#windowSamples === 0) return undefined
    const stats: WindowMetricStats = { type: 'counter', contains: this.contains, count: this.#windowSum, rate: perSecond(this.#windowSum, durationMs) }
    this.#windowSum = 0
    this.#windowSamples = 0
    return stats
  }

  snapshot (reset: boolean): SinkSnapshot {
    const snapshot: SinkSnapshot = { type: 'counter', sum: this.#sum, samples: this.#samples }
    if (reset) { this.#sum = 0; this.#samples = 0 }
    return snapshot
  }

  merge (snapshot: SinkSnapshot): void {
    assertSnapshotType(snapshot, 'counter')
    this.#sum += snapshot.sum
    this.#samples += snapshot.samples
    this.#windowSum += snapshot.sum
    this.#windowSamples += snapshot.samples
  }

  stats (names: readonly string[], durationMs: number): Record<string, number> {
    const out: Record<string, number> = {}
    for (const name of names) out[name] = name === 'rate' ? perSecond(this.#sum, durationMs) : this.#sum
    return out
  }
}

export class GaugeSink implements Sink {
  readonly type = 'gauge'
  readonly contains: ValueType
  readonly clamped = 0
  #value = 0
  #time = -Infinity
  #min = Infinity
  #max = -Infinity
  #samples = 0
  #windowMin = Infinity
  #windowMax = -Infinity
  #windowSamples = 0

  constructor (contains: ValueType) { this.contains = contains }

  get hasSamples (): boolean { return this.#samples > 0 }

  add (value: number, time: number | undefined): void {
    this.#set(value, time ?? Date.now(), value, value, 1)
  }

  /** Last value wins by sample time, so merges from workers in any order agree. */
  #set (value: number, time: number, min: number, max: number, samples: number): void {
    if (time >= this.#time) { this.#value = value; this.#time = time }
    if (min < this.#min) this.#min = min
    if (max > this.#max) this.#max = max
    if (min < this.#windowMin) this.#windowMin = min
    if (max > this.#windowMax) this.#windowMax = max
    this.#samples += samples
    this.#windowSamples += samples
  }

  drainWindow (): WindowMetricStats | undefined {
    if (this.#samples === 0) return undefined
    // A gauge holds its value between samples: report it in every window.
    const quiet = this.#windowSamples === 0
    const stats: WindowMetricStats = {
      type: 'gauge',
      contains: this.contains,
      value: this.#value,
      min: quiet ? this.#value : this.#windowMin,
      max: quiet ? this.#value : this.#windowMax
    }
    this.#windowMin = Infinity
    this.#windowMax = -Infinity
    this.#windowSamples = 0
    return stats
  }

  snapshot (reset: boolean): SinkSnapshot {
    const snapshot: SinkSnapshot = { type: 'gauge', value: this.#value, time: this.#time, min: this.#min, max: this.#max, samples: this.#samples }
    if (reset) {
      // The value stays: a gauge is a level, not an accumulation.
      this.#min = Infinity
      this.#max = -Infinity
      this.#samples = 0
    }
    return snapshot
  }

  merge (snapshot: SinkSnapshot): void {
    assertSnapshotType(snapshot, 'gauge')
    if (snapshot.samples === 0) return
    this.#set(snapshot.value, snapshot.time, snapshot.min, snapshot.max, snapshot.samples)
  }

  stats (names: readonly string[]): Record<string, number> {
    const empty = this.#samples === 0
    const out: Record<string, number> = {}
    for (const name of names) {
      out[name] = empty ? 0 : name === 'min' ? this.#min : name === 'max' ? this.#max : this.#value
    }
    return out
  }
}

export class RateSink implements Sink {
  readonly type = 'rate'
  readonly contains: ValueType
  readonly clamped = 0
  #passes = 0
  #fails = 0
  #windowPasses = 0
  #windowFails = 0

  constructor (contains: ValueType) { this.contains = contains }

  get hasSamples (): boolean { return this.#passes + this.#fails > 0 }

  /** k6: any non-zero value counts as a pass (true). */
  add (value: number): void {
    if (value !== 0) { this.#passes++; this.#windowPasses++ } else { this.#fails++; this.#windowFails++ }
  }

  drainWindow (): WindowMetricStats | undefined {
    const total = this.#windowPasses + this.#windowFails
    if (total === 0) return undefined
    const stats: WindowMetricStats = { type: 'rate', contains: this.contains, rate: this.#windowPasses / total, passes: this.#windowPasses, fails: this.#windowFails }
    this.#windowPasses = 0
    this.#windowFails = 0
    return stats
  }

  snapshot (reset: boolean): SinkSnapshot {
    const snapshot: SinkSnapshot = { type: 'rate', passes: this.#passes, fails: this.#fails }
    if (reset) { this.#passes = 0; this.#fails = 0 }
    return snapshot
  }

  merge (snapshot: SinkSnapshot): void {
    assertSnapshotType(snapshot, 'rate')
    this.#passes += snapshot.passes
    this.#fails += snapshot.fails
    this.#windowPasses += snapshot.passes
    this.#windowFails += snapshot.fails
  }

  stats (names: readonly string[]): Record<string, number> {
    const total = this.#passes + this.#fails
    const out: Record<string, number> = {}
    for (const name of names) {
      out[name] = name === 'passes' ? this.#passes : name === 'fails' ? this.#fails : total === 0 ? 0 : this.#passes / total
    }
    return out
  }
}

/**
 * A trend: exact count/sum/min/max plus an HDR histogram for percentiles.
 * Samples are recorded once, into the current window's histogram; draining a
 * window folds it into the run's histogram, so the hot path touches one
 * histogram and a window costs one pass over the buckets.
 */
export class TrendSink implements Sink {
  readonly type = 'trend'
  readonly contains: ValueType
  readonly #digits: Digits
  #window: TrendHistogram | undefined
  #folded: TrendHistogram | undefined
  #count = 0
  #sum = 0
  #min = Infinity
  #max = -Infinity
  #windowCount = 0
  #windowSum = 0
  #windowMin = Infinity
  #windowMax = -Infinity

  constructor (contains: ValueType, digits: Digits) {
    this.contains = contains
    this.#digits = digits
  }

  get hasSamples (): boolean { return this.#count > 0 }

  get clamped (): number { return (this.#window?.clamped ?? 0) + (this.#folded?.clamped ?? 0) }

  add (value: number): void {
    this.#count++
    this.#sum += value
    if (value < this.#min) this.#min = value
    if (value > this.#max) this.#max = value
    this.#windowCount++
    this.#windowSum += value
    if (value < this.#windowMin) this.#windowMin = value
    if (value > this.#windowMax) this.#windowMax = value
    this.#windowHistogram().record(value)
  }

  #windowHistogram (): TrendHistogram {
    this.#window ??= new TrendHistogram(this.contains, this.#digits)
    return this.#window
  }

  drainWindow (durationMs: number, _pool: ScratchPool, histograms: boolean): WindowMetricStats | undefined {
    if (this.#windowCount === 0) return undefined
    const window = this.#windowHistogram()
    const at = (p: number): number => clamp(window.percentile(p), this.#windowMin, this.#windowMax)
    const stats: WindowMetricStats = {
      type: 'trend',
      contains: this.contains,
      count: this.#windowCount,
      rate: perSecond(this.#windowCount, durationMs),
      avg: this.#windowSum / this.#windowCount,
      min: this.#windowMin,
      max: this.#windowMax,
      p50: at(50),
      p90: at(90),
      p95: at(95),
      p99: at(99),
      ...(histograms ? { histogram: window.encode() } : {})
    }
    this.#folded ??= new TrendHistogram(this.contains, this.#digits)
    this.#folded.addFrom(window)
    window.reset()
    this.#windowCount = 0
    this.#windowSum = 0
    this.#windowMin = Infinity
    this.#windowMax = -Infinity
    return stats
  }

  /** The whole run's histogram: folded windows plus the current one, without disturbing either. */
  #runHistogram (pool: ScratchPool): TrendHistogram | undefined {
    const window = this.#window !== undefined && this.#window.count > 0 ? this.#window : undefined
    const folded = this.#folded !== undefined && this.#folded.count > 0 ? this.#folded : undefined
    if (window === undefined || folded === undefined) return window ?? folded
    const scratch = pool.get(this.contains, this.#digits)
    scratch.addFrom(folded)
    scratch.addFrom(window)
    return scratch
  }

  snapshot (reset: boolean, pool: ScratchPool): SinkSnapshot {
    const run = this.#runHistogram(pool)
    const snapshot: SinkSnapshot = {
      type: 'trend',
      count: this.#count,
      sum: this.#sum,
      min: this.#min,
      max: this.#max,
      clamped: this.clamped,
      histogram: run?.encode() ?? { digits: this.#digits, values: [], counts: [] }
    }
    if (reset) this.#resetAll()
    return snapshot
  }

  #resetAll (): void {
    this.#window?.reset()
    this.#folded?.reset()
    this.#count = 0
    this.#sum = 0
    this.#min = Infinity
    this.#max = -Infinity
    this.#windowCount = 0
    this.#windowSum = 0
    this.#windowMin = Infinity
    this.#windowMax = -Infinity
  }

  merge (snapshot: SinkSnapshot): void {
    assertSnapshotType(snapshot, 'trend')
    if (snapshot.count === 0) return
    const window = this.#windowHistogram()
    window.addEncoded(snapshot.histogram)
    window.clamped += snapshot.clamped
    this.#count += snapshot.count
    this.#sum += snapshot.sum
    this.#min = Math.min(this.#min, snapshot.min)
    this.#max = Math.max(this.#max, snapshot.max)
    this.#windowCount += snapshot.count
    this.#windowSum += snapshot.sum
    this.#windowMin = Math.min(this.#windowMin, snapshot.min)
    this.#windowMax = Math.max(this.#windowMax, snapshot.max)
  }

  stats (names: readonly string[], _durationMs: number, pool: ScratchPool): Record<string, number> {
    const out: Record<string, number> = {}
    const empty = this.#count === 0
    let run: TrendHistogram | undefined
    for (const name of names) {
      if (empty) { out[name] = 0; continue }
      switch (name) {
        case 'avg': out[name] = this.#sum / this.#count; break
        case 'min': out[name] = this.#min; break
        case 'max': out[name] = this.#max; break
        case 'count': out[name] = this.#count; break
        default: {
          const p = name === 'med' ? 50 : parsePercentile(name)
          if (p === undefined) { out[name] = Number.NaN; break }
          run ??= this.#runHistogram(pool)
          out[name] = clamp(run?.percentile(p) ?? 0, this.#min, this.#max)
        }
      }
    }
    return out
  }
}

/** HDR answers a bucket's upper bound; never report past the exact extremes. */
function clamp (value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value
}

export function createSink (type: MetricType, contains: ValueType, digits: Digits = 3): Sink {
  switch (type) {
    case 'counter': return new CounterSink(contains)
    case 'gauge': return new GaugeSink(contains)
    case 'rate': return new RateSink(contains)
    case 'trend': return new TrendSink(contains, digits)
  }
}
