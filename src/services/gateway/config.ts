/**
 * The gateway's options: one strict schema with defaults (units in the names),
 * validated once at the edge by `parseGatewayOptions`. Every option can also be
 * set from the environment (see `GATEWAY_ENV_VARS`); flags beat env, env beats defaults.
 */
import { z } from 'zod'
import { parseOptions, envNumber } from '../../options.js'
import { DEFAULT_HOST, DEFAULT_PORTS } from '../common/defaults.js'
import { profilingSchema } from '../common/profiling/index.js'

const KIB = 1024
const MIB = 1024 * KIB

const int = (min: number, max: number): z.ZodNumber => z.number().int().min(min).max(max)

export const environments = ['development', 'production', 'test'] as const
export type GatewayEnvironment = typeof environments[number]

/** `host:port` of the engine's gRPC listener (IPv6 hosts in brackets). */
const engineUrlSchema = z.string().regex(/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, 'must be host:port, e.g. 127.0.0.1:50051')

export const gatewayOptionsSchema = z.object({
  host: z.string().min(1).default(DEFAULT_HOST),
  port: int(0, 65535).default(DEFAULT_PORTS.gateway),
  engineUrl: engineUrlSchema.default(`${DEFAULT_HOST}:${DEFAULT_PORTS.engineGrpc}`),
  env: z.enum(environments).default('development'),
  /** `true`/`false` picks the environment's default profiling setup; an object sets it fully. */
  profiling: z.union([z.boolean(), profilingSchema]).default(false),
  logLevel: z.string().optional(),
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

  // Request bounds.
  maxSymbolsPerRequest: int(1, 1000).default(50),
  maxKeywordsPerRequest: int(1, 100).default(20),
  maxBufferLimit: int(1, 100_000).default(1000),
  defaultMarketDataLimit: int(1, 100_000).default(100),
  defaultNewsLimit: int(1, 100_000).default(20),
  maxHoursBack: int(1, 24 * 365).default(720),

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
}).strict().superRefine((o, ctx) => {
  if (o.reconnectInitialMs > o.reconnectMaxMs) {
    ctx.addIssue({ code: 'custom', path: ['reconnectInitialMs'], message: `must not exceed reconnectMaxMs (${o.reconnectMaxMs})` })
  }
  for (const key of ['defaultMarketDataLimit', 'defaultNewsLimit'] as const) {
    if (o[key] > o.maxBufferLimit) ctx.addIssue({ code: 'custom', path: [key], message: `must not exceed maxBufferLimit (${o.maxBufferLimit})` })
  }
})

export type GatewayOptionsInput = z.input<typeof gatewayOptionsSchema>
export type GatewayOptions = z.output<typeof gatewayOptionsSchema>

export function parseGatewayOptions (input: unknown = {}): GatewayOptions {
  return parseOptions(gatewayOptionsSchema, input, 'gateway options')
}

type NumericKey = { [K in keyof GatewayOptions]-?: GatewayOptions[K] extends number ? K : never }[keyof GatewayOptions]

/** Numeric options settable from the environment, by variable name. */
export const GATEWAY_ENV_VARS: Record<string, NumericKey> = {
  GATEWAY_PORT: 'port',
  GATEWAY_BODY_LIMIT_BYTES: 'bodyLimitBytes',
  GATEWAY_REQUEST_TIMEOUT_MS: 'requestTimeoutMs',
  GATEWAY_KEEP_ALIVE_TIMEOUT_MS: 'keepAliveTimeoutMs',
  GATEWAY_MAX_HEADER_BYTES: 'maxHeaderBytes',
  GATEWAY_SHUTDOWN_TIMEOUT_MS: 'shutdownTimeoutMs',
  GATEWAY_MAX_IN_FLIGHT: 'maxInFlight',
  GATEWAY_MAX_IN_FLIGHT_FETCHES: 'maxInFlightFetches',
  GATEWAY_MAX_EVENT_LOOP_DELAY_MS: 'maxEventLoopDelayMs',
  GATEWAY_FETCH_DEADLINE_MS: 'fetchDeadlineMs',
  GATEWAY_READ_DEADLINE_MS: 'readDeadlineMs',
  GATEWAY_HEALTH_CACHE_TTL_MS: 'healthCacheTtlMs',
  GATEWAY_READ_CACHE_TTL_MS: 'readCacheTtlMs',
  GATEWAY_WS_MAX_CONNECTIONS: 'wsMaxConnections',
  GATEWAY_WS_MAX_BUFFERED_BYTES: 'wsMaxBufferedBytes',
  GATEWAY_WS_HEARTBEAT_INTERVAL_MS: 'wsHeartbeatIntervalMs'
}

/** MIB_ENV wins over NODE_ENV; anything but production/test means development. */
export function environmentFrom (env: NodeJS.ProcessEnv): GatewayEnvironment {
  const raw = env.MIB_ENV ?? env.NODE_ENV
  return raw === 'production' || raw === 'test' ? raw : 'development'
}

/** The options the environment sets (unset variables are left out so defaults apply). */
export function gatewayOptionsFromEnv (env: NodeJS.ProcessEnv = process.env): GatewayOptionsInput {
  const out: Record<string, unknown> = { env: environmentFrom(env) }
  if (env.GATEWAY_HOST) out.host = env.GATEWAY_HOST
  if (env.ENGINE_GRPC_URL) out.engineUrl = env.ENGINE_GRPC_URL
  if (env.LOG_LEVEL) out.logLevel = env.LOG_LEVEL
  if (env.MIB_OPERATOR_TOKEN) out.operatorToken = env.MIB_OPERATOR_TOKEN
  for (const [name, key] of Object.entries(GATEWAY_ENV_VARS)) {
    const value = envNumber(env, name)
    if (value !== undefined) out[key] = value
  }
  return out as GatewayOptionsInput
}
