/**
 * The gateway's own Prometheus series, registered on the service registry next
 * to the shared HTTP and runtime metrics (common/metrics.ts). Label sets are
 * closed (method names, gRPC status names, frame types) so cardinality is bounded.
 */
import client from 'prom-client'
import { ServiceMetrics } from '../common/metrics.js'

export type WsFrameType = 'tick' | 'ack' | 'pong' | 'error' | 'connected' | 'status'

export class GatewayMetrics extends ServiceMetrics {
  readonly wsConnections: client.Gauge
  readonly wsMessagesReceived: client.Counter
  readonly wsMessagesSent: client.Counter<'type'>
  readonly wsSlowConsumerDisconnects: client.Counter
  readonly wsRejectedConnections: client.Counter<'reason'>
  readonly engineRpcDuration: client.Histogram<'method' | 'outcome'>
  readonly engineRpcCoalesced: client.Counter<'method'>
  readonly readCacheHits: client.Counter<'method'>
  readonly keptAnswerHits: client.Counter<'method'>
  readonly staleAnswers: client.Counter<'method' | 'reason'>
  readonly engineStreamConnected: client.Gauge
  readonly engineStreamReconnects: client.Counter
  readonly engineStreamTicks: client.Counter

  constructor (service = 'gateway') {
    super(service)
    const registers = [this.registry]
    this.wsConnections = new client.Gauge({ name: 'gateway_ws_connections', help: 'Open WebSocket connections', registers })
    this.wsMessagesReceived = new client.Counter({ name: 'gateway_ws_messages_received_total', help: 'WebSocket frames received from clients', registers })
    this.wsMessagesSent = new client.Counter({ name: 'gateway_ws_messages_sent_total', help: 'WebSocket frames sent to clients, by type', labelNames: ['type'], registers })
    this.wsSlowConsumerDisconnects = new client.Counter({ name: 'gateway_ws_slow_consumer_disconnects_total', help: 'Sockets closed (1013) because their send backlog exceeded wsMaxBufferedBytes', registers })
    this.wsRejectedConnections = new client.Counter({ name: 'gateway_ws_rejected_connections_total', help: 'WebSocket connections refused, by reason', labelNames: ['reason'], registers })
    this.engineRpcDuration = new client.Histogram({
      name: 'gateway_engine_rpc_duration_seconds',
      help: 'Engine gRPC call duration in seconds, by method and outcome (gRPC status name)',
      labelNames: ['method', 'outcome'],
      // Seconds: sub-millisecond loopback reads up to fetches bounded by the 5 s deadline.
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers
    })
    this.engineRpcCoalesced = new client.Counter({ name: 'gateway_engine_rpc_coalesced_total', help: 'Requests answered by joining an identical in-flight engine call, by method', labelNames: ['method'], registers })
    this.readCacheHits = new client.Counter({ name: 'gateway_read_cache_hits_total', help: 'Read requests answered from the micro-cache without an engine call, by method', labelNames: ['method'], registers })
    this.keptAnswerHits = new client.Counter({ name: 'gateway_kept_answer_hits_total', help: 'Requests answered from an engine answer kept within its freshness (fetches: the engine\'s max_age_ms; connects of an already-connected source: readCacheTtlMs), without an engine call, by method', labelNames: ['method'], registers })
    this.staleAnswers = new client.Counter({ name: 'gateway_stale_answers_total', help: 'Fetches answered with a kept answer past its freshness (marked stale) because the provider failed, by method and the engine\'s code for the failure', labelNames: ['method', 'reason'], registers })
    this.engineStreamConnected = new client.Gauge({ name: 'gateway_engine_stream_connected', help: '1 while the StreamMarketData subscription is receiving, else 0', registers })
    this.engineStreamReconnects = new client.Counter({ name: 'gateway_engine_stream_reconnects_total', help: 'StreamMarketData subscriptions re-established after a failure', registers })
    this.engineStreamTicks = new client.Counter({ name: 'gateway_engine_stream_ticks_total', help: 'Ticks received from the engine stream', registers })
  }
}
