/**
 * What a service's own /metrics says about it, derived from two successive
 * scrapes: request and error rates, latency quantiles, WebSocket connections,
 * engine RPC latency, and prom-client's runtime gauges (heap, event-loop
 * delay, handles). Names follow src/services/common/metrics.ts as exposed
 * over HTTP; nothing is imported from the services.
 */
import { counterDeltas, bucketsByBound, histogramQuantile } from './histogram-quantile.js'
import type { MetricFamily, MetricSample, ParsedMetrics } from './prometheus-text.js'

export interface Quantiles {
  /** Seconds; undefined when nothing was observed between the two scrapes. */
  p50: number | undefined
  p95: number | undefined
  p99: number | undefined
}

export type StatusClass = '1xx' | '2xx' | '3xx' | '4xx' | '5xx'
export const STATUS_CLASSES: readonly StatusClass[] = ['1xx', '2xx', '3xx', '4xx', '5xx']

export interface ServiceMetricsSample {
  /** Requests answered per second (every status). */
  requestsPerS: number | undefined
  byStatusClassPerS: Record<StatusClass, number | undefined>
  /** 5xx responses per second: failures of the service, not of its clients. */
  errorsPerS: number | undefined
  /** errorsPerS / requestsPerS (0..1); undefined without requests. */
  errorRatio: number | undefined
  /**
   * Requests shed early under overload per second (the gateway's 503
   * MIB_ERR_HTTP_OVERLOADED, counted apart from http_requests_total); undefined
   * when the service exposes no such counter.
   */
  shedPerS: number | undefined
  /**
   * Fetches answered stale per second (the gateway's stale-if-error: a kept answer
   * past its freshness when the provider failed; successes, not errors); undefined
   * when the service exposes no such counter.
   */
  staleAnswersPerS: number | undefined
  latencyS: Quantiles
  /** Sum of the gauges named like *ws*connections* or *ws*clients* (the provider simulator's name). */
  wsConnections: number | undefined
  /** From the histogram whose name contains grpc or rpc (the engine's RPC handling time), streams left out. */
  rpcLatencyS: Quantiles
  heapUsedBytes: number | undefined
  eventLoopLagP99S: number | undefined
  activeHandles: number | undefined
}

export interface Scrape {
  /** Monotonic time of the scrape (performance.now()), in ms. */
  atMs: number
  metrics: ParsedMetrics
}

export const METRIC = {
  requests: 'http_requests_total',
  shed: 'http_requests_shed_total',
  stale: 'gateway_stale_answers_total',
  duration: 'http_request_duration_seconds',
  heapUsed: 'nodejs_heap_size_used_bytes',
  eventLoopLagP99: 'nodejs_eventloop_lag_p99_seconds',
  activeHandles: 'nodejs_active_handles_total'
} as const

/** WebSocket connection gauges: the gateway's *ws*connections*, the provider simulator's *ws*clients*. */
export const WS_GAUGE_PATTERN = '.*ws.*(connections|clients).*'
const WS_CONNECTIONS_RE = new RegExp(`^(?:${WS_GAUGE_PATTERN})$`, 'i')
const RPC_RE = /(grpc|rpc)/i
/**
 * A stream's duration is its lifetime, not a latency: series whose `type` or
 * `grpc_type` label names a stream (the engine's `server_stream`,
 * go-grpc-prometheus's `*_stream`) stay out of the RPC quantiles.
 */
export const RPC_STREAM_TYPE_LABELS = ['type', 'grpc_type'] as const
const isRpcLatencySeries = (sample: MetricSample): boolean =>
  RPC_STREAM_TYPE_LABELS.every((label) => !(sample.labels[label]?.endsWith('stream') ?? false))

const NO_QUANTILES: Quantiles = { p50: undefined, p95: undefined, p99: undefined }

/** `previous` undefined (first scrape): rates and quantiles are undefined, gauges are filled. */
export function deriveServiceMetrics (previous: Scrape | undefined, current: Scrape): ServiceMetricsSample {
  const seconds = previous === undefined ? 0 : (current.atMs - previous.atMs) / 1000
  const rates = previous === undefined || seconds <= 0 ? undefined : requestRates(previous.metrics, current.metrics, seconds)
  const rpcFamily = findFamily(current.metrics, (f) => f.type === 'histogram' && RPC_RE.test(f.name))
  return {
    requestsPerS: rates?.total,
    byStatusClassPerS: rates?.byClass ?? emptyClasses(),
    errorsPerS: rates?.byClass['5xx'],
    errorRatio: rates === undefined || rates.total === 0 ? undefined : (rates.byClass['5xx'] ?? 0) / rates.total,
    shedPerS: previous === undefined || seconds <= 0 ? undefined : counterRate(previous.metrics, current.metrics, METRIC.shed, seconds),
    staleAnswersPerS: previous === undefined || seconds <= 0 ? undefined : counterRate(previous.metrics, current.metrics, METRIC.stale, seconds),
    latencyS: previous === undefined ? NO_QUANTILES : histogramQuantiles(previous.metrics, current.metrics, METRIC.duration),
    wsConnections: sumOf(findFamily(current.metrics, (f) => f.type === 'gauge' && WS_CONNECTIONS_RE.test(f.name))?.samples),
    rpcLatencyS: previous === undefined || rpcFamily === undefined ? NO_QUANTILES : histogramQuantiles(previous.metrics, current.metrics, rpcFamily.name, isRpcLatencySeries),
    heapUsedBytes: sumOf(current.metrics.get(METRIC.heapUsed)?.samples),
    eventLoopLagP99S: maxOf(current.metrics.get(METRIC.eventLoopLagP99)?.samples),
    activeHandles: sumOf(current.metrics.get(METRIC.activeHandles)?.samples)
  }
}

function requestRates (previous: ParsedMetrics, current: ParsedMetrics, seconds: number): { total: number, byClass: Record<StatusClass, number | undefined> } {
  const deltas = counterDeltas(previous.get(METRIC.requests)?.samples ?? [], current.get(METRIC.requests)?.samples ?? [])
  const byClass = Object.fromEntries(STATUS_CLASSES.map((c) => [c, 0])) as Record<StatusClass, number>
  let total = 0
  for (const delta of deltas) {
    total += delta.value
    const statusClass = statusClassOf(delta.labels.status)
    if (statusClass !== undefined) byClass[statusClass] += delta.value
  }
  const perS = Object.fromEntries(STATUS_CLASSES.map((c) => [c, byClass[c] / seconds])) as Record<StatusClass, number>
  return { total: total / seconds, byClass: perS }
}

/** The summed per-second increase of a counter family; undefined when the service does not expose it. */
function counterRate (previous: ParsedMetrics, current: ParsedMetrics, name: string, seconds: number): number | undefined {
  const now = current.get(name)
  if (now === undefined) return undefined
  const deltas = counterDeltas(previous.get(name)?.samples ?? [], now.samples)
  return deltas.reduce((sum, d) => sum + d.value, 0) / seconds
}

function statusClassOf (status: string | undefined): StatusClass | undefined {
  const first = status?.[0]
  const statusClass = `${first ?? ''}xx`
  return (STATUS_CLASSES as readonly string[]).includes(statusClass) && status?.length === 3 ? statusClass as StatusClass : undefined
}

function emptyClasses (): Record<StatusClass, number | undefined> {
  return Object.fromEntries(STATUS_CLASSES.map((c) => [c, undefined])) as Record<StatusClass, number | undefined>
}

/** p50/p95/p99 of the observations made between the two scrapes, over every label set `keep` accepts (default all). */
export function histogramQuantiles (previous: ParsedMetrics, current: ParsedMetrics, familyName: string, keep: (sample: MetricSample) => boolean = () => true): Quantiles {
  const bucketName = `${familyName}_bucket`
  const pick = (metrics: ParsedMetrics): MetricSample[] => (metrics.get(familyName)?.samples ?? []).filter((s) => s.name === bucketName && keep(s))
  const buckets = bucketsByBound(counterDeltas(pick(previous), pick(current)))
  const at = (q: number): number | undefined => {
    const value = histogramQuantile(q, buckets)
    return Number.isFinite(value) ? value : undefined
  }
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) }
}

function findFamily (metrics: ParsedMetrics, match: (family: MetricFamily) => boolean): MetricFamily | undefined {
  for (const family of metrics.values()) if (match(family)) return family
  return undefined
}

// NaN gauges (prom-client's event-loop histogram before its first reading) are "no value", not a number.
function finiteValues (samples: readonly MetricSample[] | undefined): number[] {
  return (samples ?? []).map((s) => s.value).filter(Number.isFinite)
}

function sumOf (samples: readonly MetricSample[] | undefined): number | undefined {
  const values = finiteValues(samples)
  return values.length === 0 ? undefined : values.reduce((sum, value) => sum + value, 0)
}

function maxOf (samples: readonly MetricSample[] | undefined): number | undefined {
  const values = finiteValues(samples)
  return values.length === 0 ? undefined : Math.max(...values)
}

/**
 * Raw series recorded in the long-format CSV: the counters and gauges an
 * analyst may want to recompute from. Buckets are left out (they multiply the
 * row count by the bucket count); the quantiles are in the per-service CSVs.
 * Written in the regex dialect common to JavaScript and Prometheus (RE2).
 */
export const RAW_SERIES_PATTERN = 'http_requests_total|http_requests_shed_total|gateway_stale_answers_total|http_request_duration_seconds_(sum|count)|nodejs_heap_size_used_bytes|' +
  'nodejs_eventloop_lag_p99_seconds|nodejs_active_handles_total|process_cpu_seconds_total|process_resident_memory_bytes|' +
  `${WS_GAUGE_PATTERN}|.*(grpc|rpc).*_(sum|count|total)`

const RAW_SERIES_RE = new RegExp(`^(?:${RAW_SERIES_PATTERN})$`, 'i')

export function isRawSeriesOfInterest (sampleName: string): boolean {
  return RAW_SERIES_RE.test(sampleName)
}

export function seriesOfInterest (metrics: ParsedMetrics): MetricSample[] {
  const out: MetricSample[] = []
  for (const family of metrics.values()) {
    for (const sample of family.samples) if (isRawSeriesOfInterest(sample.name)) out.push(sample)
  }
  return out
}
