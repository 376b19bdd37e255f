/**
 * The same service figures as a /metrics scrape gives, read from a Prometheus
 * server's HTTP API (GET /api/v1/query) with rate() and histogram_quantile().
 * Series are told apart by their `service` label, which every service of this
 * project sets on all its metrics.
 */
import { z } from 'zod'
import { httpGet, describeFailure } from './http-get.js'
import { PrometheusQueryError } from '../errors.js'
import { STATUS_CLASSES, type Quantiles, type ServiceMetricsSample, type StatusClass, METRIC, RAW_SERIES_PATTERN, RPC_STREAM_TYPE_LABELS, WS_GAUGE_PATTERN } from './service-metrics.js'
import type { MetricSample } from './prometheus-text.js'

/** The RPC histograms' buckets, stream series left out as in service-metrics.ts (a label absent matches ""). */
const RPC_LATENCY_BUCKETS = `{__name__=~"(?i).*(grpc|rpc).*_bucket", ${RPC_STREAM_TYPE_LABELS.map((l) => `${l}!~".*stream"`).join(', ')}}`

const vectorResponseSchema = z.object({
  status: z.literal('success'),
  data: z.object({
    resultType: z.literal('vector'),
    result: z.array(z.object({
      metric: z.record(z.string(), z.string()),
      // [unix seconds, "value"]: Prometheus sends sample values as strings ("NaN", "+Inf" included).
      value: z.tuple([z.number(), z.string()])
    }))
  })
})

const errorResponseSchema = z.object({ status: z.literal('error'), errorType: z.string().optional(), error: z.string() })

export interface VectorElement {
  labels: Record<string, string>
  value: number
}

export interface PrometheusServiceReading {
  metrics: ServiceMetricsSample
  /** Raw series for the long-format CSV, `service` label removed. */
  raw: MetricSample[]
}

export interface PrometheusApiOptions {
  windowS: number
  timeoutMs: number
}

export class PrometheusApi {
  readonly baseUrl: string
  readonly #options: PrometheusApiOptions

  constructor (baseUrl: string, options: PrometheusApiOptions) {
    this.baseUrl = baseUrl.replace(/\/+$/, '')
    this.#options = options
  }

  /** One instant query. Errors (HTTP, PromQL, timeout) are PrometheusQueryError. */
  async query (expr: string): Promise<VectorElement[]> {
    const url = `${this.baseUrl}/api/v1/query?query=${encodeURIComponent(expr)}`
    let response
    try {
      response = await httpGet(url, { timeoutMs: this.#options.timeoutMs, headers: { accept: 'application/json' } })
    } catch (err) {
      throw new PrometheusQueryError(expr, describeFailure(err, this.#options.timeoutMs))
    }
    let json: unknown
    try {
      json = JSON.parse(response.body)
    } catch {
      throw new PrometheusQueryError(expr, `HTTP ${response.statusCode}, body is not JSON`)
    }
    const failure = errorResponseSchema.safeParse(json)
    if (failure.success) throw new PrometheusQueryError(expr, `${failure.data.errorType ?? 'error'}: ${failure.data.error}`)
    const parsed = vectorResponseSchema.safeParse(json)
    if (!parsed.success) throw new PrometheusQueryError(expr, `HTTP ${response.statusCode}, not an instant vector: ${parsed.error.issues[0]?.message ?? ''}`)
    return parsed.data.data.result.map((r) => ({ labels: r.metric, value: parseSampleValue(r.value[1]) }))
  }

  /** Every service's figures, keyed by the `service` label. */
  async readServices (): Promise<Map<string, PrometheusServiceReading>> {
    const w = `${this.#options.windowS}s`
    const quantileExprs = (bucketSelector: string): string[] => [0.5, 0.95, 0.99].map((q) =>
      `histogram_quantile(${q}, sum by (service, le) (rate(${bucketSelector}[${w}])))`)
    const [byStatus, shed, stale, latency, rpc, ws, heap, lag, handles, raw] = await Promise.all([
      this.query(`sum by (service, status) (rate(${METRIC.requests}[${w}]))`),
      this.query(`sum by (service) (rate(${METRIC.shed}[${w}]))`),
      this.query(`sum by (service) (rate(${METRIC.stale}[${w}]))`),
      Promise.all(quantileExprs(`${METRIC.duration}_bucket`).map(async (e) => await this.query(e))),
      Promise.all(quantileExprs(RPC_LATENCY_BUCKETS).map(async (e) => await this.query(e))),
      this.query(`sum by (service) ({__name__=~"(?i)${WS_GAUGE_PATTERN}", __name__!~".*_(total|created)"})`),
      this.query(`sum by (service) (${METRIC.heapUsed})`),
      this.query(`max by (service) (${METRIC.eventLoopLagP99})`),
      this.query(`sum by (service) (${METRIC.activeHandles})`),
      this.query(`{__name__=~"(?i)${RAW_SERIES_PATTERN}"}`)
    ])
    const readings = new Map<string, PrometheusServiceReading>()
    const readingOf = (service: string): PrometheusServiceReading => {
      let reading = readings.get(service)
      if (reading === undefined) {
        reading = { metrics: emptyServiceMetrics(), raw: [] }
        readings.set(service, reading)
      }
      return reading
    }
    addRequestRates(byStatus, readingOf)
    addQuantiles(latency, readingOf, (m) => m.latencyS)
    addQuantiles(rpc, readingOf, (m) => m.rpcLatencyS)
    for (const e of shed) readingOf(serviceOf(e)).metrics.shedPerS = e.value
    for (const e of stale) readingOf(serviceOf(e)).metrics.staleAnswersPerS = e.value
    for (const e of ws) readingOf(serviceOf(e)).metrics.wsConnections = e.value
    for (const e of heap) readingOf(serviceOf(e)).metrics.heapUsedBytes = e.value
    for (const e of lag) readingOf(serviceOf(e)).metrics.eventLoopLagP99S = e.value
    for (const e of handles) readingOf(serviceOf(e)).metrics.activeHandles = e.value
    for (const e of raw) {
      const { __name__: name = '', service: _service, ...labels } = e.labels
      readingOf(serviceOf(e)).raw.push({ name, labels, value: e.value })
    }
    return readings
  }
}

function parseSampleValue (text: string): number {
  if (text === '+Inf') return Number.POSITIVE_INFINITY
  if (text === '-Inf') return Number.NEGATIVE_INFINITY
  return Number(text) // "NaN" → NaN
}

function serviceOf (element: VectorElement): string {
  return element.labels.service ?? ''
}

function addRequestRates (byStatus: VectorElement[], readingOf: (service: string) => PrometheusServiceReading): void {
  for (const element of byStatus) {
    const metrics = readingOf(serviceOf(element)).metrics
    metrics.requestsPerS = (metrics.requestsPerS ?? 0) + element.value
    const status = element.labels.status ?? ''
    const statusClass = `${status[0] ?? ''}xx`
    if (status.length === 3 && (STATUS_CLASSES as readonly string[]).includes(statusClass)) {
      const key = statusClass as StatusClass
      metrics.byStatusClassPerS[key] = (metrics.byStatusClassPerS[key] ?? 0) + element.value
    }
  }
  for (const reading of byStatus.map((e) => readingOf(serviceOf(e)))) {
    const m = reading.metrics
    // Classes with no series in the window had no requests: 0, not unknown.
    for (const c of STATUS_CLASSES) m.byStatusClassPerS[c] ??= 0
    m.errorsPerS = m.byStatusClassPerS['5xx']
    m.errorRatio = m.requestsPerS === undefined || m.requestsPerS === 0 ? undefined : (m.errorsPerS ?? 0) / m.requestsPerS
  }
}

function addQuantiles (
  perQuantile: VectorElement[][],
  readingOf: (service: string) => PrometheusServiceReading,
  select: (m: ServiceMetricsSample) => Quantiles
): void {
  const keys: Array<keyof Quantiles> = ['p50', 'p95', 'p99']
  perQuantile.forEach((elements, index) => {
    const key = keys[index]
    if (key === undefined) return
    // histogram_quantile gives NaN when nothing was observed in the window.
    for (const e of elements) select(readingOf(serviceOf(e)).metrics)[key] = Number.isFinite(e.value) ? e.value : undefined
  })
}

function emptyServiceMetrics (): ServiceMetricsSample {
  return {
    requestsPerS: undefined,
    byStatusClassPerS: { '1xx': undefined, '2xx': undefined, '3xx': undefined, '4xx': undefined, '5xx': undefined },
    errorsPerS: undefined,
    errorRatio: undefined,
    shedPerS: undefined,
    staleAnswersPerS: undefined,
    latencyS: { p50: undefined, p95: undefined, p99: undefined },
    wsConnections: undefined,
    rpcLatencyS: { p50: undefined, p95: undefined, p99: undefined },
    heapUsedBytes: undefined,
    eventLoopLagP99S: undefined,
    activeHandles: undefined
  }
}
