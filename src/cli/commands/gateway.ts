import type { Command } from 'commander'
import type { GatewayFlags } from '../../services/gateway/cli-options.js'
import type { GatewayOptions } from '../../services/gateway/index.js'

type NumericOption = { [K in keyof GatewayOptions]-?: GatewayOptions[K] extends number ? K : never }[keyof GatewayOptions]

/** Numeric options exposed as `--kebab-case <n>` flags, with their help text (parsed by gatewayOptionsFromCli). */
const NUMERIC_FLAGS: Array<[NumericOption, string]> = [
  ['port', 'port to bind, 0 = any free (env GATEWAY_PORT; default 8080)'],
  ['bodyLimitBytes', 'largest request body, else 413 (env GATEWAY_BODY_LIMIT_BYTES; default 1048576)'],
  ['requestTimeoutMs', 'whole-request timeout (env GATEWAY_REQUEST_TIMEOUT_MS; default 30000)'],
  ['keepAliveTimeoutMs', 'idle keep-alive timeout (env GATEWAY_KEEP_ALIVE_TIMEOUT_MS; default 65000)'],
  ['maxHeaderBytes', 'largest request header block (env GATEWAY_MAX_HEADER_BYTES; default 16384)'],
  ['shutdownTimeoutMs', 'graceful shutdown bound (env GATEWAY_SHUTDOWN_TIMEOUT_MS; default 10000)'],
  ['maxInFlight', 'requests in progress before new ones are shed with 503, 0 = unbounded (env GATEWAY_MAX_IN_FLIGHT; default 512)'],
  ['maxInFlightFetches', 'requests in progress per fetch route before shedding, 0 = unbounded (env GATEWAY_MAX_IN_FLIGHT_FETCHES; default 256)'],
  ['maxEventLoopDelayMs', 'mean event-loop delay above which requests are shed, 0 = off (env GATEWAY_MAX_EVENT_LOOP_DELAY_MS; default 100)'],
  ['eventLoopSampleIntervalMs', 'window of that mean (default 250)'],
  ['fetchDeadlineMs', 'deadline of engine fetch/connect RPCs (env GATEWAY_FETCH_DEADLINE_MS; default 5000)'],
  ['readDeadlineMs', 'deadline of engine buffer/stats/health RPCs (env GATEWAY_READ_DEADLINE_MS; default 1000)'],
  ['healthCacheTtlMs', 'how long one engine HealthCheck answers /api/v1/health (env GATEWAY_HEALTH_CACHE_TTL_MS; default 1000)'],
  ['readCacheTtlMs', 'how long buffer/stats answers and already-connected connect answers are reused, 0 = ask the engine every time (env GATEWAY_READ_CACHE_TTL_MS; default 100)'],
  ['retryAfterS', 'Retry-After seconds when the engine is unavailable (default 1)'],
  ['maxSymbolsPerRequest', 'symbols per market-data fetch (default 50)'],
  ['maxKeywordsPerRequest', 'keywords per news request (default 20)'],
  ['maxBufferLimit', 'largest ?limit= of buffer reads (default 1000)'],
  ['wsMaxConnections', 'concurrent WebSocket clients (env GATEWAY_WS_MAX_CONNECTIONS; default 10000)'],
  ['wsMaxSymbolsPerSocket', 'subscriptions per socket (default 100)'],
  ['wsMaxMessageBytes', 'largest client frame, else close 1009 (default 4096)'],
  ['wsMaxBufferedBytes', 'per-socket send backlog before a slow consumer is closed with 1013 (env GATEWAY_WS_MAX_BUFFERED_BYTES; default 1048576)'],
  ['wsHeartbeatIntervalMs', 'WebSocket ping interval; no pong by the next ping = terminated (env GATEWAY_WS_HEARTBEAT_INTERVAL_MS; default 30000)']
]

const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)

export function registerGateway (program: Command): void {
  const command = program.command('gateway')
    .description('Run the API gateway (REST + WebSocket in front of the engine)')
    .option('--host <host>', 'address to bind (env GATEWAY_HOST; default 127.0.0.1)')
    .option('--engine-url <host:port>', 'the engine\'s gRPC address (env ENGINE_GRPC_URL; default 127.0.0.1:50051)')
    .option('--env <env>', 'development | production (env MIB_ENV, NODE_ENV; default development)')
    .option('--profiling', 'production: expose /debug/pprof on the token-protected loopback admin listener')
    .option('--log-level <level>', 'fatal | error | warn | info | debug | trace | silent (env LOG_LEVEL)')
    .option('--no-coalesce-reads', 'concurrent identical buffer/stats reads no longer share one engine RPC')
  for (const [key, help] of NUMERIC_FLAGS) command.option(`--${kebab(key)} <n>`, help)
  command.action(async (flags: GatewayFlags) => {
    // Loaded on use: other subcommands do not pay for the gateway's modules.
    const [{ gatewayOptionsFromCli }, { startGateway }, { closeOnSignals }] = await Promise.all([
      import('../../services/gateway/cli-options.js'), import('../../services/gateway/index.js'), import('../../services/common/shutdown.js')])
    const gateway = await startGateway(gatewayOptionsFromCli(flags))
    closeOnSignals(gateway.close, gateway.logger, gateway.options.shutdownTimeoutMs + 5_000)
  })
}
