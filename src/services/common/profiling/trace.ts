/**
 * /debug/pprof/trace: a Chrome trace-event JSON of the process for Perfetto
 * (ui.perfetto.dev) and chrome://tracing. The events come from Node's own
 * tracing agent through an in-process inspector session (NodeTracing domain:
 * event-loop phases, async activity, GC, V8); counter tracks sampled here add
 * event-loop delay, utilization and heap. When the tracing agent is
 * unavailable, or `source=perf_hooks` is asked for (no async_hooks cost),
 * the trace is built from perf_hooks alone: GC events and the counters.
 */
import { Session } from 'node:inspector'
import { PerformanceObserver, monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { acquireExclusive } from './exclusive.js'
import { gcDetail, gcKindName } from './samplers.js'
import { waitWindow } from './wait-window.js'

/** Categories Node's tracing agent knows (NodeTracing.getCategories on Node 20). */
export const TRACE_CATEGORIES = [
  'node', 'node.async_hooks', 'node.bootstrap', 'node.console', 'node.dns.native', 'node.environment',
  'node.fs.async', 'node.fs.sync', 'node.fs_dir.async', 'node.fs_dir.sync', 'node.http', 'node.net.native',
  'node.perf', 'node.perf.timerify', 'node.perf.usertiming', 'node.promises.rejections',
  'node.threadpoolwork.async', 'node.threadpoolwork.sync', 'node.vm.script', 'v8'
] as const
/**
 * Light by default: event-loop phases, HTTP requests, GC and V8. Not `node`
 * (it switches on every node.* category, async_hooks included) nor
 * `node.async_hooks`: one event per promise and tick — ~27,000 events/s in a
 * gateway at ~450 req/s — whose recording and flush stalled the gateway long
 * enough for 100 % errors for 2 s at the peak (measured; see docs/profiling.md).
 * Ask for them by name with `categories=`.
 */
export const DEFAULT_TRACE_CATEGORIES = ['node.perf', 'node.http', 'v8']
export const TRACE_SOURCES = ['inspector', 'perf_hooks'] as const
export type TraceSource = typeof TRACE_SOURCES[number]

/** Beyond this many events the trace is cut (and says so): ~50 MB of JSON, a bound on memory under load. */
const MAX_EVENTS = 250_000
/** Counter tracks' sampling period: fine enough to see a blocked loop, ~10 events/s per track. */
const COUNTER_PERIOD_MS = 100
const LOOP_RESOLUTION_MS = 10
/** How long to wait for the agent to flush after NodeTracing.stop. */
const FLUSH_TIMEOUT_MS = 15_000

export interface TraceEvent {
  name: string
  ph: string
  ts: number
  pid: number
  tid: number
  cat?: string
  dur?: number
  args?: Record<string, unknown>
  [key: string]: unknown
}

export interface TraceFile {
  traceEvents: TraceEvent[]
  displayTimeUnit: 'ms'
  metadata: { service: string, source: TraceSource, categories: string[], seconds: number, truncated: boolean, fallbackReason?: string }
}

export interface TraceRequest {
  service: string
  durationMs: number
  categories: string[]
  source: TraceSource
  signal: AbortSignal
}

/** Trace-event timestamps are libuv's monotonic clock in µs: the same clock Node's agent uses. */
function nowUs (): number {
  return Number(process.hrtime.bigint() / 1000n)
}

export async function collectTrace (req: TraceRequest): Promise<TraceFile> {
  const release = acquireExclusive('trace')
  try {
    const sink = new EventSink(MAX_EVENTS)
    const counters = startCounters(sink)
    let source: TraceSource = req.source
    let fallbackReason: string | undefined
    let agent: AgentTrace | undefined
    if (req.source === 'inspector') {
      try {
        agent = await startAgentTrace(req.categories, sink)
      } catch (err) {
        source = 'perf_hooks'
        fallbackReason = `inspector tracing unavailable: ${(err as Error).message}`
      }
    }
    const gc = source === 'perf_hooks' ? observeGc(sink) : undefined
    await waitWindow(req.durationMs, req.signal)
    counters.stop()
    gc?.disconnect()
    if (agent !== undefined) await agent.stop()
    return {
      traceEvents: [...metadataEvents(req.service), ...sink.events],
      displayTimeUnit: 'ms',
      metadata: {
        service: req.service,
        source,
        categories: source === 'inspector' ? req.categories : [],
        seconds: req.durationMs / 1000,
        truncated: sink.truncated,
        ...(fallbackReason === undefined ? {} : { fallbackReason })
      }
    }
  } finally {
    release()
  }
}

class EventSink {
  readonly events: TraceEvent[] = []
  truncated = false
  readonly #max: number
  constructor (max: number) { this.#max = max }
  push (...events: TraceEvent[]): void {
    for (const event of events) {
      if (this.events.length >= this.#max) {
        this.truncated = true
        return
      }
      this.events.push(event)
    }
  }
}

function metadataEvents (service: string): TraceEvent[] {
  const pid = process.pid
  return [
    { name: 'process_name', ph: 'M', ts: 0, pid, tid: pid, args: { name: `${service} (pid ${pid})` } },
    { name: 'thread_name', ph: 'M', ts: 0, pid, tid: pid, args: { name: 'event loop' } }
  ]
}

interface AgentTrace { stop(): Promise<void> }

async function startAgentTrace (categories: string[], sink: EventSink): Promise<AgentTrace> {
  const session = new Session()
  session.connect()
  const post = async (method: string, params?: object): Promise<void> => await new Promise((resolve, reject) => {
    session.post(method, params, (err) => { if (err === null) resolve(); else reject(err) })
  })
  session.on('NodeTracing.dataCollected', (message: { params: { value: TraceEvent[] } }) => sink.push(...message.params.value))
  const complete = new Promise<void>((resolve) => session.once('NodeTracing.tracingComplete', () => resolve()))
  try {
    await post('NodeTracing.start', { traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: categories } })
  } catch (err) {
    session.disconnect()
    throw err
  }
  return {
    async stop () {
      try {
        await post('NodeTracing.stop')
        await Promise.race([complete, new Promise((resolve) => setTimeout(resolve, FLUSH_TIMEOUT_MS).unref())])
      } finally {
        session.disconnect()
      }
    }
  }
}

/** Counter tracks: event-loop delay (worst per period), utilization and heap in use. */
function startCounters (sink: EventSink): { stop(): void } {
  const pid = process.pid
  const delay = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS })
  delay.enable()
  let elu = performance.eventLoopUtilization()
  const sample = (): void => {
    const ts = nowUs()
    const delayMs = delay.count === 0 ? 0 : Math.max(0, delay.max / 1e6 - LOOP_RESOLUTION_MS)
    delay.reset()
    const window = performance.eventLoopUtilization(elu)
    elu = performance.eventLoopUtilization()
    const heapUsedMb = process.memoryUsage().heapUsed / (1024 * 1024)
    sink.push(
      { name: 'event loop delay max (ms)', ph: 'C', ts, pid, tid: pid, args: { value: round2(delayMs) } },
      { name: 'event loop utilization (%)', ph: 'C', ts, pid, tid: pid, args: { value: round2(window.utilization * 100) } },
      { name: 'heap used (MB)', ph: 'C', ts, pid, tid: pid, args: { value: round2(heapUsedMb) } }
    )
  }
  const timer = setInterval(sample, COUNTER_PERIOD_MS)
  timer.unref()
  return {
    stop () {
      clearInterval(timer)
      sample()
      delay.disable()
    }
  }
}

/** GC pauses as complete ('X') events, for traces without V8's own GC events. */
function observeGc (sink: EventSink): PerformanceObserver {
  const pid = process.pid
  // performance.now() is ms since timeOrigin; shift onto the trace clock once.
  const offsetUs = nowUs() - performance.now() * 1000
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      sink.push({ name: `GC (${gcKindName(gcDetail(entry))})`, cat: 'gc', ph: 'X', ts: Math.round(offsetUs + entry.startTime * 1000), dur: Math.round(entry.duration * 1000), pid, tid: pid, args: { detail: gcDetail(entry) } })
    }
  })
  observer.observe({ entryTypes: ['gc'] })
  return observer
}

function round2 (n: number): number {
  return Math.round(n * 100) / 100
}
