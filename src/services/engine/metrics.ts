/**
 * The engine's Prometheus metrics, on the service registry (next to the Node
 * runtime and admin-HTTP metrics of ServiceMetrics). Sizes and states are
 * gauges read at scrape time, so the hot paths pay nothing for them; counters
 * on hot paths use pre-bound label children.
 */
import client from 'prom-client'
import { CIRCUIT_STATE_VALUE, type CircuitState } from './http-client/circuit-breaker.js'
import type { AttemptOutcome, UpstreamObserver } from './http-client/upstream-caller.js'
import type { TickStreamError } from './sources/tick-stream.js'
import { CircuitOpenError } from './errors.js'

/** What the scrape-time gauges read. */
export interface EngineGaugeReaders {
  marketBufferSize: () => number
  newsBufferSize: () => number
  symbolsBuffered: () => number
  streamSubscribers: () => number
  sources: () => Iterable<{ id: string, connected: boolean, circuitState: CircuitState }>
}

// Seconds; gRPC handlers answer from memory in well under a millisecond, upstream calls in tens of ms.
const GRPC_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
const UPSTREAM_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

/**
 * How a gRPC method streams, as go-grpc-prometheus labels it (`grpc_type`). A
 * stream's duration is its lifetime, so latency quantiles select
 * `type="unary"`; summing over `type` mixes two different things.
 */
export type GrpcCallType = 'unary' | 'server_stream'

type GrpcLabel = 'method' | 'type' | 'code'

export class EngineMetrics {
  readonly #grpcRequests: client.Counter<GrpcLabel>
  readonly #grpcDuration: client.Histogram<GrpcLabel>
  readonly #grpcChildren = new Map<string, { count: client.Counter.Internal, duration: client.Histogram.Internal<GrpcLabel> }>()
  readonly ticksIngested: client.Counter<'source'>
  readonly newsIngested: client.Counter<'source'>
  readonly newsDuplicates: client.Counter
  readonly evictions: client.Counter<'buffer'>
  readonly ticksDropped: client.Counter<'reason'>
  readonly upstreamDuration: client.Histogram<'source' | 'outcome'>
  readonly upstreamRetries: client.Counter<'source'>
  readonly upstreamFailures: client.Counter<'source' | 'code'>
  readonly upstreamShortCircuited: client.Counter<'source'>
  readonly tickStreamErrors: client.Counter<'kind'>
  readonly tickStreamReconnects: client.Counter
  readonly streamDropped: client.Counter
  readonly quoteCache: client.Counter<'result'>

  constructor (registry: client.Registry, readers: EngineGaugeReaders) {
    const registers = [registry]
    this.#grpcRequests = new client.Counter({ name: 'mib_engine_grpc_requests_total', help: 'gRPC calls ended, by method, type (unary, server_stream) and status code', labelNames: ['method', 'type', 'code'], registers })
    this.#grpcDuration = new client.Histogram({ name: 'mib_engine_grpc_request_duration_seconds', help: 'gRPC call duration, by method, type and status code: type="unary" until answered (the latency), type="server_stream" until closed (a lifetime)', labelNames: ['method', 'type', 'code'], buckets: GRPC_BUCKETS, registers })
    this.ticksIngested = new client.Counter({ name: 'mib_engine_ticks_ingested_total', help: 'Ticks stored in the market buffer, by source', labelNames: ['source'], registers })
    this.newsIngested = new client.Counter({ name: 'mib_engine_news_ingested_total', help: 'News items stored in the news store, by source', labelNames: ['source'], registers })
    this.newsDuplicates = new client.Counter({ name: 'mib_engine_news_duplicates_total', help: 'Fetched articles already in the store (same url)', registers })
    this.evictions = new client.Counter({ name: 'mib_engine_buffer_evictions_total', help: 'Items pushed out of a full buffer', labelNames: ['buffer'], registers })
    this.ticksDropped = new client.Counter({ name: 'mib_engine_ticks_dropped_total', help: 'Ticks not buffered, by reason (symbol_limit: maxSymbols reached)', labelNames: ['reason'], registers })
    this.upstreamDuration = new client.Histogram({ name: 'mib_engine_upstream_request_duration_seconds', help: 'Upstream HTTP attempt duration, by source and outcome', labelNames: ['source', 'outcome'], buckets: UPSTREAM_BUCKETS, registers })
    this.upstreamRetries = new client.Counter({ name: 'mib_engine_upstream_retries_total', help: 'Upstream attempts that were retried', labelNames: ['source'], registers })
    this.upstreamShortCircuited = new client.Counter({ name: 'mib_engine_upstream_short_circuited_total', help: 'Upstream calls refused at once because the source\'s circuit was open (not in mib_engine_upstream_failures_total)', labelNames: ['source'], registers })
    this.upstreamFailures = new client.Counter({ name: 'mib_engine_upstream_failures_total', help: 'Upstream calls that failed for good (after retries), by source and error code', labelNames: ['source', 'code'], registers })
    this.tickStreamErrors = new client.Counter({ name: 'mib_engine_tick_stream_errors_total', help: 'Tick stream errors, by kind (socket, malformed, provider_error, heartbeat)', labelNames: ['kind'], registers })
    this.tickStreamReconnects = new client.Counter({ name: 'mib_engine_tick_stream_reconnects_total', help: 'Tick stream reconnection attempts', registers })
    this.streamDropped = new client.Counter({ name: 'mib_engine_stream_dropped_ticks_total', help: 'Ticks dropped for StreamMarketData subscribers that could not keep up', registers })
    this.quoteCache = new client.Counter({ name: 'mib_engine_quote_cache_total', help: 'FetchMarketData symbol lookups: hit (fresh cached quote), coalesced (joined an in-flight upstream call), miss (new upstream call)', labelNames: ['result'], registers })

    const gauge = (name: string, help: string, read: () => number): void => {
      new client.Gauge({ name, help, registers, collect () { this.set(read()) } })
    }
    gauge('mib_engine_market_buffer_ticks', 'Ticks held in the market buffer (all symbols)', readers.marketBufferSize)
    gauge('mib_engine_news_buffer_items', 'News items held in the news store', readers.newsBufferSize)
    gauge('mib_engine_market_buffer_symbols', 'Symbols with a tick buffer', readers.symbolsBuffered)
    gauge('mib_engine_stream_subscribers', 'Open StreamMarketData streams', readers.streamSubscribers)
    new client.Gauge({
      name: 'mib_engine_circuit_state',
      help: 'Circuit state per source: 0 closed, 1 half_open, 2 open',
      labelNames: ['source'],
      registers,
      collect () { for (const s of readers.sources()) this.set({ source: s.id }, CIRCUIT_STATE_VALUE[s.circuitState]) }
    })
    new client.Gauge({
      name: 'mib_engine_source_connected',
      help: 'Whether each source is connected (1) or not (0)',
      labelNames: ['source'],
      registers,
      collect () { for (const s of readers.sources()) this.set({ source: s.id }, s.connected ? 1 : 0) }
    })
  }

  /** Records one finished gRPC call (children cached: this runs at every call). */
  grpcCall (method: string, type: GrpcCallType, code: string, durationS: number): void {
    const key = `${method}|${type}|${code}`
    let child = this.#grpcChildren.get(key)
    if (child === undefined) {
      child = { count: this.#grpcRequests.labels(method, type, code), duration: this.#grpcDuration.labels(method, type, code) }
      this.#grpcChildren.set(key, child)
    }
    child.count.inc()
    child.duration.observe(durationS)
  }

  upstreamObserver (onFailure: () => void): UpstreamObserver {
    return {
      attempt: (source: string, outcome: AttemptOutcome, durationS: number) => this.upstreamDuration.observe({ source, outcome }, durationS),
      retry: (source: string) => this.upstreamRetries.inc({ source }),
      failed: (source: string, error: Error) => {
        const code = (error as { code?: string }).code ?? 'unknown'
        // A fast-fail while the circuit is open never reached the provider: counted apart,
        // or one outage inflates the failure count ~100x (issue 11).
        if (code === CircuitOpenError.code) {
          this.upstreamShortCircuited.inc({ source })
          return
        }
        this.upstreamFailures.inc({ source, code })
        onFailure()
      }
    }
  }

  tickStreamError (kind: TickStreamError): void {
    this.tickStreamErrors.inc({ kind })
  }
}
