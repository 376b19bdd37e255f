/**
 * The gateway's option table: every flag and environment variable of
 * `mib gateway`, tied to its option in `gatewayOptionsSchema` (which holds the
 * bounds and defaults). Flags, env reading, error names, help and the docs'
 * table are derived from it (services/common/config). Flags beat env, env beats defaults.
 */
import { defineOptionTable, environmentRow, logLevelRow, optionsFromCli, profilingRow, readOptionInput, type CliFlags } from '../common/config/index.js'
import { REQUEST_LIMITS } from '../common/domain/index.js'
import { gatewayOptionsSchema, type GatewayOptions, type GatewayOptionsInput } from './config.js'

export type GatewayFlags = CliFlags

export const GATEWAY_OPTIONS = defineOptionTable({
  what: 'gateway options',
  schema: gatewayOptionsSchema,
  rows: [
    { key: 'host', flag: 'host', value: '<host>', env: 'GATEWAY_HOST', help: 'address to bind' },
    { key: 'port', flag: 'port', kind: 'number', env: 'GATEWAY_PORT', help: 'port to bind, 0 = any free' },
    { key: 'engineUrl', flag: 'engine-url', value: '<host:port>', env: 'ENGINE_GRPC_URL', help: 'the engine\'s gRPC listener' },
    environmentRow,
    { ...profilingRow, defaultText: 'off in production (admin port 6060)' },
    logLevelRow,
    { key: 'operatorToken', env: 'MIB_OPERATOR_TOKEN', help: 'bearer token for credential changes on /api/v1/data-sources/connect (without it they are refused); at least 16 characters', defaultText: 'none' },
    { key: 'bodyLimitBytes', flag: 'body-limit-bytes', kind: 'number', unit: 'bytes', env: 'GATEWAY_BODY_LIMIT_BYTES', help: 'largest request body; larger ones are 413' },
    { key: 'requestTimeoutMs', flag: 'request-timeout-ms', kind: 'number', unit: 'ms', env: 'GATEWAY_REQUEST_TIMEOUT_MS', help: 'whole-request bound (slowloris)' },
    { key: 'keepAliveTimeoutMs', flag: 'keep-alive-timeout-ms', kind: 'number', unit: 'ms', env: 'GATEWAY_KEEP_ALIVE_TIMEOUT_MS', help: 'idle keep-alive timeout (above common load balancers\' 60 s)' },
    { key: 'maxHeaderBytes', flag: 'max-header-bytes', kind: 'number', unit: 'bytes', env: 'GATEWAY_MAX_HEADER_BYTES', help: 'largest request header block; larger ones are 431' },
    { key: 'shutdownTimeoutMs', flag: 'shutdown-timeout-ms', kind: 'number', unit: 'ms', env: 'GATEWAY_SHUTDOWN_TIMEOUT_MS', help: 'graceful-drain bound, then connections are cut' },
    { key: 'maxInFlight', flag: 'max-in-flight', kind: 'number', env: 'GATEWAY_MAX_IN_FLIGHT', help: 'requests in progress before new ones are shed with 503; 0 = unbounded' },
    { key: 'maxInFlightFetches', flag: 'max-in-flight-fetches', kind: 'number', env: 'GATEWAY_MAX_IN_FLIGHT_FETCHES', help: 'requests in progress per fetch route (market-data, news) before shedding; 0 = unbounded' },
    { key: 'maxEventLoopDelayMs', flag: 'max-event-loop-delay-ms', kind: 'number', unit: 'ms', env: 'GATEWAY_MAX_EVENT_LOOP_DELAY_MS', help: 'mean event-loop delay over a window above which requests are shed; 0 = off' },
    { key: 'eventLoopSampleIntervalMs', flag: 'event-loop-sample-interval-ms', kind: 'number', unit: 'ms', help: 'that window' },
    { key: 'fetchDeadlineMs', flag: 'fetch-deadline-ms', kind: 'number', unit: 'ms', env: 'GATEWAY_FETCH_DEADLINE_MS', help: 'deadline of the FetchMarketData, FetchNewsData and ConnectDataSource RPCs' },
    { key: 'readDeadlineMs', flag: 'read-deadline-ms', kind: 'number', unit: 'ms', env: 'GATEWAY_READ_DEADLINE_MS', help: 'deadline of the buffer, stats and HealthCheck RPCs' },
    { key: 'healthCacheTtlMs', flag: 'health-cache-ttl-ms', kind: 'number', unit: 'ms', env: 'GATEWAY_HEALTH_CACHE_TTL_MS', help: 'how long one engine HealthCheck answers /api/v1/health' },
    { key: 'readCacheTtlMs', flag: 'read-cache-ttl-ms', kind: 'number', unit: 'ms', env: 'GATEWAY_READ_CACHE_TTL_MS', help: 'how long buffer/stats answers and already-connected connect answers are reused; 0 = ask the engine every time' },
    { key: 'retryAfterS', flag: 'retry-after-s', kind: 'number', unit: 's', help: 'Retry-After seconds when the engine is unavailable' },
    { key: 'coalesceReads', flag: 'coalesce-reads', kind: 'negatable', help: 'concurrent identical buffer/stats reads no longer share one engine RPC', defaultText: 'coalescing on' },
    { key: 'maxSymbolsPerRequest', flag: 'max-symbols-per-request', kind: 'number', help: `symbols per market-data fetch (at most the engine's ${REQUEST_LIMITS.maxSymbols})` },
    { key: 'maxKeywordsPerRequest', flag: 'max-keywords-per-request', kind: 'number', help: `keywords per news request (at most the engine's ${REQUEST_LIMITS.maxKeywords})` },
    { key: 'maxBufferLimit', flag: 'max-buffer-limit', kind: 'number', help: `largest ?limit= of buffer reads (at most the engine's ${REQUEST_LIMITS.maxLimit})` },
    { key: 'wsMaxConnections', flag: 'ws-max-connections', kind: 'number', env: 'GATEWAY_WS_MAX_CONNECTIONS', help: 'concurrent WebSocket clients; more are closed with 1013' },
    { key: 'wsMaxSymbolsPerSocket', flag: 'ws-max-symbols-per-socket', kind: 'number', help: 'subscriptions per socket' },
    { key: 'wsMaxMessageBytes', flag: 'ws-max-message-bytes', kind: 'number', unit: 'bytes', help: 'largest client frame; larger ones close the socket with 1009' },
    { key: 'wsMaxBufferedBytes', flag: 'ws-max-buffered-bytes', kind: 'number', unit: 'bytes', env: 'GATEWAY_WS_MAX_BUFFERED_BYTES', help: 'per-socket send backlog before a slow consumer is closed with 1013' },
    { key: 'wsHeartbeatIntervalMs', flag: 'ws-heartbeat-interval-ms', kind: 'number', unit: 'ms', env: 'GATEWAY_WS_HEARTBEAT_INTERVAL_MS', help: 'WebSocket ping interval; no pong by the next ping = terminated' },
    // Options of startGateway() only (no flag, no variable).
    { key: 'readCacheStaleMs', help: 'past its TTL a kept answer is still served this long while one refresh runs (stale-while-revalidate), ms' },
    { key: 'readCacheMaxBytes', help: 'memory bound of the kept answers (serialized JSON), bytes' },
    { key: 'reconnectInitialMs', help: 'first reconnect delay of the engine channel and of the StreamMarketData subscription, ms' },
    { key: 'reconnectMaxMs', help: 'cap of that delay, ms' },
    { key: 'streamIdleMs', help: 'the engine stream is closed this long after the last WebSocket subscription ends, ms' },
    { key: 'defaultMarketDataLimit', help: 'limit of a market-data buffer read without ?limit=' },
    { key: 'defaultNewsLimit', help: 'limit of a news buffer read without ?limit=' },
    { key: 'maxHoursBack', help: `largest hours_back of a news fetch (at most the engine's ${REQUEST_LIMITS.maxHoursBack})` },
    { key: 'wsCloseTimeoutMs', help: 'after close(), a WebSocket peer that does not complete the closing handshake is cut after this, ms' }
  ]
})

/** The options the environment sets (unset variables are left out so defaults apply). */
export function gatewayOptionsFromEnv (env: NodeJS.ProcessEnv = process.env): GatewayOptionsInput {
  return readOptionInput(GATEWAY_OPTIONS, {}, env) as GatewayOptionsInput
}

/** Validated gateway options from the environment with the flags on top; problems name the flag to fix. */
export function gatewayOptionsFromCli (flags: GatewayFlags, env: NodeJS.ProcessEnv = process.env): GatewayOptions {
  return optionsFromCli(GATEWAY_OPTIONS, flags, env)
}
