/**
 * The gateway's only door to the engine: the gRPC contract's client with a
 * deadline on every unary call, RPC latency metrics by method and outcome, and
 * failures mapped to gateway errors (status-mapping.ts).
 */
import * as grpc from '@grpc/grpc-js'
import {
  loadContract,
  type CoreEngineServiceClient, type FetchMarketDataResponse__Output, type FetchNewsDataResponse__Output, type GetMarketDataBufferResponse__Output,
  type GetNewsBufferResponse__Output, type HealthCheckResponse__Output, type IngestionStats__Output, type MarketData__Output
} from '../../common/contract/index.js'
import { EngineFailedError } from '../errors.js'
import type { GatewayMetrics } from '../metrics.js'
import { statusName, toGatewayError } from './status-mapping.js'

export interface EngineClientSettings {
  /** host:port of the engine's gRPC listener. */
  url: string
  metrics: GatewayMetrics
  fetchDeadlineMs: number
  readDeadlineMs: number
  retryAfterS: number
  reconnectInitialMs: number
  reconnectMaxMs: number
}

export interface ConnectResult { success: boolean, message: string, connected: boolean, source_id: string, already_connected: boolean }

/** A list as one JSON array (the engine's `json_items` encoding) and its length. */
export interface JsonList { json: Buffer, count: number }
/** A fetch answer as JSON, with how long (ms) the engine says each quote stays its answer. */
export interface QuotesAnswer { success: boolean, message: string, items: Buffer[], itemMaxAgeMs: number[] }
export interface NewsAnswer extends JsonList { success: boolean, message: string, maxAgeMs: number }

/**
 * The answer's JSON: the engine's bytes, or — from an engine that answered
 * with messages (one predating `json_items`) — those messages serialized here.
 */
function listJson (json: Buffer, items: readonly unknown[]): Buffer {
  if (items.length > 0) return Buffer.from(JSON.stringify(items))
  return json.length === 0 ? EMPTY_ARRAY : json
}
const EMPTY_ARRAY = Buffer.from('[]')

/** Bounds what one engine answer may cost the gateway in memory. */
const MAX_RECEIVE_BYTES = 32 * 1024 * 1024

type Invoke<Res> = (options: grpc.CallOptions, callback: grpc.requestCallback<Res>) => grpc.ClientUnaryCall

export class EngineClient {
  readonly #client: CoreEngineServiceClient
  readonly #settings: EngineClientSettings
  readonly #rpcDurations = new Map<string, { observe: (seconds: number) => void }>()

  constructor (settings: EngineClientSettings) {
    this.#settings = settings
    const Service = loadContract().market_intel.core_engine.CoreEngineService
    this.#client = new Service(settings.url, grpc.credentials.createInsecure(), {
      // grpc-js defaults back off up to 120 s; an engine restart must be noticed within seconds.
      'grpc.initial_reconnect_backoff_ms': settings.reconnectInitialMs,
      'grpc.max_reconnect_backoff_ms': settings.reconnectMaxMs,
      'grpc.max_receive_message_length': MAX_RECEIVE_BYTES,
      // channelz bookkeeping costs ~10% of a small call's CPU (measured) and nothing here reads it.
      'grpc.enable_channelz': 0
    })
  }

  get url (): string {
    return this.#settings.url
  }

  /** Without side effects: does not start connecting an idle channel. */
  channelState (): grpc.connectivityState {
    return this.#client.getChannel().getConnectivityState(false)
  }

  async healthCheck (deadlineMs = this.#settings.readDeadlineMs): Promise<HealthCheckResponse__Output> {
    return await this.#unary<HealthCheckResponse__Output>('HealthCheck', deadlineMs, (callOptions, callback) => this.#client.HealthCheck({}, callOptions, callback))
  }

  /** One JSON object per quote, in request order. */
  async fetchMarketData (symbols: string[], sourceId: string): Promise<QuotesAnswer> {
    const res = await this.#unary<FetchMarketDataResponse__Output>('FetchMarketData', this.#settings.fetchDeadlineMs, (callOptions, callback) => this.#client.FetchMarketData({ symbols, source_id: sourceId, json_items: true }, callOptions, callback))
    const items = res.market_data.length > 0 ? res.market_data.map((q) => Buffer.from(JSON.stringify(q))) : res.market_data_json
    // An engine without per-quote ages: the answer's age holds for every quote.
    const itemMaxAgeMs = res.quote_max_age_ms.length === items.length ? res.quote_max_age_ms : items.map(() => res.max_age_ms)
    return { success: res.success, message: res.message, items, itemMaxAgeMs }
  }

  async fetchNewsData (keywords: string[], sourceId: string, hoursBack: number): Promise<NewsAnswer> {
    const res = await this.#unary<FetchNewsDataResponse__Output>('FetchNewsData', this.#settings.fetchDeadlineMs, (callOptions, callback) => this.#client.FetchNewsData({ keywords, source_id: sourceId, hours_back: hoursBack, json_items: true }, callOptions, callback))
    return { success: res.success, message: res.message, json: listJson(res.news_items_json, res.news_items), count: Math.max(res.count, res.news_items.length), maxAgeMs: res.max_age_ms }
  }

  async getMarketDataBuffer (symbol: string, limit: number): Promise<JsonList> {
    const res = await this.#unary<GetMarketDataBufferResponse__Output>('GetMarketDataBuffer', this.#settings.readDeadlineMs, (callOptions, callback) => this.#client.GetMarketDataBuffer({ symbol, limit, json_items: true }, callOptions, callback))
    return { json: listJson(res.market_data_json, res.market_data), count: Math.max(res.count, res.market_data.length) }
  }

  async getNewsBuffer (keywords: string[], limit: number): Promise<JsonList> {
    const res = await this.#unary<GetNewsBufferResponse__Output>('GetNewsBuffer', this.#settings.readDeadlineMs, (callOptions, callback) => this.#client.GetNewsBuffer({ keywords, limit, json_items: true }, callOptions, callback))
    return { json: listJson(res.news_items_json, res.news_items), count: Math.max(res.count, res.news_items.length) }
  }

  async getIngestionStats (): Promise<IngestionStats__Output> {
    const res = await this.#unary<{ success: boolean, message: string, stats: IngestionStats__Output | null }>('GetIngestionStats', this.#settings.readDeadlineMs, (callOptions, callback) => this.#client.GetIngestionStats({}, callOptions, callback))
    if (res.stats === null || res.stats === undefined) throw new EngineFailedError('GetIngestionStats answered without stats')
    return res.stats
  }

  async connectDataSource (sourceId: string, apiKey: string): Promise<ConnectResult> {
    const res = await this.#unary<ConnectResult>('ConnectDataSource', this.#settings.fetchDeadlineMs, (callOptions, callback) => this.#client.ConnectDataSource({ source_id: sourceId, api_key: apiKey }, callOptions, callback))
    return { success: res.success, message: res.message, connected: res.connected, source_id: res.source_id || sourceId, already_connected: res.already_connected }
  }

  /** A server stream has no deadline: it lives until the engine ends it or the caller cancels. */
  streamMarketData (symbols: string[] = []): grpc.ClientReadableStream<MarketData__Output> {
    return this.#client.StreamMarketData({ symbols })
  }

  close (): void {
    this.#client.close()
  }

  // Pre-bound label children: label hashing at every call showed in profiles.
  #rpcDuration (method: string, outcome: string): { observe: (seconds: number) => void } {
    const key = `${method} ${outcome}`
    let child = this.#rpcDurations.get(key)
    if (child === undefined) this.#rpcDurations.set(key, child = this.#settings.metrics.engineRpcDuration.labels({ method, outcome }))
    return child
  }

  async #unary<Res> (method: string, deadlineMs: number, invoke: Invoke<Res>): Promise<Res> {
    const started = performance.now()
    return await new Promise<Res>((resolve, reject) => {
      invoke({ deadline: Date.now() + deadlineMs }, (err, res) => {
        const seconds = (performance.now() - started) / 1000
        this.#rpcDuration(method, err ? statusName(err.code) : 'OK').observe(seconds)
        if (err) {
          reject(toGatewayError(err, { method, deadlineMs, retryAfterS: this.#settings.retryAfterS }))
        } else if (res === undefined) {
          reject(new EngineFailedError(`${method} answered without a message`))
        } else {
          resolve(res)
        }
      })
    })
  }
}
