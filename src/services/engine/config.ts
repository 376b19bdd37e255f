/**
 * The engine's options: one strict schema with defaults (units in the names),
 * validated once by `parseEngineOptions`. Which of them have a flag or an
 * environment variable is said by the option table (cli-options.ts).
 */
import { z } from 'zod'
import { parseOptions } from '../../options.js'
import { DEFAULT_HOST, DEFAULT_PORTS, DEFAULT_SYMBOLS } from '../common/defaults.js'
import { API_KEY_PATTERN, API_KEY_RULE, environmentSchema, logLevelSchema, NEWS_API_LIMITS, STREAM_LIMITS, SYMBOL_PATTERN } from '../common/domain/index.js'
import { profilingSchema } from '../common/profiling/options.js'

const port = z.number().int().min(0).max(65535)
const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' })
const wsUrl = z.url({ protocol: /^wss?$/, error: 'expected a ws(s) URL' })

/** Per-attempt HTTP settings shared by the HTTP sources. */
const httpSchema = z.strictObject({
  /** Whole-attempt timeout (headers and body), ms. A timeout is not retried: it already spent the budget. */
  timeoutMs: z.number().int().min(10).max(120_000).default(2_000),
  /** TCP connect timeout, ms. */
  connectTimeoutMs: z.number().int().min(10).max(60_000).default(1_000),
  /** Keep-alive sockets per upstream origin (undici Pool size). */
  connectionsPerOrigin: z.number().int().min(1).max(1024).default(32),
  /** How long an idle keep-alive socket is kept, ms. */
  keepAliveTimeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /** Upstream bodies larger than this are refused (memory bound), bytes. */
  maxResponseBytes: z.number().int().min(1024).max(64 * 1024 * 1024).default(4 * 1024 * 1024)
})

/** Retries of idempotent GETs on connect errors, 429 and 5xx. */
const retrySchema = z.strictObject({
  /** Attempts in total, the first included (1 disables retries). */
  maxAttempts: z.number().int().min(1).max(10).default(3),
  /** Backoff before retry n is random(0, min(maxDelayMs, baseDelayMs * 2^n)) ("full jitter"), ms. */
  baseDelayMs: z.number().int().min(0).max(60_000).default(50),
  maxDelayMs: z.number().int().min(0).max(60_000).default(1_000),
  /** A 429 whose Retry-After exceeds this is not retried (the caller gets 503 with the hint), ms. */
  retryAfterCapMs: z.number().int().min(0).max(600_000).default(2_000)
})

/** Circuit breaker per HTTP source. */
const breakerSchema = z.strictObject({
  /** Opens after this many consecutive failures. */
  consecutiveFailures: z.number().int().min(1).max(1000).default(5),
  /** ...or when this share of the calls in the window failed (with at least `minimumCalls`). */
  failureRatio: z.number().gt(0).max(1).default(0.5),
  minimumCalls: z.number().int().min(1).max(100_000).default(20),
  /** Rolling window of the failure ratio, ms. */
  windowMs: z.number().int().min(100).max(600_000).default(10_000),
  /**
   * How long the circuit stays open before letting a probe through, ms. 1 s: one trial call a
   * second costs a dead provider nothing, while every fetch and connect failed fast for up to
   * 5 s after the provider was back with 5 s (the chaos run's "provider errors": not recovered
   * within its window).
   */
  openMs: z.number().int().min(10).max(600_000).default(1_000),
  /** Concurrent trial calls in half_open. */
  halfOpenProbes: z.number().int().min(1).max(100).default(1)
})

const reconnectSchema = z.strictObject({
  /** First reconnect delay, doubled per failed attempt up to maxDelayMs (with jitter), ms. */
  baseDelayMs: z.number().int().min(10).max(60_000).default(250),
  maxDelayMs: z.number().int().min(10).max(600_000).default(10_000)
})

export const engineOptionsSchema = z.strictObject({
  host: z.string().min(1).default(DEFAULT_HOST),
  grpcPort: port.default(DEFAULT_PORTS.engineGrpc),
  adminPort: port.default(DEFAULT_PORTS.engineAdmin),
  env: environmentSchema.default('development'),
  /** pino level; default per env (see common/logger.ts). */
  logLevel: logLevelSchema.optional(),
  /** The provider simulator; the default base of every source below. */
  providerUrl: httpUrl.default(`http://${DEFAULT_HOST}:${DEFAULT_PORTS.providerSim}`),
  yahooFinance: z.strictObject({
    enabled: z.boolean().default(true),
    /** Defaults to providerUrl. */
    baseUrl: httpUrl.optional()
  }).prefault({}),
  newsApi: z.strictObject({
    enabled: z.boolean().default(true),
    /** Defaults to providerUrl. */
    baseUrl: httpUrl.optional(),
    /** Sent as X-Api-Key. The simulator accepts any non-empty key. */
    apiKey: z.string().regex(new RegExp(API_KEY_PATTERN), `expected ${API_KEY_RULE}`).default('mib-development-key'),
    /** Articles asked per FetchNewsData (NewsAPI's pageSize). */
    pageSize: z.number().int().min(1).max(NEWS_API_LIMITS.maxPageSize).default(50)
  }).prefault({}),
  tickStream: z.strictObject({
    enabled: z.boolean().default(true),
    /** Defaults to providerUrl with ws:// and /v1/stream. */
    url: wsUrl.optional(),
    /** Symbols subscribed to; ["*"] means every symbol the provider streams. */
    symbols: z.array(z.union([z.literal('*'), z.string().regex(SYMBOL_PATTERN, 'expected a ticker such as AAPL')])).min(1).max(STREAM_LIMITS.maxSymbolsPerSubscribe).default([...DEFAULT_SYMBOLS]),
    /** Open + subscribe must complete within this, ms. */
    connectTimeoutMs: z.number().int().min(10).max(60_000).default(5_000),
    /** Ping interval; a connection without pong in one interval is dropped, ms. */
    heartbeatMs: z.number().int().min(100).max(600_000).default(15_000),
    reconnect: reconnectSchema.prefault({})
  }).prefault({}),
  /** Ticks kept per symbol (also reported as max_buffer_size). */
  bufferSize: z.number().int().min(1).max(1_000_000).default(1_000),
  /** Distinct symbols buffered; ticks of further symbols are dropped and counted (memory bound). */
  maxSymbols: z.number().int().min(1).max(100_000).default(500),
  /** News items kept (deduplicated by url). */
  newsBufferSize: z.number().int().min(1).max(1_000_000).default(10_000),
  /**
   * How long a fetched quote answers FetchMarketData without a new upstream call, ms; 0 disables.
   * 250 ms keeps 300 fetches/s of the same symbols at ~4 upstream calls/s while a quote is never
   * staler than a quarter second (the stream delivers fresher data anyway).
   */
  quoteCacheMs: z.number().int().min(0).max(60_000).default(250),
  /** How long a FetchNewsData answer (same keywords and hours_back) is reused, ms; 0 disables. */
  newsCacheMs: z.number().int().min(0).max(600_000).default(1_000),
  http: httpSchema.prefault({}),
  retry: retrySchema.prefault({}),
  breaker: breakerSchema.prefault({}),
  streaming: z.strictObject({
    /** Ticks queued per StreamMarketData subscriber while gRPC pushes back; the oldest are dropped beyond. */
    subscriberQueueSize: z.number().int().min(1).max(100_000).default(1_000),
    maxSubscribers: z.number().int().min(1).max(100_000).default(1_000)
  }).prefault({}),
  /** Sliding window of ticks_per_second / news_per_second, s. */
  rateWindowS: z.number().int().min(1).max(3_600).default(10),
  /** close(): graceful gRPC drain bound before forceShutdown, ms. */
  shutdownTimeoutMs: z.number().int().min(0).max(120_000).default(5_000),
  /** Defaults to defaultProfiling(env, 'engine', false). */
  profiling: profilingSchema.optional()
}).superRefine((options, ctx) => {
  if (options.retry.baseDelayMs > options.retry.maxDelayMs) {
    ctx.addIssue({ code: 'custom', path: ['retry', 'baseDelayMs'], message: 'must not exceed retry.maxDelayMs' })
  }
  if (options.tickStream.reconnect.baseDelayMs > options.tickStream.reconnect.maxDelayMs) {
    ctx.addIssue({ code: 'custom', path: ['tickStream', 'reconnect', 'baseDelayMs'], message: 'must not exceed tickStream.reconnect.maxDelayMs' })
  }
})

export type EngineOptionsInput = z.input<typeof engineOptionsSchema>
export type EngineOptions = z.output<typeof engineOptionsSchema>
export type HttpSettings = EngineOptions['http']
export type RetryPolicy = EngineOptions['retry']
export type BreakerSettings = EngineOptions['breaker']
export type TickStreamSettings = EngineOptions['tickStream']

export function parseEngineOptions (input: unknown): EngineOptions {
  return parseOptions(engineOptionsSchema, input ?? {}, 'engine options')
}

export const resolvedUrls = {
  yahooFinance: (options: EngineOptions): string => options.yahooFinance.baseUrl ?? options.providerUrl,
  newsApi: (options: EngineOptions): string => options.newsApi.baseUrl ?? options.providerUrl,
  tickStream: (options: EngineOptions): string => options.tickStream.url ?? streamUrlOf(options.providerUrl)
}

/** http://host:8090/prefix → ws://host:8090/prefix/v1/stream */
function streamUrlOf (providerUrl: string): string {
  const url = new URL(providerUrl)
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:'
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/stream`
  return url.toString()
}
