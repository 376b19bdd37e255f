/**
 * The always-on, process-wide samplers behind /heap, /allocs, /block and
 * /runtime: V8's sampling heap profiler, a GC observer and an event-loop delay
 * histogram. They start with the first mounted app and stop with the last, so
 * a process that never mounts profiling (mode `off`) pays nothing.
 */
import { createRequire } from 'node:module'
import { dirname } from 'node:path'
import { PerformanceObserver, type PerformanceEntry, constants as perfConstants, monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks'
import type * as DatadogPprof from '@datadog/pprof'

// @datadog/pprof is CommonJS with a native addon; load it lazily so a service
// with profiling off never loads the addon.
const require = createRequire(import.meta.url)
let pprofModule: typeof DatadogPprof | undefined
export function pprof (): typeof DatadogPprof {
  pprofModule ??= require('@datadog/pprof') as typeof DatadogPprof
  return pprofModule
}

/** node_modules/@datadog/pprof, from its entry point (…/out/src/index.js). */
export function pprofPackageDir (): string {
  return dirname(dirname(dirname(require.resolve('@datadog/pprof'))))
}

/** V8 caps the sampled stack; 64 frames covers Fastify's deepest handler chains. */
const HEAP_STACK_DEPTH = 64
/** Event-loop delay sampling resolution in ms: 10 ms as prom-client uses, a timer wake-up at most 100/s. */
const LOOP_DELAY_RESOLUTION_MS = 10

export interface GcKindStats { count: number, totalMs: number, maxMs: number }

const GC_KIND_NAMES: Record<number, string> = {
  [perfConstants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
  [perfConstants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
  [perfConstants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
  [perfConstants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb'
}

interface Samplers {
  heapIntervalBytes: number
  gc: Map<string, GcKindStats>
  gcObserver: PerformanceObserver
  loopDelay: IntervalHistogram
  loopDelayResolutionMs: number
  startedAt: number
}

let samplers: Samplers | undefined
let users = 0

/** Starts the samplers on first use; returns the function that releases this user (idempotent). */
export function acquireSamplers (heapIntervalBytes: number): () => void {
  if (samplers === undefined) samplers = startSamplers(heapIntervalBytes)
  users++
  let released = false
  return () => {
    if (released) return
    released = true
    users--
    if (users === 0 && samplers !== undefined) {
      stopSamplers(samplers)
      samplers = undefined
    }
  }
}

function startSamplers (heapIntervalBytes: number): Samplers {
  pprof().heap.start(heapIntervalBytes, HEAP_STACK_DEPTH)
  const gc = new Map<string, GcKindStats>()
  const gcObserver = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) recordGc(gc, gcDetail(entry), entry.duration)
  })
  gcObserver.observe({ entryTypes: ['gc'] })
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS })
  loopDelay.enable()
  return { heapIntervalBytes, gc, gcObserver, loopDelay, loopDelayResolutionMs: LOOP_DELAY_RESOLUTION_MS, startedAt: Date.now() }
}

/** Node ≥ 16 puts { kind, flags } on GC entries' `detail`; @types/node 20 does not declare it. */
export function gcDetail (entry: PerformanceEntry): unknown {
  return (entry as PerformanceEntry & { detail?: unknown }).detail
}

/** minor (scavenge), major (mark-compact), incremental, weakcb, from a GC PerformanceEntry's detail. */
export function gcKindName (detail: unknown): string {
  const kind = (detail as { kind?: number } | undefined)?.kind
  return kind === undefined ? 'unknown' : (GC_KIND_NAMES[kind] ?? `kind-${kind}`)
}

function recordGc (gc: Map<string, GcKindStats>, detail: unknown, durationMs: number): void {
  const name = gcKindName(detail)
  const stats = gc.get(name) ?? { count: 0, totalMs: 0, maxMs: 0 }
  stats.count++
  stats.totalMs += durationMs
  stats.maxMs = Math.max(stats.maxMs, durationMs)
  gc.set(name, stats)
}

function stopSamplers (s: Samplers): void {
  s.gcObserver.disconnect()
  s.loopDelay.disable()
  pprof().heap.stop()
}

/** The running samplers; undefined when no app mounted profiling. */
export function currentSamplers (): Readonly<Samplers> | undefined {
  return samplers
}
