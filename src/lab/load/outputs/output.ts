import type { Writable } from 'node:stream'
import type { MetricRegistry, Sample, SummaryData, WindowStats } from '../metrics/index.js'
import type { ThresholdResult } from '../thresholds/index.js'

/** What every output is given when the test starts. */
export interface OutputContext {
  /** Types and units of the metrics (custom metrics may appear later: look them up when needed). */
  readonly registry: MetricRegistry
  /** Threshold expressions per metric key (k6's JSON output lists them). */
  readonly thresholds: Readonly<Record<string, readonly string[]>>
  /** Epoch ms of the test start. */
  readonly startedAtMs: number
  /** Where text outputs print (the end-of-test summary); defaults to process.stdout. */
  readonly stdout?: Writable & { isTTY?: boolean }
}

/** What every output is given when the test ends (normally, aborted or interrupted). */
export interface OutputStopResult {
  readonly summary: SummaryData
  readonly thresholds: readonly ThresholdResult[]
}

/** The run as of a window's end, for outputs that show it live (the dashboard). */
export interface WindowStatus {
  /** Active VUs. */
  readonly vus: number
  /** The latest threshold evaluation (every 2 s; empty before the first, or without thresholds). */
  readonly thresholds: readonly ThresholdResult[]
}

/**
 * A backend of `mib load` results (k6's output.Output). Capabilities are the
 * optional methods an output implements: the runner only collects and ships
 * per-sample objects when some output has `addSamples`, and only drains
 * windows for outputs with `addWindow`.
 */
export interface Output {
  readonly name: string
  start?(context: OutputContext): Promise<void>
  /** Every sample, in batches, as the test runs. Must not block: buffer, and drop (counted) if overwhelmed. */
  addSamples?(samples: readonly Sample[]): void
  /** Per-interval aggregates (registry.drainWindow), about once a second, with the run's state then. */
  addWindow?(window: WindowStats, status: WindowStatus): void
  /** True when addWindow needs each trend's window histogram (drained with `{ histograms: true }`). */
  readonly windowHistograms?: boolean
  /** Flush and close; called exactly once, also after an abort or Ctrl-C. */
  stop?(result: OutputStopResult): Promise<void>
  /** Last resort from process 'exit': write buffered data synchronously. */
  flushSync?(): void
}
