/**
 * The API gateway: REST + WebSocket in front of the core engine, which it knows
 * only through the gRPC contract. `startGateway()` is the public face; the CLI
 * (`mib gateway`) and the tests call it.
 */
import fastifyWebsocket, { type WebsocketPluginOptions } from '@fastify/websocket'
import type { FastifyInstance } from 'fastify'
import type { Server } from 'node:http'
import { createHttpServer, cutAllConnections, listen } from '../common/http-server.js'
import { createLogger, type Logger } from '../common/logger.js'
import { defaultProfiling, mountProfiling, type ProfilingHandle, type ProfilingOptions } from '../common/profiling/index.js'
import type { RunningService } from '../common/service.js'
import { guardUpgrades } from '../common/upgrade-guard.js'
import { parseGatewayOptions, type GatewayOptions, type GatewayOptionsInput } from './config.js'
import type { EngineClient } from './engine-client/client.js'
import type { StreamDemand } from './engine-client/market-stream.js'
import { assembleGateway } from './assemble.js'
import { loadShedding } from './load-shedding.js'
import { GatewayMetrics } from './metrics.js'
import { registerRoutes } from './routes/index.js'
import { CLOSE_CODES, type MarketDataHub } from './ws/hub.js'
import { MARKET_DATA_WS_PATH, registerMarketDataSocket } from './ws/market-data-socket.js'

export { gatewayOptionsSchema, parseGatewayOptions } from './config.js'
export { GATEWAY_OPTIONS, gatewayOptionsFromCli, gatewayOptionsFromEnv } from './cli-options.js'
export type { GatewayOptions, GatewayOptionsInput } from './config.js'

export interface RunningGateway extends RunningService {
  /** `http`: base URL of the REST API; `ws`: URL of the market-data socket. */
  urls: { http: string, ws: string, [name: string]: string }
  /** The options in effect, defaults applied. */
  options: GatewayOptions
  /** Profiling URLs (empty when profiling is off). */
  profilingUrls: string[]
  logger: Logger
}

export async function startGateway (input: GatewayOptionsInput = {}): Promise<RunningGateway> {
  const options = parseGatewayOptions(input)
  const logger = createLogger({ name: 'gateway', env: options.env, level: options.logLevel })
  const metrics = new GatewayMetrics()
  const app = createHttpServer({
    logger,
    metrics,
    bodyLimitBytes: options.bodyLimitBytes,
    requestTimeoutMs: options.requestTimeoutMs,
    keepAliveTimeoutMs: options.keepAliveTimeoutMs,
    maxHeaderBytes: options.maxHeaderBytes,
    retryAfterS: options.retryAfterS,
    loadShedding: loadShedding(options)
  })
  const { ctx, hub, demand } = assembleGateway(options, logger, metrics)
  const { engine } = ctx

  // The API speaks JSON only: a text/plain body is a 415, not a string that fails the schema.
  app.removeContentTypeParser('text/plain')

  let profiling: ProfilingHandle | undefined
  try {
    registerRoutes(app, ctx)
    // Encapsulated: @fastify/websocket wraps the handler of every route in its scope, so only the socket route pays for it.
    const upgrades = guardUpgrades(app, { websocketPaths: new Set([MARKET_DATA_WS_PATH]), requestTimeoutMs: options.requestTimeoutMs, retryAfterS: options.retryAfterS })
    await app.register(async (scope) => {
      await registerWebSocket(scope, hub, options, upgrades)
      registerMarketDataSocket(scope, { hub, metrics, logger, maxConnections: options.wsMaxConnections, maxSymbolsPerSocket: options.wsMaxSymbolsPerSocket })
    })
    profiling = await mountProfiling(app, profilingOptions(options), { service: 'gateway', logger, host: options.host })
    const http = await listen(app, options.host, options.port)
    hub.startHeartbeat(options.wsHeartbeatIntervalMs)
    logger.info({ url: http, engine: options.engineUrl, env: options.env }, 'gateway listening')
    const running = profiling
    return {
      name: 'gateway',
      urls: { http, ws: `${http.replace(/^http/, 'ws')}${MARKET_DATA_WS_PATH}` },
      options,
      profilingUrls: running.urls,
      logger,
      close: once(async () => { await shutdown({ app, hub, demand, engine, profiling: running, logger, timeoutMs: options.shutdownTimeoutMs }) })
    }
  } catch (err) {
    demand.close()
    engine.close()
    await profiling?.close()
    await app.close()
    throw err
  }
}

function profilingOptions (options: GatewayOptions): ProfilingOptions {
  if (typeof options.profiling === 'object') return options.profiling
  return defaultProfiling(options.env, 'gateway', options.profiling)
}

/** `upgrades`: the guard's inlet, which passes on only valid handshakes to the socket route (common/upgrade-guard.ts). */
async function registerWebSocket (app: FastifyInstance, hub: MarketDataHub, options: GatewayOptions, upgrades: Server): Promise<void> {
  // closeTimeout (ws ≥ 8.19) bounds the closing handshake; @types/ws does not know it yet.
  const serverOptions: WebsocketPluginOptions['options'] & { closeTimeout: number } = {
    server: upgrades,
    maxPayload: options.wsMaxMessageBytes,
    closeTimeout: options.wsCloseTimeoutMs,
    // Ticks are small and many: compression would cost CPU per socket and defeat serialize-once.
    perMessageDeflate: false
  }
  await app.register(fastifyWebsocket, {
    options: serverOptions,
    // Shutdown: tell every client we are going away (1001) instead of dropping them.
    preClose: (done) => {
      hub.stopHeartbeat()
      hub.closeAll(CLOSE_CODES.GOING_AWAY, 'server shutting down')
      done()
    }
  })
}

interface ShutdownParts {
  app: FastifyInstance
  hub: MarketDataHub
  demand: StreamDemand
  engine: EngineClient
  profiling: ProfilingHandle
  logger: Logger
  timeoutMs: number
}

/**
 * Graceful: stop accepting, close sockets with 1001, let in-flight requests
 * finish (their engine calls still work), then drop the engine stream and
 * channel. Past `timeoutMs` the remaining connections are cut.
 */
async function shutdown ({ app, hub, demand, engine, profiling, logger, timeoutMs }: ShutdownParts): Promise<void> {
  const timer = setTimeout(() => {
    logger.warn({ timeoutMs }, 'graceful shutdown timed out: cutting remaining connections')
    for (const session of hub.sessions()) session.ws.terminate()
    cutAllConnections(app)
  }, timeoutMs)
  timer.unref()
  try {
    await app.close()
  } finally {
    clearTimeout(timer)
    demand.close()
    engine.close()
    await profiling.close()
  }
}

function once (fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined
  return async () => { running ??= fn(); await running }
}
