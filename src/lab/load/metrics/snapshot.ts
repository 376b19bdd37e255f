import type { EncodedHistogram } from './trend-histogram.js'
import type { MetricType, ValueType } from './types.js'

/** A sink's state as plain data. */
export type SinkSnapshot =
  | { readonly type: 'counter', readonly sum: number, readonly samples: number }
  | { readonly type: 'gauge', readonly value: number, readonly time: number, readonly min: number, readonly max: number, readonly samples: number }
  | { readonly type: 'rate', readonly passes: number, readonly fails: number }
  | {
    readonly type: 'trend'
    readonly count: number
    readonly sum: number
    readonly min: number
    readonly max: number
    readonly clamped: number
    readonly histogram: EncodedHistogram
  }

export interface MetricSnapshot {
  readonly name: string
  readonly type: MetricType
  readonly contains: ValueType
  readonly sink: SinkSnapshot
  /** Declared sub-metrics: canonical selector and sink. */
  readonly submetrics: ReadonlyArray<readonly [string, SinkSnapshot]>
  /** Breakdown tag → [tag value, sink] pairs, plus samples dropped by the cardinality cap. */
  readonly breakdown: ReadonlyArray<{ readonly tag: string, readonly sinks: ReadonlyArray<readonly [string, SinkSnapshot]>, readonly overflow: number }>
}

/**
 * A registry's whole state as plain data: survives `structuredClone` and
 * `postMessage`, and merges exactly into another registry.
 */
export interface RegistrySnapshot {
  readonly version: 1
  readonly metrics: readonly MetricSnapshot[]
  /** [group path, check name, passes, fails]. */
  readonly checks: ReadonlyArray<readonly [string, string, number, number]>
  /** Group paths seen (k6 style, `::outer::inner`), in first-seen order. */
  readonly groups: readonly string[]
  readonly checksOverflow: number
  /** Failed requests since the last delta: [name, status, error code, count] (absent in older snapshots). */
  readonly failures?: ReadonlyArray<readonly [string, string, string, number]>
}

export const SNAPSHOT_VERSION = 1
