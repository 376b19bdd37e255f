/**
 * The gateway's options: one strict schema with defaults (units in the names),
 * validated once at the edge by `parseGatewayOptions`. Which of them have a flag
 * or an environment variable is said by the option table (cli-options.ts).
 */
import { z } from 'zod'
import { parseOptions } from '../../options.js'
import { DEFAULT_HOST, DEFAULT_PORTS } from '../common/defaults.js'
import { environmentSchema, logLevelSchema, REQUEST_LIMITS } from '../common/domain/index.js'
import { profilingSchema } from '../common/profiling/options.js'

const KIB = 1024
const MIB = 1024 * KIB

const int = (min: number, max: number): z.ZodNumber => z.number().int().min(min).max(max)

/** `host:port` of the engine's gRPC listener (IPv6 hosts in brackets). */
const engineUrlSchema = z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:50051')

export const gatewayOptionsSchema = z.object({
  host: z.string().min(1).default(DEFAULT_HOST),
  port: int(0, 65535).default(DEFAULT_PORTS.gateway),
  engineUrl: engineUrlSchema.default(`${DEFAULT_HOST}:${DEFAULT_PORTS.engineGrpc}`),
  env: environmentSchema.default('development'),
  /** `true`/`false` picks the environment's default profiling setup; an object sets it fully. */
  profiling: z.union([z.boolean(), profilingSchema]).default(false),
  logLevel: logLevelSchema.optional(),
  /** Bearer token for operator actions (replacing a source's credential); without it they are refused (403). */
  operatorToken: z.string().min(16, 'must be at least 16 characters').optional(),

  // HTTP server limits (createHttpServer).
  bodyLimitBytes: int(1, 64 * MIB).default(MIB),
  requestTimeoutMs: int(1, 10 * 60_000).default(30_000),
  keepAliveTimeoutMs: int(1, 10 * 60_000).default(65_000),
  maxHeaderBytes: int(KIB, MIB).default(16 * KIB),
  /** Graceful shutdown bound: after this, in-flight requests and sockets are cut. */
  shutdownTimeoutMs: int(1, 10 * 60_000).default(10_000),

  // Load shedding (common/load-shedder.ts): early 503 MIB_ERR_HTTP_OVERLOADED + Retry-After instead of queueing.
  /**
   * Requests in progress at once; 0 = unbounded. 512: on this 2-core box the gateway serves
   * ~1,500 req/s, so 512 waiting requests are already ~1/3 s of work (Little's law).
   */
  maxInFlight: int(0, 1_000_000).default(512),
  /**
   * Requests in progress per fetch route (market-data, news), which wait on the upstream
   * through the engine; 0 = unbounded. 256: at the seed's peak a fetch route carries ~560 req/s,
   * most answered from kept answers in ~2 ms, but a GC or profiler pause lifts p99 to ~250 ms,
   * i.e. ~140 in flight (Little's law); 64 shed 1.2% of a healthy peak. A stuck provider still
   * fills 256 slots in under half a second, and the rest is shed, never queued for seconds.
   */
  maxInFlightFetches: int(0, 100_000).default(256),
  /** Mean event-loop delay (ms) over a window above which new requests are shed; 0 = off. */
  maxEventLoopDelayMs: int(0, 60_000).default(100),
  /** That window, ms. */
  eventLoopSampleIntervalMs: int(10, 10_000).default(250),

  // Engine RPCs: every call has a deadline.
  fetchDeadlineMs: int(1, 10 * 60_000).default(5_000),
  readDeadlineMs: int(1, 10 * 60_000).default(1_000),
  /** How long one HealthCheck RPC result answers /api/v1/health. */
  healthCacheTtlMs: int(0, 60_000).default(1_000),
  /** Retry-After (seconds) sent with 503 when the engine is unavailable. */
  retryAfterS: int(1, 3600).default(1),
  /** Concurrent identical buffer/stats reads share one engine RPC. */
  coalesceReads: z.boolean().default(true),
  /** Buffer/stats answers (micro-cache) and already-connected connect answers are reused this long; 0 = every request asks the engine. */
  readCacheTtlMs: int(0, 60_000).default(100),
  /** Past its TTL an answer is still served this long while one refresh runs (stale-while-revalidate). */
  readCacheStaleMs: int(0, 60_000).default(1_000),
  /** Memory bound of that cache (serialized JSON). */
  readCacheMaxBytes: int(0, 1024 * MIB).default(16 * MIB),
  /** Reconnect backoff of the channel and of the StreamMarketData subscription. */
  reconnectInitialMs: int(1, 60_000).default(100),
  reconnectMaxMs: int(1, 10 * 60_000).default(2_000),
  /** The engine stream is closed this long after the last WebSocket subscription ends (opened again on the next). */
  streamIdleMs: int(0, 24 * 3600_000).default(30_000),

  // Request bounds: never above the engine's (the contract's), so the gateway never passes on a request the engine refuses.
  maxSymbolsPerRequest: int(1, REQUEST_LIMITS.maxSymbols).default(50),
  maxKeywordsPerRequest: int(1, REQUEST_LIMITS.maxKeywords).default(REQUEST_LIMITS.maxKeywords),
  maxBufferLimit: int(1, REQUEST_LIMITS.maxLimit).default(REQUEST_LIMITS.maxLimit),
  defaultMarketDataLimit: int(1, REQUEST_LIMITS.maxLimit).default(100),
  defaultNewsLimit: int(1, REQUEST_LIMITS.maxLimit).default(20),
  maxHoursBack: int(1, REQUEST_LIMITS.maxHoursBack).default(REQUEST_LIMITS.maxHoursBack),

  // WebSocket bounds.
  wsMaxConnections: int(1, 1_000_000).default(10_000),
  wsMaxSymbolsPerSocket: int(1, 10_000).default(100),
  /** Largest client → server frame; larger ones close the socket with 1009. */
  wsMaxMessageBytes: int(64, MIB).default(4 * KIB),
  /** Per-socket send backlog; a socket above it is a slow consumer and is closed with 1013. */
  wsMaxBufferedBytes: int(KIB, 256 * MIB).default(MIB),
  wsHeartbeatIntervalMs: int(100, 10 * 60_000).default(30_000),
  /** After close(), a peer that does not complete the closing handshake is cut after this. */
  wsCloseTimeoutMs: int(10, 60_000).default(5_000)
}).strict().superRefine((options, ctx) => {
  if (options.reconnectInitialMs > options.reconnectMaxMs) {
    ctx.addIssue({ code: 'custom', path: ['reconnectInitialMs'], message: `must not exceed reconnectMaxMs (${options.reconnectMaxMs})` })
  }
  for (const key of ['defaultMarketDataLimit', 'defaultNewsLimit'] as const) {
    if (options[key] > options.maxBufferLimit) ctx.addIssue({ code: 'custom', path: [key], message: `must not exceed maxBufferLimit (${options.maxBufferLimit})` })
  }
})

export type GatewayOptionsInput = z.input<typeof gatewayOptionsSchema>
export type GatewayOptions = z.output<typeof gatewayOptionsSchema>

export function parseGatewayOptions (input: unknown = {}): GatewayOptions {
  return parseOptions(gatewayOptionsSchema, input, 'gateway options')
}
