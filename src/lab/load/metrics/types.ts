/** The four k6 metric kinds. */
export type MetricType = 'counter' | 'gauge' | 'rate' | 'trend'

/** What a metric's values mean: plain numbers, milliseconds, or bytes (k6's `contains`). */
export type ValueType = 'default' | 'time' | 'data'

/** A sample's tags. Read-only: the registry never copies or keeps them. */
export type Tags = Readonly<Record<string, string>>

/** One measurement, as streamed to outputs that want every sample. */
export interface Sample {
  metric: string
  /** Epoch milliseconds. */
  time: number
  value: number
  tags: Tags
}

/** A defined metric. The object returned by `define` is the fast handle for `add`. */
export interface Metric {
  readonly name: string
  readonly type: MetricType
  readonly contains: ValueType
}
