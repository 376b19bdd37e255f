/**
 * Node's answer to Go's block profile: how long the event loop was blocked.
 * A Node service has no contended locks; its latency comes from synchronous
 * work holding the one JavaScript thread, which shows up as event-loop delay
 * (a timer firing late) and high event-loop utilization.
 */
import { monitorEventLoopDelay, performance, type EventLoopUtilization, type IntervalHistogram, type RecordableHistogram } from 'node:perf_hooks'
import { currentSamplers } from './samplers.js'
import { waitWindow } from './wait-window.js'

/** 10 ms resolution: the delay of a timer that should fire every 10 ms (what prom-client measures). */
const WINDOW_RESOLUTION_MS = 10

export interface DelayStats {
  /** Samples taken (one per resolution tick that fired). */
  count: number
  minMs: number
  meanMs: number
  stddevMs: number
  p50Ms: number
  p90Ms: number
  p99Ms: number
  maxMs: number
}

export interface UtilizationStats {
  /** Share of the window the loop spent running callbacks (0..1); 1 means saturated. */
  utilization: number
  activeMs: number
  idleMs: number
}

export interface BlockReport {
  pid: number
  window: { seconds: number, complete: boolean, delay: DelayStats, eventLoop: UtilizationStats }
  /** Since profiling was mounted (delay) and since the process started (utilization). */
  sinceStart: { delay?: DelayStats, eventLoop: UtilizationStats }
  note: string
}

const NS_PER_MS = 1e6

/**
 * The histogram records the whole interval between ticks; the resolution is
 * subtracted so the numbers say how late the loop was, not how long it slept.
 * The standard deviation is unaffected by the shift.
 */
export function delayStats (h: IntervalHistogram | RecordableHistogram, resolutionMs: number): DelayStats {
  const count = h.count
  const late = (ns: number): number => count === 0 || !Number.isFinite(ns) ? 0 : round3(Math.max(0, ns / NS_PER_MS - resolutionMs))
  const ms = (ns: number): number => count === 0 || !Number.isFinite(ns) ? 0 : round3(ns / NS_PER_MS)
  return {
    count,
    minMs: late(h.min),
    meanMs: late(h.mean),
    stddevMs: ms(h.stddev),
    p50Ms: late(h.percentile(50)),
    p90Ms: late(h.percentile(90)),
    p99Ms: late(h.percentile(99)),
    maxMs: late(h.max)
  }
}

function utilizationStats (elu: EventLoopUtilization): UtilizationStats {
  return { utilization: round3(elu.utilization), activeMs: round3(elu.active), idleMs: round3(elu.idle) }
}

function round3 (n: number): number {
  return Math.round(n * 1000) / 1000
}

export async function collectBlockReport (windowMs: number, signal: AbortSignal): Promise<BlockReport> {
  const histogram = monitorEventLoopDelay({ resolution: WINDOW_RESOLUTION_MS })
  const eluStart = performance.eventLoopUtilization()
  histogram.enable()
  const complete = await waitWindow(windowMs, signal)
  histogram.disable()
  const eluWindow = performance.eventLoopUtilization(eluStart)
  const samplers = currentSamplers()
  return {
    pid: process.pid,
    window: { seconds: windowMs / 1000, complete, delay: delayStats(histogram, WINDOW_RESOLUTION_MS), eventLoop: utilizationStats(eluWindow) },
    sinceStart: {
      ...(samplers === undefined ? {} : { delay: delayStats(samplers.loopDelay, samplers.loopDelayResolutionMs) }),
      eventLoop: utilizationStats(performance.eventLoopUtilization())
    },
    note: `delay = how much later than scheduled a ${WINDOW_RESOLUTION_MS} ms timer fired, i.e. how long synchronous work held the event loop; ` +
      'a p99 above a few ms means requests queue behind blocking work: take a CPU profile (/debug/pprof/profile) to find it'
  }
}
