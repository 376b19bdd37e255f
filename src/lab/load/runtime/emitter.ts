/**
 * Where samples go: the thread's MetricRegistry (aggregates), and, only when
 * an output wants every sample (`--out json`), a buffer of Sample objects
 * that the runner drains about once a second.
 */
import type { Metric, MetricRegistry, Sample, Tags } from '../metrics/index.js'

const BUILTINS = [
  'http_reqs', 'http_req_duration', 'http_req_blocked', 'http_req_connecting', 'http_req_tls_handshaking',
  'http_req_sending', 'http_req_waiting', 'http_req_receiving', 'http_req_failed', 'iterations',
  'iteration_duration', 'dropped_iterations', 'vus', 'vus_max', 'data_sent', 'data_received', 'checks',
  'group_duration', 'ws_sessions', 'ws_connecting', 'ws_session_duration', 'ws_msgs_sent', 'ws_msgs_received',
  'ws_ping', 'http_req_duration_intended', 'iteration_duration_intended'
] as const

export type BuiltinName = typeof BUILTINS[number]
export type BuiltinHandles = Readonly<Record<BuiltinName, Metric>>

/** Sample batches beyond this many are dropped (and counted) rather than buffered without bound. */
const MAX_BUFFERED_SAMPLES = 1_000_000

export class Emitter {
  readonly registry: MetricRegistry
  /** The built-in metrics' handles: `add` skips the name lookup with them. */
  readonly builtin: BuiltinHandles
  #samples: Sample[] | undefined
  droppedSamples = 0

  constructor (registry: MetricRegistry) {
    this.registry = registry
    const handles: Partial<Record<BuiltinName, Metric>> = {}
    for (const name of BUILTINS) {
      const metric = registry.get(name)
      if (metric === undefined) throw new Error(`the metric registry lacks the built-in metric ${name} (create it with MetricRegistry.withBuiltins())`)
      handles[name] = metric
    }
    this.builtin = handles as BuiltinHandles
  }

  /** Start keeping every sample for outputs that want them. */
  captureSamples (): void {
    this.#samples ??= []
  }

  get capturing (): boolean {
    return this.#samples !== undefined
  }

  add (metric: Metric, value: number, tags: Tags): void {
    this.registry.add(metric, value, tags)
    const samples = this.#samples
    if (samples !== undefined) {
      if (samples.length < MAX_BUFFERED_SAMPLES) samples.push({ metric: metric.name, time: Date.now(), value, tags })
      else this.droppedSamples++
    }
  }

  /** The samples kept since the last call. */
  takeSamples (): Sample[] {
    const samples = this.#samples
    if (samples === undefined || samples.length === 0) return []
    this.#samples = []
    return samples
  }
}
